// Typing and presence on the client (src/client/signals.ts) on a fake clock:
// the outgoing throttle (one CT_TYPING per conversation per second, the last
// word never lost to it), the incoming indicator's start, stop and expiry,
// and the presence book.
import { describe, expect, it } from 'vitest';
import type { ConversationKey, TypingEvent } from '../../src/client/sdk.js';
import { PresenceBook, Typing } from '../../src/client/signals.js';
import { FakeClock, message } from '../support/sdk-harness.js';
import { toReceived } from '../../src/client/frames.js';

const ME = 1;
const bob = { sessionType: 1, peerId: 7 };
const group = { sessionType: 2, peerId: 50 };

function typing() {
  const clock = new FakeClock();
  const sent: { k: ConversationKey; typing: boolean; at: number }[] = [];
  const events: TypingEvent[] = [];
  const t = new Typing({ clock, self: ME, intervalMs: 1000, expireMs: 5000, send: (k, typing) => sent.push({ k, typing, at: clock.t }), emit: (e) => events.push(e) });
  return { t, clock, sent, events };
}

describe('Typing: outgoing', () => {
  it('sends "typing" at most once a second per conversation while the user keeps typing', async () => {
    const { t, clock, sent } = typing();
    for (let i = 0; i < 25; i++) {
      t.set(bob, true);
      t.set(group, true);
      await clock.advance(100);
    }
    const toBob = sent.filter((s) => s.k.peerId === bob.peerId);
    expect(toBob.map((s) => s.at)).toEqual([0, 1000, 2000]);
    expect(sent.filter((s) => s.k.peerId === group.peerId)).toHaveLength(3);
    expect(sent.every((s) => s.typing)).toBe(true);
  });

  it('a stop inside the second after "typing" goes out when the second ends; typing again before then cancels it', async () => {
    const { t, clock, sent } = typing();
    t.set(bob, true);
    await clock.advance(300);
    t.set(bob, false);
    expect(sent.map((s) => s.typing)).toEqual([true]);
    await clock.advance(699);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent.map((s) => [s.typing, s.at])).toEqual([[true, 0], [false, 1000]]);
    t.set(bob, false); // already stopped: nothing
    await clock.advance(5000);
    expect(sent).toHaveLength(2);

    t.set(bob, true); // (more than a second after the stop) at once
    expect(sent.at(-1)).toMatchObject({ typing: true, at: 6000 });
    await clock.advance(200);
    t.set(bob, false);
    await clock.advance(200);
    t.set(bob, true); // changed its mind: the stop never goes
    await clock.advance(5000);
    expect(sent.map((s) => s.typing)).toEqual([true, false, true]);
  });

  it('a stop more than a second after the last send goes at once', async () => {
    const { t, clock, sent } = typing();
    t.set(bob, true);
    await clock.advance(1500);
    t.set(bob, false);
    expect(sent.map((s) => [s.typing, s.at])).toEqual([[true, 0], [false, 1500]]);
  });
});

describe('Typing: incoming', () => {
  it('one event when someone starts, none for refreshes, one when they stop; a 1:1 is keyed by the typing user', async () => {
    const { t, clock, events } = typing();
    t.received({ sessionType: 1, peerId: ME, userId: 7, typing: true });
    await clock.advance(3000);
    t.received({ sessionType: 1, peerId: ME, userId: 7, typing: true });
    await clock.advance(3000); // 6 s after the first, 3 s after the refresh: still on
    expect(t.typingIn(bob)).toEqual([7]);
    t.received({ sessionType: 1, peerId: ME, userId: 7, typing: false });
    expect(events).toEqual([
      { ...bob, userId: 7, typing: true },
      { ...bob, userId: 7, typing: false },
    ]);
    expect(t.typingIn(bob)).toEqual([]);
    t.received({ sessionType: 1, peerId: ME, userId: 7, typing: false }); // not typing: nothing
    expect(events).toHaveLength(2);
  });

  it('goes off expireMs after the last refresh, or when the typing user\'s message arrives; the user\'s own typing is ignored', async () => {
    const { t, clock, events } = typing();
    t.received({ ...group, userId: 8, typing: true });
    t.received({ ...group, userId: 9, typing: true });
    t.received({ ...group, userId: ME, typing: true });
    expect(t.typingIn(group).sort()).toEqual([8, 9]);
    t.message(toReceived(message(5, { sessionType: 2, receiverId: 50, senderId: 9 })));
    expect(t.typingIn(group)).toEqual([8]);
    await clock.advance(4999);
    expect(t.typingIn(group)).toEqual([8]);
    await clock.advance(1);
    expect(t.typingIn(group)).toEqual([]);
    expect(events.map((e) => [e.userId, e.typing])).toEqual([[8, true], [9, true], [9, false], [8, false]]);
    t.close();
    expect(clock.pending).toBe(0);
  });
});

describe('PresenceBook', () => {
  it('keeps the latest of each friend and reports only what changed', () => {
    const b = new PresenceBook();
    expect(b.apply([{ userId: 7, online: true, lastSeen: 0 }, { userId: 8, online: false, lastSeen: 5 }])).toHaveLength(2);
    expect(b.apply([{ userId: 7, online: true, lastSeen: 0 }, { userId: 8, online: true, lastSeen: 9 }])).toEqual([{ userId: 8, online: true, lastSeen: 9 }]);
    expect(b.get(8)?.online).toBe(true);
    expect(b.all()).toHaveLength(2);
  });
});
