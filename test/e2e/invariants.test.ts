// The invariants of DESIGN.md §3 that concern ordering and sync, end to end:
// I3 (order), I4 (no seq reuse after Redis loses its counters), I5 (sync never
// skips: concurrent writers on two workers with two persisters, and the gap
// hold-back rules checked row by row at the store level).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gochat } from '../../src/proto/index.js';
import type { Ack, RawClient } from '../../src/client/raw-client.js';
import { REDIS_URL } from '../support/env.js';
import { connect, createGroup, createUsers, sendWindowed, sleep, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

const SMALL_GAP = 300;
/** default-like settings: the gap bound far above the persistence lag */
let sA: TestServer;
/** a second worker on sA's database, prefix and queue */
let sA2: TestServer;
/** a small gap timeout, so that skipped seqs are passed over quickly */
let sB: TestServer;
let redis: Redis;
/** sA's gap clock counts from its start (batches may have been held while it was down) */
let sAStartedAt = 0;
const open: RawClient[] = [];

beforeAll(async () => {
  [sA, sB] = await Promise.all([startTestServer({ 'sync.gap_timeout': 10_000 }), startTestServer({ 'sync.gap_timeout': SMALL_GAP })]);
  sAStartedAt = Date.now();
  sA2 = await startTestServer({}, { db: sA.db, cfg: sA.cfg });
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  for (const c of open) c.close();
  redis?.disconnect();
  await sA2?.close();
  await Promise.all([sA?.stop(), sB?.stop()]);
});

async function conn(s: TestServer, u: TestUser, deviceId: string): Promise<RawClient> {
  const c = await connect(s, u, deviceId);
  open.push(c);
  return c;
}

const single = (to: number, body: string): gochat.IMessage => ({ sessionType: 1, receiverId: to, messageType: 1, content: text(body) });
const group = (g: number, body: string): gochat.IMessage => ({ sessionType: 2, receiverId: g, messageType: 1, content: text(body) });
const str = (m: gochat.IMessage) => Buffer.from(m.content!).toString('utf8');
const seqOf = (m: gochat.IMessage) => Number(m.seq);

function expectStrictlyIncreasing(xs: number[], what: string): void {
  for (let i = 1; i < xs.length; i++) if (!(xs[i]! > xs[i - 1]!)) throw new Error(`${what}: not strictly increasing at ${i}: ${xs[i - 1]} then ${xs[i]}`);
}

async function inboxCount(s: TestServer, userId: number): Promise<number> {
  const [r] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id = ?', [userId]);
  return Number(r!.n);
}

describe('I3 order', () => {
  it('two senders interleaving 100 messages each, 1:1 and into one group: the receiver sees each sender in send order, its seqs strictly increasing', async () => {
    const [a1, a2, r, x] = await createUsers(sA, 4);
    const g = await createGroup(sA, a1!, [a2!.userId, r!.userId, x!.userId]);
    const c1 = await conn(sA, a1!, 'd');
    const c2 = await conn(sA, a2!, 'd');
    const rc = await conn(sA, r!, 'd');
    const N = 100;
    const body = (who: string, kind: string, i: number) => `${who}-${kind}-${i}`;

    // 1:1, concurrently.
    const [acks1, acks2] = await Promise.all([
      sendWindowed(c1, 1, Array.from({ length: N }, (_, i) => single(r!.userId, body('a1', 'dm', i))), 16),
      sendWindowed(c2, 1, Array.from({ length: N }, (_, i) => single(r!.userId, body('a2', 'dm', i))), 16),
    ]);
    // Into the group, concurrently.
    const [gacks1, gacks2] = await Promise.all([
      sendWindowed(c1, N + 1, Array.from({ length: N }, (_, i) => group(g, body('a1', 'g', i))), 16),
      sendWindowed(c2, N + 1, Array.from({ length: N }, (_, i) => group(g, body('a2', 'g', i))), 16),
    ]);
    for (const list of [acks1, acks2, gacks1, gacks2]) {
      expect(list.map((a) => a.code)).toEqual(new Array(N).fill(0));
    }
    expectStrictlyIncreasing([...acks1, ...gacks1].map((a) => a.seq), 'a1 ack seqs');
    expectStrictlyIncreasing([...acks2, ...gacks2].map((a) => a.seq), 'a2 ack seqs');

    const expected = (who: string, kind: string) => Array.from({ length: N }, (_, i) => body(who, kind, i));
    const check = (msgs: gochat.IMessage[], what: string) => {
      for (const who of ['a1', 'a2']) for (const kind of ['dm', 'g']) {
        expect(msgs.filter((m) => str(m).startsWith(`${who}-${kind}-`)).map(str), `${what}: ${who} ${kind}`).toEqual(expected(who, kind));
      }
      expect(new Set(msgs.map(seqOf)).size, `${what}: distinct seqs`).toBe(msgs.length);
    };

    // Pushes: each sender's messages in send order (per sender, seqs increasing).
    await rc.waitPushes(4 * N, 20_000);
    await sleep(300);
    expect(rc.pushes).toHaveLength(4 * N);
    check(rc.pushes, 'receiver pushes');
    for (const who of ['a1', 'a2']) expectStrictlyIncreasing(rc.pushes.filter((m) => str(m).startsWith(`${who}-`)).map(seqOf), `pushes of ${who}`);
    // a1 gets a2's group messages in order, and vice versa.
    await c1.waitPushes(N);
    expect(c1.pushes.map(str)).toEqual(expected('a2', 'g'));
    await c2.waitPushes(N);
    expect(c2.pushes.map(str)).toEqual(expected('a1', 'g'));

    // Sync (once persisted): the same messages, seqs strictly increasing.
    await waitFor(async () => (await inboxCount(sA, r!.userId)) === 4 * N && (await inboxCount(sA, x!.userId)) === 2 * N, 20_000, 'persisted');
    const synced = await rc.syncAll(0, 64);
    expect(synced).toHaveLength(4 * N);
    expectStrictlyIncreasing(synced.map(seqOf), 'receiver sync seqs');
    check(synced, 'receiver sync');
    expect(new Set(synced.map(seqOf))).toEqual(new Set(rc.pushes.map(seqOf)));
    // An offline member syncs the group in each sender's order too.
    const xc = await conn(sA, x!, 'd');
    const xs = await xc.syncAll(0, 50);
    expect(xs).toHaveLength(2 * N);
    expectStrictlyIncreasing(xs.map(seqOf), 'x sync seqs');
    expect(xs.filter((m) => str(m).startsWith('a1-')).map(str)).toEqual(expected('a1', 'g'));
    expect(xs.filter((m) => str(m).startsWith('a2-')).map(str)).toEqual(expected('a2', 'g'));
  });
});

async function deleteSeqKeys(prefix: string): Promise<number> {
  let n = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:seq:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) n += await redis.del(...keys);
  } while (cursor !== '0');
  return n;
}

describe('I4 no seq reuse', () => {
  it('while 300 messages are sent, the Redis seq counters are deleted twice: every seq distinct and increasing; sync returns everything', async () => {
    const s = sB;
    const [snd, rcv] = await createUsers(s, 2);
    const sc = await conn(s, snd!, 's1');
    const rc = await conn(s, rcv!, 'r1');
    const N = 300;
    const WINDOW = 16;
    const acks: Ack[] = new Array(N);
    let done = 0;
    let next = 0;
    const resets: Promise<number>[] = [];
    await Promise.all(
      Array.from({ length: WINDOW }, async () => {
        while (next < N) {
          const i = next++;
          acks[i] = await sc.send(i + 1, single(rcv!.userId, `m-${i}`));
          done++;
          if (done === 100 || done === 200) resets.push(deleteSeqKeys(s.cfg.prefix));
        }
      }),
    );
    const deleted = await Promise.all(resets);
    expect(deleted).toHaveLength(2);
    for (const d of deleted) expect(d).toBeGreaterThanOrEqual(1);
    expect(acks.map((a) => a.code)).toEqual(new Array(N).fill(0));
    const ackSeqs = acks.map((a) => a.seq);
    expectStrictlyIncreasing(ackSeqs, 'sender ack seqs (client_id order)');
    // The resets took effect: the counter was re-seeded above the durable high-water mark (a jump).
    const jumps = ackSeqs.filter((q, i) => i > 0 && q - ackSeqs[i - 1]! > 1).length;
    expect(jumps).toBeGreaterThanOrEqual(2);

    await rc.waitPushes(N, 20_000);
    await sleep(200);
    expect(rc.pushes).toHaveLength(N);
    const pushSeqs = rc.pushes.map(seqOf);
    expect(new Set(pushSeqs).size).toBe(N);
    expect(rc.pushes.map(str)).toEqual(Array.from({ length: N }, (_, i) => `m-${i}`));
    expectStrictlyIncreasing(pushSeqs, 'receiver push seqs');

    await waitFor(async () => (await inboxCount(s, rcv!.userId)) === N && (await inboxCount(s, snd!.userId)) === N, 20_000, 'persisted');
    await sleep(SMALL_GAP + 300); // the gaps the resets left are older than the bound now
    const synced = await rc.syncAll(0, 100);
    expect(synced.map(str)).toEqual(Array.from({ length: N }, (_, i) => `m-${i}`));
    expect(synced.map(seqOf)).toEqual(pushSeqs);
    const own = await (await conn(s, snd!, 's2')).syncAll(0, 100);
    expect(own.map(seqOf)).toEqual(ackSeqs);

    // The durable high-water mark covers every seq handed out.
    const hw = await sql<{ user_id: number; max_seq: number }>(s, 'SELECT user_id, max_seq FROM user_seq WHERE user_id IN (?)', [[snd!.userId, rcv!.userId]]);
    const hwm = new Map(hw.map((r) => [Number(r.user_id), Number(r.max_seq)]));
    expect(hwm.get(snd!.userId)).toBeGreaterThanOrEqual(Math.max(...ackSeqs));
    expect(hwm.get(rcv!.userId)).toBeGreaterThanOrEqual(Math.max(...pushSeqs));

    // Once more, after everything: lose the counters, send, and the seq is above all before.
    await deleteSeqKeys(s.cfg.prefix);
    const last = await sc.send(N + 1, single(rcv!.userId, 'after'));
    expect(last.code).toBe(0);
    expect(last.seq).toBeGreaterThan(Math.max(...ackSeqs));
    await rc.waitPushes(N + 1);
    expect(seqOf(rc.pushes[N]!)).toBeGreaterThan(Math.max(...pushSeqs));
  });
});

describe('I5 sync never skips', () => {
  it('two writers on two workers (two persisters) fill one inbox while the reader syncs in a loop: the reader ends with exactly the full inbox', async () => {
    const [w1, w2, rd] = await createUsers(sA, 3);
    const c1 = await conn(sA, w1!, 'w');
    const c2 = await conn(sA2, w2!, 'w');
    const reader = await conn(sA, rd!, 'reader'); // its pushes are ignored
    const N = 400;

    const collected: gochat.IMessage[] = [];
    const violations: string[] = [];
    let from = 0;
    let stop = false;
    let emptyAfterSettled = 0;
    let settled = false;
    const loop = (async () => {
      while (!stop) {
        const page = await reader.sync(from, 200);
        for (const m of page.messages) {
          const q = seqOf(m);
          if (q <= from) violations.push(`seq ${q} returned after a sync from ${from}`);
          from = Math.max(from, q);
          collected.push(m);
        }
        from = Math.max(from, page.nextSeq);
        if (settled && page.messages.length === 0 && !page.hasMore) emptyAfterSettled++;
        if (!page.hasMore) await sleep(2);
      }
    })();

    const [acks1, acks2] = await Promise.all([
      sendWindowed(c1, 1, Array.from({ length: N }, (_, i) => single(rd!.userId, `w1-${i}`)), 64),
      sendWindowed(c2, 1, Array.from({ length: N }, (_, i) => single(rd!.userId, `w2-${i}`)), 64),
    ]);
    expect(acks1.map((a) => a.code)).toEqual(new Array(N).fill(0));
    expect(acks2.map((a) => a.code)).toEqual(new Array(N).fill(0));

    await waitFor(async () => (await inboxCount(sA, rd!.userId)) === 2 * N, 20_000, 'all persisted');
    settled = true;
    await waitFor(() => emptyAfterSettled >= 2, 15_000, 'reader caught up');
    stop = true;
    await loop;

    expect(violations).toEqual([]);
    const full = await reader.syncAll(0, 500);
    expect(full).toHaveLength(2 * N);
    expect(new Set(full.map(seqOf)).size).toBe(2 * N);
    expectStrictlyIncreasing(full.map(seqOf), 'full sync seqs');
    // exactly what the looping reader collected, in the same order
    expect(collected.map((m) => [seqOf(m), Number(m.msgId)])).toEqual(full.map((m) => [seqOf(m), Number(m.msgId)]));
    expect(full.filter((m) => str(m).startsWith('w1-')).map(str)).toEqual(Array.from({ length: N }, (_, i) => `w1-${i}`));
    expect(full.filter((m) => str(m).startsWith('w2-')).map(str)).toEqual(Array.from({ length: N }, (_, i) => `w2-${i}`));
  });

  it('seqs allocated for a message that then failed transiently (code 7) are tombstoned, so sync does not wait out the gap bound', async () => {
    const s = sA; // gap bound 10 s
    const [a, r1, r2] = await createUsers(s, 3);
    const g = await createGroup(s, a!, [r1!.userId, r2!.userId]);
    const ca = await conn(s, a!, 'd');
    // Warm-up: a's and r1's counters exist in Redis with headroom.
    expect((await ca.send(1, single(r1!.userId, 'warm-up'))).code).toBe(0);
    // r2's counter is at the end of its segment, and reserving the next one
    // fails (the durable mark is at the top of BIGINT UNSIGNED, so the
    // reservation's UPDATE is refused): a transient backend failure while
    // a's and r1's seqs for the same message are already handed out.
    await redis.hset(`${s.cfg.prefix}:seq:${r2!.userId}`, 'c', 5, 'm', 5);
    await sql(s, 'INSERT INTO user_seq (user_id, max_seq) VALUES (?, 18446744073709551610) ON DUPLICATE KEY UPDATE max_seq = VALUES(max_seq)', [r2!.userId]);
    const failed = await ca.send(2, group(g, 'to the group'));
    expect(failed.code).toBe(7);
    // The backend recovers; the client retransmits the same client_id.
    await sql(s, 'UPDATE user_seq SET max_seq = 1000 WHERE user_id = ?', [r2!.userId]);
    const ok = await ca.send(2, group(g, 'to the group'));
    expect(ok.code).toBe(0);

    await waitFor(async () => (await inboxCount(s, r1!.userId)) >= 2 && (await inboxCount(s, a!.userId)) >= 2, 10_000, 'persisted');
    const t0 = Date.now();
    const rc = await conn(s, r1!, 'd');
    // Well within the 10 s bound, r1's sync must return both messages.
    const got = await waitFor(async () => {
      const m = await rc.syncAll(0);
      return m.length >= 2 ? m : null;
    }, 3000, 'r1 sync past the abandoned seq').catch(async () => (await rc.syncAll(0)));
    expect(got.map(str), `after ${Date.now() - t0} ms`).toEqual(['warm-up', 'to the group']);
    const other = await conn(s, a!, 'other');
    const own = await other.syncAll(0);
    expect(own.map(str)).toEqual(['warm-up', 'to the group']);
  });

  describe('hold-back rules on rows written directly', () => {
    let u: TestUser;
    let sender: TestUser;
    let c: RawClient;
    let nextMsgId = 900_000_001;
    const bodies = new Map<number, string>();

    beforeAll(async () => {
      [u, sender] = await createUsers(sA, 2);
      c = await conn(sA, u!, 'd');
      // A worker treats every gap as young for gap_timeout after it started
      // (a batch may have waited in the queue while it was down): these rules
      // are about rows' ages, so let that first period pass.
      await sleep(Math.max(0, sAStartedAt + 10_000 + 300 - Date.now()));
    }, 30_000);

    /** Inserts inbox rows for u: msg = true → a new message row; false → a tombstone. ageMs > 0 → created that long ago. */
    async function put(seq: number, kind: 'msg' | 'tomb', ageMs = 0): Promise<void> {
      let msgId = 0;
      if (kind === 'msg') {
        msgId = nextMsgId++;
        bodies.set(seq, `row-${seq}`);
        await sql(
          sA,
          `INSERT INTO messages (msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq)
           VALUES (?, ?, 'sql', ?, 1, ?, 1, ?, ?, 0)`,
          [msgId, sender.userId, msgId, u.userId, Buffer.from(`row-${seq}`), Date.now()],
        );
      }
      await sql(sA, 'INSERT INTO inbox (user_id, seq, msg_id, created_at) VALUES (?, ?, ?, NOW(3) - INTERVAL ? MICROSECOND)', [u.userId, seq, msgId, ageMs * 1000]);
    }
    const seqs = (p: { messages: gochat.IMessage[] }) => p.messages.map(seqOf);

    it('returns only what lies below a young gap, then the rest once the gap is filled', async () => {
      await put(1, 'msg');
      await put(2, 'msg');
      await put(4, 'msg');
      let p = await c.sync(0, 100);
      expect(seqs(p)).toEqual([1, 2]);
      expect(p.messages.map(str)).toEqual(['row-1', 'row-2']);
      expect(p.hasMore).toBe(false);
      expect(p.nextSeq).toBe(2);
      p = await c.sync(2, 100);
      expect(seqs(p)).toEqual([]);
      expect(p.hasMore).toBe(false);
      expect(p.nextSeq || 2).toBe(2);

      await put(3, 'msg');
      p = await c.sync(2, 100);
      expect(seqs(p)).toEqual([3, 4]);
      expect(p.nextSeq).toBe(4);
      expect(p.messages.map(str)).toEqual(['row-3', 'row-4']);
      expect(Number(p.messages[0]!.senderId)).toBe(sender.userId);
    });

    it('passes over a gap older than the bound', async () => {
      await put(6, 'msg', 60_000); // seq 5 never written; 6 has existed for a minute
      await put(7, 'msg');
      const p = await c.sync(4, 100);
      expect(seqs(p)).toEqual([6, 7]);
      expect(p.nextSeq).toBe(7);
      // a young gap behind an old one still holds
      await put(9, 'msg');
      const q = await c.sync(4, 100);
      expect(seqs(q)).toEqual([6, 7]);
    });

    it('skips tombstones and moves nextSeq past them', async () => {
      await put(8, 'tomb'); // fills the gap at 8: 9 comes out
      let p = await c.sync(7, 100);
      expect(seqs(p)).toEqual([9]);
      expect(p.nextSeq).toBe(9);
      await put(10, 'tomb');
      await put(11, 'tomb');
      await put(12, 'msg');
      p = await c.sync(9, 100);
      expect(seqs(p)).toEqual([12]);
      expect(p.nextSeq).toBe(12);
      await put(13, 'tomb'); // a trailing tombstone
      p = await c.sync(12, 100);
      expect(seqs(p)).toEqual([]);
      expect(p.hasMore).toBe(false);
      expect(p.nextSeq).toBe(13);
    });

    it('reads on through pages of tombstones only', async () => {
      for (let q = 14; q <= 263; q += 50) {
        const values = Array.from({ length: 50 }, (_, i) => [u.userId, q + i, 0]);
        await sql(sA, 'INSERT INTO inbox (user_id, seq, msg_id) VALUES ?', [values]);
      }
      await put(264, 'msg');
      const p = await c.sync(13, 100);
      expect(seqs(p)).toEqual([264]);
      expect(p.nextSeq).toBe(264);
      // and a full sync from 0 returns exactly the message rows, in order
      const all = await c.syncAll(0, 100);
      expect(all.map(seqOf)).toEqual([1, 2, 3, 4, 6, 7, 9, 12, 264]);
      expect(all.map(str)).toEqual([1, 2, 3, 4, 6, 7, 9, 12, 264].map((q) => bodies.get(q)));
    });
  });

  it('with a small gap bound, a gap left by a lost allocation is passed over once it is older than the bound', async () => {
    const s = sB;
    const [v, snd] = await createUsers(s, 2);
    const c = await conn(s, v!, 'd');
    const ids = [800_000_001, 800_000_002];
    for (const [k, id] of ids.entries()) {
      await sql(
        s,
        `INSERT INTO messages (msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq)
         VALUES (?, ?, 'sql', ?, 1, ?, 1, ?, ?, 0)`,
        [id, snd!.userId, k + 1, v!.userId, Buffer.from(`lost-${k}`), Date.now()],
      );
    }
    // Row 3 counts as created 200 ms from now, so it is surely young at the first sync.
    await sql(s, 'INSERT INTO inbox (user_id, seq, msg_id, created_at) VALUES (?, 1, ?, NOW(3)), (?, 3, ?, NOW(3) + INTERVAL 200000 MICROSECOND)', [
      v!.userId,
      ids[0],
      v!.userId,
      ids[1],
    ]);
    const p = await c.sync(0, 100);
    expect(p.messages.map(seqOf)).toEqual([1]);
    expect(p.nextSeq).toBe(1);
    await sleep(200 + SMALL_GAP + 300);
    const q = await c.sync(p.nextSeq, 100);
    expect(q.messages.map(seqOf)).toEqual([3]);
    expect(q.messages.map(str)).toEqual(['lost-1']);
  });
});
