// The PersistQueue contract (src/queue/persist-queue.ts), as one suite that
// every implementation runs through its own factory: RabbitMQ
// (persist-queue.test.ts) and the direct, in-process queue of the embedded
// engine (persist-queue-direct.test.ts). What a queue without a broker
// cannot do is declared by its capabilities (PersistQueueCapabilities): a
// case that needs a capability is registered only for implementations that
// have it, and where the implementation promises something else instead, the
// case of that promise runs in its place.
import { afterEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import type { PersistQueue } from '../../src/queue/persist-queue.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';

/**
 * Opens a new handle on the queue of the current test. With
 * `sharedByHandles`, every call within one test must reach the same queue
 * (so that one handle can take over what another left); different tests
 * must get different queues (the caller sets that up in beforeEach).
 * `close()` must not hang on a handler that never settles (implementations
 * bound the wait; give the handle a short bound).
 */
export type PersistQueueFactory = () => Promise<[PersistQueue, () => Promise<void>]>;

/** What an implementation can do beyond the cases every queue passes. */
export interface PersistQueueCapabilities {
  /**
   * true: `publish` stores the batch in a broker and a consumer receives it
   * later; `depth()` counts what waits; a batch whose handler rejects is
   * delivered again.
   * false (no broker: DirectPersistQueue): `publish` hands the batch to the
   * consumer's handler itself and resolves once the handler resolved, or
   * rejects with its error (the caller treats the batch as not durable), so
   * redelivery does not apply; nothing ever waits: `depth()` is 0.
   */
  brokered: boolean;
  /**
   * true: the handles the factory opens in one test share one queue, so what
   * one handle published or left unacknowledged reaches another's consumer.
   * false: each handle is a queue of its own; the hand-over of unacknowledged
   * batches to another consumer does not apply (there is no other consumer).
   */
  sharedByHandles: boolean;
  /**
   * Cuts the broker connection of the first handle opened in the current
   * test, as a broker restart or a network cut would. Absent when there is no
   * connection to lose: the connection-loss cases do not apply, and
   * `connectionChangedAt` must answer 0 (or be absent) instead.
   */
  loseConnection?: () => Promise<void>;
}

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

/** Registers a handler that fails its first two calls ('database down') and accepts from the third; `h` counts. */
async function consumeFailingTwice(q: PersistQueue): Promise<{ calls: number; accepted: PersistBatch[] }> {
  const h = { calls: 0, accepted: [] as PersistBatch[] };
  await q.consume(async (bs) => {
    h.calls++;
    if (h.calls <= 2) throw new Error('database down');
    h.accepted = bs;
  });
  return h;
}

export function persistQueueContract(name: string, caps: PersistQueueCapabilities, factory: PersistQueueFactory): void {
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
      const got: PersistBatch[] = [];
      const handler = async (bs: PersistBatch[]) => {
        got.push(...bs);
      };
      // Without a broker, publish writes through the consumer: register it first.
      if (!caps.brokered) await q.consume(handler);
      await q.publish(batch);
      await q.publish(empty);
      await q.publish(noRows);
      if (caps.brokered) {
        await waitUntil(async () => (await q.depth()) === 3, 5_000, 'depth 3');
        await q.consume(handler);
      } else {
        expect(got.length).toBe(3); // each publish resolved after its handler call
      }
      await waitUntil(() => got.length >= 3, 10_000, 'three batches');
      expect(got.map(canonical).sort()).toEqual([batch, empty, noRows].map(canonical).sort());
      const back = got.find((b) => b.messages[0]?.msgId === batch.messages[0]!.msgId)!;
      expect(Buffer.from(back.messages[0]!.content).equals(Buffer.from(batch.messages[0]!.content))).toBe(true);
      await waitUntil(async () => (await q.depth()) === 0, 5_000, 'depth 0');
    });

    if (caps.brokered) {
      it('a batch whose handler rejects is delivered again, never lost', async () => {
        const q = await open();
        const batch = makeBatch();
        const h = await consumeFailingTwice(q);
        await q.publish(batch);
        await waitUntil(() => h.accepted.length > 0, 15_000, 'acceptance after failures');
        expect(h.calls).toBe(3);
        expect(h.accepted.map(canonical)).toEqual([canonical(batch)]);
        await sleep(300);
        expect(h.calls).toBe(3); // acknowledged once accepted: not delivered again
        expect(await q.depth()).toBe(0);
      });
    } else {
      it('without a broker, a batch whose handler rejects fails its own publish; published again, it is handled once', async () => {
        const q = await open();
        const batch = makeBatch();
        const h = await consumeFailingTwice(q);
        await expect(q.publish(batch)).rejects.toThrow('database down');
        await expect(q.publish(batch)).rejects.toThrow('database down');
        expect(h.accepted).toEqual([]);
        await q.publish(batch);
        expect(h.calls).toBe(3);
        expect(h.accepted.map(canonical)).toEqual([canonical(batch)]);
        await sleep(300);
        expect(h.calls).toBe(3); // handled once: not delivered again
        expect(await q.depth()).toBe(0);
      });
    }

    it('many concurrent publishes are all delivered, exactly as published', async () => {
      const q = await open();
      // without shared handles, the one handle consumes what it publishes
      const consumerSide = caps.sharedByHandles ? await open() : q;
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

    // Needs sharedByHandles: without it there is no other consumer to take over.
    if (caps.sharedByHandles) {
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
    }

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
      // Without a broker, publish resolves only after the handler: close() meets it in progress.
      const published = a.publish(batch);
      if (caps.brokered) await published;
      await waitUntil(() => started, 10_000, 'handler start');
      await a.close();
      expect(finished).toBe(true);
      await published;

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
      await expect(q.publish(makeBatch())).rejects.toBeInstanceOf(UnavailableError);
    });

    const loseConnection = caps.loseConnection;
    if (loseConnection) {
      it('survives the loss of its connection: reconnects, keeps consuming, publishes again', async () => {
        const q = await open();
        const got = new Set<string>();
        await q.consume(async (bs) => {
          for (const b of bs) got.add(canonical(b));
        });
        const before = makeBatch();
        await q.publish(before);
        await waitUntil(() => got.has(canonical(before)), 10_000, 'first batch');

        const tLoss = Date.now();
        await loseConnection();
        // While it is down, publish fails fast instead of hanging; once it is back, it works.
        const after = makeBatch();
        await waitUntil(
          async () => {
            const t0 = Date.now();
            try {
              await q.publish(after);
              return true;
            } catch (err) {
              expect(err).toBeInstanceOf(UnavailableError);
              expect(Date.now() - t0).toBeLessThan(5_500);
              return false;
            }
          },
          15_000,
          'publish after reconnect',
        );
        await waitUntil(() => got.has(canonical(after)), 15_000, 'consuming after reconnect');
        // sync's gap bound counts from the break
        expect(q.connectionChangedAt?.() ?? 0).toBeGreaterThanOrEqual(tLoss);
      });

      it('publishes in flight when the connection dies settle, and every one that resolved is delivered', async () => {
        const q = await open();
        const consumer = await open();
        const got = new Set<string>();
        await consumer.consume(async (bs) => {
          for (const b of bs) got.add(canonical(b));
        });
        const pending: Promise<{ key: string; outcome: 'ok' | 'unavailable' | 'other' }>[] = [];
        let killed = false;
        const kill = loseConnection().then(
          () => null,
          (e: unknown) => e,
        );
        void kill.finally(() => {
          killed = true;
        });
        // Keep publishing until shortly after the connection is gone.
        let until = Infinity;
        while (Date.now() < until) {
          if (killed && until === Infinity) until = Date.now() + 300;
          for (let i = 0; i < 20; i++) {
            const b = makeBatch(3, 200);
            pending.push(
              q.publish(b).then(
                () => ({ key: canonical(b), outcome: 'ok' as const }),
                (e: unknown) => ({ key: canonical(b), outcome: e instanceof UnavailableError ? ('unavailable' as const) : ('other' as const) }),
              ),
            );
          }
          await new Promise((r) => setTimeout(r, 5));
        }
        const killErr = await kill;
        if (killErr) throw killErr;
        const t0 = Date.now();
        const outcomes = await Promise.all(pending);
        expect(Date.now() - t0).toBeLessThan(5_500);
        expect(outcomes.filter((o) => o.outcome === 'other')).toEqual([]);
        const ok = outcomes.filter((o) => o.outcome === 'ok');
        expect(ok.length).toBeGreaterThan(0);
        expect(outcomes.some((o) => o.outcome === 'unavailable')).toBe(true);
        // No loss: whatever publish confirmed reaches the consumer.
        await waitUntil(() => ok.every((o) => got.has(o.key)), 20_000, 'every confirmed batch');
      });
    } else {
      it('without a connection to lose, connectionChangedAt answers 0', async () => {
        const q = await open();
        await q.consume(async () => undefined);
        await q.publish(makeBatch());
        expect(q.connectionChangedAt?.() ?? 0).toBe(0);
      });
    }
  });
}
