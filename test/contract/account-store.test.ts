// The AccountStore contract on both databases it runs on: MariaDB/MySQL
// (cluster engine) and SQLite (embedded engine), each test on a fresh one.
import { SequelizeAccountStore } from '../../src/store/account-store-sequelize.js';
import { openDb } from '../../src/store/db.js';
import { openSqliteDb } from '../../src/store/db-sqlite.js';
import { createTestDb, createTestSqlite } from '../support/env.js';
import { accountStoreContract } from './account-store.suite.js';

accountStoreContract('mysql', async () => {
  const db = await createTestDb();
  const sql = openDb({ url: db.url, pool: 4 });
  return [
    new SequelizeAccountStore(sql),
    async () => {
      await sql.close();
      await db.drop();
    },
  ];
});

accountStoreContract('sqlite', async () => {
  const db = await createTestSqlite();
  const sql = openSqliteDb({ path: db.sqlitePath! });
  return [
    new SequelizeAccountStore(sql),
    async () => {
      await sql.close();
      await db.drop();
    },
  ];
});
