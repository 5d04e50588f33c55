// PersistQueue contract against the direct, in-process queue of the embedded
// engine: no broker, so its capabilities say what does not apply
// (redelivery, hand-over between handles, connection loss) and the suite runs
// what it promises instead.
import { DirectPersistQueue } from '../../src/queue/persist-queue-direct.js';
import type { PersistBatch } from '../../src/store/types.js';
import { persistQueueContract } from './persist-queue.suite.js';

persistQueueContract('direct', { brokered: false, sharedByHandles: false }, async () => {
  // what the queue writes before a consumer is registered (the store's persist)
  const stored: PersistBatch[] = [];
  const q = new DirectPersistQueue({ persist: async (bs) => void stored.push(...bs) });
  return [q, () => q.close()];
});
