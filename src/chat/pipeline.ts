// The message pipeline (DESIGN.md §2 steps 2–6), batched per tick: every run
// of uplink messages gathered during a tick is validated, given msg_ids and
// seqs, made durable and acknowledged together — one directory lookup per
// group, one seq-allocation call, one queue publish and one dedup commit per
// tick, not per message.
import type { Logger } from '../log.js';
import type { Metrics, PipelineStage } from '../metrics/metrics.js';
import type { UplinkCommit, UplinkDedupStore, UplinkOutcome } from '../dedup/uplink-dedup.js';
import { OwnershipLost, type Run } from './run.js';
import type { PersistQueue } from '../queue/persist-queue.js';
import type { SeqAllocator } from '../seq/seq-allocator.js';
import type { MessageStore } from '../store/message-store.js';
import type { PersistBatch, StoredMessage, StoredRejection } from '../store/types.js';
import { ChatError, Code, UnavailableError } from './codes.js';
import type { Directory } from '../directory/directory.js';
import type { MsgIdAllocator } from './msg-ids.js';
import type { EncodedPush, Fanout, LocalPushSink, PushMessage, UplinkMessage } from './types.js';

export const SessionType = { SINGLE: 1, GROUP: 2 } as const;
export type { Run };
const MESSAGE_TYPES = new Set([1, 2, 3]);

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
  maxContentBytes: number;
  /** ms to gather runs before a tick (0 = next turn of the event loop) */
  tickMs: number;
  logger: Logger;
  metrics?: Metrics;
  now?: () => number;
}

/** Ticks processed concurrently per lane (different devices only; a device has one run in flight). */
const MAX_TICKS_IN_FLIGHT = 16;
/** A tick starts at once when this many messages are waiting. */
const FLUSH_AT = 4000;
/** Groups with more members than this go to the bulk lane (as do runs holding a message to one). */
export const BULK_GROUP_MEMBERS = 100;

/**
 * Runs wait in one of two lanes, each with its own ticks: 1:1 messages and
 * small groups (fast) never share a tick, or wait for a tick slot, with the
 * fan-out of a big group (bulk). A device has one run in flight at a time,
 * so lanes never reorder a device's messages (I3); a recipient's seqs are
 * allocated atomically whichever lane a message takes.
 */
class Lane {
  pending: Run[] = [];
  pendingCount = 0;
  timer: NodeJS.Timeout | null = null;
  inFlight = 0;
  constructor(readonly name: 'fast' | 'bulk') {}
}

interface Accepted {
  run: Run;
  runIndex: number;
  index: number;
  msg: UplinkMessage;
  recipients: readonly number[];
}

export class MessagePipeline {
  private readonly fast = new Lane('fast');
  private readonly bulk = new Lane('bulk');
  private readonly inFlightTicks = new Set<Promise<void>>();
  /** member counts of the groups this worker has validated messages to (lane choice) */
  private readonly groupSizes = new Map<number, number>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly o: PipelineOptions) {
    this.now = o.now ?? Date.now;
  }

  /** uplink messages waiting for a tick */
  get waiting(): number {
    return this.fast.pendingCount + this.bulk.pendingCount;
  }

  enqueue(run: Run): void {
    if (this.closed) {
      run.done(new UnavailableError('server shutting down'));
      return;
    }
    const lane = this.laneOf(run);
    lane.pending.push(run);
    lane.pendingCount += run.entries.length;
    this.schedule(lane);
  }

  /** bulk: a message to a group known to have more than BULK_GROUP_MEMBERS members */
  private laneOf(run: Run): Lane {
    for (const e of run.entries) {
      const m = e.msg;
      if (m && m.sessionType === SessionType.GROUP && (this.groupSizes.get(m.receiverId) ?? 0) > BULK_GROUP_MEMBERS) return this.bulk;
    }
    return this.fast;
  }

  private schedule(lane: Lane): void {
    if (lane.pending.length === 0 || lane.inFlight >= MAX_TICKS_IN_FLIGHT) return;
    if (lane.pendingCount >= FLUSH_AT) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
      this.startTick(lane);
      return;
    }
    if (lane.timer) return;
    lane.timer = setTimeout(() => {
      lane.timer = null;
      this.startTick(lane);
    }, this.o.tickMs);
  }

  private startTick(lane: Lane): void {
    if (lane.pending.length === 0) return;
    const runs = lane.pending;
    lane.pending = [];
    lane.pendingCount = 0;
    lane.inFlight++;
    const p = this.tick(runs)
      .catch((err) => this.o.logger.error({ err }, 'pipeline tick failed'))
      .finally(() => {
        lane.inFlight--;
        this.inFlightTicks.delete(p);
        this.schedule(lane);
      });
    this.inFlightTicks.add(p);
  }

  /** Stops taking runs, processes what is waiting, waits for ticks in flight. */
  async drain(): Promise<void> {
    this.closed = true;
    const lanes = [this.fast, this.bulk];
    for (const lane of lanes) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
    }
    while (lanes.some((l) => l.pending.length > 0) || this.inFlightTicks.size > 0) {
      for (const lane of lanes) if (lane.pending.length > 0 && lane.inFlight < MAX_TICKS_IN_FLIGHT) this.startTick(lane);
      await Promise.race(this.inFlightTicks);
    }
  }

  private async tick(runs: Run[]): Promise<void> {
    const outcomes = runs.map((r) => new Array<UplinkOutcome | undefined>(r.entries.length));
    const m = this.o.metrics;
    let t0 = performance.now();
    const stage = (name: PipelineStage) => {
      if (!m) return;
      const t = performance.now();
      m.observeStage(name, t - t0);
      t0 = t;
    };
    let accepted: Accepted[];
    try {
      accepted = await this.validate(runs, outcomes);
    } catch (err) {
      return this.failAll(runs, err);
    }
    stage('validate');

    /** runs whose dedup ownership was gone when marked: nothing of them happens here */
    const moved = new Set<number>();
    const fanouts: (Fanout | null)[] = [];
    let batch: PersistBatch | null = null;
    if (accepted.length > 0) {
      // Pending marks before anything can become durable: a crash between the
      // publish and the dedup commit must not let a retransmit be taken for
      // new. Each mark applies only for the device's current owner.
      const marks = new Map<number, number[]>();
      for (const a of accepted) {
        const list = marks.get(a.runIndex);
        const cid = a.run.entries[a.index]!.clientId;
        if (list) list.push(cid);
        else marks.set(a.runIndex, [cid]);
      }
      const markRuns = [...marks.keys()];
      // Marks and allocation are independent: one round trip for both.
      const counts = new Map<number, number>();
      for (const a of accepted) for (const u of a.recipients) counts.set(u, (counts.get(u) ?? 0) + 1);
      const users = [...counts.keys()];
      const [marked, allocated] = await Promise.allSettled([
        this.o.dedup.markPending(markRuns.map((i) => ({ userId: runs[i]!.userId, deviceId: runs[i]!.deviceId, owner: runs[i]!.owner, clientIds: marks.get(i)! }))),
        (async () => {
          const ids = await this.o.msgIds.take(accepted.length);
          const lasts = await this.o.seqs.allocate(users, users.map((u) => counts.get(u)!));
          return { ids, lasts };
        })(),
      ]);
      if (allocated.status === 'rejected') return this.failAll(runs, allocated.reason);
      const { ids, lasts } = allocated.value;
      if (marked.status === 'rejected') {
        // The seqs were handed out but no message will take them: tombstones
        // let sync pass over them at once (I5).
        const unused = allocatedRows(users, counts, lasts);
        await this.abandon(unused.userIds, unused.seqs, []);
        return this.failAll(runs, marked.reason);
      }
      markRuns.forEach((i, k) => {
        if (!marked.value[k]) moved.add(i);
      });
      stage('reserve');
      // Next seq per user: runs keep each device's client_id order, so every
      // recipient gets one sender's messages in the order sent (I3).
      const nextSeq = new Map<number, number>();
      users.forEach((u, i) => nextSeq.set(u, lasts[i]! - counts.get(u)! + 1));
      const sendTime = this.now();
      let rows = 0;
      for (const a of accepted) if (!moved.has(a.runIndex)) rows += a.recipients.length;
      const rowUsers = new Float64Array(rows);
      const rowSeqs = new Float64Array(rows);
      const rowMsgIds = new Float64Array(rows);
      let row = 0;
      batch = { messages: [], userIds: rowUsers, seqs: rowSeqs, msgIds: rowMsgIds };
      // Seqs taken for the messages of moved runs: handed out, never used.
      const unusedUsers: number[] = [];
      const unusedSeqs: number[] = [];
      for (let k = 0; k < accepted.length; k++) {
        const a = accepted[k]!;
        const recipients = a.recipients;
        if (moved.has(a.runIndex)) {
          for (const u of recipients) {
            const seq = nextSeq.get(u)!;
            nextSeq.set(u, seq + 1);
            unusedUsers.push(u);
            unusedSeqs.push(seq);
          }
          continue;
        }
        const msgId = ids[k]!;
        const seqs = new Array<number>(recipients.length);
        let senderSeq = 0;
        for (let i = 0; i < recipients.length; i++) {
          const u = recipients[i]!;
          const seq = nextSeq.get(u)!;
          nextSeq.set(u, seq + 1);
          if (u === a.run.userId) senderSeq = seq;
          seqs[i] = seq;
          rowUsers[row] = u;
          rowSeqs[row] = seq;
          rowMsgIds[row++] = msgId;
        }
        const sm: StoredMessage = {
          msgId,
          senderId: a.run.userId,
          deviceId: a.run.deviceId,
          clientId: a.run.entries[a.index]!.clientId,
          sessionType: a.msg.sessionType,
          receiverId: a.msg.receiverId,
          messageType: a.msg.messageType,
          content: a.msg.content,
          sendTime,
          senderSeq,
          fence: a.run.fence,
        };
        batch.messages.push(sm);
        outcomes[a.runIndex]![a.index] = { seq: senderSeq, msgId };
        const push = this.o.encodePush({ sessionType: sm.sessionType, receiverId: sm.receiverId, senderId: sm.senderId, messageType: sm.messageType, content: sm.content, sendTime, msgId });
        fanouts.push({ push, sendTime, senderId: sm.senderId, senderDevice: sm.deviceId, userIds: recipients, seqs });
      }
      if (unusedUsers.length) await this.abandon(unusedUsers, unusedSeqs, []);
    }
    // Final rejections are durable outcomes too: stored with the messages,
    // they outlive the dedup state like every other answered client_id.
    const rejections: StoredRejection[] = [];
    runs.forEach((r, i) => {
      if (moved.has(i)) return;
      r.entries.forEach((e, j) => {
        const o = outcomes[i]![j];
        if (o && 'code' in o) rejections.push({ senderId: r.userId, deviceId: r.deviceId, clientId: e.clientId, code: o.code, msg: o.msg, fence: r.fence });
      });
    });
    if (rejections.length) (batch ??= { messages: [], userIds: [], seqs: [], msgIds: [] }).rejections = rejections;
    if (batch && (batch.messages.length > 0 || rejections.length > 0)) {
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
    const live = runs.map((_, i) => i).filter((i) => !moved.has(i));
    const commits: UplinkCommit[] = live.map((i) => {
      const r = runs[i]!;
      return { userId: r.userId, deviceId: r.deviceId, owner: r.owner, fence: r.fence, outcomes: r.entries.map((e, j) => ({ clientId: e.clientId, outcome: outcomes[i]![j]! })) };
    });
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
    }
    runs.forEach((r, i) => r.done(moved.has(i) ? new OwnershipLost(false) : lost.has(i) ? new OwnershipLost(true) : (outcomes[i] as UplinkOutcome[])));
    if (lost.size) {
      // fanouts are in the order of the accepted messages of live runs
      let f = 0;
      for (const a of accepted) {
        if (moved.has(a.runIndex)) continue;
        if (lost.has(a.runIndex)) fanouts[f] = null;
        f++;
      }
    }
    this.push(fanouts);
  }

  private push(fanouts: (Fanout | null)[]): void {
    for (const f of fanouts) if (f) this.o.local.pushLocal(f);
    if (this.o.remote && fanouts.length) this.o.remote.pushRemote(fanouts.includes(null) ? fanouts.filter((f): f is Fanout => f !== null) : (fanouts as Fanout[]));
  }

  private failAll(runs: Run[], err: unknown): void {
    const e = err instanceof ChatError ? err : new UnavailableError('backend', err);
    if (this.o.metrics) for (const r of runs) for (let i = 0; i < r.entries.length; i++) this.o.metrics.markUplinkRejected(e.code);
    if (!(err instanceof ChatError) || err.code === Code.UNAVAILABLE) this.o.logger.warn({ err }, 'tick failed transiently');
    for (const r of runs) r.done(e);
  }

  /** Step 2: a final rejection for each invalid entry; the recipients of each valid one. */
  private async validate(runs: Run[], outcomes: (UplinkOutcome | undefined)[][]): Promise<Accepted[]> {
    const reject = (i: number, j: number, code: number, msg: string) => (outcomes[i]![j] = { code, msg });
    const singles = new Set<number>();
    const groups = new Set<number>();
    runs.forEach((r, i) =>
      r.entries.forEach((e, j) => {
        const m = e.msg;
        if (!m) return reject(i, j, Code.BAD_REQUEST, 'message missing');
        if (m.sessionType !== SessionType.SINGLE && m.sessionType !== SessionType.GROUP) return reject(i, j, Code.BAD_REQUEST, 'invalid session_type');
        if (!MESSAGE_TYPES.has(m.messageType)) return reject(i, j, Code.BAD_REQUEST, 'invalid message_type');
        if (!Number.isSafeInteger(m.receiverId) || m.receiverId <= 0) return reject(i, j, Code.BAD_REQUEST, 'invalid receiver_id');
        if (m.content.length > this.o.maxContentBytes) return reject(i, j, Code.TOO_LARGE, `content exceeds ${this.o.maxContentBytes} bytes`);
        (m.sessionType === SessionType.SINGLE ? singles : groups).add(m.receiverId);
      }),
    );
    const groupList = [...groups];
    const [existing, memberLists] = await Promise.all([
      singles.size ? this.o.directory.existingUsers([...singles]) : Promise.resolve(new Set<number>()),
      Promise.all(groupList.map((g) => this.o.directory.groupMembers(g))),
    ]).catch((err) => {
      throw new UnavailableError('directory', err);
    });
    const members = new Map<number, { list: readonly number[]; set: Set<number> } | null>();
    groupList.forEach((g, k) => {
      const list = memberLists[k]!;
      members.set(g, list ? { list, set: new Set(list) } : null);
      if (list && list.length > BULK_GROUP_MEMBERS) this.groupSizes.set(g, list.length);
      else this.groupSizes.delete(g);
    });
    const accepted: Accepted[] = [];
    runs.forEach((r, i) =>
      r.entries.forEach((e, j) => {
        if (outcomes[i]![j]) return;
        const m = e.msg!;
        if (m.sessionType === SessionType.SINGLE) {
          if (!existing.has(m.receiverId)) return reject(i, j, Code.NOT_FOUND, 'receiver not found');
          const recipients = m.receiverId === r.userId ? [r.userId] : [m.receiverId, r.userId];
          accepted.push({ run: r, runIndex: i, index: j, msg: m, recipients });
        } else {
          const g = members.get(m.receiverId);
          if (!g) return reject(i, j, Code.NOT_FOUND, 'group not found');
          if (!g.set.has(r.userId)) return reject(i, j, Code.FORBIDDEN, 'not a member of the group');
          accepted.push({ run: r, runIndex: i, index: j, msg: m, recipients: g.list });
        }
      }),
    );
    return accepted;
  }

  /** Writes the abandonment durably, retrying with back-off (during shutdown, a few times only). */
  private async abandon(userIds: ArrayLike<number>, seqs: ArrayLike<number>, msgIds: readonly number[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const collisions = await this.o.store.tombstone(userIds, seqs, msgIds);
        if (collisions > 0) {
          this.o.metrics?.markInboxCollisions(collisions);
          this.o.logger.error({ collisions }, 'abandoned seqs already held other messages (a seq handed out twice); those rows were kept');
        }
        return;
      } catch (err) {
        if (this.closed && attempt >= 3) {
          this.o.logger.error({ err, messages: msgIds.length }, 'could not record abandoned messages');
          return;
        }
        this.o.logger.warn({ err, messages: msgIds.length }, 'recording abandoned messages failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)).unref());
      }
    }
  }
}

/** Every seq an allocation handed out, as (user, seq) rows. */
function allocatedRows(users: readonly number[], counts: ReadonlyMap<number, number>, lasts: readonly number[]): { userIds: number[]; seqs: number[] } {
  const userIds: number[] = [];
  const seqs: number[] = [];
  users.forEach((u, i) => {
    for (let q = lasts[i]! - counts.get(u)! + 1; q <= lasts[i]!; q++) {
      userIds.push(u);
      seqs.push(q);
    }
  });
  return { userIds, seqs };
}
