// SeqSegmentStore contract (src/seq/seq-segments.ts; DESIGN.md §4, I3, I4)
// as one suite run against every implementation (seq-segments.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeqSegmentStore } from '../../src/seq/seq-segments.js';

export interface SeqSegmentsHarness {
  segments: SeqSegmentStore;
  /** another handle on the same database (another process, or the same one restarted) */
  second(): SeqSegmentStore;
}

export function seqSegmentsContract(name: string, open: () => Promise<[SeqSegmentsHarness, () => Promise<void>]>): void {
  describe(`SeqSegmentStore: ${name}`, () => {
    let h: SeqSegmentsHarness;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      [h, cleanup] = await open();
    });
    afterEach(async () => {
      await cleanup();
    });

    it('reserveSegments creates at step, then raises by step, per user, in one call for many users', async () => {
      const store = h.segments;
      expect(Object.fromEntries(await store.reserveSegments([1, 2], 100))).toEqual({ 1: 100, 2: 100 });
      expect(Object.fromEntries(await store.reserveSegments([2, 3, 1], 100))).toEqual({ 1: 200, 2: 200, 3: 100 });
      expect(Object.fromEntries(await store.reserveSegments([3, 3], 50))).toEqual({ 3: 150 });
      const many = Array.from({ length: 2_500 }, (_, i) => 1_000 + i);
      const r = await store.reserveSegments(many, 10);
      expect(r.size).toBe(2_500);
      expect([...r.values()].every((v) => v === 10)).toBe(true);
      expect(await store.reserveSegments([], 10)).toEqual(new Map());
    });

    it('concurrent reserveSegments for the same users never return the same max (several handles)', async () => {
      const stores = [h.segments, h.second(), h.second()];
      const calls = 60;
      const results = await Promise.all(
        Array.from({ length: calls }, (_, i) => stores[i % stores.length]!.reserveSegments(i % 2 ? [42, 43] : [43, 42], 100)),
      );
      for (const user of [42, 43]) {
        const maxes = results.map((m) => m.get(user)!);
        expect(new Set(maxes).size).toBe(calls);
        expect([...maxes].sort((a, b) => a - b)).toEqual(Array.from({ length: calls }, (_, i) => (i + 1) * 100));
      }
    });

    it('durable: a new handle (a restarted process) continues above every segment reserved before', async () => {
      await h.segments.reserveSegments([5, 6], 100);
      await h.segments.reserveSegments([5], 100);
      expect(Object.fromEntries(await h.second().reserveSegments([6, 5, 7], 10))).toEqual({ 5: 210, 6: 110, 7: 10 });
    });

    it('rejects a step that is not a positive safe integer, reserving nothing', async () => {
      for (const step of [0, -1, 1.5, Number.NaN]) await expect(h.segments.reserveSegments([9], step)).rejects.toThrow(RangeError);
      expect(Object.fromEntries(await h.segments.reserveSegments([9], 1))).toEqual({ 9: 1 });
    });
  });
}
