// Presence contract against RedisPresence (one connection per client, all
// clients of a test on the same prefix).
import { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { RedisPresence } from '../../src/presence/presence-redis.js';
import { dropRedisPrefix, REDIS_URL, uniqueName } from '../support/env.js';
import { presenceContract } from './presence.suite.js';

let prefix = '';
beforeEach(() => {
  prefix = uniqueName('pr');
});
afterEach(async () => {
  await dropRedisPrefix(prefix);
});

presenceContract('redis', async ({ ttlMs, now }) => {
  const redis = new Redis(REDIS_URL);
  const presence = new RedisPresence({ redis, prefix, ttlMs, now });
  return [presence, async () => redis.disconnect()];
});
