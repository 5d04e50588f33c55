// Where a pipeline tick's time goes on the server: the per-stage histogram
// (gochat_pipeline_stage_seconds) read from the admin port's /metrics before
// and after a run, as mean milliseconds per tick.
import { PIPELINE_STAGES } from '../../src/metrics/metrics.js';
import type { Target } from './server.js';

export type StageTotals = Map<string, { sum: number; count: number }>;

export async function stageTotals(t: Target): Promise<StageTotals | null> {
  if (!t.adminUrl) return null;
  try {
    const res = await fetch(`${t.adminUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return null;
    const text = await res.text();
    const out: StageTotals = new Map();
    const re = /^gochat_pipeline_stage_seconds_(sum|count)\{[^}]*\bstage="(\w+)"[^}]*\} ([0-9.eE+-]+)$/gm;
    for (const m of text.matchAll(re)) {
      const e = out.get(m[2]!) ?? { sum: 0, count: 0 };
      e[m[1] as 'sum' | 'count'] += Number(m[3]);
      out.set(m[2]!, e);
    }
    return out;
  } catch {
    return null;
  }
}

/** "validate 0.1 ms, mark 2.0 ms, …" over the ticks between two readings. */
export function stageSummary(before: StageTotals | null, after: StageTotals | null): string | null {
  if (!before || !after) return null;
  const parts: string[] = [];
  let ticks = 0;
  for (const stage of PIPELINE_STAGES) {
    const a = after.get(stage);
    const b = before.get(stage) ?? { sum: 0, count: 0 };
    if (!a || a.count <= b.count) continue;
    const n = a.count - b.count;
    if (stage === 'validate') ticks = n;
    parts.push(`${stage} ${(((a.sum - b.sum) / n) * 1000).toFixed(1)} ms`);
  }
  return parts.length ? `${ticks} ticks; mean per tick: ${parts.join(', ')}` : null;
}
