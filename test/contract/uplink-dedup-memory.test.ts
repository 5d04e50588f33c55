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
  it('a new store (a restarted worker) knows nothing: the caller recovers from the message store', async () => {
    const a = new MemoryUplinkDedup({ window: 8, ttlSeconds: 60 });
    const b = new MemoryUplinkDedup({ window: 8, ttlSeconds: 60 });
    try {
      await a.commit([{ userId: 1, deviceId: 'd', outcomes: [{ clientId: 1, outcome: { seq: 5, msgId: 9 } }] }]);
      expect(await a.load({ userId: 1, deviceId: 'd' })).toBe(1);
      expect(await b.load({ userId: 1, deviceId: 'd' })).toBeNull();
      expect((await b.epoch()).intact).toBe(false); // so the caller waits for the queue before recovering
    } finally {
      a.close();
      b.close();
    }
  });

  it('an outcome read back is a copy: changing it does not change the store', async () => {
    const s = new MemoryUplinkDedup({ window: 8, ttlSeconds: 60 });
    try {
      const outcome = { seq: 5, msgId: 9 };
      await s.commit([{ userId: 1, deviceId: 'd', outcomes: [{ clientId: 1, outcome }] }]);
      outcome.seq = 6;
      expect(await s.outcome({ userId: 1, deviceId: 'd' }, 1)).toEqual({ seq: 5, msgId: 9 });
    } finally {
      s.close();
    }
  });
});
