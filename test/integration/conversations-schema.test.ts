// Schema 006 (conversations) on both databases: the migration's backfill of
// messages stored before it, and the plans of the hot reads, asked of the
// databases themselves with enough rows that a scan or a sort would be a
// real choice for the planner: CT_CONVERSATIONS reads `limit` entries of
// the (user_id, last_seq) index backwards, a receipt's translation reads the
// reader's inbox backwards on its primary key, and so does markRead's recount.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes, type Sequelize } from 'sequelize';
import { groupUnreadSql, LIST_SQL, translateSql, unreadCountSql } from '../../src/store/conversation-store-sql.js';
import { openDb } from '../../src/store/db.js';
import { openSqliteDb } from '../../src/store/db-sqlite.js';
import { migrate } from '../../src/store/migrate.js';
import { migrateSqlite } from '../../src/store/migrate-sqlite.js';
import { createTestDb, createTestSqlite, type TestDb } from '../support/env.js';

const CONVERSATIONS = 3000;

/** Messages and inbox rows as they were before schema 006: a 1:1 both ways, a group message, a tombstone. */
async function oldData(sql: Sequelize): Promise<void> {
  await sql.query(`INSERT INTO messages (msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq) VALUES
    (10, 1, 'd', 1, 1, 2, 1, X'61', 1, 1), (11, 2, 'd', 1, 1, 1, 1, X'62', 2, 2), (12, 1, 'd', 2, 2, 900, 1, X'63', 3, 3)`);
  await sql.query('INSERT INTO inbox (user_id, seq, msg_id) VALUES (1, 1, 10), (2, 1, 10), (1, 2, 11), (2, 2, 11), (1, 3, 12), (3, 1, 12), (3, 2, 0)');
}

async function conversations(sql: Sequelize): Promise<unknown[]> {
  return sql.query('SELECT user_id, session_type, peer_id, last_seq, last_msg_id, read_seq, unread, peer_read_seq FROM conversations ORDER BY user_id, session_type, peer_id', {
    type: QueryTypes.SELECT,
  });
}

const BACKFILLED = [
  [1, 1, 2, 2, 11],
  [1, 2, 900, 3, 12],
  [2, 1, 1, 2, 11],
  [3, 2, 900, 1, 12],
].map(([user_id, session_type, peer_id, last_seq, last_msg_id]) => ({ user_id, session_type, peer_id, last_seq, last_msg_id, read_seq: last_seq, unread: 0, peer_read_seq: 0 }));

/** One user with CONVERSATIONS conversations, and as many messages in its inbox from 300 peers. */
async function fill(sql: Sequelize): Promise<void> {
  const conv = Array.from({ length: CONVERSATIONS }, (_, i) => `(7, 1, ${100 + i}, ${1 + i}, ${1 + i})`).join(', ');
  await sql.query(`INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id) VALUES ${conv}`);
  const others = Array.from({ length: CONVERSATIONS }, (_, i) => `(${8 + (i % 50)}, 1, ${i}, ${i + 1}, 1)`).join(', ');
  await sql.query(`INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id) VALUES ${others}`);
  // Group 900: 50 members, each with a conversation of it and a long inbox.
  const members = Array.from({ length: 50 }, (_, i) => `(900, ${8 + i})`).join(', ');
  await sql.query(`INSERT INTO group_members (group_id, user_id) VALUES ${members}`);
  const groupConv = Array.from({ length: 50 }, (_, i) => `(${8 + i}, 2, 900, 3000, 1)`).join(', ');
  await sql.query(`INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id) VALUES ${groupConv}`);
  const memberInbox = Array.from({ length: 50 * 60 }, (_, i) => `(${8 + (i % 50)}, ${1 + Math.floor(i / 50) * 50}, 1)`).join(', ');
  await sql.query(`INSERT INTO inbox (user_id, seq, msg_id) VALUES ${memberInbox}`);
  const msgs = Array.from({ length: CONVERSATIONS }, (_, i) => `(${100_000 + i}, ${100 + (i % 300)}, 'd', ${i}, 1, 7, 1, X'61', ${i}, ${i + 1})`).join(', ');
  await sql.query(`INSERT INTO messages (msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq) VALUES ${msgs}`);
  const inbox = Array.from({ length: CONVERSATIONS }, (_, i) => `(7, ${1 + i}, ${100_000 + i})`).join(', ');
  await sql.query(`INSERT INTO inbox (user_id, seq, msg_id) VALUES ${inbox}`);
}

/** Members of group 900 (fill) with their read state: what groupReads checks the message against. */
const groupMembers = [8, 9, 10].map((userId) => ({ userId, readSeq: 1000, lastSeq: 3000 }));

/** The inbox reads of read state, with their values: a translation (reader, seq, after, peer, reader), recounts (user, read_seq, last_seq, peer, user). */
const reads = (join: string): [string, number[]][] => [
  [translateSql(join), [7, 2000, 0, 3, 7]],
  [unreadCountSql(join, 1), [7, 10, 2000, 3, 7]],
  [unreadCountSql(join, 2), [7, 10, 2000, 3, 7]],
];

interface Engine {
  name: string;
  open(): Promise<{ db: TestDb; sql: Sequelize }>;
  migrate(db: TestDb): Promise<string[]>;
  analyze: string;
  /** asserts the plans of the reads on a filled database */
  plans(sql: Sequelize): Promise<void>;
}

type MysqlStep = { table: string; type: string; key: string | null; key_len: string | null; Extra: string | null };
const explain = (sql: Sequelize, q: string, replacements: number[] = []) => sql.query<MysqlStep>(`EXPLAIN ${q}`, { replacements, type: QueryTypes.SELECT });
const noSort = (steps: MysqlStep[]) => {
  for (const step of steps) expect(step.Extra ?? '').not.toMatch(/filesort|temporary/i);
};
const queryPlan = async (sql: Sequelize, q: string, replacements: number[] = []) =>
  (await sql.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${q}`, { replacements, type: QueryTypes.SELECT })).map((p) => p.detail);

const ENGINES: Engine[] = [
  {
    name: 'MySQL/MariaDB',
    async open() {
      const db = await createTestDb();
      return { db, sql: openDb({ url: db.url, pool: 2 }) };
    },
    migrate: (db) => migrate(db.url),
    analyze: 'ANALYZE TABLE conversations, inbox, messages',
    async plans(sql) {
      const list = await explain(sql, LIST_SQL, [7, 100]);
      expect(list[0]).toMatchObject({ table: 'c', type: 'ref', key: 'idx_conversations_recent' });
      noSort(list);
      const inboxReads = (await explain(sql, groupUnreadSql(groupMembers, 5))).filter((s) => s.table === 'inbox');
      expect(inboxReads).toHaveLength(groupMembers.length);
      for (const s of inboxReads) expect(s).toMatchObject({ type: 'range', key: 'PRIMARY', key_len: '16' });
      for (const [q, replacements] of reads('STRAIGHT_JOIN')) {
        const tr = await explain(sql, q, replacements);
        expect(tr[0]).toMatchObject({ table: 'i', type: 'range', key: 'PRIMARY' });
        expect(tr[1]).toMatchObject({ table: 'm', type: 'eq_ref', key: 'PRIMARY' });
        noSort(tr);
      }
    },
  },
  {
    name: 'SQLite',
    async open() {
      const db = await createTestSqlite();
      return { db, sql: openSqliteDb({ path: db.sqlitePath! }) };
    },
    migrate: (db) => migrateSqlite(db.sqlitePath!),
    analyze: 'ANALYZE',
    async plans(sql) {
      const list = await queryPlan(sql, LIST_SQL, [7, 100]);
      expect(list[0]).toBe('SEARCH c USING INDEX idx_conversations_recent (user_id=?)');
      expect(list.join('\n')).not.toMatch(/TEMP B-TREE|SCAN/);
      const unread = await queryPlan(sql, groupUnreadSql(groupMembers, 5));
      expect(unread.filter((d) => d.startsWith('SEARCH inbox'))).toEqual(groupMembers.map(() => 'SEARCH inbox USING PRIMARY KEY (user_id=? AND seq>? AND seq<?)'));
      for (const [q, replacements] of reads('CROSS JOIN')) {
        const tr = await queryPlan(sql, q, replacements);
        expect(tr[0]).toBe('SEARCH i USING PRIMARY KEY (user_id=? AND seq>? AND seq<?)');
        expect(tr).toContain('SEARCH m USING INTEGER PRIMARY KEY (rowid=?)');
        expect(tr.join('\n')).not.toMatch(/TEMP B-TREE|SCAN/);
      }
    },
  },
];

describe.each(ENGINES)('schema 006 on $name', (engine) => {
  let db: TestDb;
  let sql: Sequelize;
  beforeAll(async () => {
    ({ db, sql } = await engine.open());
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it('the migration backfills a conversation per (user, conversation), read up to its newest message', async () => {
    await sql.query('DROP TABLE conversations');
    await sql.query('DELETE FROM schema_migrations WHERE version = 6');
    await oldData(sql);
    expect(await engine.migrate(db)).toEqual(['006_conversations.sql']);
    const rows = (await conversations(sql)).map((r) => Object.fromEntries(Object.entries(r as object).map(([k, v]) => [k, Number(v)])));
    expect(rows).toEqual(BACKFILLED);
  });

  it('CT_CONVERSATIONS reads the index backwards, no sort; translations, recounts and group reads read the inbox key by range', async () => {
    await fill(sql);
    await sql.query(engine.analyze);
    await engine.plans(sql);
  });
});
