// UplinkDedupStore contract against the embedded engine's in-process dedup
// state (one per worker: sticky routing keeps a device on one worker, so
// the handles of a test share one store, as the connections of a device do).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryUplinkDedup } from '../../src/dedup/uplink-dedup-memory.js';
import { uplinkDedupContract } from './uplink-dedup.suite.js';

let shared: MemoryUplinkDedup | null = null;
beforeEach(() => {
  shared = null;
});
afterEach(() => {
  shared?.close();
});

uplinkDedupContract('memory', async ({ window, ttlSeconds }) => [(shared ??= new MemoryUplinkDedup({ window, ttlSeconds })), async () => undefined]);

describe('MemoryUplinkDedup', () => {
  it('a new store (a restarted worker) knows nothing: the caller recovers from the message store, with nothing in flight (direct persistence)', async () => {
    const a = new MemoryUplinkDedup({ window: 8, ttlSeconds: 60 });
    const b = new MemoryUplinkDedup({ window: 8, ttlSeconds: 60 });
    try {
      const k = { userId: 1, deviceId: 'd' };
      const la = await a.load(k);
      await a.seed(k, la.owner, { last: 0, fence: 0 });
      expect(await a.commit([{ ...k, owner: la.owner, fence: 0, outcomes: [{ clientId: 1, outcome: { seq: 5, msgId: 9 } }] }])).toEqual([true]);
      expect((await a.load(k)).state!.last).toBe(1);
      const lb = await b.load(k);
      expect(lb.state).toBeNull();
      expect(lb.lossAgeMs).toBe(Infinity);
    } finally {
      a.close();
      b.close();
    }
  });

  it('an outcome read back is a copy: changing it does not change the store', async () => {
    const s = new MemoryUplinkDedup({ window: 8, ttlSeconds: 60 });
    try {
      const k = { userId: 1, deviceId: 'd' };
      const l = await s.load(k);
      await s.seed(k, l.owner, { last: 0, fence: 0 });
      const outcome = { seq: 5, msgId: 9 };
      await s.commit([{ ...k, owner: l.owner, fence: 0, outcomes: [{ clientId: 1, outcome }] }]);
      outcome.seq = 6;
      expect(await s.outcome(k, 1)).toEqual({ seq: 5, msgId: 9 });
    } finally {
      s.close();
    }
  });
});
