// ConversationStore contract against MysqlConversationStore (the real
// MariaDB) and SqliteConversationStore (a real SQLite file), each beside
// the message store of its engine on the same database, one fresh database
// per test.
import { QueryTypes, type Sequelize } from 'sequelize';
import { MysqlConversationStore } from '../../src/store/conversation-store-mysql.js';
import { SqliteConversationStore } from '../../src/store/conversation-store-sqlite.js';
import { MysqlMessageStore } from '../../src/store/message-store-mysql.js';
import { SqliteMessageStore } from '../../src/store/message-store-sqlite.js';
import { mysqlTestDb, sqliteTestDb } from '../support/sql-test-db.js';
import { conversationStoreContract } from './conversation-store.suite.js';

const rowsOf = (db: Sequelize) => async (query: string, replacements: unknown[] = []) =>
  /^\s*SELECT/i.test(query) ? db.query<Record<string, unknown>>(query, { replacements, type: QueryTypes.SELECT }) : (await db.query(query, { replacements }), []);

conversationStoreContract('mysql', async () => {
  const t = await mysqlTestDb();
  return [
    {
      store: new MysqlConversationStore(t.sql),
      messages: new MysqlMessageStore(t.sql),
      second: () => new MysqlMessageStore(t.open(4)),
      small: () => new MysqlMessageStore(t.sql, { chunkRows: 7 }),
      async addMember(groupId, userId, joinedAt) {
        await t.sql.query('INSERT INTO group_members (group_id, user_id, joined_at) VALUES (?, ?, FROM_UNIXTIME(? / 1000))', { replacements: [groupId, userId, joinedAt] });
      },
      sql: rowsOf(t.sql),
    },
    t.close,
  ];
});

conversationStoreContract('sqlite', async () => {
  const t = await sqliteTestDb();
  return [
    {
      store: new SqliteConversationStore(t.sql),
      messages: new SqliteMessageStore(t.sql),
      second: () => new SqliteMessageStore(t.open()),
      small: () => new SqliteMessageStore(t.sql, { chunkRows: 7 }),
      async addMember(groupId, userId, joinedAt) {
        await t.sql.query('INSERT INTO group_members (group_id, user_id, joined_at) VALUES (?, ?, ?)', { replacements: [groupId, userId, joinedAt] });
      },
      sql: rowsOf(t.sql),
    },
    t.close,
  ];
});
