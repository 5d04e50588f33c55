// Profiling of the running process through node:inspector (the seed's pprof
// workflow, in Node's terms): CPU profiles, heap snapshots and a summary.
import { createWriteStream } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LOOP_MONITOR_RESOLUTION_MS } from '../util/loop-monitor.js';

/** Records a V8 CPU profile for `seconds`; resolves to the .cpuprofile JSON text. */
export async function cpuProfile(seconds: number): Promise<string> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
    await sleep(seconds * 1000);
    const { profile } = await session.post('Profiler.stop');
    return JSON.stringify(profile);
  } finally {
    session.disconnect();
  }
}

/** Writes a heap snapshot to `path` (.heapsnapshot, opens in Chrome DevTools' Memory tab). */
export async function heapSnapshot(path: string): Promise<void> {
  const session = new Session();
  session.connect();
  const out = createWriteStream(path);
  try {
    session.on('HeapProfiler.addHeapSnapshotChunk', (m) => out.write(m.params.chunk));
    await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    session.disconnect();
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

export interface ProcessSummary {
  pid: number;
  uptime_s: number;
  rss_bytes: number;
  heap_used_bytes: number;
  heap_total_bytes: number;
  external_bytes: number;
  /** event-loop delay since the previous summary, ms */
  event_loop_delay_ms: { p50: number; p90: number; p99: number; max: number };
  active_handles: number;
  active_requests: number;
}

/** Event-loop delay histogram, reset at every summary. */
let loop: IntervalHistogram | null = null;


export function processSummary(): ProcessSummary {
  if (!loop) {
    loop = monitorEventLoopDelay({ resolution: LOOP_MONITOR_RESOLUTION_MS });
    loop.enable();
  }
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - LOOP_MONITOR_RESOLUTION_MS) * 100) / 100);
  const m = process.memoryUsage();
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.().length ?? -1;
  const requests = (process as unknown as { _getActiveRequests?: () => unknown[] })._getActiveRequests?.().length ?? -1;
  const s: ProcessSummary = {
    pid: process.pid,
    uptime_s: Math.round(process.uptime()),
    rss_bytes: m.rss,
    heap_used_bytes: m.heapUsed,
    heap_total_bytes: m.heapTotal,
    external_bytes: m.external,
    event_loop_delay_ms: {
      p50: ms(loop.percentile(50)),
      p90: ms(loop.percentile(90)),
      p99: ms(loop.percentile(99)),
      max: ms(loop.max),
    },
    active_handles: handles,
    active_requests: requests,
  };
  loop.reset();
  return s;
}

let gcFn: (() => void) | null = null;

/** V8 returns the pages a collection freed to the OS from a background task: RSS shows it within this. */
const GC_RELEASE_MS = 1000;

/**
 * Runs a full garbage collection now (for measuring live memory, e.g. per
 * connection), without starting the process with --expose-gc: the flag is
 * set at run time and the gc function taken from a fresh context. Resolves
 * once the freed pages had time to leave the RSS (read just after the
 * collection, it still counted ~170 MB freed by it in a 2M-object test).
 * Says how long the collection took.
 */
export async function collectGarbage(): Promise<{ gc_ms: number }> {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  const t0 = performance.now();
  gcFn();
  const gcMs = Math.round((performance.now() - t0) * 10) / 10;
  await sleep(GC_RELEASE_MS);
  return { gc_ms: gcMs };
}
