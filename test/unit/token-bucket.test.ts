import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket, TokenBuckets } from '../../src/util/token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then the rate', () => {
    let t = 0;
    const b = new TokenBucket(10, 5, () => t);
    for (let i = 0; i < 5; i++) expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    t = 100; // +1 token
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    t = 10_000; // refills only up to the burst
    for (let i = 0; i < 5; i++) expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
  });

  it('charge goes into debt and says how long to wait', () => {
    let t = 0;
    const b = new TokenBucket(1000, 1000, () => t);
    expect(b.charge(500)).toBe(0);
    expect(b.charge(1500)).toBe(1000); // 1000 tokens owed at 1000/s
    expect(b.take()).toBe(false);
    t = 1001;
    expect(b.take()).toBe(true);
  });
});

describe('TokenBuckets', () => {
  it('keeps each bucket of one owner apart: its own rate, burst, balance and debt', () => {
    let t = 0;
    const b = new TokenBuckets([{ rate: 10, burst: 2 }, { rate: 1000, burst: 1000 }], () => t);
    expect(b.take(0)).toBe(true);
    expect(b.take(0)).toBe(true);
    expect(b.take(0)).toBe(false); // bucket 0 empty …
    expect(b.take(1, 1000)).toBe(true); // … bucket 1 untouched
    expect(b.charge(1, 500)).toBe(500); // 500 owed at 1000/s
    t = 100; // bucket 0: +1 token; bucket 1: +100 (still 400 owed)
    expect(b.take(0)).toBe(true);
    expect(b.take(0)).toBe(false);
    expect(b.take(1)).toBe(false);
    t = 600;
    expect(b.take(1)).toBe(true);
  });
});

describe('KeyedBuckets', () => {
  it('limits each key separately and forgets idle keys', () => {
    let t = 0;
    const k = new KeyedBuckets(1, 2, () => t, 4);
    expect(k.take('a')).toBe(true);
    expect(k.take('a')).toBe(true);
    expect(k.take('a')).toBe(false);
    expect(k.take('b')).toBe(true);
    for (const key of ['c', 'd', 'e', 'f', 'g']) k.take(key);
    t = 10_000;
    k.sweep();
    expect(k.take('a')).toBe(true);
  });
});
