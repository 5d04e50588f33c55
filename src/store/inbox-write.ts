// The last step of a persist in both message stores (MySQL, SQLite): the
// inbox rows, chunk by chunk, and the conversations they move
// (conversation-rows.ts), inside the persist's transaction. Each store
// passes its dialect's statements.
import { ConversationDeltas, countUnread, foldDeltas, unreadKeysSql, type ConversationUpdate, type MessageEnvelope, type ReadSeqRow } from './conversation-rows.js';
import { chunks, countMismatches, heldPositions, mismatchAt, positionKey, type HeldRow, type InboxRows } from './persist-rows.js';

/** The statements of one store, in its open transaction. */
export interface InboxWriteStatements {
  /** INSERT IGNORE of rows [from, to) (a message not in `present` as a tombstone); resolves to the rows written */
  insert(from: number, to: number): Promise<number>;
  /** what positions [from, to) hold; `locking`: a read that later writers of those positions wait for (MySQL: LOCK IN SHARE MODE) */
  read(from: number, to: number, locking: boolean): Promise<HeldRow[]>;
  /** the dialect's readSeqsSql of `keys` (unreadKeysSql), run: locks those conversation rows until the commit */
  readSeqs(keys: string): Promise<ReadSeqRow[]>;
  /** the dialect's conversationUpsertSql of `updates`, run */
  upsert(updates: readonly ConversationUpdate[]): Promise<void>;
}

/**
 * Writes `rows` (INSERT IGNORE: a position already held keeps its row) and
 * upserts each conversation once, counting only the rows that are new and
 * hold a live message, so that the conversations stay exact when the same batches are
 * persisted again. Resolves to the collisions (positions that held another
 * message or a tombstone than the one written there).
 *
 * `allNew`: every message the rows reference was inserted by this
 * transaction. Then no row of theirs can exist yet except at a collision,
 * and the common path costs the inbox INSERT plus one upsert per chunk.
 * Otherwise (a batch delivered again, duplicates, refused copies) the
 * positions are read with a locking read before the INSERT and only those
 * found absent count: a concurrent persister of the same rows either waits
 * for this transaction or is waited for.
 */
export async function writeInboxAndConversations(
  s: InboxWriteStatements,
  rows: InboxRows,
  present: ReadonlySet<number>,
  envelope: (msgId: number) => MessageEnvelope | undefined,
  allNew: boolean,
  chunkRows: number,
): Promise<number> {
  const deltas = new ConversationDeltas(envelope);
  let collisions = 0;
  for (let from = 0; from < rows.length; from += chunkRows) {
    const to = Math.min(rows.length, from + chunkRows);
    if (allNew) {
      const written = await s.insert(from, to);
      if (written < to - from) {
        // Fewer rows written than given: collisions, told apart by reading them.
        const held = heldPositions(await s.read(from, to, false));
        collisions += countMismatches(rows, from, to, present, held);
        deltas.add(rows, from, to, present, (i) => mismatchAt(rows, i, present, held));
      } else deltas.add(rows, from, to, present);
    } else {
      const held = heldPositions(await s.read(from, to, true));
      collisions += countMismatches(rows, from, to, present, held);
      await s.insert(from, to);
      deltas.add(rows, from, to, present, (i) => held.has(positionKey(rows, i)));
    }
  }
  // One update per conversation: its unread rows counted against read_seq
  // read under a lock (a CT_READ of the same conversation waits for the commit).
  for (const chunk of chunks(foldDeltas(deltas.sorted()), chunkRows)) {
    const keys = unreadKeysSql(chunk);
    countUnread(chunk, keys ? await s.readSeqs(keys) : []);
    await s.upsert(chunk);
  }
  return collisions;
}
