// Durable seq segments contract (DESIGN.md §4, invariants I3, I4): the
// high-water marks below which seq allocators hand out seqs. Implemented
// over MySQL (src/store/seq-segments-mysql.ts) and SQLite
// (src/store/seq-segments-sqlite.ts), table user_seq.

/**
 * The durable side of a seq allocator: per user, the highest seq any
 * allocator may hand out (user_seq.max_seq).
 *
 * Guarantees:
 * - Durable: a reservation that resolved survives a crash and a restart of
 *   every process (it is committed before the answer).
 * - Never the same segment twice: concurrent reservations for the same user,
 *   from any number of handles and processes, are serialised; each answers a
 *   different maximum, each `step` above the one before.
 * - Atomic per call: either every user of the call is raised or none is.
 */
export interface SeqSegmentStore {
  /**
   * Atomically raises each user's durable max_seq by `step` (creating it at
   * `step` if absent) and returns the new max per user (one entry per
   * distinct user; an empty map for no user). After it resolves, no
   * allocator will ever hand out a seq above the returned value that was not
   * first covered by a later reservation. Rejects a `step` that is not a
   * positive safe integer (RangeError) before writing anything.
   */
  reserveSegments(userIds: readonly number[], step: number): Promise<Map<number, number>>;
}

/**
 * Optional side of a segment store: gives back the unused rest of segments
 * at a clean shutdown (the SQLite store implements it, for the embedded
 * engine whose one allocator per node knows it is the only one).
 */
export interface SeqSegmentRelease {
  /**
   * For each row, atomically: if the user's durable max_seq still equals
   * `reserved` (no other reservation came after it), lowers it to `last`;
   * otherwise leaves it. One transaction. Resolves to the number of users
   * lowered. Rejects a row with `last` above `reserved` (RangeError).
   */
  releaseSegments(rows: readonly { userId: number; reserved: number; last: number }[]): Promise<number>;
}
