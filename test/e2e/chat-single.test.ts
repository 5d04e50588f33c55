// 1:1 chat end to end (DESIGN.md §2, §6): offline delivery through paged
// sync, the sender's own copies, push fan-out to every other device, and the
// final rejections of invalid UpMsgs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gochat } from '../../src/proto/index.js';
import type { RawClient } from '../../src/client/raw-client.js';
import { connect, createGroup, createUser, sleep, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

const MAX_CONTENT = 1000;
let s: TestServer;
const open: RawClient[] = [];

beforeAll(async () => {
  // The uplink window is raised so that 250 client_ids may be sent at once
  // without waiting (DESIGN.md §2.1: beyond the window they are dropped).
  s = await startTestServer({ 'limits.uplink_window': 300, 'limits.max_content_bytes': MAX_CONTENT });
});
afterAll(async () => {
  for (const c of open) c.close();
  await s?.stop();
});

async function dev(u: TestUser, deviceId: string): Promise<RawClient> {
  const c = await connect(s, u, deviceId);
  open.push(c);
  return c;
}

const single = (to: TestUser, body: string | Uint8Array): gochat.IMessage => ({
  sessionType: gochat.SessionType.ST_SINGLE,
  receiverId: to.userId,
  messageType: gochat.MessageType.MT_TEXT,
  content: typeof body === 'string' ? text(body) : body,
});
const str = (m: gochat.IMessage) => Buffer.from(m.content!).toString('utf8');

async function inboxCount(userId: number): Promise<number> {
  const [r] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id = ?', [userId]);
  return Number(r!.n);
}

describe('1:1 offline delivery', () => {
  it('250 pipelined messages to an offline user: all ACKed, then synced in 3 pages in send order; the sender’s other device syncs its 250 copies', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const a1 = await dev(a, 'a-phone');
    const N = 250;
    const bodies = Array.from({ length: N }, (_, i) => `msg ${i + 1} from A`);
    // Pipelined: every client_id sent before the first ACK arrives.
    const acks = await Promise.all(bodies.map((body, i) => a1.send(i + 1, single(b, body))));
    expect(acks.map((x) => x.code)).toEqual(new Array(N).fill(0));
    expect(acks.map((x) => x.clientId)).toEqual(bodies.map((_, i) => i + 1));
    const ackSeqs = acks.map((x) => x.seq);
    for (let i = 1; i < N; i++) expect(ackSeqs[i]).toBeGreaterThan(ackSeqs[i - 1]!);
    expect(a1.pushes).toHaveLength(0); // never pushed to the sending device

    // ACK = durable in the queue; wait until the write-behind reached MySQL.
    await waitFor(async () => (await inboxCount(b.userId)) === N && (await inboxCount(a.userId)) === N, 15_000, 'inbox rows persisted');

    const b1 = await dev(b, 'b-phone');
    const pages: { n: number; hasMore: boolean }[] = [];
    const got: gochat.IMessage[] = [];
    let from = 0;
    for (let guard = 0; guard < 10; guard++) {
      const page = await b1.sync(from, 100);
      pages.push({ n: page.messages.length, hasMore: page.hasMore });
      got.push(...page.messages);
      if (page.messages.length) expect(page.nextSeq).toBe(Number(page.messages[page.messages.length - 1]!.seq));
      from = page.nextSeq || from;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([
      { n: 100, hasMore: true },
      { n: 100, hasMore: true },
      { n: 50, hasMore: false },
    ]);
    expect(got.map(str)).toEqual(bodies);
    const bSeqs = got.map((m) => Number(m.seq));
    for (let i = 1; i < N; i++) expect(bSeqs[i]).toBeGreaterThan(bSeqs[i - 1]!);
    for (const m of got) {
      expect(Number(m.senderId)).toBe(a.userId);
      expect(Number(m.receiverId)).toBe(b.userId);
      expect(m.sessionType).toBe(gochat.SessionType.ST_SINGLE);
      expect(m.messageType).toBe(gochat.MessageType.MT_TEXT);
      expect(Number(m.msgId)).toBeGreaterThan(0);
    }
    expect(new Set(got.map((m) => Number(m.msgId))).size).toBe(N);

    // Nothing more after the last page.
    const after = await b1.sync(from, 100);
    expect(after.messages).toHaveLength(0);
    expect(after.hasMore).toBe(false);
    // Offline B was never pushed to after connecting (everything came by sync).
    expect(b1.pushes).toHaveLength(0);

    // A's other device: its own 250 copies, with exactly the seqs A was ACKed.
    const a2 = await dev(a, 'a-laptop');
    const own = await a2.syncAll(0, 100);
    expect(own.map(str)).toEqual(bodies);
    expect(own.map((m) => Number(m.seq))).toEqual(ackSeqs);
    expect(own.map((m) => Number(m.msgId))).toEqual(got.map((m) => Number(m.msgId)));
    for (const m of own) expect(Number(m.receiverId)).toBe(b.userId);
  });
});

describe('push fan-out', () => {
  it('reaches every other device of the recipient and of the sender, never the sending device', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const [a1, a2, a3] = [await dev(a, 'a1'), await dev(a, 'a2'), await dev(a, 'a3')];
    const [b1, b2] = [await dev(b, 'b1'), await dev(b, 'b2')];

    const ack = await a1.send(1, single(b, 'hello B'));
    expect(ack.code).toBe(0);
    await Promise.all([b1.waitPushes(1), b2.waitPushes(1), a2.waitPushes(1), a3.waitPushes(1)]);
    await sleep(300); // anything extra would have arrived by now
    expect(a1.pushes).toHaveLength(0);
    for (const c of [a2, a3, b1, b2]) expect(c.pushes).toHaveLength(1);
    // Recipient devices carry B's seq; sender devices carry A's seq (= the ACK's).
    expect(Number(b1.pushes[0]!.seq)).toBe(Number(b2.pushes[0]!.seq));
    expect(Number(a2.pushes[0]!.seq)).toBe(ack.seq);
    expect(Number(a3.pushes[0]!.seq)).toBe(ack.seq);
    const msgIds = new Set([a2, a3, b1, b2].map((c) => Number(c.pushes[0]!.msgId)));
    expect(msgIds.size).toBe(1);
    for (const c of [a2, a3, b1, b2]) {
      const m = c.pushes[0]!;
      expect(str(m)).toBe('hello B');
      expect(Number(m.senderId)).toBe(a.userId);
      expect(Number(m.receiverId)).toBe(b.userId);
    }

    // The other direction, from b2.
    const ack2 = await b2.send(1, single(a, 'hello A'));
    expect(ack2.code).toBe(0);
    await Promise.all([a1.waitPushes(1), a2.waitPushes(2), a3.waitPushes(2), b1.waitPushes(2)]);
    await sleep(300);
    expect(b2.pushes).toHaveLength(1); // only the earlier one
    expect(a1.pushes).toHaveLength(1);
    expect(a2.pushes).toHaveLength(2);
    expect(a3.pushes).toHaveLength(2);
    expect(b1.pushes).toHaveLength(2);
    expect(Number(b1.pushes[1]!.seq)).toBe(ack2.seq);
    expect(Number(b1.pushes[1]!.seq)).toBeGreaterThan(Number(b1.pushes[0]!.seq));
    expect(Number(a1.pushes[0]!.seq)).toBeGreaterThan(ack.seq);
    expect(str(a1.pushes[0]!)).toBe('hello A');

    // A note to oneself reaches one's other devices only, once.
    const ack3 = await a3.send(1, single(a, 'note to self'));
    expect(ack3.code).toBe(0);
    await Promise.all([a1.waitPushes(2), a2.waitPushes(3)]);
    await sleep(300);
    expect(a3.pushes).toHaveLength(2);
    expect(a1.pushes).toHaveLength(2);
    expect(a2.pushes).toHaveLength(3);
    expect(b1.pushes).toHaveLength(2);
    expect(b2.pushes).toHaveLength(1);
    expect(Number(a1.pushes[1]!.seq)).toBe(ack3.seq);
    expect(str(a2.pushes[2]!)).toBe('note to self');
  });
});

describe('fields the server owns', () => {
  it('sender_id, send_time, seq and msg_id sent by the client are ignored', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const mallory = await createUser(s);
    const a1 = await dev(a, 'spoof');
    const b1 = await dev(b, 'spoof-rx');
    const t0 = Date.now();
    const ack = await a1.send(1, { ...single(b, 'spoofed'), senderId: mallory.userId, sendTime: 1, seq: 424242, msgId: 777 });
    expect(ack.code).toBe(0);
    const [m] = await b1.waitPushes(1);
    expect(Number(m!.senderId)).toBe(a.userId);
    expect(Number(m!.sendTime)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(Number(m!.sendTime)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Number(m!.seq)).not.toBe(424242);
    expect(Number(m!.msgId)).not.toBe(777);
    await waitFor(async () => (await inboxCount(b.userId)) === 1, 10_000, 'persisted');
    const [synced] = await b1.syncAll(0);
    expect(Number(synced!.senderId)).toBe(a.userId);
    expect(Number(synced!.sendTime)).toBe(Number(m!.sendTime));
    expect(Number(synced!.seq)).toBe(Number(m!.seq));
    expect(Number(synced!.msgId)).toBe(Number(m!.msgId));
  });
});

describe('sync page size', () => {
  it('limit 0 means 100; a limit above sync.max_limit is capped', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const a1 = await dev(a, 'lim');
    const N = 520;
    // two bursts, each within the uplink window
    const acks = await Promise.all(Array.from({ length: 250 }, (_, i) => a1.send(i + 1, single(b, `l${i}`))));
    const rest = await Promise.all(Array.from({ length: N - 250 }, (_, i) => a1.send(251 + i, single(b, `l${250 + i}`))));
    expect([...acks, ...rest].every((x) => x.code === 0)).toBe(true);
    await waitFor(async () => (await inboxCount(b.userId)) === N, 15_000, 'persisted');
    const b1 = await dev(b, 'lim-rx');
    const p0 = await b1.sync(0, 0);
    expect(p0.messages).toHaveLength(100);
    expect(p0.hasMore).toBe(true);
    const big = await b1.sync(0, 100_000);
    expect(big.messages).toHaveLength(500);
    expect(big.hasMore).toBe(true);
    const tail = await b1.sync(big.nextSeq, 100_000);
    expect(tail.messages.map(str)).toEqual(Array.from({ length: 20 }, (_, i) => `l${500 + i}`));
    expect(tail.hasMore).toBe(false);
  });
});

describe('final rejections', () => {
  let a: TestUser;
  let b: TestUser;
  let a1: RawClient;
  let b1: RawClient;
  let cid = 0;
  let accepted = 0;
  beforeAll(async () => {
    a = await createUser(s);
    b = await createUser(s);
    a1 = await dev(a, 'rej');
    b1 = await dev(b, 'rej-b');
  });

  async function expectRejected(msg: gochat.IMessage | null, code: number): Promise<void> {
    const clientId = ++cid;
    const p = a1.waitAck(clientId);
    a1.sendUp(clientId, msg);
    const ack = await p;
    expect(ack).toMatchObject({ code, clientId, seq: 0 });
    expect(ack.codeMsg).not.toBe('');
    // Consumed: the next client_id works at once.
    const next = ++cid;
    const ok = await a1.send(next, single(b, `after ${clientId}`));
    expect(ok).toMatchObject({ code: 0, clientId: next });
    accepted++;
  }

  it('unknown receiver → 4', async () => {
    await expectRejected(single({ userId: 987_654_321, username: '', token: '' }, 'x'), 4);
  });

  it('unknown group → 4', async () => {
    await expectRejected({ sessionType: gochat.SessionType.ST_GROUP, receiverId: 987_654_321, messageType: 1, content: text('x') }, 4);
  });

  it('content over limits.max_content_bytes → 5; exactly the limit is accepted', async () => {
    await expectRejected(single(b, new Uint8Array(MAX_CONTENT + 1).fill(65)), 5);
    const ok = await a1.send(++cid, single(b, new Uint8Array(MAX_CONTENT).fill(66)));
    expect(ok.code).toBe(0);
    accepted++;
  });

  it('session_type 0 → 1', async () => {
    await expectRejected({ sessionType: 0, receiverId: b.userId, messageType: 1, content: text('x') }, 1);
  });

  it('UpMsg without msg → 1', async () => {
    await expectRejected(null, 1);
  });

  it('receiver_id 0 → 1; message_type 0 → 1', async () => {
    await expectRejected({ sessionType: 1, receiverId: 0, messageType: 1, content: text('x') }, 1);
    await expectRejected({ sessionType: 1, receiverId: b.userId, messageType: 0, content: text('x') }, 1);
  });

  it('not a member of the group → 3', async () => {
    const c = await createUser(s);
    const g = await createGroup(s, c, [b.userId]);
    await expectRejected({ sessionType: gochat.SessionType.ST_GROUP, receiverId: g, messageType: 1, content: text('x') }, 3);
  });

  it('rejections reached nobody and stored nothing: B got exactly the accepted ones', async () => {
    expect(accepted).toBe(9);
    await b1.waitPushes(accepted);
    await sleep(300);
    expect(b1.pushes).toHaveLength(accepted);
    for (const m of b1.pushes) expect(Number(m.senderId)).toBe(a.userId);
    await waitFor(async () => (await inboxCount(b.userId)) >= accepted, 10_000, 'B inbox persisted');
    await sleep(200);
    expect(await inboxCount(b.userId)).toBe(accepted);
    const [r] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM messages WHERE sender_id = ?', [a.userId]);
    expect(Number(r!.n)).toBe(accepted);
  });
});
