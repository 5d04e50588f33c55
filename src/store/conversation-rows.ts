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

/**
 * One conversation's change by a persist: its newest row of the persist
 * and how many of its rows count as unread (from others, not recalls,
 * above the user's read_seq).
 */
export interface ConversationUpdate {
  userId: number;
  sessionType: number;
  peerId: number;
  /** the highest seq among the persist's rows of the conversation, and its message */
  lastSeq: number;
  lastMsgId: number;
  /** seqs of the rows that are unread unless read_seq covers them, ascending */
  unreadSeqs: number[];
  /** rows above read_seq among unreadSeqs: set by countUnread */
  unread: number;
}

/**
 * Folds sorted deltas (ConversationDeltas.sorted) into one update per
 * conversation, still in the table's key order: a persist of many messages
 * to one group touches each member's row once, not once per message.
 */
export function foldDeltas(sorted: readonly ConversationDelta[]): ConversationUpdate[] {
  const out: ConversationUpdate[] = [];
  let cur: ConversationUpdate | null = null;
  for (const d of sorted) {
    if (!cur || cur.userId !== d.userId || cur.sessionType !== d.sessionType || cur.peerId !== d.peerId) {
      cur = { userId: d.userId, sessionType: d.sessionType, peerId: d.peerId, lastSeq: d.seq, lastMsgId: d.msgId, unreadSeqs: [], unread: 0 };
      out.push(cur);
    }
    if (d.seq >= cur.lastSeq) {
      cur.lastSeq = d.seq;
      cur.lastMsgId = d.msgId;
    }
    if (d.unread) cur.unreadSeqs.push(d.seq);
  }
  return out;
}

/** "(user,session_type,peer),…" of the updates with unread rows: whose read_seq the persist must read (locked) before it counts. */
export function unreadKeysSql(updates: readonly ConversationUpdate[]): string | null {
  const keys = updates.filter((u) => u.unreadSeqs.length > 0).map((u) => `(${u.userId},${u.sessionType},${u.peerId})`);
  return keys.length ? keys.join(',') : null;
}

/** A conversation's read_seq as the locking read returns it. */
export interface ReadSeqRow {
  user_id: number | string;
  session_type: number | string;
  peer_id: number | string;
  read_seq: number | string;
}

/** Sets each update's unread: its rows above the read_seq found (0 for a conversation not in the table yet). */
export function countUnread(updates: ConversationUpdate[], found: readonly ReadSeqRow[]): void {
  const readSeq = new Map<string, number>();
  for (const r of found) readSeq.set(`${r.user_id}:${r.session_type}:${r.peer_id}`, Number(r.read_seq));
  for (const u of updates) {
    const r = readSeq.get(`${u.userId}:${u.sessionType}:${u.peerId}`) ?? 0;
    let n = 0;
    for (const seq of u.unreadSeqs) if (seq > r) n++;
    u.unread = n;
  }
}

/** The locking read of read_seq for the keys unreadKeysSql gave. */
export function readSeqsSql(dialect: 'mysql' | 'sqlite', keys: string): string {
  const sql = `SELECT user_id, session_type, peer_id, read_seq FROM conversations WHERE (user_id, session_type, peer_id) IN (${keys})`;
  // SQLite: one writer at a time; the transaction already excludes other writers.
  return dialect === 'mysql' ? `${sql} FOR UPDATE` : sql;
}

/** "(user, session_type, peer, last_seq, last_msg_id, unread), …" as SQL literals (every value is a checked id or a count). */
export function updateValuesSql(updates: readonly ConversationUpdate[]): string {
  return updates.map((u) => `(${u.userId},${u.sessionType},${u.peerId},${u.lastSeq},${u.lastMsgId},${u.unread})`).join(',');
}

const UPSERT_COLUMNS = 'INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id, unread) VALUES';

/**
 * The upsert of `updates` (unread counted by countUnread under the lock of
 * the read_seqs it read): last_seq only grows and last_msg_id follows it;
 * unread grows by the update's count. MySQL evaluates the assignments left
 * to right (last_msg_id reads last_seq before it moves); SQLite's read the
 * old row, like standard SQL.
 */
export function conversationUpsertSql(dialect: 'mysql' | 'sqlite', updates: readonly ConversationUpdate[]): string {
  const values = updateValuesSql(updates);
  if (dialect === 'mysql') {
    return `${UPSERT_COLUMNS} ${values} ON DUPLICATE KEY UPDATE
      unread = unread + VALUES(unread),
      last_msg_id = IF(VALUES(last_seq) > last_seq, VALUES(last_msg_id), last_msg_id),
      last_seq = GREATEST(last_seq, VALUES(last_seq))`;
  }
  return `${UPSERT_COLUMNS} ${values} ON CONFLICT (user_id, session_type, peer_id) DO UPDATE SET
      unread = unread + excluded.unread,
      last_msg_id = CASE WHEN excluded.last_seq > last_seq THEN excluded.last_msg_id ELSE last_msg_id END,
      last_seq = MAX(last_seq, excluded.last_seq)`;
}
