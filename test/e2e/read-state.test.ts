// Read state end to end (DESIGN.md §6a) on both engines: CT_READ clears the
// reader's other devices and sends the peer a receipt in the peer's own
// numbering; after reconnecting, CT_CONVERSATIONS agrees with what was
// pushed; group read lists over HTTP (members only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../src/client/raw-client.js';
import { gochat } from '../../src/proto/index.js';
import { createTestDb, createTestSqlite, testConfig } from '../support/env.js';
import { api, createGroup, createUser, deviceSet, startTestServer, text, waitFor, type TestServer } from '../support/server.js';

const ST = gochat.SessionType;

describe.each(['cluster', 'embedded'] as const)('read state on the %s engine', (engine) => {
  let s: TestServer;
  const { dev, closeAll } = deviceSet(() => s);

  beforeAll(async () => {
    const db = engine === 'cluster' ? await createTestDb() : await createTestSqlite();
    s = await startTestServer({}, { db, cfg: testConfig(db) });
  });
  afterAll(async () => {
    closeAll();
    await s?.stop();
  });

  const to = (sessionType: number, receiverId: number, body: string): gochat.IMessage => ({ sessionType, receiverId, messageType: gochat.MessageType.MT_TEXT, content: text(body) });
  const str = (m: gochat.IMessage | null | undefined) => Buffer.from(m?.content ?? []).toString('utf8');

  it('1:1: a read reaches the reader’s other device and the peer (a receipt in its numbering); CT_CONVERSATIONS agrees after reconnecting; a lower read is a no-op', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const a1 = await dev(a, 'a-phone');
    const b1 = await dev(b, 'b-phone');
    const b2 = await dev(b, 'b-laptop');
    const acks: Ack[] = [];
    for (let i = 1; i <= 5; i++) acks.push(await a1.send(i, to(ST.ST_SINGLE, b.userId, `m${i}`)));
    expect(acks.map((x) => x.code)).toEqual([0, 0, 0, 0, 0]);
    const pushed = await b1.waitPushes(5);
    await b2.waitPushes(5);
    const bSeqs = pushed.map((m) => Number(m.seq));

    expect(await b1.read(ST.ST_SINGLE, a.userId, bSeqs[2]!)).toEqual({ code: 0, codeMsg: '' });
    // B's other device: the read, with B as the reader; its unread drops to the 2 pushes above it.
    const r2 = await b2.waitSignal(() => b2.reads[0], 10_000, 'the read on the other device');
    expect(r2).toMatchObject({ sessionType: ST.ST_SINGLE, peerId: a.userId, seq: bSeqs[2], readerId: b.userId });
    expect(b2.pushes.filter((m) => Number(m.seq) > Number(r2.seq) && Number(m.senderId) === a.userId)).toHaveLength(2);
    // A: a receipt in A's numbering, the seq A's ACK gave the 3rd message.
    const receipt = await a1.waitSignal(() => a1.reads[0], 15_000, 'the receipt');
    expect(receipt).toMatchObject({ sessionType: ST.ST_SINGLE, peerId: b.userId, seq: acks[2]!.seq, readerId: b.userId });
    expect(b1.reads).toEqual([]); // never to the device that read

    // A lower read: answered, nothing moves, nothing is signalled.
    expect((await b1.read(ST.ST_SINGLE, a.userId, bSeqs[1]!)).code).toBe(0);
    const onB2 = await b2.conversations();
    expect(b2.reads).toHaveLength(1);
    expect(onB2.find((c) => Number(c.peerId) === a.userId)).toMatchObject({ readSeq: bSeqs[2] });

    for (const c of [a1, b1, b2]) c.close();
    const [a1x, b1x, b2x] = [await dev(a, 'a-phone'), await dev(b, 'b-phone'), await dev(b, 'b-laptop')];
    const bView = await waitFor(async () => {
      const c = (await b1x.conversations()).find((x) => Number(x.peerId) === a.userId && x.sessionType === ST.ST_SINGLE);
      return c && Number(c.lastMessage?.seq) === bSeqs[4] ? c : null;
    }, 10_000, 'B’s conversation with the 5th message');
    expect(bView).toMatchObject({ readSeq: bSeqs[2], unread: 2, peerReadSeq: 0 });
    expect(str(bView.lastMessage)).toBe('m5');
    expect(bView.lastMessage).toMatchObject({ senderId: a.userId, receiverId: b.userId, msgId: pushed[4]!.msgId });
    expect((await b2x.conversations(1))[0]).toMatchObject({ peerId: a.userId, readSeq: bSeqs[2], unread: 2 });
    const aView = (await a1x.conversations()).find((x) => Number(x.peerId) === b.userId)!;
    expect(aView).toMatchObject({ sessionType: ST.ST_SINGLE, unread: 0, peerReadSeq: acks[2]!.seq, readSeq: 0 });
    expect(aView.lastMessage).toMatchObject({ seq: acks[4]!.seq, senderId: a.userId });
    expect(str(aView.lastMessage)).toBe('m5');

    // Reading the rest: unread 0 everywhere, and the receipt moves to the 5th.
    expect((await b2x.read(ST.ST_SINGLE, a.userId, bSeqs[4]!)).code).toBe(0);
    await b1x.waitSignal(() => b1x.reads.find((r) => Number(r.seq) === bSeqs[4]), 10_000, 'the second read');
    await a1x.waitSignal(() => a1x.reads.find((r) => Number(r.seq) === acks[4]!.seq), 15_000, 'the second receipt');
    expect((await b1x.conversations()).find((x) => Number(x.peerId) === a.userId)).toMatchObject({ unread: 0, readSeq: bSeqs[4] });
  });

  it('CT_READ is refused for an unknown peer (4), a group the user is not in (3), a seq above the inbox (1)', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const c = await createUser(s);
    const group = await createGroup(s, a, [b.userId]);
    const c1 = await dev(c, 'c');
    expect((await c1.read(ST.ST_SINGLE, 2 ** 40, 1)).code).toBe(4);
    expect((await c1.read(ST.ST_GROUP, 2 ** 40, 1)).code).toBe(4);
    expect((await c1.read(ST.ST_GROUP, group, 1)).code).toBe(3);
    const a1 = await dev(a, 'a');
    expect((await a1.send(1, to(ST.ST_SINGLE, c.userId, 'hi'))).code).toBe(0);
    const [m] = await c1.waitPushes(1);
    expect((await c1.read(ST.ST_SINGLE, a.userId, Number(m!.seq) + 1000)).code).toBe(1);
    expect((await c1.read(ST.ST_SINGLE, a.userId, Number(m!.seq))).code).toBe(0);
  });

  it('group reads: who has read a group message, for members only', async () => {
    const [a, b, c, d] = [await createUser(s), await createUser(s), await createUser(s), await createUser(s)];
    const group = await createGroup(s, a, [b.userId, c.userId]);
    const other = await createGroup(s, d, []);
    const a1 = await dev(a, 'a');
    const b1 = await dev(b, 'b');
    expect((await a1.send(1, to(ST.ST_GROUP, group, 'hello all'))).code).toBe(0);
    const [m] = await b1.waitPushes(1);
    const path = `/api/groups/${group}/reads?msg_id=${Number(m!.msgId)}`;
    // Persisted shortly after the ACK (write-behind): 404 until then.
    const first = await waitFor(async () => {
      const r = await api(s.httpUrl, 'GET', path, undefined, a.token);
      return r.status === 200 ? r : null;
    }, 10_000, 'the message persisted');
    expect(first.body).toEqual({ read: [], unread: [b.userId, c.userId].sort((x, y) => x - y) });
    expect((await b1.read(ST.ST_GROUP, group, Number(m!.seq))).code).toBe(0);
    expect((await api(s.httpUrl, 'GET', path, undefined, c.token)).body).toEqual({ read: [b.userId], unread: [c.userId] });

    expect((await api(s.httpUrl, 'GET', path, undefined, d.token)).status).toBe(403);
    expect((await api(s.httpUrl, 'GET', path)).status).toBe(401);
    expect((await api(s.httpUrl, 'GET', `/api/groups/${other}/reads?msg_id=${Number(m!.msgId)}`, undefined, d.token)).body.error.code).toBe('message_not_found');
    expect((await api(s.httpUrl, 'GET', `/api/groups/${2 ** 40}/reads?msg_id=1`, undefined, a.token)).status).toBe(404);
    for (const bad of ['0', 'x', '-1', '99999999999999999999', '1.5']) {
      const r = await api(s.httpUrl, 'GET', `/api/groups/${group}/reads?msg_id=${bad}`, undefined, a.token);
      expect([r.status, r.body.error.code]).toEqual([400, 'invalid_request']);
    }
    expect((await api(s.httpUrl, 'GET', `/api/groups/${group}/reads`, undefined, a.token)).status).toBe(400);
    // A budget per user (limits.commands_per_sec, 2 s of burst), spent before anything is read.
    // Sent at once (sent one by one on a loaded machine, the refill kept up with them):
    // 5 budgets' worth is refused in part unless answering them takes over 8 s.
    const burst = 5 * 2 * s.cfg.limits.commands_per_sec;
    const statuses = await Promise.all(Array.from({ length: burst }, async () => (await api(s.httpUrl, 'GET', path, undefined, d.token)).status));
    expect(statuses).toContain(429);
    expect(new Set(statuses)).toEqual(new Set([403, 429]));
    expect((await api(s.httpUrl, 'GET', path, undefined, b.token)).status).toBe(200);
  });
});
