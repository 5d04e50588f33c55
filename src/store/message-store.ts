// Message store contract: the hot-path reads and writes of chat data
// (DESIGN.md §2, invariants I1, I2, I4, I5).
import type { InboxEntry, MessageMeta, PersistBatch, PersistResult, StoredUplink } from './types.js';

/** What the store knows of a device's uplink (recovery when the dedup state is unknown). */
export interface UplinkRecord {
  /** highest client_id stored for the device with its outcome, or null */
  last: ({ clientId: number } & StoredUplink) | null;
  /** the device's current fence generation (0: never fenced) */
  fence: number;
}

/** Answer of claimUplink: the copy already stored, or the new fence generation. */
export type UplinkClaim = { stored: StoredUplink } | { fence: number };

/**
 * Messages, inbox rows and uplink outcomes. Seq segments (SeqSegmentStore,
 * src/seq/seq-segments.ts) and msg_id blocks (MsgIdBlockStore,
 * msg-id-blocks.ts) have contracts of their own, implemented beside this
 * one over the same database handle.
 */
export interface MessageStore {
  /**
   * Writes the batches' messages and inbox rows, idempotently: a row already
   * present (same user_id+seq, or a tombstone there) is left as it is, and
   * if it holds something else than this batch puts there it is counted as
   * a collision. A message whose (sender, device, client_id) already exists
   * under another msg_id is a duplicate, and one refused by an uplink fence
   * (see claimUplink) or abandoned (see tombstone) is not stored: their inbox
   * rows are written as tombstones. All of one call commits atomically.
   *
   * Recall (DESIGN.md §6a): a stored message of type MT_RECALL marks the
   * message its content (RecallContent) names as recalled, in the same
   * transaction, and that message's stored content is dropped, whether it
   * is stored before, in the same call or after the recall (batches may be
   * persisted in any order). The first recall of a message is the one kept.
   * A recall that is not stored (abandoned, fenced, a duplicate) recalls
   * nothing. The pipeline validated the recall; the store does not check it
   * again (the original may not be stored yet).
   */
  persist(batches: readonly PersistBatch[]): Promise<PersistResult>;
  /**
   * Marks (userIds[i], seqs[i]) as abandoned: sync skips them at once, and a
   * real row arriving later for the same position is ignored. A position
   * that already holds a stored message is left alone (and counted as a
   * collision) unless that message is one of `abandonedMsgIds`: a tombstone
   * never replaces a message that was really stored. The messages
   * `abandonedMsgIds` are given up: a copy already stored is removed and one
   * arriving later is never stored, so its (sender, device, client_id) is
   * free for the sender's retransmit. Atomic. Resolves to the collisions.
   */
  tombstone(userIds: ArrayLike<number>, seqs: ArrayLike<number>, abandonedMsgIds?: readonly number[]): Promise<number>;
  /**
   * Inbox positions of the user above `afterSeq`, in seq order, at most
   * `limit`, tombstones included, with each row's age by the database clock.
   * A recalled message is served as MT_RECALLED with empty content.
   */
  readInbox(userId: number, afterSeq: number, limit: number): Promise<InboxEntry[]>;
  /** The device's highest stored client_id and its current fence generation. */
  uplinkState(userId: number, deviceId: string): Promise<UplinkRecord>;
  /** uplinkState of many devices (answers in the same order), in a few round trips whatever their number. */
  uplinkStates(devices: readonly { userId: number; deviceId: string }[]): Promise<UplinkRecord[]>;
  /** The stored message sent as (user, device, client_id), or null. */
  findUplink(userId: number, deviceId: string, clientId: number): Promise<StoredUplink | null>;
  /**
   * Settles a client_id that an earlier owner of the device may have handed
   * to persistence without committing its outcome (crash, or the device
   * moved to another node meanwhile). Atomically, against concurrent
   * persist calls: if a copy of (user, device, client_id) is stored, answers
   * it; otherwise raises the device's fence to a new generation covering
   * client_ids >= clientId and answers that generation. From then on every
   * copy of those client_ids made under an older generation is refused by
   * persist, so the caller may process the client_id again: its new copies,
   * stamped with the new generation, are the only ones that can be stored.
   * Callers claim only client_ids no copy of which was acknowledged (the
   * device retransmits it, so it holds no ACK for it or anything after it).
   */
  claimUplink(userId: number, deviceId: string, clientId: number): Promise<UplinkClaim>;
  /**
   * The envelopes of the stored messages among `msgIds` (in no particular
   * order; an id not stored, or abandoned, is absent): what a recall is
   * validated against. A few round trips whatever the number of ids.
   */
  findMessages(msgIds: readonly number[]): Promise<MessageMeta[]>;
  /**
   * What each inbox position (userIds[i], seqs[i]) holds, index-aligned:
   * its msg_id, 0 for a tombstone, null where there is no row (not
   * persisted yet, or never). A plain read by primary key, no lock: a row
   * being committed meanwhile may or may not be seen. For the delivery
   * ledger (its audit, and the watch on what is not yet persisted).
   */
  inboxAt(userIds: ArrayLike<number>, seqs: ArrayLike<number>): Promise<(number | null)[]>;
  /** Highest seq persisted in the user's inbox (tombstones included), 0 if none. */
  maxInboxSeq(userId: number): Promise<number>;
  /**
   * True for at most one caller over the life of the database, and only
   * while nothing was ever stored in it (no message, no rejection): that
   * caller is the first start of the deployment, so no uplink can be in
   * flight from an earlier one. Durable: it never answers true again.
   */
  claimFirstStart(): Promise<boolean>;
}
