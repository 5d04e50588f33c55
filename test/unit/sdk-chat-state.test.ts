// The client SDK's conversation state, reads, receipts, typing, presence and
// recall (DESIGN.md §6a; src/client/chat-state.ts through GoChatClient) on a
// fake clock and a fake socket that plays the server.
import { describe, expect, it } from 'vitest';
import { userIdOfToken } from '../../src/client/frames.js';
import { CommandError, type Conversation, type PresenceInfo, type Receipt, type RecallEvent, type TypingEvent, type UnreadChange } from '../../src/client/sdk.js';
import { gochat } from '../../src/proto/index.js';
import { conversationsAnswer, errorOut, harness, loginAck, message, presenceOut, pushOf, readAnswer, readPush, settle, syncPage, typingOut, upAck } from '../support/sdk-harness.js';

const { CmdType, MessageType } = gochat;
const ME = 1;
const BOB = 7;
const bob = { sessionType: 1, peerId: BOB };
const carol = { sessionType: 1, peerId: 8 };
const fromBob = (seq: number) => pushOf(message(seq, { senderId: BOB, receiverId: ME }));

/** A client logged in as user 1, recording the §6a events. */
async function online(opts: Parameters<typeof harness>[0] = {}) {
  const h = harness({ userId: ME, ...opts });
  const ev = { unread: [] as UnreadChange[], lists: [] as Conversation[][], receipts: [] as Receipt[], typing: [] as TypingEvent[], presence: [] as PresenceInfo[][], recalls: [] as RecallEvent[] };
  h.client.on('unread', (u) => ev.unread.push(u));
  h.client.on('conversations', (l) => ev.lists.push(l));
  h.client.on('receipt', (r) => ev.receipts.push(r));
  h.client.on('typing', (t) => ev.typing.push(t));
  h.client.on('presence', (p) => ev.presence.push(p));
  h.client.on('recall', (r) => ev.recalls.push(r));
  await h.client.start();
  const ws = await h.online();
  return { ...h, ev, ws };
}

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('GoChatClient: conversations and unread counts', () => {
  it('asks CT_CONVERSATIONS, keeps the answer, counts pushes on top, and clears on a read from another device', async () => {
    const { client, ws, ev } = await online();
    const list = client.conversations(20);
    expect(ws.of('conversations')).toEqual([{ type: 'conversations', limit: 20 }]);
    ws.deliver(conversationsAnswer([{ ...bob, lastMessage: message(4, { senderId: BOB }), readSeq: 1, unread: 3, peerReadSeq: 0 }]));
    expect((await list).map((c) => [c.peerId, c.unread, c.readSeq])).toEqual([[BOB, 3, 1]]);
    ws.deliver(fromBob(1), fromBob(2), fromBob(3), fromBob(4)); // already counted by the server
    await settle();
    expect(client.totalUnread).toBe(3);
    ws.deliver(fromBob(5), fromBob(6));
    await settle();
    expect(client.conversationList[0]).toMatchObject({ peerId: BOB, unread: 5, lastMessage: { seq: 6 } });
    expect(ev.unread.map((u) => [u.unread, u.total])).toEqual([[3, 3], [4, 4], [5, 5]]);
    expect(ev.lists.at(-1)?.[0]?.unread).toBe(5);
    const lists = ev.lists.length;
    ws.deliver(readPush(1, BOB, 6, ME)); // read on the user's phone
    await settle();
    expect(client.totalUnread).toBe(0);
    expect(ev.unread.at(-1)).toEqual({ ...bob, unread: 0, total: 0 });
    expect(ev.lists.length).toBe(lists + 1); // one list event per turn
    expect(ev.receipts).toEqual([]);
  });

  it('asks again by itself after a reconnect, after the reads that waited, and takes the answer as the truth', async () => {
    const h = await online();
    void h.client.conversations();
    h.ws.deliver(conversationsAnswer([{ ...carol, unread: 1, lastMessage: message(2, { senderId: 8 }) }]));
    await settle();
    const read = h.client.markRead(carol, 2);
    expect(h.ws.of('read')).toEqual([{ type: 'read', ...carol, seq: 2 }]);
    h.ws.serverClose(1006); // the read's answer is lost with the connection
    await settle();
    await h.clock.advance(5000);
    const ws2 = h.sockets.at(-1)!;
    ws2.open();
    ws2.deliver(loginAck());
    await settle();
    expect(ws2.sent.map((x) => x.type)).toEqual(['login', 'sync', 'read', 'conversations']);
    expect(ws2.of('read')).toEqual([{ type: 'read', ...carol, seq: 2 }]);
    ws2.deliver(readAnswer(0), syncPage([]), conversationsAnswer([{ ...carol, unread: 0, readSeq: 2, lastMessage: message(2, { senderId: 8 }) }, { ...bob, unread: 3, lastMessage: message(9, { senderId: BOB }) }]));
    await read;
    await settle();
    expect(h.client.conversationList.map((c) => [c.peerId, c.unread])).toEqual([[BOB, 3], [8, 0]]);
  });

  it('a server without the command answers code 1: conversations() rejects with it, and counting goes on from messages', async () => {
    const { client, ws } = await online();
    const p = client.conversations();
    ws.deliver(errorOut(CmdType.CT_CONVERSATIONS, 1));
    const e = await rejection(p);
    expect(e).toBeInstanceOf(CommandError);
    expect(e).toMatchObject({ name: 'CommandError', code: 1 });
    ws.deliver(fromBob(1));
    await settle();
    expect(client.totalUnread).toBe(1);
  });

  it('asked while offline, the question goes after the login', async () => {
    const h = harness({ userId: ME });
    await h.client.start();
    const p = h.client.conversations();
    const ws = await h.online({ emptySync: false });
    expect(ws.sent.map((x) => x.type)).toEqual(['login', 'sync', 'conversations']);
    ws.deliver(conversationsAnswer([]));
    expect(await p).toEqual([]);
  });
});

describe('GoChatClient: markRead', () => {
  it('lowers the count at once, sends CT_READ and resolves on the answer; one read at a time, coalesced per conversation', async () => {
    const { client, ws, ev } = await online();
    ws.deliver(fromBob(1), fromBob(2), pushOf(message(3, { senderId: 8 })));
    await settle();
    expect(client.totalUnread).toBe(3);
    const r1 = client.markRead(bob, 1);
    const r2 = client.markRead(carol, 3);
    const r3 = client.markRead(bob, 2);
    const r4 = client.markRead(bob, 2);
    expect(client.totalUnread).toBe(0);
    expect(ev.unread.at(-1)).toMatchObject({ unread: 0, total: 0 });
    expect(ws.of('read')).toEqual([{ type: 'read', ...bob, seq: 1 }]); // the others wait for its answer
    ws.deliver(readAnswer(0));
    await r1;
    expect(ws.of('read').slice(1)).toEqual([{ type: 'read', ...carol, seq: 3 }]);
    ws.deliver(readAnswer(0));
    await r2;
    expect(ws.of('read').slice(2)).toEqual([{ type: 'read', ...bob, seq: 2 }]);
    ws.deliver(readAnswer(0));
    await Promise.all([r3, r4]);
    await client.markRead(bob, 2); // already confirmed: nothing sent
    expect(ws.of('read')).toHaveLength(3);
  });

  it('rejects with the code of an error answer, and the count goes back', async () => {
    const { client, ws } = await online();
    ws.deliver(fromBob(1), fromBob(2));
    await settle();
    const p = client.markRead(bob, 2);
    expect(client.totalUnread).toBe(0);
    ws.deliver(readAnswer(6));
    expect(await rejection(p)).toMatchObject({ name: 'CommandError', code: 6 });
    expect(client.totalUnread).toBe(2);
  });
});

describe('GoChatClient: receipts', () => {
  it("a 1:1 peer's read raises peerReadSeq and emits 'receipt'", async () => {
    const { client, ws, ev } = await online();
    const sent = client.send({ sessionType: 1, receiverId: BOB, messageType: 1, content: new Uint8Array([1]) });
    ws.deliver(upAck(1, 3));
    await sent;
    ws.deliver(readPush(1, ME, 3, BOB));
    await settle();
    expect(ev.receipts).toEqual([{ ...bob, readerId: BOB, seq: 3 }]);
    expect(client.conversationList.find((c) => c.peerId === BOB)?.peerReadSeq).toBe(3);
    expect(client.totalUnread).toBe(0);
  });
});

describe('GoChatClient: typing', () => {
  it('sends CT_TYPING at most once per 1.2 s per conversation, nothing while offline; shows others typing until they stop or 5 s pass', async () => {
    const { client, ws, ev, clock } = await online();
    client.typing(bob, true);
    await clock.advance(1199);
    client.typing(bob, true);
    await clock.advance(1);
    client.typing(bob, true);
    expect(ws.of('typing')).toEqual([
      { type: 'typing', ...bob, typing: true },
      { type: 'typing', ...bob, typing: true },
    ]);
    ws.deliver(typingOut(1, ME, BOB, true));
    await settle();
    expect(client.typingIn(bob)).toEqual([BOB]);
    await clock.advance(5000);
    expect(ev.typing).toEqual([
      { ...bob, userId: BOB, typing: true },
      { ...bob, userId: BOB, typing: false },
    ]);
    ws.serverClose(1006);
    await settle();
    client.typing(carol, true);
    expect(ws.of('typing')).toHaveLength(2);
  });
});

describe('GoChatClient: presence', () => {
  it('queryPresence sends an empty CT_PRESENCE and resolves with the answer; pushes emit changes; asked again after a reconnect', async () => {
    const h = await online();
    const p = h.client.queryPresence();
    expect(h.ws.of('presence')).toHaveLength(1);
    h.ws.deliver(presenceOut([{ userId: BOB, online: true, lastSeen: 0 }, { userId: 8, online: false, lastSeen: 1234 }]));
    expect(await p).toEqual([{ userId: BOB, online: true, lastSeen: 0 }, { userId: 8, online: false, lastSeen: 1234 }]);
    h.ws.deliver(presenceOut([{ userId: BOB, online: false, lastSeen: 5000 }]));
    await settle();
    expect(h.ev.presence.at(-1)).toEqual([{ userId: BOB, online: false, lastSeen: 5000 }]);
    expect(h.client.presenceOf(BOB)?.online).toBe(false);
    h.ws.serverClose(1006);
    await settle();
    await h.clock.advance(5000);
    const ws2 = await h.online({ emptySync: false });
    expect(ws2.of('presence')).toHaveLength(1);
    ws2.deliver(presenceOut([{ userId: BOB, online: true, lastSeen: 0 }]));
    await settle();
    expect(h.client.presenceOf(BOB)?.online).toBe(true);
    const q = h.client.queryPresence();
    ws2.deliver(errorOut(CmdType.CT_PRESENCE, 6));
    expect(await rejection(q)).toMatchObject({ code: 6 });
  });
});

describe('GoChatClient: recall', () => {
  it('sends MT_RECALL through the outbox (client_id, retransmitted until ACKed)', async () => {
    const { client, ws, clock } = await online();
    const r = client.recall({ sessionType: 1, receiverId: BOB, msgId: 4242 });
    expect(ws.of('recall')).toEqual([{ type: 'recall', clientId: 1, receiverId: BOB, msgId: 4242 }]);
    await clock.advance(1000);
    expect(ws.of('recall').map((m) => m.clientId)).toEqual([1, 1]);
    ws.deliver(upAck(1, 0, 3)); // past the recall window: final
    expect(await r).toMatchObject({ clientId: 1, code: 3 });
  });

  it("an incoming MT_RECALL emits 'recall' and the conversation's last message shows as recalled", async () => {
    const { client, ws, ev } = await online();
    ws.deliver(fromBob(1));
    ws.deliver(pushOf(message(2, { senderId: BOB, messageType: MessageType.MT_RECALL, content: gochat.RecallContent.encode({ msgId: 101 }).finish() })));
    await settle();
    expect(ev.recalls).toEqual([{ ...bob, msgId: 101, senderId: BOB, seq: 2 }]);
    expect(client.conversationList[0]?.lastMessage).toMatchObject({ seq: 1, messageType: MessageType.MT_RECALLED, content: new Uint8Array(0) });
    expect(client.totalUnread).toBe(1);
  });
});

describe('GoChatClient: close and the user id', () => {
  it('close() rejects what waits for an answer (code 7) and leaves no timer', async () => {
    const { client, ws, clock } = await online();
    ws.deliver(fromBob(1));
    await settle();
    const waits = [client.conversations(), client.queryPresence(), client.markRead(bob, 1)];
    client.typing(bob, true);
    ws.deliver(typingOut(1, ME, BOB, true));
    await settle();
    client.close();
    for (const p of waits) expect(await rejection(p)).toMatchObject({ code: 7 });
    expect(clock.pending).toBe(0);
  });

  it("userId defaults to the token's sub claim", () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(userIdOfToken(`${b64({ alg: 'HS256' })}.${b64({ sub: '12345', exp: 1 })}.sig`)).toBe(12345);
    expect(userIdOfToken('not a token')).toBe(0);
    expect(userIdOfToken(`x.${b64({ sub: 'abc' })}.y`)).toBe(0);
  });
});
