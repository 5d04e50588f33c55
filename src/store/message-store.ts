// Message store contract: the hot-path reads and writes of chat data
// (DESIGN.md §2, invariants I1, I2, I4, I5).
import type { SeqSegmentStore } from '../seq/seq-allocator.js';
import type { InboxEntry, PersistBatch } from './types.js';

export interface MessageStore extends SeqSegmentStore {
  /**
   * Writes the batches' messages and inbox rows, idempotently: a row already
   * present (same user_id+seq, or a tombstone there) is left as it is; a
   * message whose (sender, device, client_id) already exists under another
   * msg_id is a duplicate: its inbox rows are written as tombstones. All of
   * one call commits atomically.
   */
  persist(batches: readonly PersistBatch[]): Promise<void>;
  /**
   * Marks (userIds[i], seqs[i]) as abandoned: sync skips them at once, and a
   * real row arriving later for the same position is ignored. Overrides a
   * row already there. The messages `abandonedMsgIds` are given up as well:
   * a copy already stored is removed and one arriving later is never stored,
   * so its (sender, device, client_id) is free for the sender's retransmit.
   * Atomic.
   */
  tombstone(userIds: ArrayLike<number>, seqs: ArrayLike<number>, abandonedMsgIds?: readonly number[]): Promise<void>;
  /**
   * Inbox positions of the user above `afterSeq`, in seq order, at most
   * `limit`, tombstones included, with each row's age by the database clock.
   */
  readInbox(userId: number, afterSeq: number, limit: number): Promise<InboxEntry[]>;
  /** Highest client_id persisted for the device with its outcome, or null. */
  lastUplink(userId: number, deviceId: string): Promise<{ clientId: number; senderSeq: number; msgId: number } | null>;
  /** The persisted message sent as (user, device, client_id), or null. */
  findUplink(userId: number, deviceId: string, clientId: number): Promise<{ senderSeq: number; msgId: number } | null>;
  /** Reserves `count` msg_ids durably; resolves to the first (ids first … first+count-1). */
  reserveMsgIds(count: number): Promise<number>;
  /** Highest seq persisted in the user's inbox (tombstones included), 0 if none. */
  maxInboxSeq(userId: number): Promise<number>;
}
