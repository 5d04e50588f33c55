// Self time per function of a V8 .cpuprofile (the format node --cpu-prof and
// the inspector's Profiler write), hottest first.
import path from 'node:path';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface FunctionTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export function selfTimes(p: CpuProfile): FunctionTime[] {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, { name: string; where: string; ms: number }>();
  const add = (id: number, dt: number) => {
    const n = byNode.get(id);
    if (!n) return;
    const f = n.callFrame;
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}@${where}`;
    const e = ms.get(key);
    if (e) e.ms += dt;
    else ms.set(key, { name: f.functionName || '(anonymous)', where, ms: dt });
  };
  if (p.samples && p.timeDeltas) {
    for (let i = 0; i < p.samples.length; i++) add(p.samples[i]!, (p.timeDeltas[i + 1] ?? 0) / 1000);
  } else {
    const per = (p.endTime - p.startTime) / 1000 / Math.max(1, p.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0));
    for (const n of p.nodes) if (n.hitCount) add(n.id, n.hitCount * per);
  }
  const total = [...ms.values()].reduce((s, e) => s + e.ms, 0) || 1;
  return [...ms.values()].map((e) => ({ ...e, share: e.ms / total })).sort((a, b) => b.ms - a.ms);
}

export function topFunctions(p: CpuProfile, n: number): string {
  const rows = selfTimes(p);
  const busy = rows.filter((r) => r.name !== '(idle)' && r.name !== '(program)').reduce((s, r) => s + r.ms, 0);
  const head = `  ${((p.endTime - p.startTime) / 1000).toFixed(0)} ms profiled, ${busy.toFixed(0)} ms busy in JS/native functions`;
  return [head, ...rows.slice(0, n).map((r) => `  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}  ${r.where}`)].join('\n');
}
