// UplinkDedupStore contract against RedisUplinkDedup (one connection per
// handle, all handles of a test on the same prefix), and what only Redis
// can do: restart empty or from an older snapshot.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisUplinkDedup } from '../../src/dedup/uplink-dedup-redis.js';
import type { DeviceKey, UplinkDedupStore } from '../../src/dedup/uplink-dedup.js';
import { dropRedisPrefix, REDIS_URL, uniqueName } from '../support/env.js';
import { startPrivateRedis, stopAllPrivateServices } from '../support/private-services.js';
import { uplinkDedupContract } from './uplink-dedup.suite.js';

let prefix = '';
beforeEach(() => {
  prefix = uniqueName('up');
});
afterEach(async () => {
  await dropRedisPrefix(prefix);
});
afterAll(async () => {
  await stopAllPrivateServices();
});

uplinkDedupContract('redis', async ({ window, ttlSeconds }) => {
  const redis = new Redis(REDIS_URL);
  const store = new RedisUplinkDedup({ redis, prefix, window, ttlSeconds });
  return [store, async () => redis.disconnect()];
});

describe('RedisUplinkDedup when Redis goes back in time', () => {
  const ok = (c: number) => ({ seq: 100 + c, msgId: 1000 + c });
  const commit = (s: UplinkDedupStore, k: DeviceKey, owner: string, first: number, n: number) =>
    s.commit([{ ...k, owner, fence: 0, outcomes: Array.from({ length: n }, (_, i) => ({ clientId: first + i, outcome: ok(first + i) })) }]);

  for (const how of ['from an older snapshot', 'empty'] as const) {
    it(`restarted ${how}: every device state written before is unknown (load answers null, shortly after a loss), and no earlier owner can write`, async () => {
      const priv = await startPrivateRedis();
      const redis = new Redis(priv.url, { maxRetriesPerRequest: 20 });
      try {
        const s = new RedisUplinkDedup({ redis, prefix, window: 16, ttlSeconds: 600 });
        const k: DeviceKey = { userId: 5, deviceId: 'phone' };
        const first = await s.load(k);
        expect(first.state).toBeNull();
        await s.seed(k, first.owner, { last: 0, fence: 0 });
        expect(await commit(s, k, first.owner, 1, 3)).toEqual([true]);
        if (how === 'from an older snapshot') expect(await redis.save()).toBe('OK');
        const second = await s.load(k);
        expect(await s.markPending([{ ...k, owner: second.owner, clientIds: [4, 5, 6] }])).toEqual([true]);
        expect(await commit(s, k, second.owner, 4, 3)).toEqual([true]);
        await priv.restart();
        if (how === 'from an older snapshot') expect(await redis.exists(`${prefix}:up:5:phone`)).toBe(1); // the old hash is back
        // The old hash says last = 3 (snapshot) or nothing: neither is trusted.
        expect(await s.outcome(k, 2)).toBeNull();
        expect(await commit(s, k, second.owner, 7, 1)).toEqual([false]);
        expect(await s.markPending([{ ...k, owner: second.owner, clientIds: [7] }])).toEqual([false]);
        const third = await s.load(k);
        expect(third.state).toBeNull();
        expect(third.lossAgeMs).toBeLessThan(5000);
        expect(await s.seed(k, third.owner, { last: 6, fence: 0 })).toBe(true);
        expect((await s.load(k)).state).toEqual({ last: 6, fence: 0, pending: [] });
      } finally {
        redis.disconnect();
        await priv.destroy();
      }
    });
  }

  it('markFirstStart records nothing when Redis restarted while the first start was being claimed, and a later loss counts again', async () => {
    const priv = await startPrivateRedis();
    const redis = new Redis(priv.url, { maxRetriesPerRequest: 20 });
    try {
      const s = new RedisUplinkDedup({ redis, prefix, window: 16, ttlSeconds: 600 });
      // Redis restarts between reading its run_id and recording the first start.
      expect(await s.markFirstStart(async () => (await priv.restart(), true))).toBe(false);
      expect((await s.load({ userId: 1, deviceId: 'a' })).lossAgeMs).toBeLessThan(5000);
      expect(await s.markFirstStart(async () => true)).toBe(true);
      expect((await s.load({ userId: 2, deviceId: 'b' })).lossAgeMs).toBeGreaterThan(365 * 24 * 3600_000);
      await priv.restart(); // lost again: the first start does not outlive it
      expect((await s.load({ userId: 3, deviceId: 'c' })).lossAgeMs).toBeLessThan(5000);
    } finally {
      redis.disconnect();
      await priv.destroy();
    }
  });

  it('a Redis that has held device state for a while reports its loss as old', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const s = new RedisUplinkDedup({ redis, prefix, window: 16, ttlSeconds: 600 });
      const a = await s.load({ userId: 1, deviceId: 'a' });
      expect(a.state).toBeNull();
      // The epoch began at the first load; pretend it began an hour ago.
      const epochKey = `${prefix}:up:epoch`;
      const [rid, since] = (await redis.get(epochKey))!.split(':');
      await redis.set(epochKey, `${rid}:${Number(since) - 3_600_000}`);
      const b = await s.load({ userId: 2, deviceId: 'b' });
      expect(b.state).toBeNull();
      expect(b.lossAgeMs).toBeGreaterThanOrEqual(3_600_000);
    } finally {
      redis.disconnect();
    }
  });
});
