import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket } from '../../src/util/token-bucket.js';

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
