// The web page's history (web/history.ts) with recall (DESIGN.md §6a): an
// MT_RECALL empties the message it takes back (also when it comes first,
// or when the original is served as MT_RECALLED), own messages learn their
// msg_id when synced back, and a recall is never shown as a message of its
// own, whether waiting to be sent or acknowledged.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recallContent } from '../../src/client/frames.js';
import type { ReceivedMessage } from '../../src/client/sdk.js';
import { MapStorage } from '../support/sdk-harness.js';
import { ChatHistory, MT_RECALL, MT_RECALLED, convOfKey, keyOfConv } from '../../web/history.js';

const ME = 1;
const BOB = 7;

const m = (seq: number, over: Partial<ReceivedMessage> = {}): ReceivedMessage => ({
  sessionType: 1, receiverId: ME, senderId: BOB, messageType: 1, content: new TextEncoder().encode(`m${seq}`), seq, sendTime: 1000 + seq, msgId: 100 + seq, ...over,
});
const recallOf = (seq: number, msgId: number, senderId = BOB) => m(seq, { senderId, messageType: MT_RECALL, content: recallContent(msgId) });

async function history(storage = new MapStorage()) {
  const h = new ChatHistory(storage, ME, 'dev-1');
  await h.load();
  return { h, storage, view: () => h.messages(`u:${BOB}`).map((x) => (x.recalled ? '(recalled)' : x.text)) };
}

describe('ChatHistory: recall', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an MT_RECALL empties the message it names and is not a message itself; the snapshot keeps it recalled', async () => {
    const { h, storage, view } = await history();
    h.addReceived(m(1));
    h.addReceived(m(2));
    expect(h.addReceived(recallOf(3, 101))).toBeNull();
    expect(view()).toEqual(['(recalled)', 'm2']);
    expect(h.messages(`u:${BOB}`)[0]).toMatchObject({ text: '', recalled: true, msgId: 101 });
    h.flush();
    const again = await history(storage);
    expect(again.view()).toEqual(['(recalled)', 'm2']);
    expect(again.h.newestSeq(`u:${BOB}`)).toBe(2);
  });

  it('a recall that comes before its message, or a message served as MT_RECALLED, shows recalled', async () => {
    const { h, view } = await history();
    h.addReceived(recallOf(1, 102));
    h.addReceived(m(2)); // msg_id 102
    h.addReceived(m(3, { messageType: MT_RECALLED, content: new Uint8Array(0) }));
    expect(view()).toEqual(['(recalled)', '(recalled)']);
  });

  it('an own message has its msg_id from the ACK (ACKMsg.msg_id)', async () => {
    const { h } = await history();
    h.addUnsent({ sessionType: 1, receiverId: BOB, messageType: 1, content: new TextEncoder().encode('hi'), clientId: 1 });
    h.removeUnsent(1);
    h.settle({ clientId: 1, seq: 9, msgId: 901, code: 0, codeMsg: '' });
    expect(h.messages(`u:${BOB}`)[0]).toMatchObject({ seq: 9, msgId: 901, state: 'sent' });
  });

  it("an own message learns its msg_id when synced back, and a recall of it sent from here is never listed", async () => {
    const { h, view } = await history();
    const mine = { sessionType: 1, receiverId: BOB, messageType: 1, content: new TextEncoder().encode('hello') };
    h.addUnsent({ ...mine, clientId: 1 });
    h.removeUnsent(1);
    h.settle({ clientId: 1, seq: 5, msgId: 0, code: 0, codeMsg: '' }); // a server that does not send ACKMsg.msg_id
    expect(h.messages(`u:${BOB}`)[0]).toMatchObject({ seq: 5, msgId: 0, state: 'sent' });
    h.addReceived(m(5, { senderId: ME, receiverId: BOB, msgId: 555, content: mine.content }));
    expect(h.messages(`u:${BOB}`)[0]).toMatchObject({ seq: 5, msgId: 555 });

    const recall = { sessionType: 1, receiverId: BOB, messageType: MT_RECALL, content: recallContent(555), clientId: 2 };
    h.addUnsent(recall);
    expect(view()).toEqual(['hello']); // waiting to go: not a "sending" message
    expect(h.conversations().map((c) => c.last.text)).toEqual(['hello']);
    h.removeUnsent(2);
    expect(h.settle({ clientId: 2, seq: 6, msgId: 556, code: 0, codeMsg: '' })).toBeNull();
    h.recall(555);
    h.addReceived(recallOf(6, 555, ME)); // synced back: nothing more
    expect(view()).toEqual(['(recalled)']);
  });

  it('conversation names convert to the SDK keys and back', () => {
    expect(keyOfConv('u:7')).toEqual({ sessionType: 1, peerId: 7 });
    expect(keyOfConv('g:50')).toEqual({ sessionType: 2, peerId: 50 });
    expect(convOfKey({ sessionType: 2, peerId: 50 })).toBe('g:50');
    expect(convOfKey({ sessionType: 1, peerId: 7 })).toBe('u:7');
  });
});
