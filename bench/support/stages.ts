// Where a pipeline tick's time goes on the server: the per-stage histogram
// (gochat_pipeline_stage_seconds) read from the admin port's /metrics before
// and after a run: mean and p99 (bucket upper bound) per stage.
import { PIPELINE_STAGES } from '../../src/metrics/metrics.js';
import type { Target } from './server.js';

interface StageTotal {
  sum: number;
  count: number;
  /** cumulative count per bucket upper bound (s) */
  buckets: Map<number, number>;
}
export type StageTotals = Map<string, StageTotal>;

export async function stageTotals(t: Target): Promise<StageTotals | null> {
  if (!t.adminUrl) return null;
  try {
    const res = await fetch(`${t.adminUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return null;
    const text = await res.text();
    const out: StageTotals = new Map();
    const get = (stage: string) => {
      let e = out.get(stage);
      if (!e) out.set(stage, (e = { sum: 0, count: 0, buckets: new Map() }));
      return e;
    };
    const re = /^gochat_pipeline_stage_seconds_(sum|count|bucket)\{([^}]*)\} ([0-9.eE+-]+)$/gm;
    for (const m of text.matchAll(re)) {
      const labels = m[2]!;
      const stage = /\bstage="(\w+)"/.exec(labels)?.[1];
      if (!stage) continue;
      const e = get(stage);
      const v = Number(m[3]);
      if (m[1] === 'bucket') {
        const le = /\ble="([^"]+)"/.exec(labels)?.[1];
        if (le && le !== '+Inf') e.buckets.set(Number(le), (e.buckets.get(Number(le)) ?? 0) + v);
      } else e[m[1] as 'sum' | 'count'] += v;
    }
    return out;
  } catch {
    return null;
  }
}

/** "validate 0.1 ms (p99 ≤ 1 ms), reserve …" over the ticks between two readings. */
export function stageSummary(before: StageTotals | null, after: StageTotals | null): string | null {
  if (!before || !after) return null;
  const parts: string[] = [];
  let ticks = 0;
  for (const stage of PIPELINE_STAGES) {
    const a = after.get(stage);
    const b = before.get(stage) ?? { sum: 0, count: 0, buckets: new Map<number, number>() };
    if (!a || a.count <= b.count) continue;
    const n = a.count - b.count;
    if (stage === 'validate') ticks = n;
    let p99 = '> 10 s';
    for (const le of [...a.buckets.keys()].sort((x, y) => x - y)) {
      if ((a.buckets.get(le) ?? 0) - (b.buckets.get(le) ?? 0) >= 0.99 * n) {
        p99 = `≤ ${le * 1000} ms`;
        break;
      }
    }
    parts.push(`${stage} ${(((a.sum - b.sum) / n) * 1000).toFixed(1)} ms (p99 ${p99})`);
  }
  return parts.length ? `${ticks} ticks; mean per tick: ${parts.join(', ')}` : null;
}
