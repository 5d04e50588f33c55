import { describe, expect, it } from 'vitest';
import type { EncodedPush } from '../../src/chat/types.js';
import { DownlinkState, PushTracker, type PushConnection } from '../../src/delivery/push-tracker.js';
import { EncodedOutput } from '../../src/gateway/codec.js';
import { TimingWheel } from '../../src/delivery/timing-wheel.js';

/** A push whose Output is the single byte b (so the tests can tell copies apart). */
const out = (b: number): EncodedPush => new EncodedOutput(Uint8Array.of(b));

class FakeConn implements PushConnection {
  open = true;
  sent: number[] = [];
  readonly downlink = new DownlinkState();
  backlog = 0;
  overloads = 0;
  get pending() {
    return this.downlink;
  }
  sendPush(push: EncodedPush, seq: number): void {
    this.sent.push(push.output(seq)[0]!);
  }
  overloaded(): void {
    this.overloads++;
    this.open = false;
  }
}

function setup(opts = { ackTimeoutMs: 1000, maxRetries: 3, maxPending: 100 }) {
  let t = 0;
  const wheel = new TimingWheel({ tickMs: 50, slots: 64, now: () => t });
  const tracker = new PushTracker(wheel, opts);
  const advanceTo = (ms: number) => {
    while (t < ms) {
      t = Math.min(ms, t + 50);
      wheel.advance();
    }
  };
  return { wheel, tracker, advanceTo, now: () => t };
}

describe('PushTracker', () => {
  it('oldestUnackedMs(): the age of the oldest pending push over all connections, from its first send; 0 once none is pending', () => {
    const { tracker, advanceTo } = setup({ ackTimeoutMs: 1000, maxRetries: 3, maxPending: 100 });
    const a = new FakeConn();
    const b = new FakeConn();
    expect(tracker.oldestUnackedMs()).toBe(0);
    tracker.track(a, 1, out(1));
    advanceTo(300);
    tracker.track(a, 2, out(2));
    tracker.track(b, 7, out(7));
    advanceTo(1500); // a's push 1 was retransmitted meanwhile: its age still counts from the first send
    expect(a.sent).toEqual([1]);
    expect(tracker.oldestUnackedMs()).toBe(1500);
    tracker.ack(a, 1); // a's oldest is now push 2, sent at 300; b's at 300
    expect(tracker.oldestUnackedMs()).toBe(1200);
    tracker.ack(a, 2);
    b.open = false; // a closed connection holds nothing
    expect(tracker.oldestUnackedMs()).toBe(0);
    tracker.track(a, 3, out(3));
    advanceTo(2000);
    expect(tracker.oldestUnackedMs()).toBe(500);
    tracker.drop(a);
    expect(tracker.oldestUnackedMs()).toBe(0);
    // given up: gone from the gauge too
    const c = new FakeConn();
    tracker.track(c, 9, out(9));
    advanceTo(60_000);
    expect(tracker.stats.giveUps).toBeGreaterThan(0);
    expect(tracker.oldestUnackedMs()).toBe(0);
  });

  it('retransmits an unacknowledged push after the timeout; its ACK stops further retransmits', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    tracker.track(c, 5, out(5));
    advanceTo(999);
    expect(c.sent).toEqual([]);
    advanceTo(1050);
    expect(c.sent).toEqual([5]); // the same seq again
    tracker.ack(c, 5);
    advanceTo(60_000);
    expect(c.sent).toEqual([5]);
    expect(c.pending.size).toBe(0);
    expect(tracker.stats).toMatchObject({ retransmits: 1, acked: 1, giveUps: 0 });
  });

  it('a device that never ACKs gets exactly N retransmits with back-off, then none', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    tracker.track(c, 1, out(1));
    const times: number[] = [];
    let last = 0;
    for (let ms = 0; ms <= 60_000; ms += 50) {
      advanceTo(ms);
      if (c.sent.length > last) {
        times.push(ms);
        last = c.sent.length;
      }
    }
    expect(c.sent).toEqual([1, 1, 1]);
    // 1 s, then +2 s, then +4 s (tick granularity 50 ms)
    expect(times[0]).toBeGreaterThanOrEqual(1000);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(2000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(4000);
    expect(times[2]! - times[1]!).toBeLessThan(4200);
    expect(c.pending.size).toBe(0);
    expect(tracker.stats.giveUps).toBe(1);
  });

  it('ACK is cumulative', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    for (const s of [1, 2, 3, 4]) tracker.track(c, s, out(s));
    tracker.ack(c, 3);
    advanceTo(1100);
    expect(c.sent).toEqual([4]);
  });

  it('a closed connection’s pending pushes are dropped at once', () => {
    const { tracker, wheel, advanceTo } = setup();
    const c = new FakeConn();
    for (const s of [1, 2, 3]) tracker.track(c, s, out(s));
    c.open = false;
    tracker.drop(c);
    expect(wheel.size).toBe(0);
    advanceTo(20_000);
    expect(c.sent).toEqual([]);
  });

  it('too many pending pushes marks the connection as too slow (bounded memory)', () => {
    const { tracker } = setup({ ackTimeoutMs: 1000, maxRetries: 3, maxPending: 10 });
    const c = new FakeConn();
    for (let s = 1; s <= 11; s++) tracker.track(c, s, out(s));
    expect(c.overloads).toBe(1);
    expect(c.pending.size).toBe(10);
  });
  it('retransmits only the oldest unacknowledged push: the ones behind it are held by the device', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    for (const s of [1, 2, 3, 4]) tracker.track(c, s, out(s));
    advanceTo(1050);
    expect(c.sent).toEqual([1]);
    // The device had 2..4 all along: one ACK covers everything.
    tracker.ack(c, 4);
    advanceTo(30_000);
    expect(c.sent).toEqual([1]);
    expect(tracker.stats).toMatchObject({ retransmits: 1, acked: 4, pending: 0 });
  });

  it('a device missing several pushes gets them oldest first, each a timeout after the last ACK progress', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    for (const s of [1, 2, 3]) tracker.track(c, s, out(s));
    advanceTo(1050);
    expect(c.sent).toEqual([1]);
    tracker.ack(c, 1); // 2 is missing too
    advanceTo(2000);
    expect(c.sent).toEqual([1]); // the device is acknowledging: slow, not missing, until a timeout passes
    advanceTo(2150);
    expect(c.sent).toEqual([1, 2]);
    tracker.ack(c, 3);
    advanceTo(30_000);
    expect(c.sent).toEqual([1, 2]);
    expect(tracker.stats.pending).toBe(0);
  });

  it('a connection whose socket still holds unsent bytes is not retransmitted to, and no try is counted', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    tracker.track(c, 1, out(1));
    c.backlog = 64 * 1024;
    advanceTo(10_000);
    expect(c.sent).toEqual([]);
    c.backlog = 0;
    advanceTo(11_100);
    expect(c.sent).toEqual([1]);
    expect(tracker.stats).toMatchObject({ retransmits: 1, giveUps: 0, pending: 1 });
  });

  it('the timeout adapts to the measured ACK round trip and never goes below ack_timeout', () => {
    const { tracker, advanceTo, now } = setup({ ackTimeoutMs: 1000, maxRetries: 3, maxPending: 10_000 });
    const c = new FakeConn();
    expect(tracker.rto(c)).toBe(1000);
    // A push every 100 ms, each acknowledged 2.5 s after it was sent.
    const run = (from: number, to: number, ackAfter: number) => {
      const sentAt = new Map<number, number>();
      for (let s = from; s <= to + ackAfter / 100; s++) {
        if (s <= to) {
          tracker.track(c, s, out(s));
          sentAt.set(s, now());
        }
        const due = s - ackAfter / 100;
        if (due >= from) tracker.ack(c, due);
        advanceTo(now() + 100);
      }
    };
    run(1, 200, 2500);
    // Only the oldest push is resent while no round trip was measured yet.
    expect(tracker.stats.retransmits).toBeLessThanOrEqual(2);
    expect(tracker.rto(c)).toBeGreaterThanOrEqual(5000);
    const before = tracker.stats.retransmits;
    run(201, 400, 2500);
    expect(tracker.stats.retransmits).toBe(before); // a fixed 1 s timeout would resend continuously
    // Fast ACKs bring it back down, to the floor.
    run(401, 700, 100);
    expect(tracker.rto(c)).toBe(1000);
    expect(tracker.stats.pending).toBe(0);
  });

  it('when the oldest push is given up, everything pending behind it is given up too (the device will sync)', () => {
    const { tracker, advanceTo, wheel } = setup();
    const c = new FakeConn();
    for (const s of [1, 2, 3]) tracker.track(c, s, out(s));
    advanceTo(60_000);
    expect(c.sent).toEqual([1, 1, 1]);
    expect(tracker.stats).toMatchObject({ giveUps: 3, pending: 0 });
    expect(c.pending.size).toBe(0);
    expect(wheel.size).toBe(0);
  });

  it('holds one timing-wheel entry per connection, however many pushes are pending', () => {
    const { tracker, wheel } = setup({ ackTimeoutMs: 1000, maxRetries: 3, maxPending: 10_000 });
    const a = new FakeConn();
    const b = new FakeConn();
    for (let s = 1; s <= 1000; s++) {
      tracker.track(a, s, out(1));
      tracker.track(b, s, out(2));
    }
    expect(wheel.size).toBe(2);
    tracker.ack(a, 1000);
    expect(wheel.size).toBe(1);
  });
  it('pushes sent out of seq order: an ACK covers them by seq, the oldest unacknowledged one sent is the one resent', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    for (const s of [5, 3, 4]) tracker.track(c, s, out(s));
    tracker.ack(c, 3); // 3 is covered, 5 (sent first) and 4 are not
    advanceTo(1050);
    expect(c.sent).toEqual([5]);
    tracker.ack(c, 5); // covers 4 as well
    advanceTo(30_000);
    expect(c.sent).toEqual([5]);
    expect(tracker.stats).toMatchObject({ acked: 3, pending: 0, retransmits: 1 });
    expect(c.pending.size).toBe(0);
    // A push at or below what the device acknowledged needs no tracking.
    tracker.track(c, 4, out(4));
    expect(c.pending.size).toBe(0);
  });

  it('keeps memory bounded over a long-lived connection (acknowledged pushes are released)', () => {
    const { tracker } = setup({ ackTimeoutMs: 1000, maxRetries: 3, maxPending: 100 });
    const c = new FakeConn();
    for (let s = 1; s <= 50_000; s++) {
      tracker.track(c, s, out(1));
      if (s % 10 === 0) tracker.ack(c, s - 5);
    }
    expect(c.overloads).toBe(0);
    expect(c.downlink.seqs.length).toBeLessThan(3000);
    expect(c.pending.size).toBe(5);
  });
});
