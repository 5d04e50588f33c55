// The client's conversation list (src/client/conversations.ts), pure: the
// server's CT_CONVERSATIONS answer, messages delivered since, reads from
// other devices, optimistic reads and their reverts, receipts and recalls,
// and the unread counts that follow from them.
import { describe, expect, it } from 'vitest';
import { ConversationState, conversationOf } from '../../src/client/conversations.js';
import { recallContent } from '../../src/client/frames.js';
import type { Conversation, ReceivedMessage } from '../../src/client/sdk.js';

const ME = 1;
const BOB = 7;
const GROUP = 50;
const bob = { sessionType: 1, peerId: BOB };
const group = { sessionType: 2, peerId: GROUP };

const m = (seq: number, over: Partial<ReceivedMessage> = {}): ReceivedMessage => ({
  sessionType: 1, receiverId: ME, senderId: BOB, messageType: 1, content: new Uint8Array([seq]), seq, sendTime: 1000 + seq, msgId: 100 + seq, ...over,
});
const mine = (seq: number) => m(seq, { senderId: ME, receiverId: BOB });
const conv = (over: Partial<Conversation>): Conversation => ({ ...bob, lastMessage: null, readSeq: 0, unread: 0, peerReadSeq: 0, ...over });

function state() {
  const changes: { unread: number; before: number }[] = [];
  const s = new ConversationState(ME, (c, before) => changes.push({ unread: c.unread, before }));
  return { s, changes, unread: (k = bob) => s.get(k)?.unread };
}

describe('conversationOf', () => {
  it('is the other user of a 1:1 (either direction) and the group of a group message', () => {
    expect(conversationOf(m(1), ME)).toEqual(bob);
    expect(conversationOf(mine(2), ME)).toEqual(bob);
    expect(conversationOf(m(3, { sessionType: 2, receiverId: GROUP, senderId: 9 }), ME)).toEqual(group);
    expect(conversationOf(m(4, { sessionType: 2, receiverId: GROUP, senderId: ME }), ME)).toEqual(group);
  });
});

describe('ConversationState', () => {
  it('counts messages from others above readSeq once each; own messages move the last message only', () => {
    const { s, unread } = state();
    s.message(m(1));
    s.message(m(2));
    s.message(m(2)); // delivered again (a sync repeating a push)
    expect(unread()).toBe(2);
    s.message(mine(3));
    expect(unread()).toBe(2);
    expect(s.get(bob)?.lastMessage?.seq).toBe(3);
    s.message(m(4, { sessionType: 2, receiverId: GROUP, senderId: 9 }));
    expect(unread(group)).toBe(1);
    expect(s.totalUnread).toBe(3);
    expect(s.list().map((c) => c.peerId)).toEqual([GROUP, BOB]); // newest first
  });

  it("takes the server's count and adds only messages above its last message", () => {
    const { s, unread } = state();
    s.message(m(5)); // arrived before the answer; the server counted it already
    s.applyList([conv({ lastMessage: m(5), readSeq: 2, unread: 3 })]);
    expect(unread()).toBe(3);
    s.message(m(4)); // an older message synced late: already in the server's count
    s.message(m(5));
    expect(unread()).toBe(3);
    s.message(m(6));
    expect(unread()).toBe(4);
    expect(s.totalUnread).toBe(4);
    // A second answer that already counts 6 replaces the base; 6 is not counted twice.
    s.applyList([conv({ lastMessage: m(6), readSeq: 2, unread: 4 })]);
    expect(unread()).toBe(4);
    expect(s.get(bob)).toMatchObject({ readSeq: 2, lastMessage: { seq: 6 } });
  });

  it('a read by another device of the user (reader = the user) clears what it covers', () => {
    const { s, unread } = state();
    s.applyList([conv({ lastMessage: m(5), readSeq: 2, unread: 3 })]);
    s.message(m(6));
    s.message(m(7));
    const r = s.readPushed({ ...bob, seq: 6, readerId: ME });
    expect(r).toEqual({ own: true, key: bob, stale: false });
    expect(unread()).toBe(1); // 7
    expect(s.get(bob)?.readSeq).toBe(6);
    s.readPushed({ ...bob, seq: 3, readerId: ME }); // an older read arriving late never lowers it
    expect(s.get(bob)?.readSeq).toBe(6);
    expect(unread()).toBe(1);
  });

  it("a read below the server's last message leaves the count unknown: stale (ask again)", () => {
    const { s, unread } = state();
    s.applyList([conv({ lastMessage: m(9), readSeq: 2, unread: 5 })]);
    expect(s.readPushed({ ...bob, seq: 5, readerId: ME }).stale).toBe(true);
    expect(unread()).toBe(5); // an upper bound until the answer
    s.applyList([conv({ lastMessage: m(9), readSeq: 5, unread: 3 })]);
    expect(unread()).toBe(3);
    expect(s.readLocally(bob, 9)).toBe(false);
    expect(unread()).toBe(0);
  });

  it('an optimistic read lowers the count at once and goes back when refused', () => {
    const { s, unread, changes } = state();
    for (const seq of [1, 2, 3]) s.message(m(seq));
    s.readConfirmed(bob, 1);
    expect(unread()).toBe(2);
    s.readLocally(bob, 3);
    expect(unread()).toBe(0);
    expect(s.readAt(bob, 3)).toBe(false); // not confirmed yet
    s.revertRead(bob, 0);
    expect(unread()).toBe(2);
    expect(s.get(bob)?.readSeq).toBe(1);
    s.readLocally(bob, 3);
    s.readConfirmed(bob, 3);
    expect(s.readAt(bob, 3)).toBe(true);
    s.revertRead(bob, 0); // nothing to go back to: confirmed
    expect(unread()).toBe(0);
    expect(changes.at(-1)).toEqual({ unread: 0, before: 0 });
    expect(s.totalUnread).toBe(0);
  });

  it("a 1:1 receipt raises peerReadSeq (keyed by the reader, whatever peer_id says) and is not the user's own read", () => {
    const { s } = state();
    s.message(mine(4));
    expect(s.readPushed({ sessionType: 1, peerId: ME, seq: 4, readerId: BOB })).toEqual({ own: false, key: bob, stale: false });
    expect(s.get(bob)).toMatchObject({ peerReadSeq: 4, readSeq: 0 });
    s.readPushed({ sessionType: 1, peerId: BOB, seq: 2, readerId: BOB });
    expect(s.get(bob)?.peerReadSeq).toBe(4); // never lowered
    s.applyList([conv({ peerReadSeq: 3 })]);
    expect(s.get(bob)?.peerReadSeq).toBe(4);
  });

  it('an MT_RECALL is not counted, never becomes the last message, and marks the last message recalled', () => {
    const { s, unread } = state();
    s.message(m(1));
    s.message(m(2, { messageType: 4, content: recallContent(101) })); // takes back seq 1 (msg_id 101)
    expect(unread()).toBe(1);
    expect(s.get(bob)?.lastMessage).toMatchObject({ seq: 1, messageType: 5, content: new Uint8Array(0) });
    s.message(m(3));
    s.message(m(4, { messageType: 4, content: recallContent(999) })); // not the last message: nothing to change
    expect(s.get(bob)?.lastMessage).toMatchObject({ seq: 3, messageType: 1 });
  });

  it('list() and get() hand out copies', () => {
    const { s } = state();
    s.message(m(1));
    s.list()[0]!.unread = 99;
    s.get(bob)!.readSeq = 99;
    expect(s.get(bob)).toMatchObject({ unread: 1, readSeq: 0 });
  });
});
