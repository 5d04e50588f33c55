// Durable msg_id blocks contract (DESIGN.md §2): where the server-wide
// msg_ids handed out by MsgIdAllocator (src/chat/msg-ids.ts) come from.
// Implemented over MySQL (msg-id-blocks-mysql.ts) and SQLite
// (msg-id-blocks-sqlite.ts), row id_blocks.name = 'msg_id'.

/**
 * Hands out blocks of msg_ids.
 *
 * Guarantees:
 * - Durable: a block is committed before its first id is answered; a
 *   restart (of any process) resumes above every block handed out before.
 * - Never an id twice: concurrent reservations, from any number of handles
 *   and processes, get disjoint blocks; blocks follow each other without
 *   gaps in the order the reservations commit (the first id ever is 1).
 * - Ids stay below 2^53 (safe integers): a reservation that would cross it
 *   rejects (RangeError) and reserves nothing.
 */
export interface MsgIdBlockStore {
  /**
   * Reserves `count` (a positive safe integer, else RangeError) msg_ids;
   * resolves to the first (the block is first … first+count-1).
   */
  reserveMsgIds(count: number): Promise<number>;
}
