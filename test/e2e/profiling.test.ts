// Profiling a live node through the admin port (issue 11): a CPU profile of
// one worker, refused on the public port, one at a time; heap snapshot and
// per-worker summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProc } from '../support/cluster.js';

let node: ClusterProc;
beforeAll(async () => {
  node = await startCluster({ workers: 2 });
}, 90_000);
afterAll(async () => {
  await node?.cleanup();
});

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

describe('profiling on the admin port', () => {
  it('takes a 1 s CPU profile of one worker: a V8 profile with samples from that worker', async () => {
    const { workers } = await node.debug();
    const w1 = workers.find((w) => w.index === 1)!;
    const res = await fetch(`${node.adminUrl}/debug/cpu-profile?worker=1&seconds=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/gochat-worker1-\d+\.cpuprofile/);
    // the process that recorded it is worker 1
    expect(Number(res.headers.get('x-gochat-pid'))).toBe(w1.pid);
    const p = (await res.json()) as CpuProfile;
    expect(Array.isArray(p.nodes) && p.nodes.length).toBeGreaterThan(1);
    expect(p.samples.length).toBeGreaterThan(10);
    expect(p.timeDeltas.length).toBe(p.samples.length);
    // ~1 s of wall time (µs)
    expect(p.endTime - p.startTime).toBeGreaterThan(800_000);
    expect(p.endTime - p.startTime).toBeLessThan(5_000_000);
    // every sample names a node of the profile
    const ids = new Set(p.nodes.map((n) => n.id));
    expect(p.samples.every((s) => ids.has(s))).toBe(true);
    // the worker's own code is in it (its timers and event loop run the server's modules)
    expect(p.nodes.some((n) => n.callFrame.url.includes('/src/'))).toBe(true);
  }, 30_000);

  it('a second profile while one runs is refused with a clear error', async () => {
    const first = fetch(`${node.adminUrl}/debug/cpu-profile?worker=0&seconds=2`);
    await new Promise((r) => setTimeout(r, 300));
    const second = await fetch(`${node.adminUrl}/debug/cpu-profile?worker=1&seconds=1`);
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('profile_in_progress');
    expect((await first).status).toBe(200);
    // once the first is done, profiling works again
    expect((await fetch(`${node.adminUrl}/debug/cpu-profile?worker=0&seconds=0.2`)).status).toBe(200);
  }, 30_000);

  it('bad parameters are refused', async () => {
    expect((await fetch(`${node.adminUrl}/debug/cpu-profile?worker=7&seconds=1`)).status).toBe(400);
    expect((await fetch(`${node.adminUrl}/debug/cpu-profile?worker=0&seconds=100000`)).status).toBe(400);
    expect((await fetch(`${node.adminUrl}/debug/cpu-profile?worker=0&seconds=abc`)).status).toBe(400);
  });

  it('is not served on the public port', async () => {
    for (const path of ['/debug/cpu-profile?worker=0&seconds=1', '/debug/heap-snapshot?worker=0', '/debug/summary', '/metrics']) {
      const r = await fetch(`${node.httpUrl}${path}`);
      expect(r.status, path).toBe(404);
    }
  });

  it('summarises every worker: heap, event-loop delay, handles, connections, queues', async () => {
    const r = await fetch(`${node.adminUrl}/debug/summary`);
    expect(r.status).toBe(200);
    const { workers } = (await r.json()) as { workers: Record<string, unknown>[] };
    expect(workers.map((w) => w.index)).toEqual([0, 1]);
    for (const w of workers) {
      expect(w.heap_used_bytes).toEqual(expect.any(Number));
      expect(w.event_loop_delay_ms).toMatchObject({ p50: expect.any(Number), p99: expect.any(Number) });
      expect(w.active_handles).toEqual(expect.any(Number));
      expect(w.connections).toBe(0);
      expect(w).toHaveProperty('persist_queue_depth');
      expect(w).toHaveProperty('pending_pushes');
      expect(w).not.toHaveProperty('gc_ms');
    }
  });

  it('summary?gc=1 collects garbage in every worker first (live memory for per-connection figures)', async () => {
    const r = await fetch(`${node.adminUrl}/debug/summary?gc=1`);
    expect(r.status).toBe(200);
    const { workers } = (await r.json()) as { workers: Record<string, unknown>[] };
    expect(workers.map((w) => w.index)).toEqual([0, 1]);
    for (const w of workers) {
      expect(w.gc_ms).toEqual(expect.any(Number));
      expect(w.heap_used_bytes).toEqual(expect.any(Number));
    }
  });

  it('takes a CPU profile of the primary (worker=primary): the process that routes connections, not a worker', async () => {
    const { workers } = await node.debug();
    const res = await fetch(`${node.adminUrl}/debug/cpu-profile?worker=primary&seconds=0.5`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/gochat-primary-\d+\.cpuprofile/);
    const pid = Number(res.headers.get('x-gochat-pid'));
    expect(pid).toBe(node.pid);
    expect(workers.map((w) => w.pid)).not.toContain(pid);
    const p = (await res.json()) as CpuProfile;
    expect(p.samples.length).toBeGreaterThan(5);
    expect(p.timeDeltas.length).toBe(p.samples.length);
    expect((await fetch(`${node.adminUrl}/debug/cpu-profile?worker=nobody&seconds=1`)).status).toBe(400);
  }, 30_000);

  it('takes a heap snapshot of a worker', async () => {
    const r = await fetch(`${node.adminUrl}/debug/heap-snapshot?worker=0`);
    expect(r.status).toBe(200);
    const text = await r.text();
    const snap = JSON.parse(text) as { snapshot: { meta: unknown; node_count: number }; nodes: number[] };
    expect(snap.snapshot.node_count).toBeGreaterThan(1000);
    expect(snap.nodes.length).toBeGreaterThan(1000);
  }, 60_000);
});
