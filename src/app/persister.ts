// The persister of a worker: the write-behind consumer's handler, writing
// the queue's batches into the message store (DESIGN.md §2.4) and counting
// what it found on the delivery ledger's path.
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { MessageStore } from '../store/message-store.js';
import type { PersistBatch } from '../store/types.js';

/** The handler for PersistQueue.consume; `failed` hears of every failed write (sync's gap clock restarts). */
export function persistHandler(store: MessageStore, metrics: Metrics, log: Logger, failed: () => void): (batches: PersistBatch[]) => Promise<void> {
  return async (batches) => {
    let result;
    try {
      result = await store.persist(batches);
    } catch (err) {
      metrics.markPersistError();
      failed();
      throw err;
    }
    if (result.collisions > 0) {
      // A seq handed out twice (I4): the existing row was kept, this one dropped.
      metrics.markInboxCollisions(result.collisions);
      log.error({ collisions: result.collisions, batches: batches.length }, 'inbox rows collided with rows already stored at the same (user_id, seq)');
    }
    if (result.fenced > 0) {
      metrics.markPersistFenced(result.fenced);
      log.info({ fenced: result.fenced }, 'message copies refused by uplink fences (a newer copy was made after a crash or a device move)');
    }
    let rows = 0;
    let oldest = Infinity;
    for (const b of batches) {
      rows += b.userIds.length;
      for (const m of b.messages) if (m.sendTime < oldest) oldest = m.sendTime;
    }
    metrics.observePersist(rows, oldest === Infinity ? 0 : Date.now() - oldest);
    metrics.ledger.markRowsPersisted(rows);
  };
}
