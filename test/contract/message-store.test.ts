// MessageStore contract against MysqlMessageStore (the real MariaDB) and
// SqliteMessageStore (a real SQLite file), one fresh database per test; plus
// what only SQLite has: its clock column, its write lock shared by several
// connections, and several processes writing one file.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MysqlMessageStore } from '../../src/store/message-store-mysql.js';
import { SqliteMessageStore } from '../../src/store/message-store-sqlite.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';
import { mysqlTestDb, sqliteTestDb, type SqlTestDb } from '../support/sql-test-db.js';
import { messageStoreContract } from './message-store.suite.js';

messageStoreContract('mysql', async () => {
  const t = await mysqlTestDb();
  const store = new MysqlMessageStore(t.sql);
  return [
    {
      store,
      second: () => new MysqlMessageStore(t.open(4)),
      small: () => new MysqlMessageStore(t.sql, { chunkRows: 7, chunkContentBytes: 1000 }),
      count: t.count,
      async backdate(userId, seq, ms) {
        await t.sql.query('UPDATE inbox SET created_at = NOW(3) - INTERVAL ? MICROSECOND WHERE user_id = ? AND seq = ?', { replacements: [ms * 1000, userId, seq] });
      },
      async failInboxWrite(persist) {
        // The store's sessions give up on a row lock after 1 s.
        const impatient = t.open(2);
        impatient.addHook('afterConnect', async (connection: unknown) => {
          const c = connection as { query(sql: string, cb: (err: Error | null) => void): void };
          await new Promise<void>((resolve, reject) => c.query('SET SESSION innodb_lock_wait_timeout = 1', (e) => (e ? reject(e) : resolve())));
        });
        const s = new MysqlMessageStore(impatient, { deadlockAttempts: 1 });
        const blocker = await t.sql.transaction();
        try {
          // Holds the lock on inbox (2, 2): the messages insert succeeds, the inbox insert times out.
          await t.sql.query('INSERT INTO inbox (user_id, seq, msg_id) VALUES (2, 2, 999)', { transaction: blocker });
          await expect(persist(s, 2)).rejects.toThrow(/lock wait timeout/i);
        } finally {
          await blocker.rollback();
        }
      },
    },
    t.close,
  ];
});

messageStoreContract('sqlite', async () => {
  const t = await sqliteTestDb();
  const store = new SqliteMessageStore(t.sql);
  return [
    {
      store,
      second: () => new SqliteMessageStore(t.open()),
      small: () => new SqliteMessageStore(t.sql, { chunkRows: 7, chunkContentBytes: 1000 }),
      count: t.count,
      async backdate(userId, seq, ms) {
        await t.sql.query('UPDATE inbox SET created_at = created_at - ? WHERE user_id = ? AND seq = ?', { replacements: [ms, userId, seq] });
      },
      async failInboxWrite(persist) {
        await t.sql.query("CREATE TRIGGER fail_inbox BEFORE INSERT ON inbox WHEN NEW.user_id = 666 BEGIN SELECT RAISE(ABORT, 'inbox write failed'); END");
        try {
          await expect(persist(store, 666)).rejects.toMatchObject({ parent: { message: expect.stringMatching(/inbox write failed/) } });
        } finally {
          await t.sql.query('DROP TRIGGER fail_inbox');
        }
      },
    },
    t.close,
  ];
});

function msg(msgId: number): StoredMessage {
  return { msgId, senderId: 1, deviceId: 'phone', clientId: msgId, sessionType: 1, receiverId: 2, messageType: 1, content: Buffer.from(`m${msgId}`), sendTime: 1_700_000_000_000 + msgId, senderSeq: msgId };
}

function batch(m: StoredMessage, rows: [userId: number, seq: number][]): PersistBatch {
  return { messages: [m], userIds: rows.map((r) => r[0]), seqs: rows.map((r) => r[1]), msgIds: rows.map(() => m.msgId) };
}

describe('SqliteMessageStore on one file', () => {
  let t: SqlTestDb;
  let store: SqliteMessageStore;
  beforeEach(async () => {
    t = await sqliteTestDb();
    store = new SqliteMessageStore(t.sql);
  });
  afterEach(async () => {
    await t.close();
  });

  it('inbox.created_at is ms since the epoch by the database clock', async () => {
    await store.persist([batch(msg(42), [[7, 2]])]);
    const [rows] = await t.sql.query('SELECT created_at FROM inbox WHERE user_id = 7 AND seq = 2');
    expect(Math.abs(Number((rows as { created_at: number }[])[0]!.created_at) - Date.now())).toBeLessThan(10_000);
  });

  it('waits for another connection’s write lock, and fails (retryably) only after the busy timeout', async () => {
    const impatient = new SqliteMessageStore(t.open(200), { busyAttempts: 1 });
    const blocker = await t.sql.transaction(); // BEGIN IMMEDIATE: holds the write lock
    try {
      await t.sql.query('INSERT INTO inbox (user_id, seq, msg_id) VALUES (2, 2, 0)', { transaction: blocker });
      const t0 = Date.now();
      const err = await impatient.persist([batch(msg(82), [[1, 2]])]).catch((e: unknown) => e);
      expect((err as Error).name).toBe('SequelizeTimeoutError');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
      // A patient writer gets through once the lock is released.
      const patient = store.persist([batch(msg(83), [[1, 3]])]);
      await new Promise((r) => setTimeout(r, 100));
      await blocker.commit();
      await patient;
    } catch (e) {
      await blocker.rollback().catch(() => undefined);
      throw e;
    }
    expect(await t.count('messages')).toBe(1);
    expect(await t.count('inbox')).toBe(2);
  });

  it('several processes writing one file at once: no lost or repeated id block, every persist committed', async () => {
    const child = path.join(path.dirname(t.db.sqlitePath!), 'writer.mts');
    const storeModule = path.resolve('src/store/message-store-sqlite.ts');
    const blocksModule = path.resolve('src/store/msg-id-blocks-sqlite.ts');
    const dbModule = path.resolve('src/store/db-sqlite.ts');
    await writeFile(
      child,
      `import { openSqliteDb } from ${JSON.stringify(dbModule)};
       import { SqliteMessageStore } from ${JSON.stringify(storeModule)};
       import { SqliteMsgIdBlocks } from ${JSON.stringify(blocksModule)};
       const [file, who] = process.argv.slice(2);
       const db = openSqliteDb({ path: file });
       const store = new SqliteMessageStore(db);
       const blocks = new SqliteMsgIdBlocks(db);
       const starts = [];
       await Promise.all(Array.from({ length: 4 }, async (_, lane) => {
         for (let i = 0; i < 15; i++) {
           const first = await blocks.reserveMsgIds(10);
           starts.push(first);
           const m = { msgId: first, senderId: Number(who), deviceId: 'p' + lane, clientId: i + 1, sessionType: 1, receiverId: 1,
                       messageType: 1, content: Buffer.from('x'), sendTime: Date.now(), senderSeq: first };
           await store.persist([{ messages: [m], userIds: [Number(who)], seqs: [first], msgIds: [first] }]);
         }
       }));
       await db.close();
       process.stdout.write(JSON.stringify(starts));`,
    );
    const run = promisify(execFile);
    const outs = await Promise.all(
      [1, 2, 3].map((who) => run(process.execPath, ['--import', 'tsx', child, t.db.sqlitePath!, String(who)], { timeout: 60_000 })),
    );
    const starts = outs.flatMap((o) => JSON.parse(o.stdout) as number[]).sort((a, b) => a - b);
    expect(starts).toEqual(Array.from({ length: 180 }, (_, i) => 1 + 10 * i));
    expect(await t.count('messages')).toBe(180);
    expect(await t.count('inbox')).toBe(180);
  }, 90_000);
});
