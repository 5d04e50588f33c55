// MsgIdBlockStore contract against MysqlMsgIdBlocks (the real MariaDB) and
// SqliteMsgIdBlocks (a real SQLite file), one fresh database per test.
import { MysqlMsgIdBlocks } from '../../src/store/msg-id-blocks-mysql.js';
import { SqliteMsgIdBlocks } from '../../src/store/msg-id-blocks-sqlite.js';
import { mysqlTestDb, sqliteTestDb } from '../support/sql-test-db.js';
import { msgIdBlocksContract } from './msg-id-blocks.suite.js';

msgIdBlocksContract('mysql', async () => {
  const t = await mysqlTestDb();
  return [{ blocks: new MysqlMsgIdBlocks(t.sql), second: () => new MysqlMsgIdBlocks(t.open(4)) }, t.close];
});

msgIdBlocksContract('sqlite', async () => {
  const t = await sqliteTestDb();
  return [{ blocks: new SqliteMsgIdBlocks(t.sql), second: () => new SqliteMsgIdBlocks(t.open()) }, t.close];
});
