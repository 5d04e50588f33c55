// The message pipeline (DESIGN.md §2 steps 2–6), batched per tick: every run
// of uplink messages gathered during a tick is validated, given msg_ids and
// seqs, made durable and acknowledged together — one directory lookup per
// group, one seq-allocation call, one queue publish and one dedup commit per
// tick, not per message. This file makes the backend calls in their order;
// the rules are pure (validate.ts, batch.ts), the timing is lanes.ts's.
import type { Logger } from '../log.js';
import type { Metrics, PipelineStage } from '../metrics/metrics.js';
import type { UplinkDedupStore } from '../dedup/uplink-dedup.js';
import { OwnershipLost, type Run } from './run.js';
import type { PersistQueue } from '../queue/persist-queue.js';
import type { SeqAllocator } from '../seq/seq-allocator.js';
import type { MessageStore } from '../store/message-store.js';
import { allocatedRows, buildBatch, commitsOf, pendingMarks, seqDemand } from './batch.js';
import { ChatError, Code, UnavailableError } from '../errors.js';
import type { Directory } from '../directory/directory.js';
import { LaneScheduler } from './lanes.js';
import type { MsgIdAllocator } from './msg-ids.js';
import type { AcceptedListener, EncodedPush, Fanout, LocalPushSink, PushMessage, UplinkOutcome } from './types.js';
import { acceptMessages, checkFields, type DirectoryAnswers, type FieldCheck } from './validate.js';
import { isRecall, recallCodes } from './recall.js';
import { RecentMessages } from './recent-messages.js';
import type { MessageMeta } from '../store/types.js';

export { SessionType } from './validate.js';
export { BULK_GROUP_MEMBERS } from './lanes.js';
export type { Run };

/** Pushes to devices on other workers or nodes (cluster transport); absent on a single process. */
export interface RemotePush {
  /** Delivers the messages to their recipients' devices on other workers and nodes. Failures are the transport's to count: the messages are already durable. */
  pushRemote(fanouts: Fanout[]): void;
}

export interface PipelineOptions {
  directory: Directory;
  seqs: SeqAllocator;
  msgIds: MsgIdAllocator;
  queue: PersistQueue;
  store: MessageStore;
  dedup: UplinkDedupStore;
  local: LocalPushSink;
  /** encodes a message once for all its recipients (the gateway's codec) */
  encodePush: (m: Omit<PushMessage, 'seq'>) => EncodedPush;
  remote?: RemotePush;
  /** told of each tick's messages once ACKed (the delivery ledger) */
  ledger?: AcceptedListener;
  maxContentBytes: number;
  /** recall_window, ms (default 120 000): how long after its send_time a message may be recalled */
  recallWindowMs?: number;
  /**
   * Envelopes of recently accepted messages, where recalls look first (the
   * store is written behind); default: one of the pipeline's own. The
   * worker also notes in it what other workers push to a sender's devices.
   */
  recent?: RecentMessages;
  /** ms to gather runs before a tick (0 = next turn of the event loop) */
  tickMs: number;
  logger: Logger;
  metrics?: Metrics;
  now?: () => number;
}

export class MessagePipeline {
  private readonly lanes: LaneScheduler;
  private readonly now: () => number;
  private readonly recallWindowMs: number;
  readonly recent: RecentMessages;

  constructor(private readonly o: PipelineOptions) {
    this.now = o.now ?? Date.now;
    this.recallWindowMs = o.recallWindowMs ?? 120_000;
    this.recent = o.recent ?? new RecentMessages({ windowMs: this.recallWindowMs, now: this.now });
    this.lanes = new LaneScheduler({
      tick: (runs) => this.tick(runs),
      onError: (err) => this.o.logger.error({ err }, 'pipeline tick failed'),
      tickMs: o.tickMs,
    });
  }

  /** uplink messages waiting for a tick */
  get waiting(): number {
    return this.lanes.waiting;
  }

  enqueue(run: Run): void {
    if (this.lanes.isClosed) {
      run.done(new UnavailableError('server shutting down'));
      return;
    }
    this.lanes.enqueue(run);
  }

  /** Stops taking runs, processes what is waiting, waits for ticks in flight. */
  drain(): Promise<void> {
    return this.lanes.drain();
  }

  private async tick(runs: Run[]): Promise<void> {
    const m = this.o.metrics;
    let t0 = performance.now();
    const stage = (name: PipelineStage) => {
      if (!m) return;
      const t = performance.now();
      m.observeStage(name, t - t0);
      t0 = t;
    };
    const check = checkFields(runs, this.o.maxContentBytes);
    let outcomes = check.outcomes;
    // Directory and recalled originals side by side: one round trip.
    const [dir, originals] = await Promise.allSettled([this.lookup(check), this.findOriginals(check.recalls)]);
    if (dir.status === 'rejected') return this.failAll(runs, dir.reason);
    if (originals.status === 'rejected') {
      // Only the runs holding a recall wait for the message store (code 7,
      // retransmitted); the others go on.
      const waits = runs.map((r, i) => r.entries.some((e, j) => !outcomes[i]![j] && isRecall(e.msg)));
      const failed = runs.filter((_, i) => waits[i]);
      this.failAll(failed, new UnavailableError('message store', originals.reason));
      for (const r of failed) for (const e of r.entries) if (isRecall(e.msg)) this.o.metrics?.markRecall(Code.UNAVAILABLE);
      runs = runs.filter((_, i) => !waits[i]);
      outcomes = outcomes.filter((_, i) => !waits[i]);
      if (!runs.length) return;
    }
    const answers = dir.value;
    this.lanes.noteGroups(answers.members);
    const recalled = originals.status === 'fulfilled' ? originals.value : new Map<number, MessageMeta>();
    const accepted = acceptMessages(runs, outcomes, answers, { originals: recalled, now: this.now(), windowMs: this.recallWindowMs });
    stage('validate');

    /** runs whose dedup ownership was gone when marked: nothing of them happens here */
    const moved = new Set<number>();
    let ids: number[] = [];
    let lasts: number[] = [];
    const demand = seqDemand(accepted);
    if (accepted.length > 0) {
      // Pending marks before anything can become durable: a crash between the
      // publish and the dedup commit must not let a retransmit be taken for
      // new. Each mark applies only for the device's current owner.
      const { runIndexes, marks } = pendingMarks(accepted);
      // Marks and allocation are independent: one round trip for both.
      const [marked, allocated] = await Promise.allSettled([
        this.o.dedup.markPending(marks),
        (async () => {
          const ids = await this.o.msgIds.take(accepted.length);
          const lasts = await this.o.seqs.allocate(demand.users, demand.counts);
          return { ids, lasts };
        })(),
      ]);
      if (allocated.status === 'rejected') return this.failAll(runs, allocated.reason);
      ({ ids, lasts } = allocated.value);
      if (marked.status === 'rejected') {
        // The seqs were handed out but no message will take them: tombstones
        // let sync pass over them at once (I5).
        const unused = allocatedRows(demand, lasts);
        await this.abandon(unused.userIds, unused.seqs, []);
        return this.failAll(runs, marked.reason);
      }
      runIndexes.forEach((i, k) => {
        if (!marked.value[k]) moved.add(i);
      });
      stage('reserve');
    }
    const built = buildBatch({ runs, accepted, msgIds: ids, demand, lasts, moved, sendTime: this.now(), encodePush: this.o.encodePush }, outcomes);
    if (built.unused.userIds.length) await this.abandon(built.unused.userIds, built.unused.seqs, []);
    const batch = built.batch;
    if (batch) {
      try {
        await this.o.queue.publish(batch);
      } catch (err) {
        // Not durable as far as we know (the broker may still hold a copy).
        // Record the abandonment before answering code 7: sync passes over
        // the seqs at once (I5), and a late copy can never take the
        // (sender, device, client_id) the retransmit needs (I1, I2).
        if (batch.messages.length) await this.abandon(batch.userIds, batch.seqs, batch.messages.map((x) => x.msgId));
        return this.failAll(runs, err);
      }
      stage('publish');
    }

    // Durable (or rejected): record the outcomes, then answer. A commit
    // applies only for the device's current owner: a run whose device moved
    // meanwhile is neither answered as accepted nor pushed.
    const { live, commits } = commitsOf(runs, outcomes, moved);
    // The answer waits for the commit: a client_id is consumed (ACKed) only
    // once the dedup state says so, so an ACKed client_id is never pending.
    let committed: boolean[];
    try {
      committed = await this.o.dedup.commit(commits);
    } catch (err) {
      // Unknown whether it applied: as a lost ownership (code 7, reload).
      this.o.logger.warn({ err }, 'uplink dedup commit failed; the devices reload their state');
      committed = commits.map(() => false);
    }
    stage('commit');
    const lost = new Set<number>();
    committed.forEach((ok, k) => {
      if (!ok) lost.add(live[k]!);
    });
    if (moved.size || lost.size) {
      const devices = (set: Set<number>) => [...set].slice(0, 5).map((i) => `${runs[i]!.userId}/${runs[i]!.deviceId}`);
      this.o.logger.info({ beforePublish: devices(moved), afterPublish: devices(lost), runs: moved.size + lost.size }, 'uplink runs whose device changed owner (moved to another worker or node, or Redis lost its state): routed again / answered code 7');
    }
    if (m) {
      m.observeTick(runs.reduce((a, r) => a + r.entries.length, 0));
      m.markOwnershipLost('mark', moved.size);
      m.markOwnershipLost('commit', lost.size);
      for (const a of accepted) if (!moved.has(a.runIndex) && !lost.has(a.runIndex)) m.markMessageIn(a.msg.sessionType);
      outcomes.forEach((list, i) => {
        if (moved.has(i) || lost.has(i)) return;
        for (const o of list) if (o && 'code' in o) m.markUplinkRejected(o.code);
      });
      for (const code of recallCodes(runs, outcomes, (i) => !moved.has(i) && !lost.has(i))) m.markRecall(code);
    }
    // Before the pushes: a device that learns a msg_id from one may recall it at once.
    built.batch?.messages.forEach((sm, k) => {
      if (!lost.has(built.fanoutRuns[k]!)) this.recent.note({ msgId: sm.msgId, senderId: sm.senderId, sessionType: sm.sessionType, receiverId: sm.receiverId, messageType: sm.messageType, sendTime: sm.sendTime });
    });
    runs.forEach((r, i) => r.done(moved.has(i) ? new OwnershipLost(false) : lost.has(i) ? new OwnershipLost(true) : (outcomes[i] as UplinkOutcome[])));
    const acked = lost.size ? built.fanouts.filter((_, k) => !lost.has(built.fanoutRuns[k]!)) : built.fanouts;
    this.o.ledger?.accepted(acked);
    this.push(acked, built.fanouts.length > 0);
  }

  /** The directory's answers to what checkFields left to look up. */
  private async lookup(check: FieldCheck): Promise<DirectoryAnswers> {
    const [existing, memberLists] = await Promise.all([
      check.users.length ? this.o.directory.existingUsers(check.users) : Promise.resolve(new Set<number>()),
      Promise.all(check.groups.map((g) => this.o.directory.groupMembers(g))),
    ]).catch((err) => {
      throw new UnavailableError('directory', err);
    });
    return { existing, members: new Map(check.groups.map((g, k) => [g, memberLists[k]!])) };
  }

  /**
   * The envelopes of the messages recalls name: from RecentMessages, the
   * rest from the message store in one call. An id found in neither is
   * absent (code 4, final): persistence is written behind, so a message
   * accepted by another node moments ago can be in neither — see
   * recent-messages.ts for when that can happen.
   */
  private async findOriginals(ids: readonly number[]): Promise<Map<number, MessageMeta>> {
    const found = new Map<number, MessageMeta>();
    if (!ids.length) return found;
    const missing: number[] = [];
    for (const id of ids) {
      const m = this.recent.get(id);
      if (m) found.set(id, m);
      else missing.push(id);
    }
    if (missing.length) for (const m of await this.o.store.findMessages(missing)) found.set(m.msgId, m);
    this.o.metrics?.markRecallLookups(ids.length - missing.length, found.size - (ids.length - missing.length), ids.length - found.size);
    return found;
  }

  /** `any`: whether the tick stored messages at all (the remote transport hears of a tick whose runs were all lost, with none). */
  private push(fanouts: Fanout[], any: boolean): void {
    for (const f of fanouts) this.o.local.pushLocal(f);
    if (this.o.remote && any) this.o.remote.pushRemote(fanouts);
  }

  private failAll(runs: Run[], err: unknown): void {
    const e = err instanceof ChatError ? err : new UnavailableError('backend', err);
    if (this.o.metrics) for (const r of runs) for (let i = 0; i < r.entries.length; i++) this.o.metrics.markUplinkRejected(e.code);
    if (!(err instanceof ChatError) || err.code === Code.UNAVAILABLE) this.o.logger.warn({ err }, 'tick failed transiently');
    for (const r of runs) r.done(e);
  }

  /** Writes the abandonment durably, retrying with back-off (during shutdown, a few times only). */
  private async abandon(userIds: ArrayLike<number>, seqs: ArrayLike<number>, msgIds: readonly number[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const collisions = await this.o.store.tombstone(userIds, seqs, msgIds);
        this.o.metrics?.ledger.markTombstones(userIds.length - collisions);
        if (collisions > 0) {
          this.o.metrics?.markInboxCollisions(collisions);
          this.o.logger.error({ collisions }, 'abandoned seqs already held other messages (a seq handed out twice); those rows were kept');
        }
        return;
      } catch (err) {
        if (this.lanes.isClosed && attempt >= 3) {
          this.o.logger.error({ err, messages: msgIds.length }, 'could not record abandoned messages');
          return;
        }
        this.o.logger.warn({ err, messages: msgIds.length }, 'recording abandoned messages failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)).unref());
      }
    }
  }
}
