// Directory contract against CachedDirectory (group lists cached in Redis)
// over SequelizeAccountStore on a fresh database.
import { Redis } from 'ioredis';
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
