// RecentMessages (src/chat/recent-messages.ts) on a fake clock: envelopes
// kept for the recall window, at most maxEntries, and noted from pushes
// only when the sender is among the recipients here.
import { describe, expect, it } from 'vitest';
import { RecentMessages } from '../../src/chat/recent-messages.js';
import type { MessageMeta } from '../../src/store/types.js';

const meta = (msgId: number, sendTime: number, senderId = 1): MessageMeta => ({ msgId, senderId, sessionType: 1, receiverId: 2, messageType: 1, sendTime });

describe('RecentMessages', () => {
  it('keeps an envelope until it is older than the window', () => {
    let now = 1_000_000;
    const r = new RecentMessages({ windowMs: 5000, now: () => now });
    r.note(meta(1, now));
    now += 2000;
    r.note(meta(2, now));
    expect(r.get(1)).toEqual(meta(1, 1_000_000));
    now = 1_005_000;
    expect(r.get(1)).toBeDefined(); // exactly the window: a recall is still in time
    now += 1;
    expect(r.get(1)).toBeUndefined();
    expect(r.get(2)).toBeDefined();
    expect(r.size).toBe(1);
    now += 2000;
    expect(r.get(2)).toBeUndefined();
    expect(r.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the oldest noted; noting a msg_id again changes nothing', () => {
    const now = 1_000_000;
    const r = new RecentMessages({ windowMs: 60_000, maxEntries: 3, now: () => now });
    for (let i = 1; i <= 5; i++) r.note(meta(i, now));
    expect(r.size).toBe(3);
    expect([1, 2, 3, 4, 5].map((i) => r.get(i) !== undefined)).toEqual([false, false, true, true, true]);
    r.note(meta(3, now, 99));
    expect(r.get(3)!.senderId).toBe(1);
  });

  it('notes a message pushed from another worker only when its sender is among the recipients here, decoding it once', () => {
    const now = 1_000_000;
    const r = new RecentMessages({ windowMs: 60_000, now: () => now });
    let decoded = 0;
    const decode = (body: Uint8Array) => (decoded++, meta(body[0]!, now, 7));
    r.notePushed({ senderId: 7, userIds: new Float64Array([3, 4]), body: Uint8Array.of(10) }, decode);
    expect(decoded).toBe(0);
    r.notePushed({ senderId: 7, userIds: new Float64Array([3, 7, 4]), body: Uint8Array.of(11) }, decode);
    r.notePushed({ senderId: 7, userIds: [7], body: Uint8Array.of(12) }, () => null); // undecodable: nothing
    expect(decoded).toBe(1);
    expect(r.get(10)).toBeUndefined();
    expect(r.get(11)).toEqual(meta(11, now, 7));
    expect(r.size).toBe(1);
  });
});
