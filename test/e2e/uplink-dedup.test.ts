// Uplink dedup per (user, device) (DESIGN.md §2.1, invariant I2): a
// retransmitted UpMsg creates one message and gets the same answer, in-order
// processing of client_ids, consumed rejections, and recovery of the dedup
// state from MySQL when Redis lost it.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gochat } from '../../src/proto/index.js';
import type { RawClient } from '../../src/client/raw-client.js';
import type { Sequelize } from 'sequelize';
import { openDb } from '../../src/store/db.js';
import { MysqlMessageStore } from '../../src/store/message-store-mysql.js';
import type { PersistBatch } from '../../src/store/types.js';
import { REDIS_URL } from '../support/env.js';
import { connect, createGroup, createUser, sendWindowed, sleep, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

let s: TestServer;
let redis: Redis;
let db: Sequelize;
let store: MysqlMessageStore;
let a: TestUser;
let b: TestUser;
let b1: RawClient;
const open: RawClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  redis = new Redis(REDIS_URL);
  db = openDb({ url: s.db.url, pool: 2 });
  store = new MysqlMessageStore(db);
  a = await createUser(s);
  b = await createUser(s);
  b1 = await conn(s, b, 'b-phone');
});
afterAll(async () => {
  for (const c of open) c.close();
  redis?.disconnect();
  await db?.close();
  await s?.stop();
});

async function conn(server: TestServer, u: TestUser, deviceId: string): Promise<RawClient> {
  const c = await connect(server, u, deviceId);
  open.push(c);
  return c;
}

const toB = (body: string): gochat.IMessage => ({ sessionType: 1, receiverId: b.userId, messageType: 1, content: text(body) });
const str = (m: gochat.IMessage) => Buffer.from(m.content!).toString('utf8');
const pushesOf = (c: RawClient, prefix: string) => c.pushes.filter((m) => str(m).startsWith(prefix));

async function messageRows(deviceId: string): Promise<{ client_id: number; msg_id: number; sender_seq: number }[]> {
  return sql(s, 'SELECT client_id, msg_id, sender_seq FROM messages WHERE sender_id = ? AND device_id = ? ORDER BY client_id', [a.userId, deviceId]);
}

async function messageRowsOf(userId: number, deviceId: string): Promise<{ client_id: number; msg_id: number; sender_seq: number }[]> {
  const rows = await sql<{ client_id: number; msg_id: number; sender_seq: number }>(s, 'SELECT client_id, msg_id, sender_seq FROM messages WHERE sender_id = ? AND device_id = ? ORDER BY client_id', [userId, deviceId]);
  return rows.map((r) => ({ client_id: Number(r.client_id), msg_id: Number(r.msg_id), sender_seq: Number(r.sender_seq) }));
}

/** Resolves to 'pending' if `p` has not settled after `ms`. */
async function settledWithin<T>(p: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([p, sleep(ms).then(() => 'pending' as const)]);
}

describe('retransmits', () => {
  it('the same UpMsg three times (the third on a new connection of the device) → one message, one push, the same seq each time', async () => {
    const c1 = await conn(s, a, 'dup');
    const m = toB('dup-1');
    const ack1 = await c1.send(1, m);
    expect(ack1).toMatchObject({ code: 0, clientId: 1 });
    expect(ack1.seq).toBeGreaterThan(0);
    const ack2 = await c1.send(1, m);
    expect(ack2).toEqual(ack1);
    c1.close();
    await c1.closed;
    const c2 = await conn(s, a, 'dup');
    const ack3 = await c2.send(1, m);
    expect(ack3).toEqual(ack1);
    // A retransmit is answered with the recorded outcome, whatever it carries.
    const ack4 = await c2.send(1, toB('dup-1 changed'));
    expect(ack4).toEqual(ack1);

    await b1.waitPushes(1);
    await sleep(400);
    expect(pushesOf(b1, 'dup-1')).toHaveLength(1);
    expect(str(pushesOf(b1, 'dup-1')[0]!)).toBe('dup-1');

    const rows = await waitFor(async () => {
      const r = await messageRows('dup');
      return r.length ? r : null;
    }, 10_000, 'message persisted');
    await sleep(300);
    expect(await messageRows('dup')).toHaveLength(1);
    expect(Number(rows[0]!.sender_seq)).toBe(ack1.seq);
    const inbox = await sql<{ user_id: number; seq: number }>(s, 'SELECT user_id, seq FROM inbox WHERE msg_id = ? ORDER BY user_id', [rows[0]!.msg_id]);
    expect(inbox.map((r) => [Number(r.user_id), Number(r.seq)]).sort((x, y) => x[0]! - y[0]!)).toEqual(
      [
        [a.userId, ack1.seq],
        [b.userId, Number(pushesOf(b1, 'dup-1')[0]!.seq)],
      ].sort((x, y) => x[0]! - y[0]!),
    );

    // The next client_id is a new message.
    const next = await c2.send(2, toB('dup-2'));
    expect(next.code).toBe(0);
    expect(next.seq).toBeGreaterThan(ack1.seq);
  });

  it('copies of one client_id sent back to back (while it is in flight) all get the one answer and create one message', async () => {
    const c = await conn(s, a, 'burst');
    const before = pushesOf(b1, 'burst').length;
    const m = toB('burst-1');
    const ps = [c.waitAck(1), c.waitAck(1), c.waitAck(1)];
    for (let i = 0; i < 3; i++) c.sendUp(1, m);
    const acks = await Promise.all(ps);
    expect(acks[0]!.code).toBe(0);
    expect(acks[1]).toEqual(acks[0]);
    expect(acks[2]).toEqual(acks[0]);
    await waitFor(() => pushesOf(b1, 'burst').length > before, 5000, 'push');
    await sleep(400);
    expect(pushesOf(b1, 'burst')).toHaveLength(before + 1);
    await waitFor(async () => (await messageRows('burst')).length > 0, 10_000, 'persisted');
    await sleep(300);
    expect(await messageRows('burst')).toHaveLength(1);
  });
});

describe('in-order processing', () => {
  it('a client_id that skips ahead waits until the missing one arrives; then both are answered in order', async () => {
    const c = await conn(s, a, 'skip');
    expect((await c.send(1, toB('skip-1'))).code).toBe(0);
    const order: number[] = [];
    const p3 = c.send(3, toB('skip-3')).then((x) => (order.push(3), x));
    expect(await settledWithin(p3, 700)).toBe('pending');
    await sleep(100);
    expect(pushesOf(b1, 'skip-3')).toHaveLength(0);
    const p2 = c.send(2, toB('skip-2')).then((x) => (order.push(2), x));
    const [ack2, ack3] = await Promise.all([p2, p3]);
    expect(order).toEqual([2, 3]);
    expect(ack2.code).toBe(0);
    expect(ack3.code).toBe(0);
    expect(ack3.seq).toBeGreaterThan(ack2.seq);
    await waitFor(() => pushesOf(b1, 'skip-').length === 3, 5000, 'pushes');
    expect(pushesOf(b1, 'skip-').map(str)).toEqual(['skip-1', 'skip-2', 'skip-3']);
    const seqs = pushesOf(b1, 'skip-').map((m) => Number(m.seq));
    expect(seqs[1]).toBeGreaterThan(seqs[0]!);
    expect(seqs[2]).toBeGreaterThan(seqs[1]!);
  });

  it('a client_id beyond the window is dropped silently; the device carries on in order', async () => {
    const c = await conn(s, a, 'far');
    expect((await c.send(1, toB('far-1'))).code).toBe(0);
    const pFar = c.send(1000, toB('far-1000'));
    pFar.catch(() => undefined);
    expect(await settledWithin(pFar, 500)).toBe('pending');
    expect((await c.send(2, toB('far-2'))).code).toBe(0);
    expect(await settledWithin(pFar, 200)).toBe('pending');
    await sleep(200);
    expect(pushesOf(b1, 'far-').map(str)).toEqual(['far-1', 'far-2']);
  });
});

describe('rejections are final', () => {
  it('a rejected client_id is consumed: sent again (also on a new connection) it gets the same rejection; the next one works', async () => {
    const owner = await createUser(s);
    const g = await createGroup(s, owner, [b.userId]);
    const c = await conn(s, a, 'rej');
    const bad: gochat.IMessage = { sessionType: 2, receiverId: g, messageType: 1, content: text('rej-1') };
    const r1 = await c.send(1, bad);
    expect(r1).toMatchObject({ code: 3, clientId: 1, seq: 0 });
    const r2 = await c.send(1, bad);
    expect(r2).toEqual(r1);
    c.close();
    await c.closed;
    const c2 = await conn(s, a, 'rej');
    expect(await c2.send(1, bad)).toEqual(r1);
    // Even a retransmit that would now be valid is answered with the recorded outcome.
    expect(await c2.send(1, toB('rej-1 valid now'))).toEqual(r1);
    const ok = await c2.send(2, toB('rej-2'));
    expect(ok).toMatchObject({ code: 0, clientId: 2 });
    await waitFor(() => pushesOf(b1, 'rej-').length >= 1, 5000, 'push');
    await sleep(300);
    expect(pushesOf(b1, 'rej-').map(str)).toEqual(['rej-2']);
    await waitFor(async () => (await messageRows('rej')).length > 0, 10_000, 'persisted');
    await sleep(200);
    expect((await messageRows('rej')).map((r) => Number(r.client_id))).toEqual([2]);
  });
});

describe('retransmit after a transient failure', () => {
  // Attempt 1 of a client_id, as the worker leaves it when the queue's
  // publisher confirm does not arrive in time although the broker took the
  // batch: its seqs were allocated, the abandonment was recorded (tombstones
  // + abandoned msg_id) before the client got code 7 — and a persister
  // stores the broker's copy, before or after the abandonment.
  for (const order of ['copy persisted before the abandonment', 'copy persisted after the abandonment'] as const) {
    it(`an ACKed retransmit is not lost when the abandoned first attempt reaches MySQL (${order})`, async () => {
      const snd = await createUser(s);
      const rcv = await createUser(s);
      const dev = `ambig-${order.includes('before') ? 'b' : 'a'}`;
      const c = await conn(s, snd, dev);
      const body = (k: number): gochat.IMessage => ({ sessionType: 1, receiverId: rcv.userId, messageType: 1, content: text(`${dev}-${k}`) });
      expect((await c.send(1, body(1))).code).toBe(0);

      const seqKey = (u: number) => `${s.cfg.prefix}:seq:${u}`;
      const lostSenderSeq = await redis.hincrby(seqKey(snd.userId), 'c', 1);
      const lostReceiverSeq = await redis.hincrby(seqKey(rcv.userId), 'c', 1);
      const msgId = 700_000_000 + lostSenderSeq + snd.userId * 10;
      const copy: PersistBatch = {
        messages: [
          { msgId, senderId: snd.userId, deviceId: dev, clientId: 2, sessionType: 1, receiverId: rcv.userId, messageType: 1, content: text(`${dev}-2`), sendTime: Date.now(), senderSeq: lostSenderSeq },
        ],
        userIds: [snd.userId, rcv.userId],
        seqs: [lostSenderSeq, lostReceiverSeq],
        msgIds: [msgId, msgId],
      };
      const abandon = () => store.tombstone(copy.userIds, copy.seqs, [msgId]);
      if (order.includes('before')) {
        await store.persist([copy]);
        await abandon();
      } else await abandon();

      // The client retransmits client_id 2 (code 7 does not consume it) and is ACKed.
      const ack2 = await c.send(2, body(2));
      expect(ack2).toMatchObject({ code: 0, clientId: 2 });
      expect(ack2.seq).toBeGreaterThan(lostSenderSeq);
      expect((await c.send(3, body(3))).code).toBe(0);
      if (!order.includes('before')) await store.persist([copy]); // the late copy arrives last

      // Once persisted, the receiver's sync shows all three (I1), once each (I2).
      await waitFor(async () => {
        const [r] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id = ?', [rcv.userId]);
        return Number(r!.n) >= 4;
      }, 10_000, 'receiver rows persisted');
      await sleep(300);
      const rc = await conn(s, rcv, 'r');
      expect((await rc.syncAll(0)).map(str)).toEqual([`${dev}-1`, `${dev}-2`, `${dev}-3`]);
      const own = await (await conn(s, snd, 'other')).syncAll(0);
      expect(own.map(str)).toEqual([`${dev}-1`, `${dev}-2`, `${dev}-3`]);
      const [n] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM messages WHERE sender_id = ? AND device_id = ? AND client_id = 2', [snd.userId, dev]);
      expect(Number(n!.n)).toBe(1);
    });
  }
});

describe('a worker that died between making a batch durable and recording the outcome', () => {
  it('the retransmit on the next worker is answered with the stored seq, not processed again', async () => {
    const snd = await createUser(s);
    const rcv = await createUser(s);
    const dev = 'crash';
    const c = await conn(s, snd, dev);
    const body = (k: number): gochat.IMessage => ({ sessionType: 1, receiverId: rcv.userId, messageType: 1, content: text(`crash-${k}`) });
    expect((await c.send(1, body(1))).code).toBe(0);
    c.close();
    await c.closed;

    // client_id 2 as a dying worker leaves it: marked pending, seqs allocated,
    // the batch durable (here: persisted), the outcome never committed. Its
    // copy carries the device's fence generation, as every copy does.
    const key = `${s.cfg.prefix}:up:${snd.userId}:${dev}`;
    await redis.hset(key, 'p:2', '1');
    const fence = Number(await redis.hget(key, 'f'));
    const senderSeq = await redis.hincrby(`${s.cfg.prefix}:seq:${snd.userId}`, 'c', 1);
    const rcvSeq = await redis.hincrby(`${s.cfg.prefix}:seq:${rcv.userId}`, 'c', 1);
    const msgId = 800_000_000 + snd.userId;
    await store.persist([
      {
        messages: [{ msgId, senderId: snd.userId, deviceId: dev, clientId: 2, sessionType: 1, receiverId: rcv.userId, messageType: 1, content: text('crash-2'), sendTime: Date.now(), senderSeq, fence }],
        userIds: [snd.userId, rcv.userId],
        seqs: [senderSeq, rcvSeq],
        msgIds: [msgId, msgId],
      },
    ]);

    // The next worker (fresh memory) gets the retransmit.
    const s2 = await startTestServer({}, { db: s.db, cfg: { ...s.cfg, http_port: 0, admin_port: 0 } });
    try {
      const c2 = await connect(s2, snd, dev);
      const ack = await c2.send(2, body(2));
      expect(ack).toMatchObject({ code: 0, clientId: 2, seq: senderSeq });
      expect((await c2.send(3, body(3))).code).toBe(0);
      c2.close();
      await waitFor(async () => (await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id = ?', [rcv.userId]))[0]!.n >= 3, 10_000, 'rows');
      const [n] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM messages WHERE sender_id = ? AND device_id = ?', [snd.userId, dev]);
      expect(Number(n!.n)).toBe(3);
      const rc = await conn(s, rcv, 'r');
      expect((await rc.syncAll(0)).map(str)).toEqual(['crash-1', 'crash-2', 'crash-3']);
      expect(await redis.hexists(key, 'p:2')).toBe(0);
    } finally {
      await s2.close();
    }
  });
  it('the crashed worker\'s batch reaches MySQL only after the retransmit was answered: the retransmit\'s copy is the one (a fence refuses the late copy: its rows become tombstones)', async () => {
    const snd = await createUser(s);
    const rcv = await createUser(s);
    const dev = 'crash-late';
    const body = (k: number): gochat.IMessage => ({ sessionType: 1, receiverId: rcv.userId, messageType: 1, content: text(`late-${k}`) });
    const warm = await conn(s, snd, 'warm'); // both users' seq counters exist in Redis
    expect((await warm.send(1, body(0))).code).toBe(0);
    // client_id 1 as a dying worker leaves it: marked pending, seqs
    // allocated, the batch still in the queue (here: not persisted yet).
    const key = `${s.cfg.prefix}:up:${snd.userId}:${dev}`;
    await redis.hset(key, 'p:1', '1');
    const senderSeq = await redis.hincrby(`${s.cfg.prefix}:seq:${snd.userId}`, 'c', 1);
    const rcvSeq = await redis.hincrby(`${s.cfg.prefix}:seq:${rcv.userId}`, 'c', 1);
    const msgId = 810_000_000 + snd.userId;
    const late: PersistBatch = {
      messages: [{ msgId, senderId: snd.userId, deviceId: dev, clientId: 1, sessionType: 1, receiverId: rcv.userId, messageType: 1, content: text('late-1'), sendTime: Date.now(), senderSeq }],
      userIds: [snd.userId, rcv.userId],
      seqs: [senderSeq, rcvSeq],
      msgIds: [msgId, msgId],
    };

    const rc = await conn(s, rcv, 'r');
    const c = await conn(s, snd, dev);
    // The retransmit of the pending id is claimed in MySQL: nothing stored, so
    // a fence now refuses every older copy, and it is processed again at once.
    const t0 = Date.now();
    const ack = await c.send(1, body(1));
    expect(ack.code).toBe(0);
    expect(ack.seq).not.toBe(senderSeq);
    expect(Date.now() - t0, 'no waiting for the dead worker\'s batch').toBeLessThan(3000);
    await waitFor(async () => (await messageRowsOf(snd.userId, dev)).length === 1, 10_000, 'the retransmit persisted');
    expect(await messageRowsOf(snd.userId, dev)).toEqual([{ client_id: 1, msg_id: expect.any(Number), sender_seq: ack.seq }]);
    await waitFor(() => pushesOf(rc, 'late-1').length === 1, 5000, 'the push');

    await store.persist([late]); // the dead worker's copy arrives late
    expect(await messageRowsOf(snd.userId, dev)).toEqual([{ client_id: 1, msg_id: expect.any(Number), sender_seq: ack.seq }]);
    const [row] = await sql<{ msg_id: number }>(s, 'SELECT msg_id FROM inbox WHERE user_id = ? AND seq = ?', [rcv.userId, rcvSeq]);
    expect(Number(row!.msg_id), 'the late copy is a tombstone').toBe(0);
    expect((await c.send(1, body(1))).seq, 'a retransmit gets the same answer').toBe(ack.seq);
    const r2 = await conn(s, rcv, 'r2');
    await waitFor(async () => (await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id = ?', [rcv.userId]))[0]!.n >= 3, 10_000, 'rows');
    expect((await r2.syncAll(0)).map(str)).toEqual(['late-0', 'late-1']);
  }, 30_000);
});

describe('dedup state lost in Redis', () => {
  it('is recovered from MySQL: retransmits of persisted client_ids get their seqs again and create no second message', async () => {
    const c = await conn(s, a, 'rec');
    const acks = await sendWindowed(c, 1, [1, 2, 3, 4, 5].map((i) => toB(`rec-${i}`)), 5);
    expect(acks.map((x) => x.code)).toEqual([0, 0, 0, 0, 0]);
    await waitFor(async () => (await messageRows('rec')).length === 5, 10_000, '5 rows persisted');

    const key = `${s.cfg.prefix}:up:${a.userId}:rec`;
    expect(await redis.exists(key)).toBe(1);
    await redis.del(key);
    // Same worker: still answered with the same seq.
    expect(await c.send(3, toB('rec-3'))).toEqual(acks[2]);
    c.close();
    await c.closed;

    // A fresh worker (no in-process state) on the same database, prefix and queue.
    await redis.del(key);
    const s2 = await startTestServer({}, { db: s.db, cfg: s.cfg });
    try {
      const c2 = await conn(s2, a, 'rec');
      const [r5, r2] = await Promise.all([c2.send(5, toB('rec-5')), c2.send(2, toB('rec-2'))]);
      expect(r5).toEqual(acks[4]);
      expect(r2).toEqual(acks[1]);
      expect(await c2.send(1, toB('rec-1'))).toEqual(acks[0]);
      const six = await c2.send(6, toB('rec-6'));
      expect(six).toMatchObject({ code: 0, clientId: 6 });
      expect(six.seq).toBeGreaterThan(acks[4]!.seq);
      expect(await c2.send(6, toB('rec-6'))).toEqual(six);
      // The recovered state was written back to Redis.
      expect(Number(await redis.hget(key, 'l'))).toBe(6);

      const rows = await waitFor(async () => {
        const r = await messageRows('rec');
        return r.length >= 6 ? r : null;
      }, 10_000, '6 rows persisted');
      await sleep(300);
      expect((await messageRows('rec')).map((r) => Number(r.client_id))).toEqual([1, 2, 3, 4, 5, 6]);
      expect(rows.map((r) => Number(r.sender_seq))).toEqual([...acks.map((x) => x.seq), six.seq]);
      // No seq was spent on a duplicate: no tombstones, one inbox row per message and recipient.
      const ids = rows.map((r) => Number(r.msg_id));
      const [inb] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE msg_id IN (?)', [ids]);
      expect(Number(inb!.n)).toBe(12);
      const [tomb] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id IN (?) AND msg_id = 0', [[a.userId, b.userId]]);
      expect(Number(tomb!.n)).toBe(0);
    } finally {
      await s2.close();
    }
  });
});
