// Write-behind persistence queue contract (DESIGN.md §2.4, invariants I1, I2).
import type { PersistBatch } from '../store/types.js';

/**
 * A durable queue of PersistBatches between the chat pipeline and the
 * message store.
 *
 * Guarantees:
 * - `publish` resolves only once the batch is durable in the broker
 *   (persistent message on a durable queue, publisher confirm received). If
 *   it rejects, the batch may or may not have been stored: the caller treats
 *   it as not durable (answers code 7, tombstones the seqs).
 * - A batch is delivered to some consumer at least once and is removed only
 *   after the handler resolves. If the handler rejects, or the consumer dies,
 *   the batch is delivered again later; nothing is discarded. The handler
 *   must therefore be idempotent.
 *   A queue without a broker (DirectPersistQueue) runs the handler inside
 *   `publish`: publish resolves only after the handler resolved and rejects
 *   with its error otherwise, so nothing is ever held or delivered again.
 * - No ordering between batches is promised.
 *
 * Tested by one suite against every implementation:
 * test/contract/persist-queue.suite.ts (its PersistQueueCapabilities say
 * which cases need a broker).
 */
export interface PersistQueue {
  publish(batch: PersistBatch): Promise<void>;
  /**
   * Starts consuming. The handler receives one or more batches at a time;
   * when it resolves they are acknowledged together; when it rejects they
   * are requeued after a back-off.
   */
  consume(handler: (batches: PersistBatch[]) => Promise<void>): Promise<void>;
  /** Batches waiting in the broker (for metrics and tests); null if unknown. */
  depth(): Promise<number | null>;
  /**
   * ms since the epoch since which this handle's broker connection has been
   * up without a break: the last time it was regained (or lost); while it is
   * down, the current time (0: never broken; a queue without a broker always
   * answers 0). Batches can be held in the broker through a break, so sync's
   * gap bound counts from here and passes over no gap during one.
   */
  connectionChangedAt?(): number;
  /** Stops consuming (finishing the handler in progress), then disconnects. Idempotent. */
  close(): Promise<void>;
}
