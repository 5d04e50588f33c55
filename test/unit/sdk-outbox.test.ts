// The sending half of the client SDK (src/client/outbox.ts) on a fake clock:
// client_ids, the store, retransmission, the back-off after transient
// rejections and what a disconnect or close cancels.
import { describe, expect, it } from 'vitest';
import { MemoryStore, type Clock, type OutgoingMessage, type SendResult, type UnsentMessage } from '../../src/client/sdk.js';
import { Outbox } from '../../src/client/outbox.js';

/** Timers that run only when the test moves time on. */
class StepClock implements Clock {
  t = 0;
  private id = 0;
  readonly timers = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    this.timers.set(++this.id, { at: this.t + ms, fn });
    return this.id;
  };
  clearTimeout = (h: unknown): void => void this.timers.delete(h as number);
  /** Runs due timers in time order up to now + ms. */
  to(ms: number): void {
    const end = this.t + ms;
    for (let due = this.nextDue(end); due; due = this.nextDue(end)) {
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
  private nextDue(end: number) {
    return [...this.timers].filter(([, e]) => e.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  }
}

const text = (s: string): OutgoingMessage => ({ sessionType: 1, receiverId: 2, messageType: 1, content: new TextEncoder().encode(s) });

function outbox(opts: { online?: boolean; random?: number } = {}) {
  const clock = new StepClock();
  const store = new MemoryStore();
  const wire: number[] = [];
  const state = { online: opts.online ?? true };
  const box = new Outbox({
    clock,
    store,
    retransmitMs: 1000,
    reconnectMaxMs: 5000,
    random: () => opts.random ?? 0.5,
    transmit: (m: UnsentMessage) => wire.push(m.clientId),
    online: () => state.online,
  });
  return { box, clock, store, wire, state };
}

describe('Outbox: client_ids and the store', () => {
  it('numbers messages 1, 2, 3…, saves the next id and keeps each in the store until its final answer', async () => {
    const { box, store, wire } = outbox();
    const r1 = box.add(text('a'), true);
    void box.add(text('b'), true);
    expect(wire).toEqual([1, 2]);
    expect(store.nextClientId).toBe(3);
    expect([...store.unsent.keys()]).toEqual([1, 2]);
    expect(box.size).toBe(2);
    expect(box.acknowledge(1, 11, 0, '', 7001)).toEqual({ clientId: 1, seq: 11, msgId: 7001, code: 0, codeMsg: '' });
    expect(await r1).toEqual({ clientId: 1, seq: 11, msgId: 7001, code: 0, codeMsg: '' });
    expect([...store.unsent.keys()]).toEqual([2]);
    expect(box.size).toBe(1);
    expect(box.acknowledge(1, 11, 0, '')).toBeNull(); // a repeated answer
  });

  it('a final rejection resolves with seq 0 and consumes the client_id', async () => {
    const { box, store } = outbox();
    const r = box.add(text('x'), true);
    expect(box.acknowledge(1, 99, 4, 'not found', 5)).toEqual({ clientId: 1, seq: 0, msgId: 0, code: 4, codeMsg: 'not found' });
    expect(await r).toMatchObject({ code: 4, seq: 0 });
    expect(store.unsent.size).toBe(0);
  });

  it('restores from the store: continues after the stored client_id and transmits the stored ones in order', () => {
    const { box, wire } = outbox();
    box.restore(8, [{ ...text('6'), clientId: 6 }, { ...text('5'), clientId: 5 }]);
    expect(box.size).toBe(2);
    void box.add(text('new'), false);
    expect(wire).toEqual([]); // not online: waits
    box.transmitAll();
    expect(wire).toEqual([5, 6, 8]);
  });
});

describe('Outbox: retransmission', () => {
  it('resends after retransmitMs while unacknowledged and online, not after the ACK', () => {
    const { box, clock, wire } = outbox();
    void box.add(text('a'), true);
    clock.to(999);
    expect(wire).toEqual([1]);
    clock.to(1);
    expect(wire).toEqual([1, 1]);
    clock.to(1000);
    expect(wire).toEqual([1, 1, 1]);
    box.acknowledge(1, 3, 0, '');
    clock.to(10_000);
    expect(wire).toEqual([1, 1, 1]);
  });

  it('does not resend while offline', () => {
    const { box, clock, wire, state } = outbox();
    void box.add(text('a'), true);
    state.online = false;
    clock.to(5000);
    expect(wire).toEqual([1]);
  });

  it('a disconnect cancels every timer; a close too', () => {
    const a = outbox();
    void a.box.add(text('a'), true);
    a.box.acknowledge(1, 0, 7, 'unavailable'); // arms the back-off
    void a.box.add(text('b'), true);
    expect(a.clock.timers.size).toBe(2);
    a.box.disconnected();
    expect(a.clock.timers.size).toBe(0);
    const b = outbox();
    void b.box.add(text('a'), true);
    b.box.acknowledge(1, 0, 6, 'rate limited');
    void b.box.add(text('b'), true);
    b.box.close();
    expect(b.clock.timers.size).toBe(0);
  });
});

describe('Outbox: transient rejections (6, 7)', () => {
  it.each([6, 7])('code %i: one back-off, then everything from the lowest failed client_id resent in order', async (code) => {
    const { box, clock, wire } = outbox();
    const results: SendResult[] = [];
    for (const s of ['a', 'b', 'c', 'd']) void box.add(text(s), true).then((r) => results.push(r));
    expect(wire).toEqual([1, 2, 3, 4]);
    box.acknowledge(1, 11, 0, '');
    expect(box.acknowledge(3, 0, code, 'later')).toBeNull();
    expect(box.acknowledge(2, 0, code, 'later')).toBeNull(); // the lower one widens the resend
    expect(box.acknowledge(4, 0, code, 'later')).toBeNull();
    wire.length = 0;
    // min(reconnectMaxMs, retransmitMs / 2) * (0.5 + random) = 500 ms; no per-message retransmit meanwhile
    clock.to(499);
    expect(wire).toEqual([]);
    clock.to(1);
    expect(wire).toEqual([2, 3, 4]);
    expect(box.size).toBe(3);
    await Promise.resolve();
    expect(results.map((r) => r.clientId)).toEqual([1]);
  });

  it('the back-off is jittered by random and skipped when offline by then', () => {
    const { box, clock, wire, state } = outbox({ random: 0 });
    void box.add(text('a'), true);
    box.acknowledge(1, 0, 7, 'unavailable');
    state.online = false;
    clock.to(250); // 500 * (0.5 + 0)
    expect(wire).toEqual([1]);
    state.online = true;
    clock.to(10_000);
    expect(wire).toEqual([1]); // nothing re-armed: the next login resends (transmitAll)
    box.transmitAll();
    expect(wire).toEqual([1, 1]);
  });
});
