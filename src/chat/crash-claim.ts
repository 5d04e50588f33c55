// The crash-claim path of the uplink (DESIGN.md §2.1, I1, I2): taking over
// a device whose earlier owner may have left copies on their way to the
// message store — a worker or node that died between its publish and its
// dedup commit (pending marks), or a Redis that lost the device's state
// (`last` recovered from MySQL may be behind copies still in flight). The
// UplinkSequencer decides when; this file makes the backend calls.
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { DeviceKey, UplinkDedupStore, UplinkOutcome } from '../dedup/uplink-dedup.js';
import type { MessageStore, UplinkClaim, UplinkRecord } from '../store/message-store.js';
import type { StoredUplink } from '../store/types.js';

export const DEFAULT_LOOKUP_MS = 200;
export const DEFAULT_RECOVERY_WAIT_MS = 3000;

export interface CrashClaimOptions {
  dedup: UplinkDedupStore;
  store: Pick<MessageStore, 'uplinkStates' | 'findUplink' | 'claimUplink'>;
  /** the longest time (ms) a batch can be in flight between its publish and its persistence (UplinkOptions.inFlightBoundMs) */
  inFlightBoundMs: number;
  /** how long a device with history is looked for after a loss before its client_ids are fenced (UplinkOptions.recoveryWaitMs) */
  recoveryWaitMs?: number;
  /** the pause between two looks for a stored copy (ms) */
  lookupMs?: number;
  logger: Logger;
  metrics?: Metrics;
}

/** A device's state as its new owner takes it over. */
export interface TakenOver {
  /** the owner token the load took */
  owner: string;
  /** last client_id handled */
  last: number;
  /** fence generation the device's new copies are stamped with */
  fence: number;
  /**
   * Client_ids above `last` may already be on their way to the message
   * store (pending marks of an earlier owner, or a loss less than
   * inFlightBoundMs ago): each is settled there (`claim`) before it is
   * processed, and while only later ones wait, last+1 is looked for there.
   */
  ambiguous: boolean;
  /** set when a device with history was lost shortly ago: no claim fences before this (ms since epoch) */
  claimNotBefore?: number;
  /** the outcome of `last` when it was recovered from the message store (a retransmit of it is answered from memory) */
  recovered?: { clientId: number; outcome: UplinkOutcome };
}

interface StateRead {
  key: DeviceKey;
  resolve: (r: UplinkRecord) => void;
  reject: (err: unknown) => void;
}

export class CrashClaim {
  /** devices whose state is to be read from the message store together (see stateOf) */
  private stateReads: StateRead[] | null = null;
  private readonly lookupMs: number;

  constructor(private readonly o: CrashClaimOptions) {
    this.lookupMs = o.lookupMs ?? DEFAULT_LOOKUP_MS;
  }

  /**
   * Takes ownership of the device in the dedup store and reads its state in
   * one atomic step. An unknown state (a new device, one idle past the TTL,
   * or state the store lost) is recovered from the message store and seeded,
   * never assumed zero. Rejects if another owner took the device meanwhile
   * or a backend fails.
   */
  async load(key: DeviceKey): Promise<TakenOver> {
    const loaded = await this.o.dedup.load(key);
    const state = loaded.state;
    if (!state) {
      const rec = await this.stateOf(key);
      const last = rec.last?.clientId ?? 0;
      if (!(await this.o.dedup.seed(key, loaded.owner, { last, fence: rec.fence }))) throw new Error('taken over by another owner while recovering');
      const taken: TakenOver = { owner: loaded.owner, last, fence: rec.fence, ambiguous: false };
      if (rec.last) taken.recovered = { clientId: rec.last.clientId, outcome: outcomeOf(rec.last) };
      // Shortly after a loss, copies of later client_ids may still be on their way.
      taken.ambiguous = loaded.lossAgeMs < this.o.inFlightBoundMs;
      if (taken.ambiguous && rec.last) taken.claimNotBefore = Date.now() + (this.o.recoveryWaitMs ?? DEFAULT_RECOVERY_WAIT_MS);
      this.o.metrics?.markUplinkRecovery('unknown');
      return taken;
    }
    if (state.pending.length > 0) {
      // An earlier owner left client_ids in flight; the fence generation
      // may have moved in MySQL since the store last recorded it.
      const rec = await this.stateOf(key);
      this.o.metrics?.markUplinkRecovery('pending');
      return { owner: loaded.owner, last: state.last, fence: Math.max(state.fence, rec.fence), ambiguous: true };
    }
    return { owner: loaded.owner, last: state.last, fence: state.fence, ambiguous: false };
  }

  /**
   * Settles client_id `cid` (last+1 of an ambiguous device, its retransmit
   * here) in the message store: the copy an earlier owner stored is the
   * answer ({stored}), or a fence now refuses every older copy of it and of
   * what follows ({fence}: process it again under that generation). Until
   * `claimNotBefore` the stored copy is only looked for, every lookupMs.
   * Marked pending before the claim, so that a crash from here on leaves the
   * next owner ambiguous too; null when that mark finds `owner` is no
   * longer the device's owner (nothing was done).
   */
  async claim(key: DeviceKey, owner: string, cid: number, claimNotBefore: number): Promise<UplinkClaim | null> {
    const { userId, deviceId } = key;
    while (Date.now() < claimNotBefore) {
      const stored = await this.o.store.findUplink(userId, deviceId, cid);
      if (stored) {
        this.o.metrics?.markUplinkClaim('stored');
        return { stored };
      }
      await new Promise((r) => setTimeout(r, Math.min(this.lookupMs, claimNotBefore - Date.now())));
    }
    const [marked] = await this.o.dedup.markPending([{ userId, deviceId, owner, clientIds: [cid] }]);
    if (!marked) return null;
    const claim = await this.o.store.claimUplink(userId, deviceId, cid);
    if ('stored' in claim) this.o.metrics?.markUplinkClaim('stored');
    else {
      this.o.metrics?.markUplinkClaim('fenced');
      this.o.logger.info({ user: userId, device: deviceId, clientId: cid, fence: claim.fence }, 'uplink claim: older copies fenced, processing again');
    }
    return claim;
  }

  /** The outcomes stored for client_ids `from`, `from`+1, … up to the first one not stored, at most `max`. */
  async findStored(key: DeviceKey, from: number, max: number): Promise<[number, UplinkOutcome][]> {
    const found: [number, UplinkOutcome][] = [];
    for (let cid = from; found.length < max; cid++) {
      const rec = await this.o.store.findUplink(key.userId, key.deviceId, cid);
      if (!rec) break;
      found.push([cid, outcomeOf(rec)]);
    }
    return found;
  }

  /**
   * The device's state in the message store. Devices asked for in the same
   * turn of the event loop are read together (a fresh node, or one after
   * Redis lost its state, meets a crowd of devices it does not know at once).
   */
  private stateOf(key: DeviceKey): Promise<UplinkRecord> {
    return new Promise((resolve, reject) => {
      if (!this.stateReads) {
        const reads: StateRead[] = (this.stateReads = []);
        setImmediate(() => {
          this.stateReads = null;
          this.o.store.uplinkStates(reads.map((r) => r.key)).then(
            (recs) => reads.forEach((r, i) => r.resolve(recs[i]!)),
            (err: unknown) => reads.forEach((r) => r.reject(err)),
          );
        });
      }
      this.stateReads.push({ key, resolve, reject });
    });
  }
}

/** A stored outcome as the wire answers it. */
export function outcomeOf(s: StoredUplink): UplinkOutcome {
  return 'senderSeq' in s ? { seq: s.senderSeq, msgId: s.msgId } : { code: s.code, msg: s.msg };
}
