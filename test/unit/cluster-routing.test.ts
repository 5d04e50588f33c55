import { describe, expect, it } from 'vitest';
import { parseHead } from '../../src/cluster/head.js';
import { workerFor } from '../../src/cluster/sticky.js';

describe('workerFor', () => {
  it('is stable and in range', () => {
    for (let u = 1; u < 2000; u++) {
      const w = workerFor(u, 3);
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThan(3);
      expect(workerFor(u, 3)).toBe(w);
    }
    expect(workerFor(12345, 1)).toBe(0);
  });

  it('spreads consecutive ids evenly (±10% over 10,000 ids, 2 and 4 workers)', () => {
    for (const n of [2, 4]) {
      const counts = new Array(n).fill(0);
      for (let u = 1; u <= 10_000; u++) counts[workerFor(u, n)]++;
      for (const c of counts) expect(Math.abs(c - 10_000 / n)).toBeLessThan((10_000 / n) * 0.1);
    }
  });

  it('handles ids above 2^32', () => {
    const a = workerFor(2 ** 40 + 1, 7);
    const b = workerFor(1, 7);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true);
  });
});

describe('parseHead', () => {
  const head = 'GET /ws?token=abc HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';

  it('waits for the end of the head, however it is split', () => {
    for (let i = 0; i < head.length; i++) expect(parseHead(Buffer.from(head.slice(0, i)), 8192).state).toBe('incomplete');
    const r = parseHead(Buffer.from(head), 8192);
    expect(r).toMatchObject({ state: 'complete', method: 'GET', path: '/ws', upgrade: true });
    if (r.state === 'complete') expect(r.query.get('token')).toBe('abc');
  });

  it('ignores bytes after the head (a frame that came with it)', () => {
    const r = parseHead(Buffer.concat([Buffer.from(head), Buffer.from([0x82, 0x85, 1, 2, 3, 4, 5])]), 8192);
    expect(r.state).toBe('complete');
  });

  it('caps the head size', () => {
    expect(parseHead(Buffer.alloc(9000, 'a'), 8192).state).toBe('too_large');
    expect(parseHead(Buffer.from('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(9000) + '\r\n\r\n'), 8192).state).toBe('too_large');
  });

  it('rejects garbage', () => {
    expect(parseHead(Buffer.from('HELLO\r\n\r\n'), 8192).state).toBe('bad');
    expect(parseHead(Buffer.from('GET / HTTP/1.1\r\nnocolon\r\n\r\n'), 8192).state).toBe('bad');
  });

  it('a plain request is not an upgrade', () => {
    expect(parseHead(Buffer.from('POST /api/login HTTP/1.1\r\nHost: x\r\n\r\n{}'), 8192)).toMatchObject({ state: 'complete', path: '/api/login', upgrade: false });
  });
});
