import { UnavailableError } from '../errors.js';
import type { PersistBatch } from '../store/types.js';
import type { PersistQueue } from './persist-queue.js';

/** Batches written in one transaction at most (the rest wait for the next one). */
export const DEFAULT_MAX_BATCHES_PER_WRITE = 256;

export interface DirectPersistQueueOptions {
  /** the message store's persist: writes batches idempotently, in one transaction */
  persist(batches: PersistBatch[]): Promise<unknown>;
  maxBatchesPerWrite?: number;
}

interface Waiting {
  batch: PersistBatch;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Direct persistence (embedded engine): no broker in between, `publish`
 * writes the batch to the message store and resolves once it is committed
 * (a stronger promise than the queue contract's "durable in the broker").
 * If it rejects, nothing was committed (the store's write is one
 * transaction) and the caller treats the batch as not durable.
 *
 * Group commit: publishes that arrive while a write is in flight wait and go
 * together in the next transaction (the store has a single writer anyway), so
 * the cost per commit is shared by every pipeline tick of the moment. If a
 * combined write fails, each batch is retried alone, so one bad batch fails
 * only its own publisher.
 *
 * Writing goes through the consumer's handler once one is registered
 * (`consume`): that is the app's persister, which counts what it writes;
 * until then through `persist`. Nothing is ever waiting for a consumer:
 * `depth()` is 0.
 */
export class DirectPersistQueue implements PersistQueue {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  /** the latest publish, settled either way (publishes settle in the order made) */
  private last: Promise<unknown> = Promise.resolve();
  private writer: (batches: PersistBatch[]) => Promise<unknown>;
  private readonly maxPerWrite: number;
  private closed = false;

  constructor(opts: DirectPersistQueueOptions) {
    this.writer = opts.persist;
    this.maxPerWrite = opts.maxBatchesPerWrite ?? DEFAULT_MAX_BATCHES_PER_WRITE;
  }

  publish(batch: PersistBatch): Promise<void> {
    if (this.closed) return Promise.reject(new UnavailableError('persistence (closed)'));
    const p = new Promise<void>((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      this.writing ??= this.drain();
    });
    this.last = p.catch(() => undefined);
    return p;
  }

  /** Writes what waits, one transaction at a time, until nothing waits. */
  private async drain(): Promise<void> {
    // Let the publishes of this turn of the event loop join the first write.
    await new Promise<void>((r) => setImmediate(r));
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxPerWrite);
      try {
        await this.writer(group.map((w) => w.batch));
        for (const w of group) w.resolve();
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        else for (const w of group) await this.writer([w.batch]).then(w.resolve, w.reject);
      }
    }
    this.writing = null;
  }

  /** Resolves once every publish made before the call has settled. */
  async settled(): Promise<void> {
    await this.last;
  }

  async consume(handler: (batches: PersistBatch[]) => Promise<void>): Promise<void> {
    this.writer = handler;
  }

  async depth(): Promise<number | null> {
    return 0;
  }

  /** Refuses new publishes and waits for the writes in flight. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }
}
