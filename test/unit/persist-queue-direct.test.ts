// DirectPersistQueue (embedded engine): publish resolves once the store
// committed; concurrent publishes share one write (group commit); a failing
// combined write is retried batch by batch so only the bad batch fails.
import { describe, expect, it } from 'vitest';
import { DirectPersistQueue } from '../../src/queue/persist-queue-direct.js';
import type { PersistBatch } from '../../src/store/types.js';

const batch = (id: number): PersistBatch => ({ messages: [], userIds: [id], seqs: [1], msgIds: [0] });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('DirectPersistQueue', () => {
  it('publish resolves only after the write committed; concurrent publishes go in one write', async () => {
    const writes: number[][] = [];
    let committed = 0;
    const q = new DirectPersistQueue({
      persist: async (bs) => {
        writes.push(bs.map((b) => b.userIds[0]!));
        await sleep(20);
        committed += bs.length;
      },
    });
    const done: number[] = [];
    await Promise.all(
      [1, 2, 3].map((i) =>
        q.publish(batch(i)).then(() => {
          done.push(committed);
        }),
      ),
    );
    expect(writes).toEqual([[1, 2, 3]]);
    expect(done).toEqual([3, 3, 3]);
    expect(await q.depth()).toBe(0);
  });

  it('publishes arriving during a write wait for it and go together in the next one', async () => {
    const writes: number[][] = [];
    const q = new DirectPersistQueue({
      persist: async (bs) => {
        writes.push(bs.map((b) => b.userIds[0]!));
        await sleep(30);
      },
    });
    const first = q.publish(batch(1));
    await sleep(10); // the first write is in flight
    await Promise.all([first, q.publish(batch(2)), q.publish(batch(3)), q.publish(batch(4))]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('a failing combined write is retried batch by batch: only the bad batch is rejected', async () => {
    const writes: number[][] = [];
    const q = new DirectPersistQueue({
      persist: async (bs) => {
        writes.push(bs.map((b) => b.userIds[0]!));
        if (bs.some((b) => b.userIds[0] === 2)) throw new Error('bad batch');
      },
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => q.publish(batch(i))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('writes through the consumer once one is registered; settled() waits for publishes in flight', async () => {
    const viaStore: number[] = [];
    const viaConsumer: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = new DirectPersistQueue({ persist: async (bs) => void viaStore.push(...bs.map((b) => b.userIds[0]!)) });
    await q.publish(batch(1));
    await q.consume(async (bs) => {
      await gate;
      viaConsumer.push(...bs.map((b) => b.userIds[0]!));
    });
    const p = q.publish(batch(2));
    let settled = false;
    const s = q.settled().then(() => (settled = true));
    await sleep(20);
    expect(settled).toBe(false);
    release();
    await Promise.all([p, s]);
    expect(viaStore).toEqual([1]);
    expect(viaConsumer).toEqual([2]);
  });

  it('after close(), publish rejects at once with UnavailableError; close() waits for writes and is idempotent', async () => {
    let writing = false;
    const q = new DirectPersistQueue({
      persist: async () => {
        writing = true;
        await sleep(30);
        writing = false;
      },
    });
    const p = q.publish(batch(1));
    await sleep(5);
    await q.close();
    expect(writing).toBe(false);
    await p;
    await q.close();
    await expect(q.publish(batch(2))).rejects.toMatchObject({ name: 'UnavailableError', code: 7 });
  });
});
