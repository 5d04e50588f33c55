// Recall (DESIGN.md §6a) in the SQL message stores, MySQL and SQLite alike:
// which messages of a persist take another one back, recording them in
// recalled_messages (sql/007_recalled_messages.sql) with the original's
// content blanked, and the envelope lookup the pipeline validates a recall
// against. Reads do not depend on the order in which a recall and its
// original are persisted: readInbox joins recalled_messages.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { chunks, idListSql, repeat } from './persist-rows.js';
import { MT_RECALL, recalledMsgId } from './recall-content.js';
import type { MessageMeta, StoredMessage } from './types.js';

/** One recall to record: `msgId` is taken back by the MT_RECALL message `recallMsgId`. */
export interface RecallRow {
  msgId: number;
  recallMsgId: number;
}

/**
 * The recalls among `messages` that `stored` says were really stored (not
 * abandoned, fenced or a duplicate): an MT_RECALL whose content names no
 * usable id is skipped, not thrown (the pipeline refused such messages; a
 * poison batch must not block the queue).
 */
export function recallsIn(messages: readonly StoredMessage[], stored: (msgId: number) => boolean): RecallRow[] {
  const out: RecallRow[] = [];
  for (const m of messages) {
    if (m.messageType !== MT_RECALL || !stored(m.msgId)) continue;
    const target = recalledMsgId(m.content);
    if (target !== null) out.push({ msgId: target, recallMsgId: m.msgId });
  }
  return out;
}

/**
 * Records the recalls inside `t`: a row per original (an original recalled
 * again keeps its first recall: `insertIgnore` is the dialect's INSERT
 * IGNORE), and the original's content blanked if it is stored already (one
 * persisted later is blanked as it is inserted: see the stores' persist).
 * Idempotent.
 */
export async function recordRecalls(db: Sequelize, t: Transaction, recalls: readonly RecallRow[], insertIgnore: string, chunkRows: number): Promise<void> {
  for (const chunk of chunks(recalls, chunkRows)) {
    const values: number[] = [];
    for (const r of chunk) values.push(r.msgId, r.recallMsgId);
    await db.query(`${insertIgnore} INTO recalled_messages (msg_id, recall_msg_id) VALUES ${repeat('(?, ?)', chunk.length)}`, { replacements: values, transaction: t });
    await db.query(`UPDATE messages SET content = ? WHERE msg_id IN (${idListSql(chunk.map((r) => r.msgId))})`, { replacements: [Buffer.alloc(0)], transaction: t });
  }
}

/** `m` with its content dropped when it is among `recalled` (an original whose recall was persisted first). */
export function withoutRecalledContent(messages: StoredMessage[], recalled: ReadonlySet<number>): StoredMessage[] {
  if (recalled.size === 0) return messages;
  return messages.map((m) => (recalled.has(m.msgId) ? { ...m, content: new Uint8Array(0) } : m));
}

/** MessageStore.findMessages over either dialect: one SELECT per chunk of ids. */
export async function findMessageMeta(db: Sequelize, msgIds: readonly number[], chunkRows: number): Promise<MessageMeta[]> {
  const out: MessageMeta[] = [];
  const ids = [...new Set(msgIds)].sort((a, b) => a - b);
  for (const chunk of chunks(ids, chunkRows)) {
    const rows = await db.query<{ msg_id: number | string; sender_id: number | string; session_type: number | string; receiver_id: number | string; message_type: number | string; send_time: number | string }>(
      `SELECT msg_id, sender_id, session_type, receiver_id, message_type, send_time FROM messages WHERE msg_id IN (${idListSql(chunk)})`,
      { type: QueryTypes.SELECT },
    );
    for (const r of rows) {
      out.push({
        msgId: Number(r.msg_id),
        senderId: Number(r.sender_id),
        sessionType: Number(r.session_type),
        receiverId: Number(r.receiver_id),
        messageType: Number(r.message_type),
        sendTime: Number(r.send_time),
      });
    }
  }
  return out;
}
