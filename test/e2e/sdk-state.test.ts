// The client SDK's conversation state (DESIGN.md §6a; src/client/chat-state.ts)
// in Node against a real server (either engine: TEST_ENGINE=embedded): one
// user on two devices and a friend. Unread counts from CT_CONVERSATIONS and
// pushes, a read on one device clearing the other, the friend's receipt,
// the truth asked again after a reconnect, typing, presence and recall.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoChatClient, MemoryStore, type ClientEvents, type SendResult, type SocketLike } from '../../src/client/sdk.js';
import { gochat } from '../../src/proto/index.js';
import { api, createUser, startTestServer, waitFor, type TestServer, type TestUser } from '../support/server.js';

const OFFLINE_DELAY_MS = 200;
const socket = (url: string) => new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike;
const utf8 = (t: string) => new TextEncoder().encode(t);

let s: TestServer;
let a: TestUser;
let b: TestUser;
const clients: GoChatClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ 'presence.offline_delay': OFFLINE_DELAY_MS });
  [a, b] = await Promise.all([createUser(s), createUser(s)]);
  expect((await api(s.httpUrl, 'POST', '/api/friends', { user_id: b.userId }, a.token)).status).toBe(201);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await s?.stop();
});

/** A started, logged-in client of `u` on `deviceId`, recording every event. */
async function device(u: TestUser, deviceId: string) {
  const c = new GoChatClient({ wsUrl: s.wsUrl, token: u.token, deviceId, socket, store: new MemoryStore() });
  clients.push(c);
  const seen: { [K in keyof ClientEvents]?: ClientEvents[K][] } = {};
  for (const ev of ['message', 'receipt', 'typing', 'presence', 'recall'] as const) c.on(ev, (v) => ((seen[ev] ??= []) as unknown[]).push(v));
  await c.start();
  await waitFor(() => c.state === 'online', 10_000, `${deviceId} online`);
  return { c, seen };
}

const toA = { sessionType: 1, peerId: 0 };
const toB = { sessionType: 1, peerId: 0 };

describe('client SDK: conversation state against the server', () => {
  let a1: Awaited<ReturnType<typeof device>>;
  let a2: Awaited<ReturnType<typeof device>>;
  let b1: Awaited<ReturnType<typeof device>>;
  const unreadOf = (d: typeof a1) => d.c.conversationList.find((c) => c.peerId === b.userId)?.unread;

  it("counts what the friend sends on both of the user's devices; a read on one clears the other and reaches the friend as a receipt", async () => {
    toA.peerId = a.userId;
    toB.peerId = b.userId;
    [a1, a2, b1] = await Promise.all([device(a, 'a-1'), device(a, 'a-2'), device(b, 'b-1')]);
    await Promise.all([a1.c.conversations(), a2.c.conversations(), b1.c.conversations()]);
    const sent: SendResult[] = [];
    for (const t of ['one', 'two', 'three']) sent.push(await b1.c.send({ sessionType: 1, receiverId: a.userId, messageType: 1, content: utf8(t) }));
    expect(sent.map((r) => r.code)).toEqual([0, 0, 0]);
    for (const d of [a1, a2]) await waitFor(() => unreadOf(d) === 3, 10_000, 'unread 3');
    const last = a1.seen.message!.at(-1)!;
    await a1.c.markRead(toB, last.seq);
    expect(unreadOf(a1)).toBe(0);
    await waitFor(() => unreadOf(a2) === 0, 10_000, "the other device's count cleared");
    // b's receipt: in b's numbering, b's own seq of its last message.
    await waitFor(() => b1.seen.receipt?.length, 10_000, 'a receipt');
    expect(b1.seen.receipt!.at(-1)).toEqual({ ...toA, readerId: a.userId, seq: sent[2]!.seq });
    await waitFor(() => b1.c.conversationList.find((c) => c.peerId === a.userId)?.peerReadSeq === sent[2]!.seq, 10_000, 'peerReadSeq');

    // After a reconnect the client asks the server again: the same numbers.
    await b1.c.send({ sessionType: 1, receiverId: a.userId, messageType: 1, content: utf8('four') });
    a2.c.dropConnection();
    await waitFor(() => a2.c.state === 'online' && unreadOf(a2) === 1, 10_000, 'unread 1 after the reconnect');
    const fresh = await device(a, 'a-3');
    const list = await fresh.c.conversations();
    expect(list.find((c) => c.peerId === b.userId)).toMatchObject({ unread: 1, readSeq: last.seq });
  });

  it('typing reaches the friend and stops; presence shows the user going offline once both devices left', async () => {
    b1.c.typing(toA, true);
    await waitFor(() => a1.c.typingIn(toB).includes(b.userId), 10_000, 'typing on');
    expect(a1.seen.typing![0]).toEqual({ ...toB, userId: b.userId, typing: true });
    await new Promise((r) => setTimeout(r, 1300));
    b1.c.typing(toA, false);
    await waitFor(() => a1.c.typingIn(toB).length === 0, 4000, 'typing off before it expires');

    const friends = await b1.c.queryPresence();
    expect(friends.find((p) => p.userId === a.userId)?.online).toBe(true);
    for (const c of clients.filter((x) => x !== b1.c)) c.close();
    await waitFor(() => b1.c.presenceOf(a.userId)?.online === false, 10_000, 'a offline');
    expect(b1.c.presenceOf(a.userId)!.lastSeen).toBeGreaterThan(0);
  });

  it('a recall reaches the other side as an event, and sync serves the original as MT_RECALLED', async () => {
    const a4 = await device(a, 'a-4');
    const r = await b1.c.send({ sessionType: 1, receiverId: a.userId, messageType: 1, content: utf8('oops') });
    await waitFor(() => a4.seen.message?.some((m) => new TextDecoder().decode(m.content) === 'oops'), 10_000, 'oops delivered');
    const original = a4.seen.message!.find((m) => new TextDecoder().decode(m.content) === 'oops')!;
    expect(r.code).toBe(0);
    expect((await b1.c.recall({ sessionType: 1, receiverId: a.userId, msgId: original.msgId })).code).toBe(0);
    await waitFor(() => a4.seen.recall?.length, 10_000, 'the recall event');
    expect(a4.seen.recall![0]).toMatchObject({ ...toB, msgId: original.msgId, senderId: b.userId });
    const later = await device(a, 'a-5'); // syncs from 0
    await waitFor(() => later.seen.message?.some((m) => m.msgId === original.msgId), 10_000, 'synced');
    const served = later.seen.message!.find((m) => m.msgId === original.msgId)!;
    expect([served.messageType, served.content.length]).toEqual([gochat.MessageType.MT_RECALLED, 0]);
  });
});
