// MsgIdBlockStore contract (src/store/msg-id-blocks.ts) as one suite run
// against every implementation (msg-id-blocks.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MsgIdBlockStore } from '../../src/store/msg-id-blocks.js';

export interface MsgIdBlocksHarness {
  blocks: MsgIdBlockStore;
  /** another handle on the same database (another process, or the same one restarted) */
  second(): MsgIdBlockStore;
}

export function msgIdBlocksContract(name: string, open: () => Promise<[MsgIdBlocksHarness, () => Promise<void>]>): void {
  describe(`MsgIdBlockStore: ${name}`, () => {
    let h: MsgIdBlocksHarness;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      [h, cleanup] = await open();
    });
    afterEach(async () => {
      await cleanup();
    });

    it('concurrent reserveMsgIds blocks never overlap and stay increasing (several handles)', async () => {
      const store = h.blocks;
      const stores = [store, h.second(), h.second()];
      const sizes = Array.from({ length: 90 }, (_, i) => 1 + (i % 17));
      const starts = await Promise.all(sizes.map((n, i) => stores[i % stores.length]!.reserveMsgIds(n)));
      const blocks = starts.map((s, i) => [s, s + sizes[i]! - 1] as const).sort((a, b) => a[0] - b[0]);
      expect(blocks[0]![0]).toBe(1);
      for (let i = 1; i < blocks.length; i++) expect(blocks[i]![0]).toBe(blocks[i - 1]![1] + 1);
      const total = sizes.reduce((a, b) => a + b, 0);
      expect(await store.reserveMsgIds(1)).toBe(total + 1);
      await expect(store.reserveMsgIds(0)).rejects.toThrow(RangeError);
    });

    it('durable: a new handle (a restarted process) continues after every block handed out before', async () => {
      expect(await h.blocks.reserveMsgIds(10_000)).toBe(1);
      expect(await h.second().reserveMsgIds(5)).toBe(10_001);
      expect(await h.blocks.reserveMsgIds(1)).toBe(10_006);
    });

    it('rejects a count that is not a positive safe integer, reserving nothing', async () => {
      for (const count of [0, -3, 2.5, Number.NaN]) await expect(h.blocks.reserveMsgIds(count)).rejects.toThrow(RangeError);
      expect(await h.blocks.reserveMsgIds(1)).toBe(1);
    });
  });
}
