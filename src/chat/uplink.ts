// Exactly-once uplink per (user, device) (DESIGN.md §2.1, invariant I2).
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { DeviceKey, UplinkDedupStore, UplinkOutcome } from '../dedup/uplink-dedup.js';
import type { MessageStore } from '../store/message-store.js';
import { ChatError, Code, UnavailableError } from './codes.js';
import type { MessagePipeline, Run } from './pipeline.js';
import type { UpRequest } from './types.js';

export interface UplinkOptions {
  dedup: UplinkDedupStore;
  store: MessageStore;
  pipeline: MessagePipeline;
  /** client_ids that may wait behind the one in flight */
  window: number;
  /**
   * Resolves once batches published before the call have (very likely) been
   * persisted: recovery from MySQL waits for it, so a message still in the
   * queue when Redis lost the dedup state is not taken for unsent.
   */
  persisted?: () => Promise<void>;
  metrics?: Metrics;
  logger: Logger;
}

/** Answer for a client_id at or below `last` whose outcome is no longer remembered anywhere. */
const FORGOTTEN: UplinkOutcome = { code: Code.BAD_REQUEST, msg: 'client_id already used' };
/**
 * Lookups of the client_ids a crashed worker left pending, all of a device's
 * together, before those still missing are processed (with a claim): a batch
 * the dead worker's persister held is requeued and can take seconds to reach
 * MySQL on a loaded machine, and processing an id before its earlier copy
 * lands would put it behind the sender's later messages (I3).
 */
const AMBIGUOUS_LOOKUPS = 20;
/** … this far apart (after the persistence queue looked empty each time). */
const AMBIGUOUS_RETRY_MS = 700;
/** Idle devices are forgotten after this long (their state lives on in Redis and MySQL). */
const IDLE_MS = 5 * 60_000;

/**
 * One device's uplink state on this worker. All devices of a user are on
 * one worker (sticky routing), and one connection per device, so ordering
 * is decided here; Redis keeps `last` across reconnects and crashes.
 */
class DeviceUplink {
  /** last client_id handled; null until loaded */
  last: number | null = null;
  loading: Promise<void> | null = null;
  /** requests above last+1 (or all, while loading), by client_id; several replies for retransmits */
  readonly waiting = new Map<number, UpRequest[]>();
  /** the run being processed, by client_id */
  inFlight: Map<number, UpRequest[]> | null = null;
  /**
   * client_ids found pending in the dedup store at load: a crashed worker
   * handed them to persistence without committing the outcome, so a copy may
   * be durable or still on its way. They are looked up together first
   * (lookUpAmbiguous); those still missing are processed with `claim` set,
   * and the pipeline decides in the message store which copy is the one.
   */
  readonly ambiguous = new Set<number>();
  /** ambiguous ids found durable by the lookup, with what they got */
  readonly resolved = new Map<number, UplinkOutcome>();
  /** the lookup of the ambiguous ids ran (those still ambiguous are processed with a claim) */
  lookedUp = false;
  /** recent outcomes (client_id -> outcome), at most `window` */
  readonly recent = new Map<number, UplinkOutcome>();
  touched = 0;

  constructor(readonly key: DeviceKey) {}
}

export class UplinkSequencer {
  private readonly devices = new Map<string, DeviceUplink>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly o: UplinkOptions) {
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  /** Handles one UpMsg of a logged-in device. `req.reply` is called exactly once, or never if the request is dropped as too far ahead. */
  submit(userId: number, deviceId: string, req: UpRequest): void {
    if (!Number.isSafeInteger(req.clientId) || req.clientId <= 0) {
      req.reply({ code: Code.BAD_REQUEST, msg: 'client_id must be a positive integer' });
      return;
    }
    const id = `${userId}:${deviceId}`;
    let d = this.devices.get(id);
    if (!d) {
      d = new DeviceUplink({ userId, deviceId });
      this.devices.set(id, d);
    }
    d.touched = Date.now();
    if (d.last === null) {
      this.addWaiting(d, req, true);
      this.load(d);
      return;
    }
    this.route(d, req);
  }

  private route(d: DeviceUplink, req: UpRequest): void {
    const last = d.last!;
    const cid = req.clientId;
    if (cid <= last) {
      this.replay(d, req);
      return;
    }
    const inFlight = d.inFlight?.get(cid);
    if (inFlight) {
      inFlight.push(req); // a retransmit of what is being processed: answer it too
      return;
    }
    if (cid > last + this.o.window) return; // too far ahead: dropped, the client retransmits in order
    this.addWaiting(d, req, false);
    this.pump(d);
  }

  private addWaiting(d: DeviceUplink, req: UpRequest, loading: boolean): void {
    const list = d.waiting.get(req.clientId);
    if (list) list.push(req);
    else if (loading && d.waiting.size >= this.o.window) return;
    else d.waiting.set(req.clientId, [req]);
  }

  private load(d: DeviceUplink): void {
    if (d.loading) return;
    d.loading = (async () => {
      let last = await this.o.dedup.load(d.key);
      if (last === null) {
        // A new device, one idle past the TTL, or state Redis lost: recover
        // it from MySQL, never assume zero. After a loss, first wait until
        // messages still in the queue have reached MySQL.
        const epoch = await this.o.dedup.epoch();
        if (!epoch.intact) {
          await this.o.persisted?.();
          await this.o.dedup.settled(epoch.token);
        }
        const rec = await this.o.store.lastUplink(d.key.userId, d.key.deviceId);
        last = rec?.clientId ?? 0;
        if (rec) d.recent.set(rec.clientId, { seq: rec.senderSeq, msgId: rec.msgId });
        await this.o.dedup.seed(d.key, last);
        last = (await this.o.dedup.load(d.key)) ?? last;
      }
      d.last = last;
      for (const cid of await this.o.dedup.pending(d.key)) if (cid > last) d.ambiguous.add(cid);
    })()
      .then(() => {
        const waiting = [...d.waiting.values()].flat();
        d.waiting.clear();
        for (const r of waiting) this.route(d, r);
      })
      .catch((err) => {
        this.o.logger.warn({ err }, 'uplink state unavailable');
        const e = new UnavailableError('uplink state', err);
        for (const list of d.waiting.values()) for (const r of list) r.reply({ code: e.code, msg: e.message });
        d.waiting.clear();
      })
      .finally(() => (d.loading = null));
  }

  private replay(d: DeviceUplink, req: UpRequest): void {
    this.o.metrics?.markUplinkDuplicate();
    const known = d.recent.get(req.clientId);
    if (known) {
      req.reply(known);
      return;
    }
    void (async () => {
      const fromRedis = await this.o.dedup.outcome(d.key, req.clientId).catch(() => null);
      if (fromRedis) return fromRedis;
      const fromDb = await this.o.store.findUplink(d.key.userId, d.key.deviceId, req.clientId);
      return fromDb ? { seq: fromDb.senderSeq, msgId: fromDb.msgId } : FORGOTTEN;
    })().then(
      (o) => req.reply(o),
      (err) => {
        const e = new UnavailableError('message store', err);
        req.reply({ code: e.code, msg: e.message });
      },
    );
  }

  /** Hands the next contiguous run (last+1, last+2, …) to the pipeline when nothing is in flight. */
  private pump(d: DeviceUplink): void {
    if (d.inFlight || d.last === null || !d.waiting.has(d.last + 1)) return;
    if (d.ambiguous.size > 0 && !d.lookedUp) return this.lookUpAmbiguous(d);
    const known = d.resolved.get(d.last + 1);
    if (known) return this.answerResolved(d, d.last + 1, known);
    const run = new Map<number, UpRequest[]>();
    for (let cid = d.last + 1; d.waiting.has(cid) && !d.resolved.has(cid); cid++) {
      run.set(cid, d.waiting.get(cid)!);
      d.waiting.delete(cid);
    }
    d.inFlight = run;
    const entries = [...run.entries()].map(([clientId, reqs]) => ({ clientId, msg: reqs[0]!.msg, claim: d.ambiguous.has(clientId) }));
    const r: Run = {
      userId: d.key.userId,
      deviceId: d.key.deviceId,
      entries,
      done: (result) => this.finish(d, run, result),
    };
    this.o.pipeline.enqueue(r);
  }

  /**
   * Looks the device's ambiguous client_ids up in the message store, all
   * together, until each is found or the lookups run out (crash path only).
   * Found ones are answered with what they got; the rest go through the
   * pipeline with a claim, which settles in MySQL which copy is the one.
   */
  private lookUpAmbiguous(d: DeviceUplink): void {
    d.inFlight = new Map(); // nothing else of this device runs meanwhile
    void (async () => {
      for (let attempt = 0; attempt < AMBIGUOUS_LOOKUPS && d.ambiguous.size > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, AMBIGUOUS_RETRY_MS));
        await this.o.persisted?.();
        const ids = [...d.ambiguous];
        const found = await Promise.all(ids.map((cid) => this.o.store.findUplink(d.key.userId, d.key.deviceId, cid)));
        ids.forEach((cid, i) => {
          const rec = found[i];
          if (!rec) return;
          d.resolved.set(cid, { seq: rec.senderSeq, msgId: rec.msgId });
          d.ambiguous.delete(cid);
        });
      }
    })().then(
      () => {
        d.lookedUp = true;
        d.inFlight = null;
        this.pump(d);
      },
      (err) => this.finish(d, new Map(), new UnavailableError('message store', err)),
    );
  }

  /** A client_id found durable by the lookup: recorded as consumed, answered with what it got. */
  private answerResolved(d: DeviceUplink, cid: number, outcome: UplinkOutcome): void {
    const run = new Map([[cid, d.waiting.get(cid)!]]);
    d.waiting.delete(cid);
    d.inFlight = run;
    this.o.dedup.commit([{ ...d.key, outcomes: [{ clientId: cid, outcome }] }]).then(
      () => {
        d.resolved.delete(cid);
        this.finish(d, run, [outcome]);
      },
      (err) => this.finish(d, run, new UnavailableError('uplink state', err)),
    );
  }

  private finish(d: DeviceUplink, run: Map<number, UpRequest[]>, result: UplinkOutcome[] | ChatError): void {
    d.inFlight = null;
    if (result instanceof ChatError) {
      // Transient: nothing consumed. Everything queued behind fails the same
      // way so no later message overtakes an earlier one.
      const answer = { code: result.code, msg: result.message };
      for (const reqs of run.values()) for (const r of reqs) r.reply(answer);
      for (const reqs of d.waiting.values()) for (const r of reqs) r.reply(answer);
      d.waiting.clear();
      return;
    }
    let i = 0;
    for (const [cid, reqs] of run) {
      const o = result[i++]!;
      d.recent.set(cid, o);
      d.recent.delete(cid - this.o.window);
      d.last = cid;
      d.ambiguous.delete(cid);
      for (const r of reqs) r.reply(o);
    }
    this.pump(d);
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, d] of this.devices) {
      if (d.touched < cutoff && !d.inFlight && !d.loading && d.waiting.size === 0) this.devices.delete(id);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}

export { ChatError };
