// A hashed timing wheel (Varghese & Lauck): `slots` buckets of `tickMs`,
// each a doubly linked list, so insert and cancel are O(1) and a tick costs
// only the entries of one bucket. Entries further away than one revolution
// carry a round count.
import type { TimerHandle, TimerScheduler, TimerTarget } from './timer-scheduler.js';

/** slot value of an entry taken out of its bucket to fire this tick */
const FIRING = -2;

class Entry<T = unknown> implements TimerHandle {
  prev: Entry | null = null;
  next: Entry | null = null;
  slot = -1;
  constructor(
    public rounds: number,
    public target: TimerTarget<T> | null,
    public data: T | null,
  ) {}
  get active(): boolean {
    return this.slot >= 0 || this.slot === FIRING;
  }
}

export interface TimingWheelOptions {
  /** ms per tick (the timer granularity) */
  tickMs: number;
  /** buckets per revolution; rounded up to a power of two */
  slots: number;
  /** the clock; Date.now by default, a fake clock in tests */
  now?: () => number;
}

export class TimingWheel implements TimerScheduler {
  private readonly heads: (Entry | null)[];
  private readonly tails: (Entry | null)[];
  private readonly mask: number;
  private readonly tickMs: number;
  private readonly clock: () => number;
  /** the tick processed last (absolute tick number) */
  private tick: number;
  private count = 0;
  private driver: NodeJS.Timeout | null = null;

  constructor(opts: TimingWheelOptions) {
    if (!(opts.tickMs > 0)) throw new RangeError('tickMs must be positive');
    let n = 1;
    while (n < Math.max(1, opts.slots)) n <<= 1;
    this.heads = new Array(n).fill(null);
    this.tails = new Array(n).fill(null);
    this.mask = n - 1;
    this.tickMs = opts.tickMs;
    this.clock = opts.now ?? Date.now;
    this.tick = Math.floor(this.clock() / this.tickMs);
  }

  get size(): number {
    return this.count;
  }

  now(): number {
    return this.clock();
  }

  schedule<T>(delayMs: number, target: TimerTarget<T>, data: T): TimerHandle {
    // Due at the first tick boundary at or after now + delay.
    const due = Math.max(this.tick + 1, Math.ceil((this.clock() + Math.max(0, delayMs)) / this.tickMs));
    const ticks = due - this.tick;
    const slot = due & this.mask;
    const e = new Entry<T>(Math.floor((ticks - 1) / this.heads.length), target, data);
    e.slot = slot;
    const tail = this.tails[slot] ?? null;
    if (tail) {
      tail.next = e as Entry;
      e.prev = tail;
    } else this.heads[slot] = e as Entry;
    this.tails[slot] = e as Entry;
    this.count++;
    return e;
  }

  cancel(handle: TimerHandle): void {
    const e = handle as Entry;
    if (e.slot === FIRING) {
      // Due this tick but not fired yet: it must not fire.
      e.slot = -1;
      e.target = null;
      e.data = null;
    } else if (e.slot >= 0) {
      this.unlink(e);
      e.target = null;
      e.data = null;
    }
  }

  private unlink(e: Entry): void {
    const s = e.slot;
    if (e.prev) e.prev.next = e.next;
    else this.heads[s] = e.next;
    if (e.next) e.next.prev = e.prev;
    else this.tails[s] = e.prev;
    e.prev = e.next = null;
    e.slot = -1;
    this.count--;
  }

  /** Fires everything due up to the clock's current time. */
  advance(): void {
    const target = Math.floor(this.clock() / this.tickMs);
    const due: Entry[] = [];
    while (this.tick < target) {
      this.tick++;
      const slot = this.tick & this.mask;
      // First take the due entries out of the bucket, then fire them, so a
      // callback may freely schedule or cancel (even entries of this bucket).
      for (let e = this.heads[slot] ?? null; e; ) {
        const next: Entry | null = e.next;
        if (e.rounds > 0) e.rounds--;
        else {
          this.unlink(e);
          e.slot = FIRING;
          due.push(e);
        }
        e = next;
      }
      for (const e of due) {
        if (e.slot !== FIRING) continue; // cancelled by an earlier callback
        const t = e.target!;
        const d = e.data;
        e.slot = -1;
        e.target = null;
        e.data = null;
        t.onTimer(d);
      }
      due.length = 0;
    }
  }

  /** Drives the wheel from a real interval (unref'd); tests call advance() instead. */
  start(): void {
    if (this.driver) return;
    this.driver = setInterval(() => this.advance(), this.tickMs);
    this.driver.unref();
  }

  stop(): void {
    if (this.driver) clearInterval(this.driver);
    this.driver = null;
  }
}
