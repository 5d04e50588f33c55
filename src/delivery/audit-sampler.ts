// Which accepted messages the delivery audit checks, and when (pure: the
// clock and the random source come from the caller). A configurable share of
// the messages ACKed to their senders is sampled, at most maxPerSec a second
// (a token bucket holding one second's worth); each sample is due once it is
// older than the persistence bound, when every recipient's inbox must hold
// its row (I1). DeliveryLedger (ledger.ts) runs the checks.
import type { Fanout } from '../chat/types.js';

/** One sampled message: where it must be found. */
export interface AuditSample {
  msgId: number;
  /** ms since epoch when the server accepted it */
  sendTime: number;
  /** its recipients (the sender included) and each one's seq, index-aligned */
  userIds: number[];
  seqs: number[];
}

export interface AuditSamplerOptions {
  /** share of messages sampled, 0 (none) to 1 (all) */
  rate: number;
  /** most samples taken per second; the bucket holds one second's worth (at least one sample) */
  maxPerSec: number;
  /** a sample is due this long (ms) after its send_time: the persistence bound */
  delayMs: number;
  /** most samples held at once (waiting to be due, or put back after a failed check); more are not taken */
  maxHeld: number;
  /** uniform in [0, 1); Math.random by default */
  random?: () => number;
}

/** What a check found for one sample. */
export interface AuditVerdict {
  /** positions (index into the sample's userIds/seqs) that do not hold the message, with what they hold (null: no row; 0: a tombstone) */
  missing: { index: number; found: number | null }[];
}

export class AuditSampler {
  private held: AuditSample[] = [];
  private tokens: number;
  private readonly burst: number;
  private refilledAt = -Infinity;
  private readonly random: () => number;

  constructor(private readonly o: AuditSamplerOptions) {
    if (!(o.rate >= 0 && o.rate <= 1)) throw new RangeError(`AuditSampler: rate must be in [0, 1], got ${o.rate}`);
    if (!(o.maxPerSec >= 0)) throw new RangeError(`AuditSampler: maxPerSec must be >= 0, got ${o.maxPerSec}`);
    this.random = o.random ?? Math.random;
    this.burst = Math.max(1, o.maxPerSec);
    this.tokens = this.burst;
  }

  /** samples held (not yet checked) */
  get size(): number {
    return this.held.length;
  }

  /**
   * Messages just ACKed to their senders (one call per pipeline tick): takes
   * the sampled ones. One random draw per message, nothing else unless it is
   * sampled. Fan-outs without a msg_id (received from another worker) are
   * not the caller's to audit.
   */
  offer(fanouts: readonly Fanout[], now: number): void {
    if (this.o.rate <= 0 || this.o.maxPerSec <= 0) return;
    for (const f of fanouts) {
      if (f.msgId === undefined || this.random() >= this.o.rate) continue;
      if (!this.take(now) || this.held.length >= this.o.maxHeld) continue;
      this.held.push({ msgId: f.msgId, sendTime: f.sendTime, userIds: Array.from(f.userIds), seqs: Array.from(f.seqs) });
    }
  }

  /**
   * Removes and returns the samples due at `now` (send_time + delayMs <=
   * now), oldest first, stopping before the positions to look up would
   * exceed `maxPositions` (at least one sample is returned if any is due).
   */
  due(now: number, maxPositions: number): AuditSample[] {
    const out: AuditSample[] = [];
    let positions = 0;
    let keep = 0;
    for (const s of this.held) {
      const ready = s.sendTime + this.o.delayMs <= now && (out.length === 0 || positions + s.userIds.length <= maxPositions);
      if (ready) {
        out.push(s);
        positions += s.userIds.length;
      } else this.held[keep++] = s;
    }
    this.held.length = keep;
    return out;
  }

  /** Puts samples back (their check failed: the store was unreachable); they are due again at once. */
  putBack(samples: readonly AuditSample[]): void {
    this.held = [...samples, ...this.held].slice(0, Math.max(this.o.maxHeld, samples.length));
  }

  private take(now: number): boolean {
    if (now > this.refilledAt) {
      const elapsed = this.refilledAt === -Infinity ? Infinity : now - this.refilledAt;
      this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.o.maxPerSec) / 1000);
      this.refilledAt = now;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

/**
 * Judges one sample against what its positions hold (index-aligned with
 * sample.userIds: the msg_id there, 0 for a tombstone, null for no row).
 */
export function judge(sample: AuditSample, found: readonly (number | null)[]): AuditVerdict {
  const missing: AuditVerdict['missing'] = [];
  sample.userIds.forEach((_, i) => {
    const f = found[i] ?? null;
    if (f !== sample.msgId) missing.push({ index: i, found: f });
  });
  return { missing };
}
