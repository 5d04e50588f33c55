// What a persist does to the conversations table (sql/006_conversations.sql),
// decided without I/O and shared by the MySQL and SQLite message stores:
// which inbox rows count (written just now, holding a live message), the
// conversation each belongs to, and the multi-row upsert that applies them.
import { gochat } from '../proto/index.js';
import type { InboxRows } from './persist-rows.js';
import { MT_RECALL } from './recall-content.js';

export const ST_GROUP = gochat.SessionType.ST_GROUP;

/** What the upsert needs to know of a message. */
export interface MessageEnvelope {
  senderId: number;
  sessionType: number;
  receiverId: number;
  messageType: number;
}

/** The columns of messages a MessageEnvelope is read from, and one such row. */
export const ENVELOPE_COLUMNS = 'msg_id, sender_id, session_type, receiver_id, message_type';
export interface EnvelopeRow {
  msg_id: number | string;
  sender_id: number | string;
  session_type: number | string;
  receiver_id: number | string;
  message_type: number | string;
}

export function envelopeOf(r: EnvelopeRow): MessageEnvelope {
  return { senderId: Number(r.sender_id), sessionType: Number(r.session_type), receiverId: Number(r.receiver_id), messageType: Number(r.message_type) };
}

/** The conversation (session_type, peer_id) in which `userId` holds a copy of `m`. */
export function conversationOf(userId: number, m: MessageEnvelope): { sessionType: number; peerId: number } {
  if (m.sessionType === ST_GROUP) return { sessionType: ST_GROUP, peerId: m.receiverId };
  return { sessionType: m.sessionType, peerId: m.senderId === userId ? m.receiverId : m.senderId };
}

/** One inbox row newly written with a live message, as its conversation sees it. */
export interface ConversationDelta {
  userId: number;
  sessionType: number;
  peerId: number;
  seq: number;
  msgId: number;
  /** 1 if it is unread unless the user's read_seq already covers it: from someone else, not a recall */
  unread: 0 | 1;
}

/**
 * Collects the deltas of a persist's inbox rows, chunk by chunk, then hands
 * them out in the conversations table's key order (user, session_type,
 * peer, seq): concurrent persisters lock conversation rows in one order.
 */
export class ConversationDeltas {
  private readonly list: ConversationDelta[] = [];

  /** `envelope`: the message a msg_id names (every id in `present` must be known). */
  constructor(private readonly envelope: (msgId: number) => MessageEnvelope | undefined) {}

  /**
   * Rows [from, to) of `rows` whose message is in `present` (a row whose
   * message is not is written as a tombstone), except those `skip(i)` names
   * (positions that already held a row: written before, or a collision).
   */
  add(rows: InboxRows, from: number, to: number, present: ReadonlySet<number>, skip?: (i: number) => boolean): void {
    for (let i = from; i < to; i++) {
      const msgId = rows.msgIds[i]!;
      if (!present.has(msgId) || skip?.(i)) continue;
      const m = this.envelope(msgId);
      if (!m) throw new Error(`conversation upsert: message ${msgId} unknown`);
      const userId = rows.users[i]!;
      const c = conversationOf(userId, m);
      // A recall never counts as unread (DESIGN.md §6a).
      const unread = m.senderId !== userId && m.messageType !== MT_RECALL ? 1 : 0;
      this.list.push({ userId, sessionType: c.sessionType, peerId: c.peerId, seq: rows.seqs[i]!, msgId, unread });
    }
  }

  get length(): number {
    return this.list.length;
  }

  sorted(): ConversationDelta[] {
    return this.list.sort((a, b) => a.userId - b.userId || a.sessionType - b.sessionType || a.peerId - b.peerId || a.seq - b.seq);
  }
}

/** "(user, session_type, peer, seq, msg_id, unread), …" as SQL literals (every value is a checked id or 0/1). */
export function deltaValuesSql(deltas: readonly ConversationDelta[]): string {
  return deltas.map((d) => `(${d.userId},${d.sessionType},${d.peerId},${d.seq},${d.msgId},${d.unread})`).join(',');
}

const UPSERT_COLUMNS = 'INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id, unread) VALUES';

/**
 * The upsert of `deltas`, one VALUES row per delta, each applied to the row
 * as the previous ones left it: last_seq only grows and last_msg_id follows
 * it; unread grows by the delta's 1 only above read_seq. MySQL evaluates the
 * assignments left to right (last_msg_id reads last_seq before it moves);
 * SQLite's read the old row, like standard SQL.
 */
export function conversationUpsertSql(dialect: 'mysql' | 'sqlite', deltas: readonly ConversationDelta[]): string {
  const values = deltaValuesSql(deltas);
  if (dialect === 'mysql') {
    return `${UPSERT_COLUMNS} ${values} ON DUPLICATE KEY UPDATE
      unread = unread + IF(VALUES(last_seq) > read_seq, VALUES(unread), 0),
      last_msg_id = IF(VALUES(last_seq) > last_seq, VALUES(last_msg_id), last_msg_id),
      last_seq = GREATEST(last_seq, VALUES(last_seq))`;
  }
  return `${UPSERT_COLUMNS} ${values} ON CONFLICT (user_id, session_type, peer_id) DO UPDATE SET
      unread = unread + CASE WHEN excluded.last_seq > read_seq THEN excluded.unread ELSE 0 END,
      last_msg_id = CASE WHEN excluded.last_seq > last_seq THEN excluded.last_msg_id ELSE last_msg_id END,
      last_seq = MAX(last_seq, excluded.last_seq)`;
}
