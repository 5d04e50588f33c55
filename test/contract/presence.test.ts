// Presence contract against RedisPresence (one connection per client, all
// clients of a test on the same prefix).
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrivateRedis, stopAllPrivateServices } from '../support/private-services.js';
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

describe('RedisPresence when Redis restarts', () => {
  afterAll(async () => {
    await stopAllPrivateServices();
  });

  it('calls onReset listeners once the connection is back (not on the first connect), so entries lost with Redis are written again at once', async () => {
    const priv = await startPrivateRedis();
    const redis = new Redis(priv.url, { maxRetriesPerRequest: 20 });
    try {
      const p = new RedisPresence({ redis, prefix, ttlMs: 60_000 });
      let resets = 0;
      p.onReset(() => {
        resets++;
        void p.refresh([{ userId: 1, deviceId: 'd', addr: 'w:1' }]);
      });
      await p.add(1, 'd', 'w:1');
      expect(resets).toBe(0);
      await priv.restart(); // back empty
      const until = Date.now() + 10_000;
      while ((await p.lookup([1]).catch(() => new Map())).size === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(resets).toBe(1);
      expect(await p.lookup([1])).toEqual(new Map([[1, [{ deviceId: 'd', addr: 'w:1' }]]]));
    } finally {
      redis.disconnect();
      await priv.destroy();
    }
  });
});
