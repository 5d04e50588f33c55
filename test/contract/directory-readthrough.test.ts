// Directory contract against the embedded engine's directory: read through
// to SequelizeAccountStore on SQLite at every lookup, one directory per
// "process" over one database file (each with its own connection).
import { openSqliteDb } from '../../src/store/db-sqlite.js';
import { ReadThroughDirectory } from '../../src/directory/directory-readthrough.js';
import { SequelizeAccountStore } from '../../src/store/account-store-sequelize.js';
import { createTestSqlite } from '../support/env.js';
import { directoryContract } from './directory.suite.js';

directoryContract('readthrough-sqlite', async () => {
  const file = await createTestSqlite();
  const sequelize = openSqliteDb({ path: file.sqlitePath! });
  const accounts = new SequelizeAccountStore(sequelize);
  return [
    {
      accounts,
      async open(store) {
        return new ReadThroughDirectory(store);
      },
    },
    async () => {
      await sequelize.close();
      await file.drop();
    },
  ];
});
