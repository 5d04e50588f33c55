// SeqAllocator contract against the embedded engine's allocator: counters in
// memory over durable segments in SQLite (SqliteSeqSegments on a fresh
// file). Two ways, as the engine runs it: "memory", the allocator itself
// (a standalone worker), and "memory-ipc", several workers' proxies calling
// one allocator held by the "primary" through the IPC message encoding.
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackEngineChannel, type EngineChannel } from '../../src/cluster/engine-channel.js';
import { IpcSeqAllocator, isSeqCall, serveSeqAlloc } from '../../src/seq/seq-allocator-ipc.js';
import { MemorySeqAllocator } from '../../src/seq/seq-allocator-memory.js';
import type { SeqAllocator } from '../../src/seq/seq-allocator.js';
import type { SeqSegmentStore } from '../../src/seq/seq-segments.js';
import { openSqliteDb } from '../../src/store/db-sqlite.js';
import { SqliteSeqSegments } from '../../src/store/seq-segments-sqlite.js';
import { QueryTypes } from 'sequelize';
import { createTestSqlite } from '../support/env.js';
import { ProbeSegments, seqAllocatorContract, type SeqAllocatorHarness, type SeqAllocatorTuning } from './seq-allocator.suite.js';

interface MemoryHarness extends SeqAllocatorHarness {
  /** the one allocator of the test (the primary's), once opened */
  core(): MemorySeqAllocator | null;
  errors: unknown[];
}

/**
 * `viaIpc`: open() returns a proxy per call (a worker) over one allocator;
 * otherwise the allocator itself. The allocator is made on the first open,
 * with that call's segment store and tuning (every open of a test passes the
 * same), and holds the fast state that resetFastState loses.
 */
async function memoryHarness(viaIpc: boolean): Promise<[MemoryHarness, () => Promise<void>]> {
  const file = await createTestSqlite();
  const sequelize = openSqliteDb({ path: file.sqlitePath! });
  const store = new SqliteSeqSegments(sequelize);
  let core: MemorySeqAllocator | null = null;
  let coreTuning: { segments: SeqSegmentStore; tuning: SeqAllocatorTuning } | null = null;
  const channels: EngineChannel[] = [];
  const errors: unknown[] = [];
  const h: MemoryHarness = {
    errors,
    core: () => core,
    segments: store,
    async durableMax(userIds) {
      const out = new Map<number, number>();
      if (userIds.length === 0) return out;
      const rows = await sequelize.query<{ user_id: number; max_seq: number }>(
        `SELECT user_id, max_seq FROM user_seq WHERE user_id IN (${userIds.map(() => '?').join(', ')})`,
        { replacements: [...userIds], type: QueryTypes.SELECT },
      );
      for (const r of rows) out.set(Number(r.user_id), Number(r.max_seq));
      return out;
    },
    async open(segments, tuning) {
      if (!core) {
        core = new MemorySeqAllocator({ segments, ...tuning, onError: (err) => errors.push(err) });
        coreTuning = { segments, tuning };
      } else if (coreTuning!.segments !== segments || coreTuning!.tuning.step !== tuning.step || coreTuning!.tuning.threshold !== tuning.threshold) {
        throw new Error('memory harness: every allocator of a test shares one core, opened with one segment store and tuning');
      }
      if (!viaIpc) return core;
      const allocator = core;
      const channel = loopbackEngineChannel(async (c) => {
        if (!isSeqCall(c)) throw new Error(`unexpected ${c.op}`);
        return serveSeqAlloc(allocator, c);
      });
      channels.push(channel);
      return new IpcSeqAllocator((c) => channel.call(c));
    },
    async resetFastState() {
      core?.reset();
    },
  };
  const cleanup = async () => {
    for (const c of channels) c.close();
    await core?.close();
    await sequelize.close();
    await file.drop();
  };
  return [h, cleanup];
}

seqAllocatorContract('memory', () => memoryHarness(false));
seqAllocatorContract('memory-ipc', () => memoryHarness(true));

describe('MemorySeqAllocator', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const setup = async (viaIpc = false) => {
    const [h, cleanup] = await memoryHarness(viaIpc);
    cleanups.push(cleanup);
    return h;
  };

  it('in steady state, no store access per call whatever the batch; reservations counted in .stats', async () => {
    const h = await setup();
    const probe = new ProbeSegments(h.segments);
    const a = (await h.open(probe, { step: 1000, threshold: 0.8 })) as MemorySeqAllocator;
    const us = Array.from({ length: 500 }, (_, i) => 1 + i);
    await a.allocate(us, us.map(() => 1)); // seeds: one reservation for all 500
    expect(a.stats).toEqual({ allocations: 500, redisCalls: 0, segmentReservations: 1, backgroundReservations: 0 });
    for (let i = 0; i < 100; i++) await a.allocate(us, us.map(() => 1));
    expect(probe.calls).toBe(1);
    // Past 80% of the segment: one background reservation for all 500 users.
    for (let i = 0; i < 750; i++) await a.allocate(us, us.map(() => 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(a.stats.backgroundReservations).toBe(1);
    expect(a.stats.segmentReservations).toBe(2);
    expect(probe.calls).toBe(2);
    // The background segment follows on: the counters run through it without a jump.
    expect(await a.allocate([1], [200])).toEqual([1051]);
    expect(h.errors).toEqual([]);
  });

  it('after a restart (a new allocator on the same file), continues above every seq handed out before (I4)', async () => {
    const h = await setup();
    const a = (await h.open(h.segments, { step: 100, threshold: 0.8 })) as MemorySeqAllocator;
    const [last] = await a.allocate([7], [42]);
    expect(last).toBe(42);
    await a.close();
    const b = new MemorySeqAllocator({ segments: h.segments, step: 100, threshold: 0.8 });
    try {
      const [next] = await b.allocate([7], [1]);
      expect(next).toBeGreaterThan(100); // the durable mark (100), never 43
    } finally {
      await b.close();
    }
  });

  it('a clean shutdown gives back the unused rest of the segments: the next start continues without a gap', async () => {
    const h = await setup();
    const a = new MemorySeqAllocator({ segments: h.segments, step: 100, threshold: 0.8 });
    expect(await a.allocate([1, 2], [5, 90])).toEqual([5, 90]);
    await a.allocate([2], [20]); // 110: crossed into a second segment (contiguous)
    await expect(a.release()).rejects.toThrow(/close\(\) first/);
    await a.close();
    await expect(a.allocate([1], [1])).rejects.toMatchObject({ name: 'UnavailableError' });
    expect(await a.release()).toBe(2);
    expect(Object.fromEntries(await h.durableMax([1, 2]))).toEqual({ 1: 5, 2: 110 });
    const b = new MemorySeqAllocator({ segments: h.segments, step: 100, threshold: 0.8 });
    expect(await b.allocate([1, 2], [1, 1])).toEqual([6, 111]);
    await b.close();
  });

  it('gives nothing back where another allocator reserved after it or in between (never below a seq handed out)', async () => {
    const h = await setup();
    const a = new MemorySeqAllocator({ segments: h.segments, step: 100, threshold: 0.99 });
    const b = new MemorySeqAllocator({ segments: h.segments, step: 100, threshold: 0.99 });
    await a.allocate([1, 2], [1, 1]); // a: (0, 100] for both
    await b.allocate([1], [7]); // b: (100, 200] for user 1
    await a.close();
    expect(await a.release()).toBe(1); // user 2 only: user 1's mark (200) is b's
    expect(Object.fromEntries(await h.durableMax([1, 2]))).toEqual({ 1: 200, 2: 1 });
    await b.close();
    expect(await b.release()).toBe(1);
    expect(Object.fromEntries(await h.durableMax([1]))).toEqual({ 1: 107 });
    const c = new MemorySeqAllocator({ segments: h.segments, step: 100, threshold: 0.99 });
    expect(await c.allocate([1, 2], [1, 1])).toEqual([108, 2]);
    await c.close();
  });

  it('two allocators on one segment store (misconfiguration) still never hand out the same seq', async () => {
    const h = await setup();
    const a = new MemorySeqAllocator({ segments: h.segments, step: 10, threshold: 0.5 });
    const b = new MemorySeqAllocator({ segments: h.segments, step: 10, threshold: 0.5 });
    const seen = new Set<number>();
    try {
      for (let i = 0; i < 200; i++) {
        const who = i % 3 === 0 ? b : a;
        const n = 1 + (i % 4);
        const [last] = await who.allocate([9], [n]);
        for (let s = last! - n + 1; s <= last!; s++) {
          expect(seen.has(s), `seq ${s} twice`).toBe(false);
          seen.add(s);
        }
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the IPC proxy makes one round trip per call and reports a failed one as UnavailableError', async () => {
    const calls: unknown[] = [];
    const proxy = new IpcSeqAllocator(async (c) => {
      calls.push(c);
      if (calls.length === 2) throw new Error('primary gone');
      if (c.op !== 'seq_alloc') throw new Error('unexpected call');
      return c.users.map((_, i) => 10 * (i + 1));
    });
    expect(await proxy.allocate([3, 4, 5], [1, 2, 3])).toEqual([10, 20, 30]);
    await expect(proxy.allocate([3], [1])).rejects.toMatchObject({ name: 'UnavailableError', code: 7 });
    expect(await proxy.allocate([], [])).toEqual([]);
    expect(calls).toHaveLength(2);
    expect(proxy.stats).toMatchObject({ allocations: 6, redisCalls: 2 });
  });
});

// Keeps the type import used when the suite's harness type changes shape.
export type { SeqAllocator };
