// The PersistQueue contract (src/queue/persist-queue.ts), as one suite that
// every implementation runs through its own factory.
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistQueue } from '../../src/queue/persist-queue.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';

/**
 * Opens a new handle on the queue of the current test. Every call within one
 * test must reach the same queue (so that one handle can take over what
 * another left); different tests must get different queues (the caller sets
 * that up in beforeEach). `close()` must not hang on a handler that never
 * settles (implementations bound the wait; give the handle a short bound).
 */
export type PersistQueueFactory = () => Promise<[PersistQueue, () => Promise<void>]>;

let nextId = 1;

/** A batch with one message per recipient set and binary content covering every byte value. */
export function makeBatch(recipients = 3, contentBytes = 300): PersistBatch {
  const msgId = 1_000_000 + nextId++;
  const content = new Uint8Array(contentBytes);
  for (let i = 0; i < contentBytes; i++) content[i] = (i * 7 + msgId) & 0xff;
  const m: StoredMessage = {
    msgId,
    senderId: 2 ** 40 + msgId, // above 32 bits: 64-bit fields must survive
    deviceId: `dev-${msgId}`,
    clientId: msgId,
    sessionType: 2,
    receiverId: 77,
    messageType: 1,
    content,
    sendTime: 1_700_000_000_000 + msgId,
    senderSeq: 2 ** 50 + msgId,
  };
  const userIds: number[] = [];
  const seqs: number[] = [];
  const msgIds: number[] = [];
  for (let r = 0; r < recipients; r++) {
    userIds.push(10 + r);
    seqs.push(msgId * 10 + r);
    msgIds.push(msgId);
  }
  return { messages: [m], userIds, seqs, msgIds };
}

/** A comparable form: content as hex and row columns as plain arrays, so Buffer/Uint8Array and array/Float64Array compare equal. */
export function canonical(b: PersistBatch): string {
  return JSON.stringify({
    messages: b.messages.map((m) => ({ ...m, content: Buffer.from(m.content).toString('hex') })),
    userIds: Array.from(b.userIds),
    seqs: Array.from(b.seqs),
    msgIds: Array.from(b.msgIds),
  });
}

export async function waitUntil(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function persistQueueContract(name: string, factory: PersistQueueFactory): void {
  describe(`PersistQueue contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const open = async (): Promise<PersistQueue> => {
      const [q, cleanup] = await factory();
      cleanups.push(cleanup);
      return q;
    };
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it('publish resolves once stored; the batch round-trips byte for byte; depth counts it', async () => {
      const q = await open();
      const batch = makeBatch(4, 1024);
      const empty = makeBatch(1, 0);
      const noRows: PersistBatch = { messages: [], userIds: [5, 6], seqs: [1, 2], msgIds: [0, 0] };
      await q.publish(batch);
      await q.publish(empty);
      await q.publish(noRows);
      await waitUntil(async () => (await q.depth()) === 3, 5_000, 'depth 3');

      const got: PersistBatch[] = [];
      await q.consume(async (bs) => {
        got.push(...bs);
      });
      await waitUntil(() => got.length >= 3, 10_000, 'three batches');
      expect(got.map(canonical).sort()).toEqual([batch, empty, noRows].map(canonical).sort());
      const back = got.find((b) => b.messages[0]?.msgId === batch.messages[0]!.msgId)!;
      expect(Buffer.from(back.messages[0]!.content).equals(Buffer.from(batch.messages[0]!.content))).toBe(true);
      await waitUntil(async () => (await q.depth()) === 0, 5_000, 'depth 0');
    });

    it('a batch whose handler rejects is delivered again, never lost', async () => {
      const q = await open();
      const batch = makeBatch();
      let calls = 0;
      let accepted: PersistBatch[] = [];
      await q.consume(async (bs) => {
        calls++;
        if (calls <= 2) throw new Error('database down');
        accepted = bs;
      });
      await q.publish(batch);
      await waitUntil(() => accepted.length > 0, 15_000, 'acceptance after failures');
      expect(calls).toBe(3);
      expect(accepted.map(canonical)).toEqual([canonical(batch)]);
      await sleep(300);
      expect(calls).toBe(3); // acknowledged once accepted: not delivered again
      expect(await q.depth()).toBe(0);
    });

    it('many concurrent publishes are all delivered, exactly as published', async () => {
      const q = await open();
      const consumerSide = await open();
      const batches = Array.from({ length: 600 }, (_, i) => makeBatch(1 + (i % 5), i % 200));
      const got = new Map<string, number>();
      await consumerSide.consume(async (bs) => {
        for (const b of bs) {
          const k = canonical(b);
          got.set(k, (got.get(k) ?? 0) + 1);
        }
      });
      await Promise.all(batches.map((b) => q.publish(b)));
      await waitUntil(() => [...got.values()].reduce((a, b) => a + b, 0) >= batches.length, 20_000, 'all batches');
      await sleep(200);
      expect([...got.keys()].sort()).toEqual(batches.map(canonical).sort());
      expect([...got.values()].every((n) => n === 1)).toBe(true);
    });

    it('batches held by a consumer that goes away unacknowledged go to another consumer', async () => {
      const a = await open();
      const b = await open();
      const batches = [makeBatch(), makeBatch(), makeBatch(), makeBatch(), makeBatch()];
      let aCalls = 0;
      await a.consume(async () => {
        aCalls++;
        await new Promise(() => undefined); // hangs: never acknowledges
      });
      for (const x of batches) await a.publish(x);
      await waitUntil(() => aCalls > 0, 10_000, 'consumer A to receive');
      await a.close(); // gives up on the hung handler; nothing was acknowledged

      const got: PersistBatch[] = [];
      await b.consume(async (bs) => {
        got.push(...bs);
      });
      await waitUntil(() => got.length >= batches.length, 15_000, 'consumer B to receive all');
      expect(got.map(canonical).sort()).toEqual(batches.map(canonical).sort());
      expect(aCalls).toBe(1);
    });

    it('close() finishes the handler in progress, which is then acknowledged', async () => {
      const a = await open();
      const batch = makeBatch();
      let finished = false;
      let started = false;
      await a.consume(async () => {
        started = true;
        await sleep(400);
        finished = true;
      });
      await a.publish(batch);
      await waitUntil(() => started, 10_000, 'handler start');
      await a.close();
      expect(finished).toBe(true);

      const b = await open();
      let again = 0;
      await b.consume(async (bs) => {
        again += bs.length;
      });
      await sleep(500);
      expect(again).toBe(0);
      expect(await b.depth()).toBe(0);
    });

    it('after close(), publish rejects promptly; close() is idempotent', async () => {
      const q = await open();
      await q.close();
      await q.close();
      const t0 = Date.now();
      await expect(q.publish(makeBatch())).rejects.toThrow();
      expect(Date.now() - t0).toBeLessThan(1_000);
    });
  });
}
