// The client SDK's waiting times (src/client/backoff.ts): pure functions of
// the attempt count and a random number.
import { describe, expect, it } from 'vitest';
import { BEHIND_MAX_WAIT_MS, behindPollWait, reconnectDelay, transientRetryDelay } from '../../src/client/backoff.js';

describe('reconnectDelay', () => {
  it('doubles per attempt from minMs and is capped at maxMs', () => {
    const base = (attempt: number) => reconnectDelay(attempt, 200, 5000, () => 1 - Number.EPSILON);
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => Math.round(base(a)))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('jitters into [base/2, base)', () => {
    expect(reconnectDelay(0, 200, 5000, () => 0)).toBe(100);
    expect(reconnectDelay(0, 200, 5000, () => 0.5)).toBe(150);
    expect(reconnectDelay(3, 200, 5000, () => 0.5)).toBe(1200);
    expect(reconnectDelay(10, 200, 5000, () => 0)).toBe(2500);
    expect(reconnectDelay(10, 200, 5000, () => 0.999)).toBeLessThan(5000);
  });

  it('draws one random number per call', () => {
    let calls = 0;
    reconnectDelay(2, 200, 5000, () => (calls++, 0.3));
    expect(calls).toBe(1);
  });
});

describe('transientRetryDelay', () => {
  it('is half a retransmit interval, jittered into [1/2, 3/2) of it', () => {
    expect(transientRetryDelay(1000, 5000, () => 0.5)).toBe(500);
    expect(transientRetryDelay(1000, 5000, () => 0)).toBe(250);
    expect(transientRetryDelay(1000, 5000, () => 0.999)).toBeCloseTo(749.5);
  });

  it('is capped by maxMs before the jitter', () => {
    expect(transientRetryDelay(60_000, 5000, () => 0.5)).toBe(5000);
    expect(transientRetryDelay(60_000, 5000, () => 0)).toBe(2500);
  });
});

describe('behindPollWait', () => {
  it('waits gapWaitMs for the first four polls, then doubles', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((p) => behindPollWait(300, p))).toEqual([300, 300, 300, 300, 600, 1200, 2400]);
  });

  it('never waits longer than BEHIND_MAX_WAIT_MS', () => {
    expect(BEHIND_MAX_WAIT_MS).toBe(5000);
    expect(behindPollWait(300, 8)).toBe(5000);
    expect(behindPollWait(300, 1000)).toBe(5000);
    expect(behindPollWait(10_000, 0)).toBe(5000);
  });
});
