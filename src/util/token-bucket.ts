// A token bucket on an injected clock: `rate` tokens per second, at most
// `burst` saved up. Pure; no timers.

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.rate) / 1000);
      this.last = t;
    }
  }

  /** Takes `n` tokens if there are that many; false (taking none) otherwise. */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes `n` tokens, going into debt; returns ms until the balance is back to zero (0 if none owed). */
  charge(n: number): number {
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.rate);
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
