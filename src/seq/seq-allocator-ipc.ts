import { ChatError, UnavailableError } from '../errors.js';
import type { SeqAllocator } from './seq-allocator.js';

/** A worker's allocation request to the allocator that serves the whole node (an IPC message body). */
export type SeqAllocCall =
  | {
      op: 'seq_alloc';
      users: number[];
      counts: number[];
    }
  | { op: 'seq_peek'; user: number }
  | { op: 'seq_prime'; users: number[] };

/** Whether an engine call is for the seq allocator (the rest are presence calls). */
export function isSeqCall<T extends { op: string }>(c: T | SeqAllocCall): c is SeqAllocCall {
  return c.op === 'seq_alloc' || c.op === 'seq_peek' || c.op === 'seq_prime';
}

/** Counters of a proxy: `redisCalls` counts its round trips to the allocator (the fast store's equivalent). */
export interface IpcSeqAllocatorStats {
  allocations: number;
  redisCalls: number;
  segmentReservations: number;
}

/**
 * The worker side of a seq allocator held by another process (the embedded
 * engine's primary): one round trip per call, whatever the number of users,
 * so one per pipeline tick. The allocator behind it gives the contract's
 * guarantees; a failed round trip rejects with UnavailableError. (If the
 * answer is lost after the allocator handed the seqs out, they stay unused:
 * gaps, which sync passes over after its time bound.)
 */
export class IpcSeqAllocator implements SeqAllocator {
  readonly stats: IpcSeqAllocatorStats = { allocations: 0, redisCalls: 0, segmentReservations: 0 };

  constructor(private readonly call: (c: SeqAllocCall) => Promise<unknown>) {}

  async allocate(userIds: readonly number[], counts: readonly number[]): Promise<number[]> {
    if (userIds.length === 0) return [];
    this.stats.redisCalls++;
    let lasts: unknown;
    try {
      lasts = await this.call({ op: 'seq_alloc', users: [...userIds], counts: [...counts] });
    } catch (err) {
      throw err instanceof ChatError ? err : new UnavailableError('seq allocator', err);
    }
    if (!Array.isArray(lasts) || lasts.length !== userIds.length) throw new UnavailableError('seq allocator (malformed answer)');
    for (const n of counts) this.stats.allocations += n;
    return lasts as number[];
  }

  async peek(userId: number): Promise<number | null> {
    try {
      const v = await this.call({ op: 'seq_peek', user: userId });
      return typeof v === 'number' ? v : null;
    } catch (err) {
      throw err instanceof ChatError ? err : new UnavailableError('seq allocator', err);
    }
  }

  async prime(userIds: readonly number[]): Promise<void> {
    if (userIds.length === 0) return;
    try {
      await this.call({ op: 'seq_prime', users: [...userIds] });
    } catch (err) {
      throw err instanceof ChatError ? err : new UnavailableError('seq allocator', err);
    }
  }

  /** Nothing to stop: the allocator belongs to the process that holds it. */
  async close(): Promise<void> {}
}

/** Answers a SeqAllocCall from the allocator this process holds. */
export async function serveSeqAlloc(seqs: SeqAllocator, c: SeqAllocCall): Promise<number[] | number | null> {
  if (c.op === 'seq_peek') return seqs.peek(c.user);
  if (c.op === 'seq_prime') {
    await seqs.prime(c.users);
    return null;
  }
  return seqs.allocate(c.users, c.counts);
}
