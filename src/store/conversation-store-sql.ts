// ConversationStore's statements, shared by MySQL and SQLite: each
// implementation (conversation-store-mysql.ts, -sqlite.ts) gives its
// transaction, its row lock and the few expressions that differ.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { gochat } from '../proto/index.js';
import type { ConversationRecord, ConversationStore, GroupReads, MarkReadResult } from './conversation-store.js';
import { ST_GROUP } from './conversation-rows.js';
import { checkId, chunks } from './persist-rows.js';
import { MT_RECALL } from './recall-content.js';
import { servedMessage } from './message-rows-sql.js';
import type { StoredMessage } from './types.js';

const ST_SINGLE = gochat.SessionType.ST_SINGLE;

/** What differs between the dialects. */
export interface ConversationDialect {
  /** runs fn in one write transaction (retried whole on a deadlock or a busy lock) */
  transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  /** creates the row (user_id, session_type, peer_id) if absent and holds it until commit */
  ensureRow: string;
  /** appended to a read of a row the transaction then writes (MySQL ' FOR UPDATE'; SQLite: its write lock serialises) */
  forUpdate: string;
  /** raises peer_read_seq of (user_id, session_type, peer_id) to the 4th value, creating the row if absent */
  raisePeerRead: string;
  /** an inner join that keeps its left table the outer one (MySQL STRAIGHT_JOIN; SQLite CROSS JOIN) */
  innerFirst: string;
  /** ms since the epoch of group_members `gm`.joined_at */
  joinedAtMs: string;
}

interface ListRow {
  session_type: number | string;
  peer_id: number | string;
  last_seq: number | string;
  last_msg_id: number | string;
  read_seq: number | string;
  unread: number | string;
  peer_read_seq: number | string;
  sender_id: number | string | null;
  device_id: string | null;
  client_id: number | string | null;
  m_session_type: number | string | null;
  receiver_id: number | string | null;
  message_type: number | string | null;
  content: Buffer | null;
  send_time: number | string | null;
  sender_seq: number | string | null;
  recalled: number | string | null;
}

function lastMessage(r: ListRow): StoredMessage | null {
  if (r.sender_id === null || r.sender_id === undefined) return null;
  return servedMessage(Number(r.last_msg_id), Number(r.m_session_type), r.recalled !== null && r.recalled !== undefined, r);
}

/** The messages `m` of a user's inbox that belong to the conversation and count as unread there; binds (peerId, userId). */
function unreadFilter(sessionType: number): string {
  return sessionType === ST_GROUP
    ? `m.session_type = ${ST_GROUP} AND m.receiver_id = ? AND m.sender_id <> ? AND m.message_type <> ${MT_RECALL}`
    : `m.session_type = ${ST_SINGLE} AND m.sender_id = ? AND m.receiver_id = ? AND m.sender_id <> m.receiver_id AND m.message_type <> ${MT_RECALL}`;
}

/** CT_CONVERSATIONS: (user_id, limit). The index (user_id, last_seq) holds the key after it: read backwards, `limit` entries. */
export const LIST_SQL = `SELECT c.session_type, c.peer_id, c.last_seq, c.last_msg_id, c.read_seq, c.unread, c.peer_read_seq,
        m.sender_id, m.device_id, m.client_id, m.session_type AS m_session_type, m.receiver_id,
        m.message_type, m.content, m.send_time, m.sender_seq, r.msg_id AS recalled
   FROM conversations c
   LEFT JOIN messages m ON m.msg_id = c.last_msg_id AND c.last_msg_id <> 0
   LEFT JOIN recalled_messages r ON r.msg_id = c.last_msg_id AND c.last_msg_id <> 0
  WHERE c.user_id = ?
  ORDER BY c.last_seq DESC, c.session_type DESC, c.peer_id DESC
  LIMIT ?`;

/**
 * A read in the peer's numbering: (reader, seq, afterSeq, peer, reader);
 * backwards along the reader's inbox from seq, the first message of the
 * peer is the newest. `join` keeps the inbox the outer table (the dialect's
 * innerFirst): started from the peer's messages instead (its uplink index
 * leads with sender_id), a planner would read every message the peer ever
 * sent to anyone.
 */
export function translateSql(join: string): string {
  return `SELECT m.sender_seq FROM inbox i ${join} messages m ON m.msg_id = i.msg_id
  WHERE i.user_id = ? AND i.seq <= ? AND i.seq > ? AND i.msg_id <> 0
    AND m.sender_id = ? AND m.session_type = ${ST_SINGLE} AND m.receiver_id = ?
  ORDER BY i.seq DESC LIMIT 1`;
}

/** markRead's recount: (user, read_seq, last_seq, peer, user); the inbox range read in key order, each row's message looked up (`join` as in translateSql). */
export function unreadCountSql(join: string, sessionType: number): string {
  return `SELECT COUNT(*) AS n FROM inbox i ${join} messages m ON m.msg_id = i.msg_id
  WHERE i.user_id = ? AND i.seq > ? AND i.seq <= ? AND i.msg_id <> 0 AND ${unreadFilter(sessionType)}`;
}

/**
 * groupReads' members who got the message: (group, sender, send_time),
 * with their read_seq and last_seq of the group. `joinedAtMs`: the
 * dialect's expression.
 */
export function groupMembersSql(joinedAtMs: string): string {
  return `SELECT gm.user_id, c.read_seq, c.last_seq
   FROM group_members gm
   JOIN conversations c ON c.user_id = gm.user_id AND c.session_type = ${ST_GROUP} AND c.peer_id = gm.group_id
  WHERE gm.group_id = ? AND gm.user_id <> ? AND ${joinedAtMs} <= ?
  ORDER BY gm.user_id`;
}

/** Members per statement of groupUnreadSql (SQLite allows 500 terms in a compound SELECT). */
const GROUP_UNREAD_CHUNK = 200;

/**
 * Which of `members` hold message `msgId` above their read_seq: per member a
 * range read of its inbox key (read_seq, last_seq], stopped at the first
 * row holding the message, all in one statement. Bounds are literals (the
 * ids were checked or read back): a correlated subquery would make MySQL
 * read each member's whole inbox (a ref on user_id alone).
 */
export function groupUnreadSql(members: readonly { userId: number; readSeq: number; lastSeq: number }[], msgId: number): string {
  for (const m of members) for (const v of [m.userId, m.readSeq, m.lastSeq]) checkId(v);
  checkId(msgId);
  return members
    .map((m, k) => `SELECT u FROM (SELECT user_id AS u FROM inbox WHERE user_id = ${m.userId} AND seq > ${m.readSeq} AND seq <= ${m.lastSeq} AND msg_id = ${msgId} LIMIT 1) AS t${k}`)
    .join(' UNION ALL ');
}

export class SqlConversationStore implements ConversationStore {
  constructor(
    protected readonly db: Sequelize,
    private readonly d: ConversationDialect,
  ) {}

  async markRead(userId: number, sessionType: number, peerId: number, seq: number): Promise<MarkReadResult> {
    for (const v of [userId, sessionType, peerId, seq]) checkId(v);
    const key = [userId, sessionType, peerId];
    // read_seq only grows: one already at or above seq is the answer, no write needed.
    const seen = await this.db.query<{ read_seq: number | string }>('SELECT read_seq FROM conversations WHERE user_id = ? AND session_type = ? AND peer_id = ?', {
      replacements: key,
      type: QueryTypes.SELECT,
    });
    const known = Number(seen[0]?.read_seq ?? -1);
    if (known >= seq) return { readSeq: known, previousReadSeq: known, raised: false };
    return this.d.transaction(async (t) => {
      // The row lock orders this with the persisters' upserts of the row:
      // rows they committed before are counted below, the others add
      // themselves above the new read_seq after.
      await this.db.query(this.d.ensureRow, { replacements: key, transaction: t });
      const [row] = await this.db.query<{ read_seq: number | string; last_seq: number | string }>(
        `SELECT read_seq, last_seq FROM conversations WHERE user_id = ? AND session_type = ? AND peer_id = ?${this.d.forUpdate}`,
        { replacements: key, transaction: t, type: QueryTypes.SELECT },
      );
      const previous = Number(row!.read_seq);
      if (seq <= previous) return { readSeq: previous, previousReadSeq: previous, raised: false };
      const lastSeq = Number(row!.last_seq);
      let unread = 0;
      if (lastSeq > seq) {
        // A plain (snapshot) read, taken after the row lock: a locking one
        // would wait for persisters that wait for this row.
        const [n] = await this.db.query<{ n: number | string }>(
          unreadCountSql(this.d.innerFirst, sessionType),
          { replacements: [userId, seq, lastSeq, peerId, userId], transaction: t, type: QueryTypes.SELECT },
        );
        unread = Number(n!.n);
      }
      await this.db.query('UPDATE conversations SET read_seq = ?, unread = ? WHERE user_id = ? AND session_type = ? AND peer_id = ?', {
        replacements: [seq, unread, ...key],
        transaction: t,
      });
      return { readSeq: seq, previousReadSeq: previous, raised: true };
    });
  }

  async translateRead(readerId: number, peerId: number, seq: number, afterSeq: number): Promise<number> {
    for (const v of [readerId, peerId, seq, afterSeq]) checkId(v);
    if (seq <= afterSeq) return 0;
    const rows = await this.db.query<{ sender_seq: number | string }>(
      translateSql(this.d.innerFirst),
      { replacements: [readerId, seq, afterSeq, peerId, readerId], type: QueryTypes.SELECT },
    );
    const peerSeq = Number(rows[0]?.sender_seq ?? 0);
    if (peerSeq === 0) return 0;
    await this.d.transaction((t) => this.db.query(this.d.raisePeerRead, { replacements: [peerId, ST_SINGLE, readerId, peerSeq], transaction: t }));
    return peerSeq;
  }

  async list(userId: number, limit: number): Promise<ConversationRecord[]> {
    checkId(userId);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`list: bad limit ${limit}`);
    const rows = await this.db.query<ListRow>(
      LIST_SQL,
      { replacements: [userId, limit], type: QueryTypes.SELECT },
    );
    return rows.map((r) => ({
      sessionType: Number(r.session_type),
      peerId: Number(r.peer_id),
      lastSeq: Number(r.last_seq),
      lastMessage: lastMessage(r),
      readSeq: Number(r.read_seq),
      unread: Number(r.unread),
      peerReadSeq: Number(r.peer_read_seq),
    }));
  }

  async groupReads(groupId: number, msgId: number): Promise<GroupReads | null> {
    checkId(groupId);
    checkId(msgId);
    const [m] = await this.db.query<{ sender_id: number | string; send_time: number | string }>(
      `SELECT sender_id, send_time FROM messages WHERE msg_id = ? AND session_type = ${ST_GROUP} AND receiver_id = ?`,
      { replacements: [msgId, groupId], type: QueryTypes.SELECT },
    );
    if (!m) return null;
    const members = (
      await this.db.query<{ user_id: number | string; read_seq: number | string; last_seq: number | string }>(groupMembersSql(this.d.joinedAtMs), {
        replacements: [groupId, Number(m.sender_id), Number(m.send_time)],
        type: QueryTypes.SELECT,
      })
    ).map((r) => ({ userId: Number(r.user_id), readSeq: Number(r.read_seq), lastSeq: Number(r.last_seq) }));
    // A member whose read_seq covers its last_seq has read everything: nothing to read.
    const unread = new Set<number>();
    for (const chunk of chunks(members.filter((r) => r.lastSeq > r.readSeq), GROUP_UNREAD_CHUNK)) {
      const found = await this.db.query<{ u: number | string }>(groupUnreadSql(chunk, msgId), { type: QueryTypes.SELECT });
      for (const r of found) unread.add(Number(r.u));
    }
    const out: GroupReads = { read: [], unread: [] };
    for (const r of members) (unread.has(r.userId) ? out.unread : out.read).push(r.userId);
    return out;
  }
}
