import { describe, expect, it } from 'vitest';
import { PushTracker, type PendingPush, type PushConnection } from '../../src/delivery/push-tracker.js';
import { TimingWheel } from '../../src/delivery/timing-wheel.js';

class FakeConn implements PushConnection {
  open = true;
  sent: number[] = [];
  readonly pending = new Map<number, PendingPush>();
  overloads = 0;
  send(output: Uint8Array): void {
    this.sent.push(output[0]!);
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
  it('retransmits an unacknowledged push after the timeout; its ACK stops further retransmits', () => {
    const { tracker, advanceTo } = setup();
    const c = new FakeConn();
    tracker.track(c, 5, Uint8Array.of(5));
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
    tracker.track(c, 1, Uint8Array.of(1));
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
    for (const s of [1, 2, 3, 4]) tracker.track(c, s, Uint8Array.of(s));
    tracker.ack(c, 3);
    advanceTo(1100);
    expect(c.sent).toEqual([4]);
  });

  it('a closed connection’s pending pushes are dropped at once', () => {
    const { tracker, wheel, advanceTo } = setup();
    const c = new FakeConn();
    for (const s of [1, 2, 3]) tracker.track(c, s, Uint8Array.of(s));
    c.open = false;
    tracker.drop(c);
    expect(wheel.size).toBe(0);
    advanceTo(20_000);
    expect(c.sent).toEqual([]);
  });

  it('too many pending pushes marks the connection as too slow (bounded memory)', () => {
    const { tracker } = setup({ ackTimeoutMs: 1000, maxRetries: 3, maxPending: 10 });
    const c = new FakeConn();
    for (let s = 1; s <= 11; s++) tracker.track(c, s, Uint8Array.of(s));
    expect(c.overloads).toBe(1);
    expect(c.pending.size).toBe(10);
  });
});
