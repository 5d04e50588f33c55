// UplinkDedupStore contract against RedisUplinkDedup (one connection per
// handle, all handles of a test on the same prefix).
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisUplinkDedup } from '../../src/dedup/uplink-dedup-redis.js';
import { dropRedisPrefix, REDIS_URL, uniqueName } from '../support/env.js';
import { uplinkDedupContract } from './uplink-dedup.suite.js';

let prefix = '';
beforeEach(() => {
  prefix = uniqueName('up');
});
afterEach(async () => {
  await dropRedisPrefix(prefix);
});

uplinkDedupContract('redis', async ({ window, ttlSeconds }) => {
  const redis = new Redis(REDIS_URL);
  const store = new RedisUplinkDedup({ redis, prefix, window, ttlSeconds });
  return [store, async () => redis.disconnect()];
});

describe('RedisUplinkDedup epoch', () => {
  it('a fresh Redis, and one that lost its data, is not intact until a handle settles it; a stale settle changes nothing', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const a = new RedisUplinkDedup({ redis, prefix, window: 8, ttlSeconds: 60 });
      const b = new RedisUplinkDedup({ redis, prefix, window: 8, ttlSeconds: 60 });
      const e1 = await a.epoch();
      expect(e1.intact).toBe(false);
      expect((await b.epoch()).token).toBe(e1.token); // every handle sees the same loss
      await a.settled(e1.token);
      expect((await b.epoch()).intact).toBe(true);
      // Redis loses everything (restart without persistence, FLUSHALL).
      await dropRedisPrefix(prefix);
      const e2 = await b.epoch();
      expect(e2.intact).toBe(false);
      expect(e2.token).not.toBe(e1.token);
      await a.settled(e1.token); // a settle of the earlier loss does not cover this one
      expect((await a.epoch()).intact).toBe(false);
      await b.settled(e2.token);
      expect((await a.epoch()).intact).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
