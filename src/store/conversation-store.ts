// Conversation state contract (DESIGN.md §6a): read state, read receipts,
// the conversation list and group read lists, over the table conversations
// (sql/006_conversations.sql). The message stores keep last_seq,
// last_msg_id and unread in the transaction that writes the inbox rows
// (conversation-rows.ts); this contract reads them and moves the read side.
// Implemented over MySQL and SQLite (conversation-store-mysql.ts,
// -sqlite.ts) on the engine's database handle.
import type { StoredMessage } from './types.js';

/** One conversation of a user, in the user's own inbox numbering. */
export interface ConversationRecord {
  sessionType: number;
  /** the other user of a 1:1, or the group */
  peerId: number;
  /** seq of the newest inbox row (0: none persisted yet) */
  lastSeq: number;
  /** the message at lastSeq: a recalled one as MT_RECALLED with empty content; null if none (or no longer stored) */
  lastMessage: StoredMessage | null;
  readSeq: number;
  /** persisted messages from others above readSeq, MT_RECALL excluded */
  unread: number;
  /** 1:1: the newest of this user's messages the peer has read, in this user's numbering (0: none) */
  peerReadSeq: number;
}

/** Answer of markRead. */
export interface MarkReadResult {
  /** the conversation's read_seq after the call */
  readSeq: number;
  /** read_seq before the call */
  previousReadSeq: number;
  /** whether the call raised it (readSeq > previousReadSeq) */
  raised: boolean;
}

/** Who of a group's members has read one of its messages. */
export interface GroupReads {
  /** ascending user ids */
  read: number[];
  unread: number[];
}

/**
 * Guarantees:
 * - read_seq only grows, and every write is durable once its promise
 *   resolves (committed). Every method is atomic (one transaction).
 * - unread is exact for persisted messages: the message stores add one per
 *   inbox row written (never twice for a batch persisted again) from
 *   another user above read_seq, and markRead recounts it when it raises
 *   read_seq, serialised with those writes on the conversation's row. A
 *   message persisted after a read (write-behind) above the new read_seq
 *   still counts.
 * - Numbers are the user's own inbox seqs; ids stay below 2^53.
 * Arguments must be safe non-negative integers (RangeError otherwise,
 * before anything is written).
 */
export interface ConversationStore {
  /**
   * Raises the user's read_seq of (sessionType, peerId) to `seq` (creating
   * the conversation's row if absent) and, if raised, recounts unread: the
   * persisted inbox rows of the user above the new read_seq that belong to
   * the conversation, from others, MT_RECALL excluded (a range read of the
   * user's inbox above read_seq: its cost grows with the rows of the user,
   * of any conversation, above it). A seq at or below read_seq changes
   * nothing.
   */
  markRead(userId: number, sessionType: number, peerId: number, seq: number): Promise<MarkReadResult>;
  /**
   * A 1:1 read in the peer's numbering: `readerId` has read its
   * conversation with `peerId` up to `seq`; the newest message from the
   * peer in the reader's inbox in (afterSeq, seq] is found (a backward range
   * read of the reader's inbox, stopping at the first: its cost is bounded
   * by the rows in that range) and its seq in the peer's own inbox
   * (messages.sender_seq) raises the peer's peer_read_seq of (1, readerId).
   * Resolves to that peer seq, or 0 when the range holds no message from
   * the peer (nothing raised). Idempotent.
   */
  translateRead(readerId: number, peerId: number, seq: number, afterSeq: number): Promise<number>;
  /**
   * The user's conversations, newest first (last_seq descending; those
   * with no message persisted yet last, by key descending), at most `limit`
   * (a positive integer): an index range read of `limit` entries, whatever
   * the number of conversations.
   */
  list(userId: number, limit: number): Promise<ConversationRecord[]>;
  /**
   * Which members of group `groupId` have read the group's message
   * `msgId`: null when no such message of that group is persisted (unknown,
   * of another conversation, or not persisted yet: write-behind). In
   * neither list: the message's sender, a member whose joined_at is after
   * the message's send_time (it got no copy), and one that holds no message
   * of the group at all. Every other member has read it unless the message
   * is in its inbox above its read_seq of the group. There is no index on
   * inbox.msg_id: each member's inbox is read by key from its read_seq up to
   * its last_seq of the group, until the message is found, so the cost is
   * O(the members' unread rows), nothing for a member that read it all.
   */
  groupReads(groupId: number, msgId: number): Promise<GroupReads | null>;
}
