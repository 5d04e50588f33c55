// The receiving half of the client SDK (src/client/inbox.ts): seq bookkeeping
// without a socket or timers. Checks order, once-only delivery, gap holding,
// own-message tracking, sync pages and the poll back-off.
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../src/client/inbox.js';
import type { ReceivedMessage } from '../../src/client/sdk.js';

const msg = (seq: number): ReceivedMessage => ({
  sessionType: 1, receiverId: 1, senderId: 7, messageType: 1, content: new Uint8Array([seq]), seq, sendTime: 1000 + seq, msgId: 100 + seq,
});

function inbox() {
  const delivered: number[] = [];
  const saved: number[] = [];
  /** what had been saved when each message was delivered */
  const savedAtDelivery: number[] = [];
  const box = new Inbox(
    (seq) => saved.push(seq),
    (m) => {
      delivered.push(m.seq);
      savedAtDelivery.push(saved.at(-1) ?? 0);
    },
  );
  return { box, delivered, saved, savedAtDelivery };
}

describe('Inbox: pushes', () => {
  it('delivers contiguous pushes in order, once each, saving lastSeq before each delivery', () => {
    const { box, delivered, saved, savedAtDelivery } = inbox();
    expect(box.push(msg(1))).toBe('delivered');
    expect(box.push(msg(2))).toBe('delivered');
    expect(box.push(msg(2))).toBe('repeat');
    expect(box.push(msg(1))).toBe('repeat');
    expect(delivered).toEqual([1, 2]);
    expect(saved).toEqual([1, 2]);
    expect(savedAtDelivery).toEqual([1, 2]);
    expect(box.lastSeq).toBe(2);
    expect(box.behind).toBe(false);
  });

  it('holds pushes above a gap and delivers them in order once it fills', () => {
    const { box, delivered } = inbox();
    expect(box.push(msg(3))).toBe('held');
    expect(box.push(msg(5))).toBe('held');
    expect(box.push(msg(3))).toBe('repeat'); // already held
    expect(delivered).toEqual([]);
    expect(box.behind).toBe(true);
    expect([...box.ahead.keys()].sort()).toEqual([3, 5]);
    expect(box.push(msg(1))).toBe('delivered');
    expect(delivered).toEqual([1]);
    expect(box.push(msg(2))).toBe('delivered'); // unblocks 3, not 5
    expect(delivered).toEqual([1, 2, 3]);
    expect([...box.ahead.keys()]).toEqual([5]);
    expect(box.push(msg(4))).toBe('delivered');
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(box.ahead.size).toBe(0);
    expect(box.behind).toBe(false);
  });
});

describe('Inbox: own messages', () => {
  it('expects an own seq above lastSeq only, and is behind until it arrives', () => {
    const { box } = inbox();
    box.push(msg(1));
    expect(box.expectOwn(1)).toBe(false);
    expect(box.behind).toBe(false);
    expect(box.expectOwn(2)).toBe(true);
    expect(box.behind).toBe(true);
    box.push(msg(2));
    expect(box.behind).toBe(false);
  });

  it('onlyOwnMissing: true when every seq of the gap is an own message or held', () => {
    const { box } = inbox();
    box.expectOwn(1);
    box.expectOwn(3);
    expect(box.push(msg(4))).toBe('held');
    expect(box.onlyOwnMissing(4)).toBe(false); // 2 is nobody's known
    box.push(msg(2)); // 2 is not contiguous (1 is missing): held
    expect(box.onlyOwnMissing(4)).toBe(true);
    expect(box.onlyOwnMissing(6)).toBe(false); // 5 unknown
  });
});

describe('Inbox: sync pages', () => {
  it('delivers the page, skips to nextSeq, drops own seqs passed and drains held pushes', () => {
    const { box, delivered, saved } = inbox();
    box.expectOwn(2);
    box.push(msg(6));
    box.applyPage({ messages: [msg(1), msg(2), msg(3)], nextSeq: 5, latestSeq: 6 });
    // 4 and 5 were tombstones or passed-over gaps: the server said go on at 5
    expect(delivered).toEqual([1, 2, 3, 6]);
    expect(saved).toEqual([1, 2, 3, 5, 6]);
    expect(box.lastSeq).toBe(6);
    expect(box.behind).toBe(false);
  });

  it('does not deliver again what a page repeats, and never moves lastSeq back', () => {
    const { box, delivered } = inbox();
    box.push(msg(1));
    box.push(msg(2));
    box.applyPage({ messages: [msg(1), msg(2), msg(3)], nextSeq: 1, latestSeq: 0 });
    expect(delivered).toEqual([1, 2, 3]);
    expect(box.lastSeq).toBe(3);
  });

  it('is behind while the server reports seqs allocated above lastSeq', () => {
    const { box } = inbox();
    box.applyPage({ messages: [msg(1)], nextSeq: 0, latestSeq: 4 });
    expect(box.behind).toBe(true);
    box.applyPage({ messages: [msg(2), msg(3)], nextSeq: 0, latestSeq: 2 }); // a smaller latest never lowers it
    expect(box.behind).toBe(true);
    box.applyPage({ messages: [msg(4)], nextSeq: 0, latestSeq: 0 });
    expect(box.behind).toBe(false);
  });
});

describe('Inbox: poll back-off while behind', () => {
  it('waits gapWaitMs four times, then doubles; starts again after progress', () => {
    const { box } = inbox();
    const waits = () => Array.from({ length: 6 }, () => box.nextPollWait(300));
    expect(waits()).toEqual([300, 300, 300, 300, 600, 1200]);
    expect(box.nextPollWait(300)).toBe(2400); // no progress: keeps growing
    box.push(msg(1));
    expect(waits()).toEqual([300, 300, 300, 300, 600, 1200]);
  });
});
