// MessageStore over MySQL/MariaDB (sql/001_init.sql). Hot paths are raw
// multi-row statements through sequelize.query with replacements: sequelize
// models cost ~2x in client CPU on bulk writes (MACHINE-NOTES.md).
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { DEFAULT_DEADLOCK_ATTEMPTS, mysqlTransaction } from './db.js';
import { claimFirstStart } from './first-start.js';
import { inboxAt } from './inbox-at-sql.js';
import type { MessageStore, UplinkClaim, UplinkRecord } from './message-store.js';
import { conversationUpsertSql, ENVELOPE_COLUMNS, readSeqsSql, type ReadSeqRow, envelopeOf, type EnvelopeRow, type MessageEnvelope } from './conversation-rows.js';
import { writeInboxAndConversations } from './inbox-write.js';
import { INBOX_JOINS, INBOX_MESSAGE_COLUMNS, inboxEntry, MESSAGE_COLUMNS, MESSAGE_PLACEHOLDERS, messageChunks, pushMessageValues, type InboxQueryRow } from './message-rows-sql.js';
import { checkId, chunks, fencedCopies, fenceTest, senderIds, idListSql, inboxValuesSql, planTombstones, positionsSql, positiveInt, prepareRows, repeat, type FenceRow, type HeldRow } from './persist-rows.js';
import { findMessageMeta, recallsIn, recordRecalls, withoutRecalledContent } from './recall-rows-sql.js';
import type { InboxEntry, MessageMeta, PersistBatch, PersistResult, StoredUplink } from './types.js';
import { MysqlUplinkState } from './uplink-state-mysql.js';

/** Rows per multi-row INSERT / values per IN list. */
export const DEFAULT_CHUNK_ROWS = 1000;
/**
 * Upper bound of escaped content per messages INSERT. Content is sent as
 * X'hex' (2 chars per byte); this stays well below MariaDB's default
 * max_allowed_packet (16 MiB).
 */
export const DEFAULT_CHUNK_CONTENT_BYTES = 4 * 1024 * 1024;

export interface MysqlMessageStoreOptions {
  chunkRows?: number;
  chunkContentBytes?: number;
  deadlockAttempts?: number;
}

export class MysqlMessageStore implements MessageStore {
  private readonly chunkRows: number;
  private readonly chunkContentBytes: number;
  private readonly deadlockAttempts: number;
  private readonly uplink: MysqlUplinkState;

  constructor(
    private readonly db: Sequelize,
    opts: MysqlMessageStoreOptions = {},
  ) {
    this.chunkRows = positiveInt('MysqlMessageStore', 'chunkRows', opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
    this.chunkContentBytes = positiveInt('MysqlMessageStore', 'chunkContentBytes', opts.chunkContentBytes ?? DEFAULT_CHUNK_CONTENT_BYTES);
    this.deadlockAttempts = positiveInt('MysqlMessageStore', 'deadlockAttempts', opts.deadlockAttempts ?? DEFAULT_DEADLOCK_ATTEMPTS);
    this.uplink = new MysqlUplinkState(db, this.chunkRows);
  }

  async persist(batches: readonly PersistBatch[]): Promise<PersistResult> {
    const prepared = prepareRows(batches);
    if (!prepared) return { collisions: 0, fenced: 0 };
    const { messages: sortedMessages, rows: sortedRows, referenced, rejections } = prepared;

    return this.transaction(async (t) => {
      // Messages their worker abandoned (code 7 to the sender) are never
      // stored; their inbox rows become tombstones below. Copies an uplink
      // fence refuses (claimUplink): likewise. Both are locking reads (a
      // concurrent claim either sees this copy stored or fences it here),
      // read together, with the messages already recalled (stored without
      // their content): one round trip per chunk.
      const { abandoned, fences, recalled } = await this.priorState(
        sortedMessages.map((m) => m.msgId),
        senderIds(sortedMessages, rejections),
        t,
      );
      const refused = fenceTest(fences);
      const fenced = fences.length ? fencedCopies(sortedMessages, abandoned, refused) : new Set<number>();
      const liveRejections = fences.length ? rejections.filter((r) => !refused(r)) : rejections;
      for (const chunk of chunks(liveRejections, this.chunkRows)) {
        const values: unknown[] = [];
        for (const r of chunk) values.push(r.senderId, r.deviceId, r.clientId, r.code, r.msg.slice(0, 255));
        await this.db.query(`INSERT IGNORE INTO uplink_rejections (sender_id, device_id, client_id, code, msg) VALUES ${repeat('(?, ?, ?, ?, ?)', chunk.length)}`, { replacements: values, transaction: t });
      }
      const live = abandoned.size || fenced.size ? sortedMessages.filter((m) => !abandoned.has(m.msgId) && !fenced.has(m.msgId)) : sortedMessages;
      let inserted = 0;
      for (const chunk of messageChunks(withoutRecalledContent(live, recalled), this.chunkRows, this.chunkContentBytes)) {
        const values: unknown[] = [];
        for (const m of chunk) pushMessageValues(values, m);
        const [, written] = await this.db.query(`INSERT IGNORE INTO messages ${MESSAGE_COLUMNS} VALUES ${repeat(MESSAGE_PLACEHOLDERS, chunk.length)}`, {
          replacements: values,
          transaction: t,
          type: QueryTypes.INSERT,
        });
        inserted += Number(written);
      }

      // A message whose INSERT was ignored because its (sender, device,
      // client_id) already exists under another msg_id is absent here: it is
      // a duplicate, and its inbox rows become tombstones. A locking read so
      // that rows committed by a concurrent persister are seen.
      const present = new Set<number>();
      const envelopes = new Map<number, MessageEnvelope>(live.map((m) => [m.msgId, m]));
      // Every live message was inserted just now and the rows reference
      // only those: all present, nothing to read (a first delivery, the
      // common case). Otherwise (a batch delivered again, duplicates,
      // refused copies) read which are.
      const liveIds = new Set(live.map((m) => m.msgId));
      const allNew = inserted === live.length && referenced.every((id) => liveIds.has(id));
      if (allNew) for (const id of referenced) present.add(id);
      else for (const ids of chunks(referenced, this.chunkRows)) {
        const found = await this.db.query<EnvelopeRow>(`SELECT ${ENVELOPE_COLUMNS} FROM messages WHERE msg_id IN (${idListSql(ids)}) LOCK IN SHARE MODE`, {
          transaction: t,
          type: QueryTypes.SELECT,
        });
        for (const r of found) {
          const id = Number(r.msg_id);
          if (abandoned.has(id)) continue;
          present.add(id);
          envelopes.set(id, envelopeOf(r));
        }
      }

      await recordRecalls(this.db, t, recallsIn(live, (id) => present.has(id)), 'INSERT IGNORE', this.chunkRows);

      const collisions = await writeInboxAndConversations(
        {
          // IGNORE: an existing row or tombstone at (user_id, seq) wins.
          insert: async (from, to) => {
            const [, written] = await this.db.query(`INSERT IGNORE INTO inbox (user_id, seq, msg_id) VALUES ${inboxValuesSql(sortedRows, from, to, present)}`, { transaction: t, type: QueryTypes.INSERT });
            return Number(written);
          },
          read: (from, to, locking) =>
            this.db.query<HeldRow>(`SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (${positionsSql(sortedRows, from, to)})${locking ? ' LOCK IN SHARE MODE' : ''}`, { transaction: t, type: QueryTypes.SELECT }),
          readSeqs: (keys) => this.db.query<ReadSeqRow>(readSeqsSql('mysql', keys), { transaction: t, type: QueryTypes.SELECT }),
          upsert: async (updates) => void (await this.db.query(conversationUpsertSql('mysql', updates), { transaction: t })),
        },
        sortedRows,
        present,
        (id) => envelopes.get(id),
        allNew,
        this.chunkRows,
      );
      return { collisions, fenced: fenced.size + rejections.length - liveRejections.length };
    });
  }

  /**
   * Which of the messages are abandoned or already recalled, and the uplink
   * fences of their senders: locking reads (claims, tombstones and recalls
   * wait for this transaction), all in one UNION per chunk.
   */
  private async priorState(msgIds: readonly number[], senders: readonly number[], t: Transaction): Promise<{ abandoned: Set<number>; fences: FenceRow[]; recalled: Set<number> }> {
    const abandoned = new Set<number>();
    const recalled = new Set<number>();
    const fences: FenceRow[] = [];
    const idChunks = [...chunks(msgIds, this.chunkRows)];
    const senderChunks = [...chunks(senders, this.chunkRows)];
    for (let i = 0; i < Math.max(idChunks.length, senderChunks.length); i++) {
      const parts: string[] = [];
      if (idChunks[i]?.length) {
        const ids = idListSql(idChunks[i]!);
        parts.push(`(SELECT 0 AS f, msg_id AS a, NULL AS d, NULL AS g, NULL AS c FROM abandoned_messages WHERE msg_id IN (${ids}) LOCK IN SHARE MODE)`);
        parts.push(`(SELECT 2 AS f, msg_id AS a, NULL AS d, NULL AS g, NULL AS c FROM recalled_messages WHERE msg_id IN (${ids}) LOCK IN SHARE MODE)`);
      }
      if (senderChunks[i]?.length) parts.push(`(SELECT 1 AS f, sender_id AS a, device_id AS d, gen AS g, from_client_id AS c FROM uplink_fences WHERE sender_id IN (${idListSql(senderChunks[i]!)}) LOCK IN SHARE MODE)`);
      if (!parts.length) continue;
      const rows = await this.db.query<{ f: number | string; a: number | string; d: string | null; g: number | string | null; c: number | string | null }>(parts.join(' UNION ALL '), {
        transaction: t,
        type: QueryTypes.SELECT,
      });
      for (const r of rows) {
        if (Number(r.f) === 0) abandoned.add(Number(r.a));
        else if (Number(r.f) === 2) recalled.add(Number(r.a));
        else fences.push({ senderId: Number(r.a), deviceId: r.d!, gen: Number(r.g), from: Number(r.c) });
      }
    }
    return { abandoned, fences, recalled };
  }

  async tombstone(userIds: ArrayLike<number>, seqs: ArrayLike<number>, abandonedMsgIds: readonly number[] = []): Promise<number> {
    if (userIds.length !== seqs.length) throw new Error('tombstone: userIds and seqs differ in length');
    if (userIds.length === 0 && abandonedMsgIds.length === 0) return 0;
    for (const id of abandonedMsgIds) checkId(id);
    for (let i = 0; i < userIds.length; i++) {
      checkId(userIds[i]!);
      checkId(seqs[i]!);
    }
    const rows = Array.from(userIds, (userId, i) => ({ userId, seq: seqs[i]! })).sort((a, b) => a.userId - b.userId || a.seq - b.seq);
    const msgIds = [...new Set(abandonedMsgIds)].sort((a, b) => a - b);
    const given = new Set(msgIds);
    return this.transaction(async (t) => {
      for (const ids of chunks(msgIds, this.chunkRows)) {
        await this.db.query(`INSERT IGNORE INTO abandoned_messages (msg_id) VALUES ${repeat('(?)', ids.length)}`, { replacements: ids, transaction: t });
        // A copy that was persisted anyway gives up its (sender, device, client_id) key.
        await this.db.query(`DELETE FROM messages WHERE msg_id IN (${repeat('?', ids.length)})`, { replacements: ids, transaction: t });
      }
      let collisions = 0;
      for (const chunk of chunks(rows, this.chunkRows)) {
        const positions = chunk.map((r) => `(${r.userId},${r.seq})`).join(',');
        const existing = await this.db.query<{ user_id: number | string; seq: number | string; msg_id: number | string }>(
          `SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (${positions}) FOR UPDATE`,
          { transaction: t, type: QueryTypes.SELECT },
        );
        const plan = planTombstones(chunk, existing, given);
        collisions += plan.collisions;
        if (plan.insert.length) await this.db.query(`INSERT IGNORE INTO inbox (user_id, seq, msg_id) VALUES ${plan.insert.map((r) => `(${r.userId},${r.seq},0)`).join(',')}`, { transaction: t });
        if (plan.clear.length) await this.db.query(`UPDATE inbox SET msg_id = 0 WHERE (user_id, seq) IN (${plan.clear.map((r) => `(${r.userId},${r.seq})`).join(',')})`, { transaction: t });
      }
      return collisions;
    });
  }

  async readInbox(userId: number, afterSeq: number, limit: number): Promise<InboxEntry[]> {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`readInbox: bad limit ${limit}`);
    if (limit === 0) return [];
    // Age by the database clock: created_at was filled by CURRENT_TIMESTAMP(3)
    // of the same server (and session time zone, fixed by openDb).
    const rows = await this.db.query<InboxQueryRow>(
      `SELECT i.seq, i.msg_id,
              GREATEST(0, TIMESTAMPDIFF(MICROSECOND, i.created_at, NOW(3)) DIV 1000) AS age_ms,
              ${INBOX_MESSAGE_COLUMNS}
         FROM inbox i
         ${INBOX_JOINS}
        WHERE i.user_id = ? AND i.seq > ?
        ORDER BY i.seq
        LIMIT ?`,
      { replacements: [userId, afterSeq, limit], type: QueryTypes.SELECT },
    );
    return rows.map(inboxEntry);
  }

  findMessages(msgIds: readonly number[]): Promise<MessageMeta[]> {
    return findMessageMeta(this.db, msgIds, this.chunkRows);
  }

  async claimFirstStart(): Promise<boolean> {
    return claimFirstStart(this.db, 'INSERT IGNORE');
  }

  uplinkState(userId: number, deviceId: string): Promise<UplinkRecord> {
    return this.uplink.uplinkState(userId, deviceId);
  }

  uplinkStates(devices: readonly { userId: number; deviceId: string }[]): Promise<UplinkRecord[]> {
    return this.uplink.uplinkStates(devices);
  }

  findUplink(userId: number, deviceId: string, clientId: number): Promise<StoredUplink | null> {
    return this.uplink.findUplink(userId, deviceId, clientId);
  }

  claimUplink(userId: number, deviceId: string, clientId: number): Promise<UplinkClaim> {
    return this.uplink.claimUplink(userId, deviceId, clientId);
  }

  inboxAt(userIds: ArrayLike<number>, seqs: ArrayLike<number>): Promise<(number | null)[]> {
    return inboxAt(this.db, userIds, seqs, this.chunkRows, 'plain');
  }

  async maxInboxSeq(userId: number): Promise<number> {
    const rows = await this.db.query<{ m: number | string }>('SELECT COALESCE(MAX(seq), 0) AS m FROM inbox WHERE user_id = ?', {
      replacements: [userId],
      type: QueryTypes.SELECT,
    });
    return Number(rows[0]?.m ?? 0);
  }

  private transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    return mysqlTransaction(this.db, fn, this.deadlockAttempts);
  }
}
