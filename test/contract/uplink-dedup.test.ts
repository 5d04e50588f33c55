// UplinkDedupStore contract against RedisUplinkDedup (one connection per
// handle, all handles of a test on the same prefix).
import { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
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
