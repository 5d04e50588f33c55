import { describe, expect, it } from 'vitest';
import { TimingWheel } from '../../src/delivery/timing-wheel.js';
import type { TimerTarget } from '../../src/delivery/timer-scheduler.js';

function setup(tickMs = 10, slots = 8) {
  let t = 1_000_000;
  const wheel = new TimingWheel({ tickMs, slots, now: () => t });
  const fired: { id: number; at: number }[] = [];
  const target: TimerTarget<number> = { onTimer: (id) => fired.push({ id, at: t }) };
  const to = (ms: number) => {
    // step tick by tick like a real driver would
    while (t < ms) {
      t = Math.min(ms, t + tickMs);
      wheel.advance();
    }
  };
  return { wheel, fired, target, to, now: () => t };
}

describe('TimingWheel', () => {
  it('fires in the right tick: not before the delay, at most one tick after', () => {
    const { wheel, fired, target, to, now } = setup(10, 8);
    const start = now();
    wheel.schedule(35, target, 1);
    to(start + 30);
    expect(fired).toEqual([]);
    to(start + 40);
    expect(fired.map((f) => f.id)).toEqual([1]);
    expect(fired[0]!.at - start).toBeGreaterThanOrEqual(35);
    expect(fired[0]!.at - start).toBeLessThanOrEqual(45);
    expect(wheel.size).toBe(0);
  });

  it('delay 0 fires on the next tick', () => {
    const { wheel, fired, target, to, now } = setup();
    wheel.schedule(0, target, 7);
    expect(fired).toEqual([]);
    to(now() + 10);
    expect(fired.map((f) => f.id)).toEqual([7]);
  });

  it('cancel prevents firing and is idempotent', () => {
    const { wheel, fired, target, to, now } = setup();
    const h = wheel.schedule(20, target, 1);
    wheel.schedule(20, target, 2);
    wheel.cancel(h);
    wheel.cancel(h);
    expect(h.active).toBe(false);
    expect(wheel.size).toBe(1);
    to(now() + 100);
    expect(fired.map((f) => f.id)).toEqual([2]);
  });

  it('wraps around: entries several revolutions away fire on time', () => {
    const { wheel, fired, target, to, now } = setup(10, 8); // one revolution = 80 ms
    const start = now();
    wheel.schedule(75, target, 1); // < 1 revolution
    wheel.schedule(85, target, 2); // just past one
    wheel.schedule(250, target, 3); // ~3 revolutions, same slot as others mod 8
    wheel.schedule(170, target, 4);
    to(start + 300);
    const at = Object.fromEntries(fired.map((f) => [f.id, f.at - start]));
    expect(at[1]).toBe(80);
    expect(at[2]).toBe(90);
    expect(at[4]).toBe(170);
    expect(at[3]).toBe(250);
  });

  it('many entries per slot fire in scheduling order', () => {
    const { wheel, fired, target, to, now } = setup(10, 4);
    for (let i = 0; i < 1000; i++) wheel.schedule(30, target, i);
    to(now() + 40);
    expect(fired.map((f) => f.id)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('a callback may cancel another entry due in the same tick, and schedule new ones', () => {
    let t = 0;
    const wheel = new TimingWheel({ tickMs: 10, slots: 8, now: () => t });
    const fired: string[] = [];
    const handles: Record<string, ReturnType<typeof wheel.schedule>> = {};
    const target: TimerTarget<string> = {
      onTimer: (id) => {
        fired.push(id);
        if (id === 'a') wheel.cancel(handles.b!);
        if (id === 'a') handles.d = wheel.schedule(10, target, 'd');
      },
    };
    handles.a = wheel.schedule(10, target, 'a');
    handles.b = wheel.schedule(10, target, 'b');
    handles.c = wheel.schedule(10, target, 'c');
    t = 10;
    wheel.advance();
    expect(fired).toEqual(['a', 'c']);
    t = 20;
    wheel.advance();
    expect(fired).toEqual(['a', 'c', 'd']);
    expect(wheel.size).toBe(0);
  });

  it('catches up when the clock jumps several ticks', () => {
    let t = 0;
    const wheel = new TimingWheel({ tickMs: 10, slots: 8, now: () => t });
    const fired: number[] = [];
    const target: TimerTarget<number> = { onTimer: (id) => fired.push(id) };
    for (let i = 1; i <= 20; i++) wheel.schedule(i * 10, target, i);
    t = 1000;
    wheel.advance();
    expect(fired).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('a million inserts and cancels leave nothing behind', () => {
    let t = 0;
    const wheel = new TimingWheel({ tickMs: 10, slots: 512, now: () => t });
    const target: TimerTarget<number> = { onTimer: () => {} };
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const batch: ReturnType<typeof wheel.schedule>[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      batch.push(wheel.schedule((i % 5000) + 1, target, i));
      if (batch.length === 1000) {
        for (const h of batch) wheel.cancel(h);
        batch.length = 0;
        t += 1;
        wheel.advance();
      }
    }
    expect(wheel.size).toBe(0);
    global.gc?.();
    const grown = process.memoryUsage().heapUsed - before;
    // bounded by one batch of entries, not a million (≈100 bytes each would be ~100 MB)
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });
});
