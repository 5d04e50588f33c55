// A token bucket on an injected clock: `rate` tokens per second, at most
// `burst` saved up. Pure; no timers.

/** A bucket's refill rate (tokens per second) and the most it saves up. */
export interface BucketSpec {
  rate: number;
  burst: number;
}

/**
 * Several token buckets of one owner, their state (tokens, last refill) in
 * one Float64Array: a connection's limits cost two small objects, not one
 * object and two boxed numbers per bucket. Bucket i follows spec[i].
 */
export class TokenBuckets {
  private readonly s: Float64Array;

  constructor(
    private readonly spec: readonly BucketSpec[],
    private readonly now: () => number,
  ) {
    this.s = new Float64Array(spec.length * 2);
    const t = now();
    for (let i = 0; i < spec.length; i++) {
      this.s[2 * i] = spec[i]!.burst;
      this.s[2 * i + 1] = t;
    }
  }

  private refill(i: number): void {
    const t = this.now();
    const last = this.s[2 * i + 1]!;
    if (t > last) {
      const b = this.spec[i]!;
      this.s[2 * i] = Math.min(b.burst, this.s[2 * i]! + ((t - last) * b.rate) / 1000);
      this.s[2 * i + 1] = t;
    }
  }

  /** Takes `n` tokens from bucket i if it holds that many; false (taking none) otherwise. */
  take(i: number, n = 1): boolean {
    this.refill(i);
    if (this.s[2 * i]! < n) return false;
    this.s[2 * i]! -= n;
    return true;
  }

  /** Takes `n` tokens from bucket i, going into debt; returns ms until its balance is back to zero (0 if none owed). */
  charge(i: number, n: number): number {
    this.refill(i);
    const left = (this.s[2 * i]! -= n);
    return left >= 0 ? 0 : Math.ceil((-left * 1000) / this.spec[i]!.rate);
  }
}

/** One token bucket: `rate` tokens per second, at most `burst` saved up. */
export class TokenBucket {
  private readonly b: TokenBuckets;

  constructor(rate: number, burst: number, now: () => number) {
    this.b = new TokenBuckets([{ rate, burst }], now);
  }

  /** Takes `n` tokens if there are that many; false (taking none) otherwise. */
  take(n = 1): boolean {
    return this.b.take(0, n);
  }

  /** Takes `n` tokens, going into debt; returns ms until the balance is back to zero (0 if none owed). */
  charge(n: number): number {
    return this.b.charge(0, n);
  }
}

/** Token buckets by key (e.g. client IP), forgetting keys idle for a while. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, { b: TokenBucket; used: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, n = 1): boolean {
    let e = this.buckets.get(key);
    if (!e) {
      if (this.buckets.size >= this.maxKeys) this.sweep();
      e = { b: new TokenBucket(this.rate, this.burst, this.now), used: 0 };
      this.buckets.set(key, e);
    }
    e.used = this.now();
    return e.b.take(n);
  }

  /** Drops buckets idle long enough to be full again. */
  sweep(): void {
    const idle = (this.burst / this.rate) * 1000;
    const cutoff = this.now() - idle;
    for (const [k, e] of this.buckets) if (e.used < cutoff) this.buckets.delete(k);
    // Still full of active keys: forget the oldest half rather than grow.
    if (this.buckets.size >= this.maxKeys) {
      let i = 0;
      for (const k of this.buckets.keys()) if (i++ < this.maxKeys / 2) this.buckets.delete(k);
    }
  }
}
