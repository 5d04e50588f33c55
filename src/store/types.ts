// Plain data shapes shared by the chat logic and the store/queue contracts.

/** One accepted message; its body is stored once (table messages). */
export interface StoredMessage {
  msgId: number;
  senderId: number;
  deviceId: string;
  clientId: number;
  sessionType: number;
  /** the user (1:1) or group the message was sent to */
  receiverId: number;
  messageType: number;
  content: Uint8Array;
  /** ms since epoch, set by the server when it accepted the message */
  sendTime: number;
  /** the seq of the sender's own inbox copy (answered again on a duplicate) */
  senderSeq: number;
  /**
   * The uplink fence generation this copy was made under (0 or absent: none).
   * The store refuses a copy whose device has a newer fence covering its
   * client_id (MessageStore.claimUplink).
   */
  fence?: number;
}

/**
 * What a recall (DESIGN.md §6a) needs to know of the message it takes back:
 * a stored message's envelope, without its content. `messageType` is the
 * type it was sent with (a recalled message keeps it here; only reads of
 * the inbox serve it as MT_RECALLED).
 */
export interface MessageMeta {
  msgId: number;
  senderId: number;
  sessionType: number;
  receiverId: number;
  messageType: number;
  /** ms since epoch, as StoredMessage.sendTime */
  sendTime: number;
}

/**
 * The durable unit of write-behind persistence: the messages accepted in one
 * tick and one inbox row per recipient, as parallel arrays
 * (userIds[i], seqs[i]) -> msgIds[i]. Mirrors internal.proto PersistBatch.
 */
export interface PersistBatch {
  messages: StoredMessage[];
  /** final rejections of the tick (the client_ids are consumed): stored with the messages */
  rejections?: StoredRejection[];
  /** one inbox row per index i: (userIds[i], seqs[i]) -> msgIds[i] */
  userIds: ArrayLike<number>;
  seqs: ArrayLike<number>;
  msgIds: ArrayLike<number>;
}

/** One inbox position as sync reads it. msgId 0 is a tombstone (abandoned seq). */
export interface InboxEntry {
  seq: number;
  msgId: number;
  /** ms the row has existed, by the database's clock */
  ageMs: number;
  /** null for a tombstone */
  message: StoredMessage | null;
}

/** What one persist call found besides the rows it wrote (for logs and metrics). */
export interface PersistResult {
  /**
   * Inbox positions (user_id, seq) that already held another message or a
   * tombstone where this batch put a message, or a message where it put a
   * tombstone. The existing row is kept; each one means a seq was handed out
   * twice (I4) and is an error to log and count, never to ignore.
   */
  collisions: number;
  /** messages refused because a newer uplink fence covers them (their rows became tombstones) */
  fenced: number;
}

/** A final rejection of a client_id (codes 1, 3, 4, 5), stored so that it outlives the dedup state. */
export interface StoredRejection {
  senderId: number;
  deviceId: string;
  clientId: number;
  code: number;
  msg: string;
  /** the uplink fence generation it was decided under (as StoredMessage.fence) */
  fence?: number;
}

/** The outcome stored for a client_id: the message's sender seq and msg_id, or its final rejection. */
export type StoredUplink = { senderSeq: number; msgId: number } | { code: number; msg: string };
