// Exactly-once uplink per (user, device) (DESIGN.md §2.1, invariant I2):
// per device, which client_id runs next, what waits, what is answered again.
// Taking over a device an earlier owner may have left copies of in flight is
// crash-claim.ts's.
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { UplinkDedupStore, UplinkOutcome } from '../dedup/uplink-dedup.js';
import type { MessageStore } from '../store/message-store.js';
import { ChatError, Code, UnavailableError } from '../errors.js';
import { CrashClaim, DEFAULT_LOOKUP_MS, outcomeOf } from './crash-claim.js';
import { DeviceUplink, uplinkStalls, type UplinkStalls } from './device-uplink.js';
import { OwnershipLost, type Run, type RunResult } from './run.js';
import type { UpRequest } from './types.js';

/** Where runs go (the message pipeline). */
export interface RunSink {
  enqueue(run: Run): void;
}

export interface UplinkOptions {
  dedup: UplinkDedupStore;
  store: MessageStore;
  pipeline: RunSink;
  /** client_ids that may wait behind the one in flight */
  window: number;
  /**
   * The longest time (ms) a batch can be in flight between its publish and
   * its persistence. For this long after the dedup store lost state, a
   * device it does not know may have copies on their way to the message
   * store, so its client_ids are settled there before being processed.
   */
  inFlightBoundMs: number;
  /** how often a device waiting for a client_id that may be on its way to the message store looks for it (ms) */
  lookupMs?: number;
  /**
   * After the dedup store lost a device with history (ms): how long a
   * retransmitted client_id is looked for in the message store before it is
   * fenced and processed again. Its earlier copy may have been ACKed and
   * pushed just before the loss (the device missed the ACK) and still be on
   * its way; found, it keeps its first seq and nobody gets it twice.
   */
  recoveryWaitMs?: number;
  metrics?: Metrics;
  logger: Logger;
}

/** Answer for a client_id at or below `last` whose outcome is no longer remembered anywhere. */
const FORGOTTEN: UplinkOutcome = { code: Code.BAD_REQUEST, msg: 'client_id already used' };

/** Idle devices are forgotten after this long (their state lives on in the dedup store and MySQL). */
const IDLE_MS = 5 * 60_000;

export class UplinkSequencer {
  private readonly devices = new Map<string, DeviceUplink>();
  private readonly crash: CrashClaim;
  private readonly sweeper: NodeJS.Timeout;
  private readonly lookupMs: number;

  constructor(private readonly o: UplinkOptions) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
    this.lookupMs = o.lookupMs ?? DEFAULT_LOOKUP_MS;
    this.crash = new CrashClaim(o);
  }

  /**
   * A device logged in here: whatever this worker cached of it may be from
   * before it moved to another node and back, so it is read again before
   * the next run.
   */
  loggedIn(userId: number, deviceId: string): void {
    const d = this.devices.get(`${userId}:${deviceId}`);
    if (d) d.stale = true;
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
    if (d.last === null || d.stale || d.loading) {
      this.addWaiting(d, req, true);
      this.pump(d);
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
    if (cid > last + this.o.window) {
      // Too far ahead: dropped, the client retransmits in order. (While
      // ambiguous, last+1 may be on its way to the store: look for it.)
      if (d.ambiguous) this.scheduleLookup(d);
      return;
    }
    this.addWaiting(d, req, false);
    this.pump(d);
  }

  private addWaiting(d: DeviceUplink, req: UpRequest, unrouted: boolean): void {
    const list = d.waiting.get(req.clientId);
    if (list) list.push(req);
    else if (unrouted && d.waiting.size >= this.o.window) return;
    else d.waiting.set(req.clientId, [req]);
  }

  /** Takes the next step for the device, if none is under way. */
  private pump(d: DeviceUplink): void {
    if (d.inFlight || d.loading) return;
    if (d.last === null || d.stale) {
      if (d.waiting.size > 0) this.load(d);
      return;
    }
    const next = d.last + 1;
    d.stalledSince = d.waiting.size > 0 && !d.waiting.has(next) ? d.stalledSince || Date.now() : 0;
    if (!d.waiting.has(next)) {
      if (d.waiting.size === 0) return;
      // Later client_ids wait, last+1 has not come.
      if (d.ambiguous) return this.scheduleLookup(d); // it may be on its way to the message store
      if (d.gapChecked !== d.last) {
        // Perhaps handled elsewhere since we read the state: read it again, once per position.
        d.gapChecked = d.last;
        d.stale = true;
        this.load(d);
      }
      return;
    }
    if (d.ambiguous) return this.claim(d, next);
    const run = new Map<number, UpRequest[]>();
    for (let cid = next; d.waiting.has(cid); cid++) {
      run.set(cid, d.waiting.get(cid)!);
      d.waiting.delete(cid);
    }
    d.inFlight = run;
    const entries = [...run.entries()].map(([clientId, reqs]) => ({ clientId, msg: reqs[0]!.msg }));
    this.o.pipeline.enqueue({
      userId: d.key.userId,
      deviceId: d.key.deviceId,
      owner: d.owner,
      fence: d.fence,
      entries,
      done: (result) => this.finish(d, run, result),
    });
  }

  /**
   * Takes ownership of the device and reads its state (CrashClaim.load).
   * Nothing of the device runs meanwhile; requests wait, then are routed.
   */
  private load(d: DeviceUplink): void {
    d.loading = true;
    const { userId, deviceId } = d.key;
    void this.crash.load(d.key).then(
      (t) => {
        if (t.recovered) d.recent.set(t.recovered.clientId, t.recovered.outcome);
        if (t.claimNotBefore !== undefined) d.claimNotBefore = t.claimNotBefore;
        d.owner = t.owner;
        d.last = t.last;
        d.fence = t.fence;
        d.ambiguous = t.ambiguous;
        d.stale = false;
        d.loading = false;
        const waiting = [...d.waiting.values()].flat();
        d.waiting.clear();
        for (const r of waiting) this.route(d, r);
        this.pump(d);
      },
      (err) => {
        d.loading = false;
        d.stale = true;
        this.o.logger.warn({ err, user: userId, device: deviceId }, 'uplink state unavailable');
        this.failWaiting(d, new UnavailableError('uplink state', err));
      },
    );
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
      return fromDb ? outcomeOf(fromDb) : FORGOTTEN;
    })().then(
      (o) => req.reply(o),
      (err) => {
        const e = new UnavailableError('message store', err);
        req.reply({ code: e.code, msg: e.message });
      },
    );
  }

  /**
   * Settles last+1 of an ambiguous device in the message store (its
   * retransmit is here; CrashClaim.claim): the stored copy is committed and
   * answered, or it is processed again under the new fence.
   */
  private claim(d: DeviceUplink, cid: number): void {
    const run = new Map([[cid, d.waiting.get(cid)!]]);
    d.waiting.delete(cid);
    d.inFlight = run;
    const { userId, deviceId } = d.key;
    void this.crash.claim(d.key, d.owner, cid, d.claimNotBefore).then(
      (claim) => {
        if (!claim) return this.finish(d, run, new OwnershipLost(false));
        if ('stored' in claim) return this.commitKnown(d, [[cid, outcomeOf(claim.stored)]], run);
        d.fence = claim.fence;
        d.ambiguous = false;
        d.inFlight = null;
        d.waiting.set(cid, run.get(cid)!);
        this.pump(d);
      },
      (err) => {
        this.o.logger.warn({ err, user: userId, device: deviceId, clientId: cid }, 'uplink claim failed');
        this.finish(d, run, new UnavailableError('message store', err));
      },
    );
  }

  /** While ambiguous and last+1 has not come: looks for it (and what follows) in the message store. */
  private scheduleLookup(d: DeviceUplink): void {
    if (d.lookupTimer) return;
    d.lookupTimer = setTimeout(() => {
      d.lookupTimer = null;
      if (d.inFlight || d.loading || d.stale || !d.ambiguous || d.last === null || d.waiting.has(d.last + 1)) return this.pump(d);
      d.inFlight = new Map(); // nothing else of the device runs meanwhile
      void this.crash.findStored(d.key, d.last + 1, this.o.window).then(
        (found) => {
          if (found.length > 0) return this.commitKnown(d, found, new Map());
          d.inFlight = null;
          if (d.waiting.size > 0) this.scheduleLookup(d);
        },
        (err) => this.finish(d, new Map(), new UnavailableError('message store', err)),
      );
    }, this.lookupMs);
    d.lookupTimer.unref?.();
  }

  /** Client_ids found stored (consecutive from last+1): committed as handled, then answered. */
  private commitKnown(d: DeviceUplink, found: [number, UplinkOutcome][], run: Map<number, UpRequest[]>): void {
    d.inFlight = run;
    const outcomes = found.map(([clientId, outcome]) => ({ clientId, outcome }));
    this.o.dedup.commit([{ ...d.key, owner: d.owner, fence: d.fence, outcomes }]).then(
      ([ok]) => {
        if (!ok) return this.finish(d, run, new OwnershipLost(true));
        d.inFlight = null;
        for (const [cid, o] of found) {
          this.remember(d, cid, o);
          for (const r of run.get(cid) ?? []) r.reply(o);
        }
        this.pump(d);
      },
      (err) => this.finish(d, run, new UnavailableError('uplink state', err)),
    );
  }

  private remember(d: DeviceUplink, cid: number, o: UplinkOutcome): void {
    d.recent.set(cid, o);
    d.recent.delete(cid - this.o.window);
    if (cid > d.last!) d.last = cid;
  }

  private finish(d: DeviceUplink, run: Map<number, UpRequest[]>, result: RunResult): void {
    d.inFlight = null;
    if (result instanceof OwnershipLost) {
      d.stale = true;
      if (!result.afterPublish) {
        // Nothing was done: read the state again and route the requests anew.
        for (const [cid, reqs] of run) {
          const list = d.waiting.get(cid);
          if (list) list.push(...reqs);
          else d.waiting.set(cid, reqs);
        }
        this.pump(d);
        return;
      }
      // Copies may be on their way; the device retransmits, and whoever
      // owns it then settles them in the message store.
      result = new UnavailableError('uplink state (the device moved)');
    }
    if (result instanceof ChatError) {
      // Transient: nothing consumed. Everything queued behind fails the same
      // way so no later message overtakes an earlier one.
      const answer = { code: result.code, msg: result.message };
      for (const reqs of run.values()) for (const r of reqs) r.reply(answer);
      this.failWaiting(d, result);
      return;
    }
    let i = 0;
    for (const [cid, reqs] of run) {
      const o = result[i++]!;
      this.remember(d, cid, o);
      for (const r of reqs) r.reply(o);
    }
    this.pump(d);
  }

  private failWaiting(d: DeviceUplink, e: ChatError): void {
    const answer = { code: e.code, msg: e.message };
    for (const reqs of d.waiting.values()) for (const r of reqs) r.reply(answer);
    d.waiting.clear();
    d.stalledSince = 0;
  }

  /** Devices heard from lately whose client_ids have waited behind a missing one for at least `thresholdMs` (the delivery ledger's gauges). */
  stats(thresholdMs: number, now = Date.now()): UplinkStalls {
    return uplinkStalls(this.devices.values(), now, thresholdMs, now - IDLE_MS);
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, d] of this.devices) {
      if (d.touched < cutoff && !d.inFlight && !d.loading && d.waiting.size === 0) {
        if (d.lookupTimer) clearTimeout(d.lookupTimer);
        this.devices.delete(id);
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const d of this.devices.values()) if (d.lookupTimer) clearTimeout(d.lookupTimer);
  }
}
