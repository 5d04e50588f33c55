// Row shapes shared by the MySQL and SQLite message stores: the messages
// INSERT's columns, one message as statement values, chunks of messages by
// rows and bytes, an inbox row read back as an InboxEntry, and the stored
// answer to an uplink client_id.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { toBuffer } from './persist-rows.js';
import { MT_RECALLED } from './recall-content.js';
import type { InboxEntry, StoredMessage, StoredUplink } from './types.js';

export const MESSAGE_COLUMNS =
  '(msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq)';
export const MESSAGE_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Appends the values of `m` in MESSAGE_COLUMNS order. */
export function pushMessageValues(values: unknown[], m: StoredMessage): void {
  values.push(m.msgId, m.senderId, m.deviceId, m.clientId, m.sessionType, m.receiverId, m.messageType, toBuffer(m.content), m.sendTime, m.senderSeq);
}

/** Chunks of at most `maxRows` messages and about `maxBytes` of content (a larger message goes alone). */
export function* messageChunks(messages: readonly StoredMessage[], maxRows: number, maxBytes: number): Generator<StoredMessage[]> {
  let chunk: StoredMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (chunk.length > 0 && (chunk.length >= maxRows || bytes + m.content.byteLength > maxBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += m.content.byteLength;
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * The columns readInbox selects, in either dialect: the inbox row, its
 * message (LEFT JOIN messages) and whether that message was recalled
 * (LEFT JOIN recalled_messages), for an inbox aliased `i`.
 */
export const INBOX_JOINS = `LEFT JOIN messages m ON m.msg_id = i.msg_id AND i.msg_id <> 0
         LEFT JOIN recalled_messages r ON r.msg_id = i.msg_id AND i.msg_id <> 0`;
export const INBOX_MESSAGE_COLUMNS = `m.sender_id, m.device_id, m.client_id, m.session_type, m.receiver_id,
              m.message_type, m.content, m.send_time, m.sender_seq, r.recall_msg_id AS recalled_by`;

/** An inbox row joined with its message (all message columns null for a tombstone or a missing message). */
export interface InboxQueryRow {
  seq: number | string;
  msg_id: number | string;
  age_ms: number | string | null;
  sender_id: number | string | null;
  device_id: string | null;
  client_id: number | string | null;
  session_type: number | null;
  receiver_id: number | string | null;
  message_type: number | null;
  content: Buffer | null;
  send_time: number | string | null;
  sender_seq: number | string | null;
  /** the MT_RECALL message that took this one back, or null */
  recalled_by: number | string | null;
}

/** The message columns of a read (sync, CT_CONVERSATIONS) joined with recalled_messages. */
export interface MessageColumns {
  sender_id: number | string | null;
  device_id: string | null;
  client_id: number | string | null;
  receiver_id: number | string | null;
  message_type: number | string | null;
  content: Uint8Array | null;
  send_time: number | string | null;
  sender_seq: number | string | null;
}

/** A stored message as reads serve it: a recalled one as MT_RECALLED with empty content (DESIGN.md §6a). */
export function servedMessage(msgId: number, sessionType: number, recalled: boolean, r: MessageColumns): StoredMessage {
  return {
    msgId,
    senderId: Number(r.sender_id),
    deviceId: r.device_id ?? '',
    clientId: Number(r.client_id),
    sessionType,
    receiverId: Number(r.receiver_id),
    messageType: recalled ? MT_RECALLED : Number(r.message_type),
    content: recalled ? new Uint8Array(0) : (r.content ?? new Uint8Array(0)),
    sendTime: Number(r.send_time),
    senderSeq: Number(r.sender_seq),
  };
}

/** A row as sync serves it: a recalled message as MT_RECALLED with empty content (DESIGN.md §6a). */
export function inboxEntry(r: InboxQueryRow): InboxEntry {
  const msgId = Number(r.msg_id);
  const recalled = r.recalled_by !== null && r.recalled_by !== undefined;
  const message: StoredMessage | null = msgId !== 0 && r.sender_id !== null ? servedMessage(msgId, Number(r.session_type), recalled, r) : null;
  return { seq: Number(r.seq), msgId, ageMs: Number(r.age_ms ?? 0), message };
}

/**
 * The stored answer to (sender, device, client_id): the message's sender seq
 * and msg_id, or the final rejection; null if neither is stored. `lock` is
 * appended to both SELECTs inside `t` (MySQL: ' LOCK IN SHARE MODE'; SQLite
 * needs none inside its IMMEDIATE transaction).
 */
export async function findStoredUplink(db: Sequelize, userId: number, deviceId: string, clientId: number, t?: Transaction, lock = ''): Promise<StoredUplink | null> {
  const suffix = t ? lock : '';
  const opts = { replacements: [userId, deviceId, clientId], transaction: t, type: QueryTypes.SELECT as const };
  const rows = await db.query<{ sender_seq: number | string; msg_id: number | string }>(
    `SELECT sender_seq, msg_id FROM messages WHERE sender_id = ? AND device_id = ? AND client_id = ?${suffix}`,
    opts,
  );
  const m = rows[0];
  if (m) return { senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) };
  const rejected = await db.query<{ code: number | string; msg: string }>(`SELECT code, msg FROM uplink_rejections WHERE sender_id = ? AND device_id = ? AND client_id = ?${suffix}`, opts);
  const r = rejected[0];
  return r ? { code: Number(r.code), msg: r.msg } : null;
}
