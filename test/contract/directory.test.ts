// Directory contract against CachedDirectory (group lists cached in Redis)
// over SequelizeAccountStore on a fresh database.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, stopAllPrivateServices } from '../support/private-services.js';
import { CachedDirectory } from '../../src/directory/directory-cached.js';
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

  it('a Redis restored from an older snapshot does not bring back a member list from before a removal', async () => {
    const db = await createTestDb();
    const sequelize = openDb({ url: db.url, pool: 5 });
    const accounts = new SequelizeAccountStore(sequelize);
    const prefix = uniqueName('dir2');
    const priv = await startPrivateRedis();
    const redis = new Redis(priv.url, { maxRetriesPerRequest: 20 });
    try {
      const owner = (await accounts.createUser(`o2_${process.pid}`, 'o', 'h')).userId;
      const gone = (await accounts.createUser(`g2_${process.pid}`, 'g', 'h')).userId;
      const g = await accounts.createGroup(owner, 'g', [gone], 10);
      const dir = new CachedDirectory({ redis, prefix, accounts, ttlSeconds: 300 });
      expect(await dir.groupMembers(g.groupId)).toContain(gone);
      expect(await redis.save()).toBe('OK'); // the snapshot holds the list with `gone`
      await accounts.removeMember(g.groupId, gone);
      await dir.invalidateGroup(g.groupId);
      expect(await dir.groupMembers(g.groupId)).not.toContain(gone);
      await priv.restart(); // back to the snapshot: the old list and version
      expect(await redis.get(`${prefix}:gm:${g.groupId}`)).toContain(String(gone));
      expect(await dir.groupMembers(g.groupId)).toEqual([owner]);
    } finally {
      redis.disconnect();
      await priv.destroy();
      await accounts.close();
      await sequelize.close();
      await db.drop();
    }
  });
});

afterAll(async () => {
  await stopAllPrivateServices();
});
