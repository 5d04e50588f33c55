// A latency histogram with three significant digits (≤ 0.1% error), in
// microseconds, mergeable across processes (plain arrays of counts).

const EXACT = 1000; // 0 … 999 µs are exact
const PER_DECADE = 900; // mantissas 100 … 999
const DECADES = 8; // up to 10^11 µs

export class Hist {
  readonly counts = new Float64Array(EXACT + PER_DECADE * DECADES);
  n = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  /** Records a value in ms (negative values clamp to 0). */
  add(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    this.n++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.counts[Hist.index(Math.round(v * 1000))]!++;
  }

  static index(us: number): number {
    if (us < EXACT) return us;
    let e = 0;
    let m = us;
    while (m >= 1000) {
      m = Math.floor(m / 10);
      e++;
    }
    const i = EXACT + (e - 1) * PER_DECADE + (m - 100);
    return Math.min(i, EXACT + PER_DECADE * DECADES - 1);
  }

  /** Lower bound of bucket i, µs. */
  static value(i: number): number {
    if (i < EXACT) return i;
    const k = i - EXACT;
    const e = Math.floor(k / PER_DECADE) + 1;
    return (100 + (k % PER_DECADE)) * 10 ** e;
  }

  /** The p-th percentile (0–100) in ms; NaN when empty. */
  pct(p: number): number {
    if (this.n === 0) return NaN;
    if (p >= 100) return this.max;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, Hist.value(i) / 1000));
    }
    return this.max;
  }

  mean(): number {
    return this.n ? this.sum / this.n : NaN;
  }

  merge(o: Hist | HistJSON): void {
    const counts = o instanceof Hist ? o.counts : o.counts;
    for (let i = 0; i < counts.length; i++) this.counts[i]! += counts[i]!;
    this.n += o.n;
    this.sum += o.sum;
    if (o.n) {
      this.min = Math.min(this.min, o.min);
      this.max = Math.max(this.max, o.max);
    }
  }

  toJSON(): HistJSON {
    return { n: this.n, sum: this.sum, min: this.n ? this.min : 0, max: this.n ? this.max : 0, counts: Array.from(this.counts) };
  }

  summary(): LatencySummary {
    return { n: this.n, p50: this.pct(50), p90: this.pct(90), p99: this.pct(99), p999: this.pct(99.9), max: this.n ? this.max : NaN, mean: this.mean() };
  }
}

export interface HistJSON {
  n: number;
  sum: number;
  min: number;
  max: number;
  counts: number[];
}

export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtLatency(s: LatencySummary): string {
  return `p50 ${fmtMs(s.p50)}  p90 ${fmtMs(s.p90)}  p99 ${fmtMs(s.p99)}  p99.9 ${fmtMs(s.p999)}  max ${fmtMs(s.max)}  (n=${s.n})`;
}

/**
 * Latency by the second it was sent in (from the run's first send): shows
 * warm-up (a fresh server's first seconds) apart from the steady state.
 */
export class PerSecond {
  readonly secs: Hist[] = [];

  /** atMs: send time relative to the first send; ms: the latency */
  add(atMs: number, ms: number): void {
    const s = Math.max(0, Math.floor(atMs / 1000));
    while (this.secs.length <= s) this.secs.push(new Hist());
    this.secs[s]!.add(ms);
  }

  /** p-th percentile of each second (NaN for an empty second) */
  pcts(p: number): number[] {
    return this.secs.map((h) => h.pct(p));
  }

  /** one histogram of the seconds [from, to) */
  range(from: number, to = Infinity): Hist {
    const h = new Hist();
    for (let s = from; s < Math.min(to, this.secs.length); s++) h.merge(this.secs[s]!);
    return h;
  }
}

/** "12 9.4 8.1 …" (ms, rounded) */
export const fmtSeries = (xs: number[]) => xs.map((x) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : x.toFixed(0)) : '-')).join(' ');
