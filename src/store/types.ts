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
}

/**
 * The durable unit of write-behind persistence: the messages accepted in one
 * tick and one inbox row per recipient, as parallel arrays
 * (userIds[i], seqs[i]) -> msgIds[i]. Mirrors internal.proto PersistBatch.
 */
export interface PersistBatch {
  messages: StoredMessage[];
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
