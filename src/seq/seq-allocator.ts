// Seq allocation contract (DESIGN.md §4, invariants I3, I4).

/**
 * Hands out per-user inbox seqs.
 *
 * Guarantees:
 * - For each user, seqs are strictly increasing across all calls from all
 *   processes of the cluster, and never handed out twice: not after the fast
 *   store (Redis) loses its data, not after a crash (I4). Every seq returned
 *   is covered by a segment already reserved durably, so a restart resumes
 *   above it.
 * - Seqs may be skipped (after a reset the counter jumps to the durable
 *   high-water mark); callers must not assume density. Sync copes with gaps.
 * - Within one call, a user's `count` seqs are consecutive and returned as the
 *   last one; the caller assigns last-count+1 … last in its own order.
 * - A call either returns a seq for every user or rejects (an
 *   UnavailableError) having handed out nothing: a failed call leaves no
 *   allocated-but-unused seq behind (nothing to tombstone).
 */
export interface SeqAllocator {
  /**
   * Allocates counts[i] (>= 1) consecutive seqs for userIds[i] (distinct).
   * Resolves to the last seq of each user's run, index-aligned with userIds.
   */
  allocate(userIds: readonly number[], counts: readonly number[]): Promise<number[]>;
  /**
   * The last seq handed out for the user (0 if none, null if the counter is
   * unknown, e.g. after Redis lost it). Sync reports it so that a device
   * knows more is on its way (allocated, not persisted yet).
   */
  peek(userId: number): Promise<number | null>;
  /**
   * Makes each user's counter known and covered by a durable segment now,
   * handing out no seq: a new user's first allocation then waits on no
   * durable reservation (called at registration, off the message path).
   * A no-op for users already known. Rejects (UnavailableError) like
   * allocate; a caller may ignore that, the first allocation reserves then.
   */
  prime(userIds: readonly number[]): Promise<void>;
  /** Stops background reservations. Idempotent. */
  close(): Promise<void>;
}
