import { UnavailableError } from '../errors.js';
import type { SeqAllocator } from './seq-allocator.js';
import type { SeqSegmentRelease, SeqSegmentStore } from './seq-segments.js';

// Per user, in this process: c = last seq handed out, (c, m] = what is left
// of the durable segments reserved so far, and at most one spare segment
// (lo, hi] that does not follow m (another allocator reserved in between:
// the counter jumps to it when (c, m] is used up). An allocate call that fits
// is served synchronously, in one turn of the event loop, so it is atomic
// with respect to every other call: there is nothing to lose half way.
//
// The allocator must be the only one handing out seqs for its users (the
// embedded engine has one per node, in the primary; workers reach it through
// seq-allocator-ipc.ts). It never reuses a seq even if it is not: it only
// hands out seqs of segments it reserved itself.

export interface MemorySeqAllocatorOptions {
  segments: SeqSegmentStore & Partial<SeqSegmentRelease>;
  /** seqs per durable segment */
  step: number;
  /** fraction of a segment after which the next one is reserved in the background */
  threshold: number;
  onError?: (err: unknown) => void;
}

/** Counters for the §4 measurement; `redisCalls` stays 0 (no round trip to a fast store). */
export interface MemorySeqAllocatorStats {
  allocations: number;
  redisCalls: number;
  segmentReservations: number;
  backgroundReservations: number;
}

interface Counter {
  c: number;
  m: number;
  spare: { lo: number; hi: number } | null;
  /** every seq from the seed up to m lies in segments this allocator reserved one after the other */
  contiguous: boolean;
}

/** Rounds of reserve-and-retry before a call gives up (each reservation serves it unless another call took the room). */
const MAX_ROUNDS = 5;
/** Users per background reservation. */
const BACKGROUND_BATCH = 1000;

/**
 * Double-buffered seq allocation (DESIGN.md §4) with the counters in memory:
 * one durable reservation per crossed segment, batched across users; the
 * next segment is reserved in the background once a counter passes
 * `threshold` of its segment, so steady-state calls never wait on the store.
 * After a restart (or `reset()`) every counter is re-seeded from a fresh
 * durable reservation, above every seq handed out before (I4).
 */
export class MemorySeqAllocator implements SeqAllocator {
  readonly stats: MemorySeqAllocatorStats = { allocations: 0, redisCalls: 0, segmentReservations: 0, backgroundReservations: 0 };
  private counters = new Map<number, Counter>();
  /** bumped by reset(): seeds from reservations started before it are not used */
  private epoch = 0;
  private readonly pendingBackground = new Set<number>();
  private backgroundQueue: number[] = [];
  private backgroundRunning: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: MemorySeqAllocatorOptions) {
    if (!Number.isSafeInteger(opts.step) || opts.step < 1) throw new RangeError(`MemorySeqAllocator: bad step ${opts.step}`);
    if (!(opts.threshold > 0 && opts.threshold < 1)) throw new RangeError(`MemorySeqAllocator: bad threshold ${opts.threshold}`);
  }

  async allocate(userIds: readonly number[], counts: readonly number[]): Promise<number[]> {
    if (this.closed) throw new UnavailableError('seq allocator (closed)');
    if (userIds.length !== counts.length) throw new RangeError('allocate: userIds and counts differ in length');
    for (const n of counts) if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`allocate: bad count ${n}`);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const seed: number[] = [];
      const raise: number[] = [];
      let need = 0;
      for (let i = 0; i < userIds.length; i++) {
        const k = this.counters.get(userIds[i]!);
        if (!k) seed.push(userIds[i]!);
        else if (!fits(k, counts[i]!)) raise.push(userIds[i]!);
        else continue;
        need = Math.max(need, counts[i]!);
      }
      if (seed.length === 0 && raise.length === 0) return this.take(userIds, counts);
      // Nothing was handed out. Reserve synchronously, then try the whole call again.
      await this.reserveAndApply(seed, raise, need);
    }
    throw new UnavailableError('seq allocator (segments exhausted)');
  }

  async peek(userId: number): Promise<number | null> {
    return this.counters.get(userId)?.c ?? null;
  }

  async prime(userIds: readonly number[]): Promise<void> {
    if (this.closed) throw new UnavailableError('seq allocator (closed)');
    const seed = [...new Set(userIds)].filter((u) => !this.counters.has(u));
    if (seed.length) await this.reserveAndApply(seed, []);
  }

  /** Hands out every user's run; the caller checked that each fits. */
  private take(userIds: readonly number[], counts: readonly number[]): number[] {
    const headroom = (1 - this.opts.threshold) * this.opts.step;
    const out = new Array<number>(userIds.length);
    for (let i = 0; i < userIds.length; i++) {
      const k = this.counters.get(userIds[i]!)!;
      const n = counts[i]!;
      if (k.c + n > k.m) {
        // (c, m] is too short: jump to the spare segment (the rest is skipped).
        k.c = k.spare!.lo;
        k.m = k.spare!.hi;
        k.spare = null;
      }
      k.c += n;
      out[i] = k.c;
      this.stats.allocations += n;
      if (k.m - k.c < headroom && !k.spare) this.scheduleBackground(userIds[i]!);
    }
    return out;
  }

  /** Reserves a segment for each user (seeding unknown counters) and applies it; `need` sizes it for big runs. */
  private async reserveAndApply(seed: readonly number[], raise: readonly number[], need = 0): Promise<void> {
    const users = [...seed, ...raise];
    if (users.length === 0) return;
    const epoch = this.epoch;
    const step = this.opts.step * Math.max(1, Math.ceil(need / this.opts.step));
    let maxima: Map<number, number>;
    try {
      this.stats.segmentReservations++;
      maxima = await this.opts.segments.reserveSegments(users, step);
    } catch (err) {
      throw new UnavailableError('seq segment store', err);
    }
    for (const u of users) {
      const hi = maxima.get(u);
      if (hi === undefined) throw new UnavailableError('seq segment store (missing reservation)');
      this.apply(u, hi - step, hi, epoch === this.epoch);
    }
  }

  /**
   * Adds the durable segment (lo, hi] to the user's counter. An unknown
   * counter is seeded at lo only from a reservation made since the last
   * reset: one started before it may have committed before a reservation
   * that a newer counter already used, and seeding from it would go back.
   */
  private apply(userId: number, lo: number, hi: number, mayseed: boolean): void {
    const k = this.counters.get(userId);
    if (!k) {
      if (mayseed) this.counters.set(userId, { c: lo, m: hi, spare: null, contiguous: true });
      return;
    }
    if (hi <= k.m) return; // older than what the counter has: unused, skipped
    if (lo === k.m) {
      k.m = hi; // follows on: one longer segment
      if (k.spare && k.spare.lo === k.m) k.m = k.spare.hi;
      if (k.spare && k.spare.hi <= k.m) k.spare = null;
    } else if (!k.spare || hi > k.spare.hi) {
      k.spare = k.spare && lo === k.spare.hi ? { lo: k.spare.lo, hi } : { lo, hi };
      k.contiguous = false; // someone else reserved in between
    }
  }

  private scheduleBackground(userId: number): void {
    if (this.closed || this.pendingBackground.has(userId)) return;
    this.pendingBackground.add(userId);
    this.backgroundQueue.push(userId);
    this.backgroundRunning ??= this.runBackground();
  }

  private async runBackground(): Promise<void> {
    await Promise.resolve();
    while (this.backgroundQueue.length > 0 && !this.closed) {
      const users = this.backgroundQueue.splice(0, BACKGROUND_BATCH);
      try {
        this.stats.backgroundReservations++;
        await this.reserveAndApply([], users);
      } catch (err) {
        this.opts.onError?.(err);
      } finally {
        for (const u of users) this.pendingBackground.delete(u);
      }
    }
    this.backgroundRunning = null;
  }

  /**
   * Forgets every counter, as a restart of the process holding them would
   * (tests of I4). Calls in flight finish or re-seed from a new reservation.
   */
  reset(): void {
    this.counters = new Map();
    this.epoch++;
  }

  /** Refuses further calls and stops background reservations (waiting for the one in flight). Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.backgroundRunning;
  }

  /**
   * After close(), once no call can be in flight any more (a clean
   * shutdown): gives back the unused rest of each user's segments, lowering
   * the durable max_seq to the last seq handed out where every seq between
   * the counter's seed and its segment end was reserved by this allocator and
   * nothing was reserved after it. The next start then continues right
   * after the last seq instead of skipping to a new segment, a gap that sync
   * would hold back for sync.gap_timeout. Without it (a crash) the next start
   * skips ahead, as I4 requires. Resolves to the number of users given back.
   */
  async release(): Promise<number> {
    if (!this.closed) throw new Error('MemorySeqAllocator.release: close() first');
    const store = this.opts.segments;
    if (!store.releaseSegments) return 0;
    const rows: { userId: number; reserved: number; last: number }[] = [];
    for (const [userId, k] of this.counters) if (k.contiguous && !k.spare && k.c < k.m) rows.push({ userId, reserved: k.m, last: k.c });
    this.counters = new Map();
    return rows.length ? store.releaseSegments(rows) : 0;
  }
}

/** Whether `n` more seqs fit in the counter's current segment or its spare. */
function fits(k: Counter, n: number): boolean {
  return k.c + n <= k.m || (k.spare !== null && k.spare.lo + n <= k.spare.hi);
}
