// Seqs for pipeline unit tests: a MemorySeqAllocator over segments kept in
// a Map (nothing durable), each user's counter starting at 1.
import { MemorySeqAllocator } from '../../src/seq/seq-allocator-memory.js';

export function memorySeqs(): MemorySeqAllocator {
  const maxSeq = new Map<number, number>();
  return new MemorySeqAllocator({
    segments: {
      reserveSegments: async (users: readonly number[], step: number) => {
        for (const u of users) maxSeq.set(u, (maxSeq.get(u) ?? 0) + step);
        return new Map(users.map((u) => [u, maxSeq.get(u)!]));
      },
    },
    step: 100,
    threshold: 0.5,
  });
}
