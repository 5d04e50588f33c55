// Directory contract against CachedDirectory (group lists cached in Redis)
// over SequelizeAccountStore on a fresh database.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { CachedDirectory } from '../../src/chat/directory-cached.js';
import { openDb } from '../../src/store/db.js';
import { SequelizeAccountStore } from '../../src/store/account-store-sequelize.js';
import { createTestDb, dropRedisPrefix, REDIS_URL, uniqueName } from '../support/env.js';
import { directoryContract } from './directory.suite.js';

directoryContract('redis-cached', async () => {
  const db = await createTestDb();
  const sequelize = openDb({ url: db.url, pool: 5 });
  const accounts = new SequelizeAccountStore(sequelize);
  const prefix = uniqueName('dir');
  const connections: Redis[] = [];
  return [
    {
      accounts,
      async open(store) {
        // One connection per directory, as one per process.
        const redis = new Redis(REDIS_URL);
        connections.push(redis);
        return new CachedDirectory({ redis, prefix, accounts: store, ttlSeconds: 300 });
      },
    },
    async () => {
      for (const r of connections) r.disconnect();
      await accounts.close();
      await sequelize.close();
      await dropRedisPrefix(prefix);
      await db.drop();
    },
  ];
});

describe('CachedDirectory (Redis) beyond the contract', () => {
  it('ticks that miss the cache at the same time share one MySQL read of the group; the cached list is parsed once', async () => {
    const db = await createTestDb();
    const sequelize = openDb({ url: db.url, pool: 5 });
    const accounts = new SequelizeAccountStore(sequelize);
    const prefix = uniqueName('dir1');
    const redis = new Redis(REDIS_URL);
    try {
      const owner = (await accounts.createUser(`o_${process.pid}`, 'o', 'h')).userId;
      const other = (await accounts.createUser(`m_${process.pid}`, 'm', 'h')).userId;
      const g = await accounts.createGroup(owner, 'g', [other], 10);
      let reads = 0;
      const counting: SequelizeAccountStore = Object.assign(Object.create(accounts) as SequelizeAccountStore, {
        getGroup: (id: number) => (reads++, accounts.getGroup(id)),
      });
      const dir = new CachedDirectory({ redis, prefix, accounts: counting, ttlSeconds: 300 });
      const lists = await Promise.all(Array.from({ length: 16 }, () => dir.groupMembers(g.groupId)));
      expect(reads).toBe(1);
      for (const l of lists) expect([...l!].sort((a, b) => a - b)).toEqual([owner, other].sort((a, b) => a - b));
      const a = await dir.groupMembers(g.groupId);
      const b = await dir.groupMembers(g.groupId);
      expect(reads).toBe(1);
      expect(b).toBe(a); // the same cached value: not parsed again
      await dir.invalidateGroup(g.groupId);
      await dir.groupMembers(g.groupId);
      expect(reads).toBe(2);
    } finally {
      redis.disconnect();
      await accounts.close();
      await sequelize.close();
      await dropRedisPrefix(prefix);
      await db.drop();
    }
  });
});
