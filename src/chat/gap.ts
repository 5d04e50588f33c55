// The sync hold-back of invariant I5, as a pure function over one page of
// inbox rows: what may be returned now without a lower seq ever appearing
// later.
import type { InboxEntry, StoredMessage } from '../store/types.js';

export interface GapDecision {
  /** rows that may be returned, in seq order (tombstones removed) */
  messages: { seq: number; message: StoredMessage }[];
  /** highest seq consumed (returned or skipped as tombstone); afterSeq if none */
  lastSeq: number;
  /** stopped in front of a young gap: nothing above it may be returned yet */
  blocked: boolean;
}

/**
 * Walks `rows` (ascending seq, all > afterSeq). A missing seq is a gap: it may
 * still be persisted (two writers, write-behind), so everything above it is
 * held back, unless the row right after the gap has existed longer than
 * `gapTimeoutMs`: every seq below a persisted row was allocated before it, so
 * a gap older than the bound is an allocation lost in a crash (or a skip
 * after a counter reset) and is passed over. Tombstones (abandoned seqs) fill
 * their position and are never returned.
 *
 * `ageCapMs` caps every row's age: the time this worker has seen the
 * persistence path work without interruption (since it started, since the
 * message store or the queue last failed). A batch can have been held
 * through such an interruption (a node down, MySQL or RabbitMQ restarting),
 * so a row's age says nothing about the gap below it from before then.
 */
export function selectSyncable(rows: readonly InboxEntry[], afterSeq: number, gapTimeoutMs: number, ageCapMs = Infinity): GapDecision {
  const messages: GapDecision['messages'] = [];
  let expected = afterSeq + 1;
  let lastSeq = afterSeq;
  for (const row of rows) {
    if (row.seq < expected) continue; // defensive: duplicates or out-of-order input
    if (row.seq > expected && Math.min(row.ageMs, ageCapMs) <= gapTimeoutMs) return { messages, lastSeq, blocked: true };
    if (row.message) messages.push({ seq: row.seq, message: row.message });
    lastSeq = row.seq;
    expected = row.seq + 1;
  }
  return { messages, lastSeq, blocked: false };
}
