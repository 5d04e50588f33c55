// MysqlMessageStore against the real MariaDB, one fresh database per test.
import type { Sequelize } from 'sequelize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { MysqlMessageStore } from '../../src/store/message-store-mysql.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';
import { createTestDb, type TestDb } from '../support/env.js';
import { messageStoreUplinkContract } from './message-store-uplink.suite.js';

let db: TestDb;
const seqs: Sequelize[] = [];
let store: MysqlMessageStore;
let sql: Sequelize;

function open(pool = 5): Sequelize {
  const s = openDb({ url: db.url, pool });
  seqs.push(s);
  return s;
}

beforeEach(async () => {
  db = await createTestDb();
  sql = open(8);
  store = new MysqlMessageStore(sql);
});
afterEach(async () => {
  for (const s of seqs.splice(0)) await s.close();
  await db.drop();
});

function msg(msgId: number, over: Partial<StoredMessage> = {}): StoredMessage {
  const content = new Uint8Array(256);
  for (let i = 0; i < content.length; i++) content[i] = (i + msgId) & 0xff;
  return {
    msgId,
    senderId: 1,
    deviceId: 'phone',
    clientId: msgId,
    sessionType: 1,
    receiverId: 2,
    messageType: 1,
    content,
    sendTime: 1_700_000_000_000 + msgId,
    senderSeq: msgId,
    ...over,
  };
}

/** One message to `to` (and the sender's own inbox), with the given seqs. */
function batch(m: StoredMessage, rows: [userId: number, seq: number][]): PersistBatch {
  return { messages: [m], userIds: rows.map((r) => r[0]), seqs: rows.map((r) => r[1]), msgIds: rows.map(() => m.msgId) };
}

async function count(table: string, where = '1=1'): Promise<number> {
  const [rows] = await sql.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`);
  return Number((rows as { n: number }[])[0]!.n);
}

describe('MysqlMessageStore', () => {
  it('persist is idempotent: the same batch twice leaves one set of rows', async () => {
    const b = batch(msg(10), [
      [1, 1],
      [2, 1],
    ]);
    await store.persist([b]);
    await store.persist([b]);
    await store.persist([b, b]);
    expect(await count('messages')).toBe(1);
    expect(await count('inbox')).toBe(2);
    const [e] = await store.readInbox(2, 0, 10);
    expect(e!.msgId).toBe(10);
    expect(e!.message).toEqual({ ...msg(10), content: Buffer.from(msg(10).content) });
  });

  it('writes many messages and rows of several batches in one call (multi-row chunks)', async () => {
    const small = new MysqlMessageStore(sql, { chunkRows: 7, chunkContentBytes: 1000 });
    const batches: PersistBatch[] = [];
    for (let i = 1; i <= 50; i++) {
      batches.push(
        batch(msg(i, { clientId: i }), [
          [1, i],
          [100 + (i % 3), i],
        ]),
      );
    }
    await small.persist(batches);
    expect(await count('messages')).toBe(50);
    expect(await count('inbox')).toBe(100);
    expect((await store.readInbox(1, 0, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('a duplicate (sender, device, client_id) under a new msg_id gets tombstones for its inbox rows', async () => {
    await store.persist([
      batch(msg(10, { clientId: 5 }), [
        [1, 1],
        [2, 1],
      ]),
    ]);
    // The same uplink accepted again (dedup state lost) under msg_id 11 and new seqs.
    await store.persist([
      batch(msg(11, { clientId: 5 }), [
        [1, 2],
        [2, 2],
      ]),
    ]);
    expect(await count('messages')).toBe(1);
    const inbox2 = await store.readInbox(2, 0, 10);
    expect(inbox2.map((e) => [e.seq, e.msgId])).toEqual([
      [1, 10],
      [2, 0],
    ]);
    expect(inbox2[1]!.message).toBeNull();
    expect(await store.findUplink(1, 'phone', 5)).toEqual({ senderSeq: 10, msgId: 10 });
  });

  it('a duplicate inside one call: the first message wins, the other one’s rows are tombstones', async () => {
    await store.persist([batch(msg(20, { clientId: 9 }), [[3, 1]]), batch(msg(21, { clientId: 9 }), [[3, 2]])]);
    expect((await store.readInbox(3, 0, 10)).map((e) => [e.seq, e.msgId])).toEqual([
      [1, 20],
      [2, 0],
    ]);
  });

  it('a tombstone wins over a late real row; tombstone() never replaces a stored message (a collision, counted)', async () => {
    await store.tombstone([5, 5], [1, 2]);
    await store.persist([
      batch(msg(30), [
        [5, 1],
        [5, 3],
      ]),
    ]);
    let inbox = await store.readInbox(5, 0, 10);
    expect(inbox.map((e) => [e.seq, e.msgId])).toEqual([
      [1, 0],
      [2, 0],
      [3, 30],
    ]);
    expect(await store.tombstone([5, 5], [3, 4])).toBe(1); // 3 holds message 30: kept
    expect(await store.tombstone([5], [4])).toBe(0); // idempotent
    inbox = await store.readInbox(5, 0, 10);
    expect(inbox.map((e) => [e.seq, e.msgId])).toEqual([
      [1, 0],
      [2, 0],
      [3, 30],
      [4, 0],
    ]);
    expect(inbox[2]!.message?.msgId).toBe(30);
    expect(await store.maxInboxSeq(5)).toBe(4);
  });

  it('readInbox: seq order above afterSeq, limit, tombstones included, age by the database clock', async () => {
    // Inserted out of order, with a gap at 4 and a tombstone at 3.
    await store.persist([batch(msg(45), [[7, 5]])]);
    await store.persist([batch(msg(41), [[7, 1]]), batch(msg(42), [[7, 2]]), batch(msg(46), [[7, 6]])]);
    await store.tombstone([7], [3]);
    await store.persist([batch(msg(99), [[8, 1]])]); // another user

    const all = await store.readInbox(7, 0, 100);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 5, 6]);
    expect(all.map((e) => e.msgId)).toEqual([41, 42, 0, 45, 46]);
    expect(all[2]!.message).toBeNull();
    expect(all[0]!.message!.msgId).toBe(41);
    expect(Buffer.from(all[0]!.message!.content).equals(Buffer.from(msg(41).content))).toBe(true);
    expect((await store.readInbox(7, 2, 2)).map((e) => e.seq)).toEqual([3, 5]);
    expect(await store.readInbox(7, 6, 10)).toEqual([]);
    expect(await store.readInbox(7, 0, 0)).toEqual([]);

    for (const e of all) {
      expect(e.ageMs).toBeGreaterThanOrEqual(0);
      expect(e.ageMs).toBeLessThan(10_000);
    }
    // Age grows with the database clock: make a row 5 s old.
    await sql.query('UPDATE inbox SET created_at = NOW(3) - INTERVAL 5 SECOND WHERE user_id = 7 AND seq = 1');
    const [old] = await store.readInbox(7, 0, 1);
    expect(old!.ageMs).toBeGreaterThanOrEqual(5_000);
    expect(old!.ageMs).toBeLessThan(15_000);
  });

  it('reserveSegments creates at step, then raises by step, per user, in one call for many users', async () => {
    expect(Object.fromEntries(await store.reserveSegments([1, 2], 100))).toEqual({ 1: 100, 2: 100 });
    expect(Object.fromEntries(await store.reserveSegments([2, 3, 1], 100))).toEqual({ 1: 200, 2: 200, 3: 100 });
    expect(Object.fromEntries(await store.reserveSegments([3, 3], 50))).toEqual({ 3: 150 });
    const many = Array.from({ length: 2_500 }, (_, i) => 1_000 + i);
    const r = await store.reserveSegments(many, 10);
    expect(r.size).toBe(2_500);
    expect([...r.values()].every((v) => v === 10)).toBe(true);
    expect(await store.reserveSegments([], 10)).toEqual(new Map());
  });

  it('concurrent reserveSegments for the same users never return the same max (several pools)', async () => {
    const stores = [store, new MysqlMessageStore(open(4)), new MysqlMessageStore(open(4))];
    const calls = 60;
    const results = await Promise.all(
      Array.from({ length: calls }, (_, i) => stores[i % stores.length]!.reserveSegments(i % 2 ? [42, 43] : [43, 42], 100)),
    );
    for (const user of [42, 43]) {
      const maxes = results.map((m) => m.get(user)!);
      expect(new Set(maxes).size).toBe(calls);
      expect([...maxes].sort((a, b) => a - b)).toEqual(Array.from({ length: calls }, (_, i) => (i + 1) * 100));
    }
  });

  it('concurrent reserveMsgIds blocks never overlap and stay increasing (several pools)', async () => {
    const stores = [store, new MysqlMessageStore(open(4)), new MysqlMessageStore(open(4))];
    const sizes = Array.from({ length: 90 }, (_, i) => 1 + (i % 17));
    const starts = await Promise.all(sizes.map((n, i) => stores[i % stores.length]!.reserveMsgIds(n)));
    const blocks = starts.map((s, i) => [s, s + sizes[i]! - 1] as const).sort((a, b) => a[0] - b[0]);
    expect(blocks[0]![0]).toBe(1);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]![0]).toBe(blocks[i - 1]![1] + 1);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(await store.reserveMsgIds(1)).toBe(total + 1);
    await expect(store.reserveMsgIds(0)).rejects.toThrow(RangeError);
  });

  it('uplinkState and findUplink recover the dedup state of a device', async () => {
    expect(await store.uplinkState(1, 'phone')).toEqual({ last: null, fence: 0 });
    await store.persist([
      batch(msg(51, { clientId: 1, senderSeq: 7 }), [[1, 7]]),
      batch(msg(53, { clientId: 3, senderSeq: 9 }), [[1, 9]]),
      batch(msg(52, { clientId: 2, senderSeq: 8 }), [[1, 8]]),
      batch(msg(60, { clientId: 10, deviceId: 'laptop', senderSeq: 10 }), [[1, 10]]),
      batch(msg(70, { clientId: 20, senderId: 2, senderSeq: 1 }), [[2, 1]]),
    ]);
    expect(await store.uplinkState(1, 'phone')).toEqual({ last: { clientId: 3, senderSeq: 9, msgId: 53 }, fence: 0 });
    expect(await store.uplinkState(1, 'laptop')).toEqual({ last: { clientId: 10, senderSeq: 10, msgId: 60 }, fence: 0 });
    expect(await store.uplinkState(1, 'tablet')).toEqual({ last: null, fence: 0 });
    expect(await store.findUplink(1, 'phone', 2)).toEqual({ senderSeq: 8, msgId: 52 });
    expect(await store.findUplink(1, 'phone', 4)).toBeNull();
    expect(await store.findUplink(2, 'phone', 3)).toBeNull();
    expect(await store.maxInboxSeq(1)).toBe(10);
    expect(await store.maxInboxSeq(99)).toBe(0);
  });

  it('a persist that fails part-way leaves nothing behind (one transaction)', async () => {
    // The store's sessions give up on a row lock after 1 s.
    const impatient = open(2);
    impatient.addHook('afterConnect', async (connection: unknown) => {
      const c = connection as { query(sql: string, cb: (err: Error | null) => void): void };
      await new Promise<void>((resolve, reject) => c.query('SET SESSION innodb_lock_wait_timeout = 1', (e) => (e ? reject(e) : resolve())));
    });
    const s = new MysqlMessageStore(impatient, { deadlockAttempts: 1 });
    const blocker = await sql.transaction();
    try {
      // Holds the lock on inbox (2, 2): the messages insert succeeds, the inbox insert times out.
      await sql.query('INSERT INTO inbox (user_id, seq, msg_id) VALUES (2, 2, 999)', { transaction: blocker });
      await expect(
        s.persist([
          batch(msg(81), [
            [1, 2],
            [2, 2],
          ]),
        ]),
      ).rejects.toThrow(/lock wait timeout/i);
    } finally {
      await blocker.rollback();
    }
    expect(await count('messages')).toBe(0);
    expect(await count('inbox')).toBe(0);
  });

  it('rejects ids that are not safe integers before writing anything', async () => {
    await expect(store.persist([batch(msg(90), [[1, Number.NaN]])])).rejects.toThrow(RangeError);
    await expect(store.persist([batch(msg(2 ** 53), [[1, 1]])])).rejects.toThrow(RangeError);
    expect(await count('messages')).toBe(0);
  });
});

messageStoreUplinkContract('mysql', () => ({ store, second: () => new MysqlMessageStore(open(4)), count }));
