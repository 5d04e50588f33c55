// MessageStore over SQLite (sql/sqlite/001_init.sql), the embedded engine's
// twin of message-store-mysql.ts: the same statements in SQLite's dialect
// (INSERT OR IGNORE for INSERT IGNORE, ON CONFLICT … DO UPDATE for ON
// DUPLICATE KEY UPDATE). Every write runs in one BEGIN IMMEDIATE transaction:
// it holds the database's single write lock from its first statement, so
// what it reads is what it commits over (no row locks needed) and writers of
// several processes are serialised.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { DEFAULT_BUSY_ATTEMPTS, sqliteTransaction } from './db-sqlite.js';
import { claimFirstStart } from './first-start.js';
import { inboxAt } from './inbox-at-sql.js';
import type { MessageStore, UplinkClaim, UplinkRecord } from './message-store.js';
import { conversationUpsertSql, ENVELOPE_COLUMNS, readSeqsSql, type ReadSeqRow, envelopeOf, type EnvelopeRow, type MessageEnvelope } from './conversation-rows.js';
import { writeInboxAndConversations } from './inbox-write.js';
import { INBOX_JOINS, INBOX_MESSAGE_COLUMNS, inboxEntry, MESSAGE_COLUMNS, MESSAGE_PLACEHOLDERS, messageChunks, pushMessageValues, type InboxQueryRow } from './message-rows-sql.js';
import { checkId, chunks, fencedCopies, fenceTest, senderIds, idListSql, inboxValuesSql, planTombstones, positionsSql, positiveInt, prepareRows, repeat, type FenceRow, type HeldRow } from './persist-rows.js';
import { findMessageMeta, recallsIn, recordRecalls, withoutRecalledContent } from './recall-rows-sql.js';
import type { InboxEntry, MessageMeta, PersistBatch, PersistResult, StoredUplink } from './types.js';
import { SqliteUplinkState } from './uplink-state-sqlite.js';

/** Rows per multi-row INSERT / values per IN list. */
export const DEFAULT_CHUNK_ROWS = 500;
/** Upper bound of content (sent as X'hex') per messages INSERT. */
export const DEFAULT_CHUNK_CONTENT_BYTES = 4 * 1024 * 1024;

export interface SqliteMessageStoreOptions {
  chunkRows?: number;
  chunkContentBytes?: number;
  busyAttempts?: number;
}

/** The database clock in ms since the epoch (the same expression as the created_at defaults). */
const NOW_MS = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";

export class SqliteMessageStore implements MessageStore {
  private readonly chunkRows: number;
  private readonly chunkContentBytes: number;
  private readonly busyAttempts: number;
  private readonly uplink: SqliteUplinkState;

  constructor(
    private readonly db: Sequelize,
    opts: SqliteMessageStoreOptions = {},
  ) {
    this.chunkRows = positiveInt('SqliteMessageStore', 'chunkRows', opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
    this.chunkContentBytes = positiveInt('SqliteMessageStore', 'chunkContentBytes', opts.chunkContentBytes ?? DEFAULT_CHUNK_CONTENT_BYTES);
    this.busyAttempts = positiveInt('SqliteMessageStore', 'busyAttempts', opts.busyAttempts ?? DEFAULT_BUSY_ATTEMPTS);
    this.uplink = new SqliteUplinkState(db, this.busyAttempts);
  }

  async persist(batches: readonly PersistBatch[]): Promise<PersistResult> {
    const prepared = prepareRows(batches);
    if (!prepared) return { collisions: 0, fenced: 0 };
    const { messages: sortedMessages, rows: sortedRows, referenced, rejections } = prepared;

    return this.transaction(async (t) => {
      // Messages their worker abandoned (code 7 to the sender) are never
      // stored; their inbox rows become tombstones below.
      const abandoned = new Set<number>();
      for (const ids of chunks(sortedMessages.map((m) => m.msgId), this.chunkRows)) {
        const found = await this.db.query<{ msg_id: number }>(`SELECT msg_id FROM abandoned_messages WHERE msg_id IN (${idListSql(ids)})`, {
          transaction: t,
          type: QueryTypes.SELECT,
        });
        for (const r of found) abandoned.add(Number(r.msg_id));
      }
      // Originals whose recall was persisted first are stored without their content.
      const recalled = await this.recalledAmong(sortedMessages.map((m) => m.msgId), t);
      // Copies an uplink fence refuses (claimUplink): likewise.
      const fences = await this.fencesOf(senderIds(sortedMessages, rejections), t);
      const refused = fenceTest(fences);
      const fenced = fences.length ? fencedCopies(sortedMessages, abandoned, refused) : new Set<number>();
      const liveRejections = fences.length ? rejections.filter((r) => !refused(r)) : rejections;
      for (const chunk of chunks(liveRejections, this.chunkRows)) {
        const values: unknown[] = [];
        for (const r of chunk) values.push(r.senderId, r.deviceId, r.clientId, r.code, r.msg.slice(0, 255));
        await this.db.query(`INSERT OR IGNORE INTO uplink_rejections (sender_id, device_id, client_id, code, msg) VALUES ${repeat('(?, ?, ?, ?, ?)', chunk.length)}`, { replacements: values, transaction: t });
      }
      const live = abandoned.size || fenced.size ? sortedMessages.filter((m) => !abandoned.has(m.msgId) && !fenced.has(m.msgId)) : sortedMessages;
      let inserted = 0;
      for (const chunk of messageChunks(withoutRecalledContent(live, recalled), this.chunkRows, this.chunkContentBytes)) {
        const values: unknown[] = [];
        for (const m of chunk) pushMessageValues(values, m);
        // OR IGNORE: the same msg_id stored before (a repeated batch), or its
        // (sender, device, client_id) already taken by another msg_id (a duplicate).
        const [, written] = await this.db.query(`INSERT OR IGNORE INTO messages ${MESSAGE_COLUMNS} VALUES ${repeat(MESSAGE_PLACEHOLDERS, chunk.length)}`, {
          replacements: values,
          transaction: t,
          type: QueryTypes.INSERT,
        });
        inserted += Number(written);
      }

      // A message whose INSERT was ignored because its (sender, device,
      // client_id) already exists under another msg_id is absent here: it is
      // a duplicate, and its inbox rows become tombstones.
      const present = new Set<number>();
      const envelopes = new Map<number, MessageEnvelope>(live.map((m) => [m.msgId, m]));
      for (const ids of chunks(referenced, this.chunkRows)) {
        const found = await this.db.query<EnvelopeRow>(`SELECT ${ENVELOPE_COLUMNS} FROM messages WHERE msg_id IN (${idListSql(ids)})`, {
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
      await recordRecalls(this.db, t, recallsIn(live, (id) => present.has(id)), 'INSERT OR IGNORE', this.chunkRows);
      // As in the MySQL store: every referenced message inserted just now.
      const liveIds = new Set(live.map((m) => m.msgId));
      const allNew = inserted === live.length && referenced.every((id) => liveIds.has(id));

      const collisions = await writeInboxAndConversations(
        {
          // IGNORE: an existing row or tombstone at (user_id, seq) wins.
          insert: async (from, to) => {
            const [, written] = await this.db.query(`INSERT OR IGNORE INTO inbox (user_id, seq, msg_id) VALUES ${inboxValuesSql(sortedRows, from, to, present)}`, { transaction: t, type: QueryTypes.INSERT });
            return Number(written);
          },
          // The write lock, held since BEGIN IMMEDIATE, makes every read a locking one.
          read: (from, to) =>
            this.db.query<HeldRow>(`SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (VALUES ${positionsSql(sortedRows, from, to)})`, { transaction: t, type: QueryTypes.SELECT }),
          readSeqs: (keys) => this.db.query<ReadSeqRow>(readSeqsSql('sqlite', keys), { transaction: t, type: QueryTypes.SELECT }),
          upsert: async (updates) => void (await this.db.query(conversationUpsertSql('sqlite', updates), { transaction: t })),
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

  private async recalledAmong(msgIds: readonly number[], t: Transaction): Promise<Set<number>> {
    const out = new Set<number>();
    for (const ids of chunks(msgIds, this.chunkRows)) {
      const rows = await this.db.query<{ msg_id: number }>(`SELECT msg_id FROM recalled_messages WHERE msg_id IN (${idListSql(ids)})`, { transaction: t, type: QueryTypes.SELECT });
      for (const r of rows) out.add(Number(r.msg_id));
    }
    return out;
  }

  private async fencesOf(senders: readonly number[], t: Transaction): Promise<FenceRow[]> {
    const out: FenceRow[] = [];
    for (const ids of chunks(senders, this.chunkRows)) {
      const rows = await this.db.query<{ sender_id: number; device_id: string; gen: number; from_client_id: number }>(
        `SELECT sender_id, device_id, gen, from_client_id FROM uplink_fences WHERE sender_id IN (${idListSql(ids)})`,
        { transaction: t, type: QueryTypes.SELECT },
      );
      for (const r of rows) out.push({ senderId: Number(r.sender_id), deviceId: r.device_id, gen: Number(r.gen), from: Number(r.from_client_id) });
    }
    return out;
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
        await this.db.query(`INSERT OR IGNORE INTO abandoned_messages (msg_id) VALUES ${repeat('(?)', ids.length)}`, { replacements: ids, transaction: t });
        // A copy that was persisted anyway gives up its (sender, device, client_id) key.
        await this.db.query(`DELETE FROM messages WHERE msg_id IN (${repeat('?', ids.length)})`, { replacements: ids, transaction: t });
      }
      let collisions = 0;
      for (const chunk of chunks(rows, this.chunkRows)) {
        const positions = chunk.map((r) => `(${r.userId},${r.seq})`).join(',');
        const existing = await this.db.query<{ user_id: number; seq: number; msg_id: number }>(`SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (VALUES ${positions})`, {
          transaction: t,
          type: QueryTypes.SELECT,
        });
        const plan = planTombstones(chunk, existing, given);
        collisions += plan.collisions;
        if (plan.insert.length) await this.db.query(`INSERT OR IGNORE INTO inbox (user_id, seq, msg_id) VALUES ${plan.insert.map((r) => `(${r.userId},${r.seq},0)`).join(',')}`, { transaction: t });
        if (plan.clear.length) await this.db.query(`UPDATE inbox SET msg_id = 0 WHERE (user_id, seq) IN (VALUES ${plan.clear.map((r) => `(${r.userId},${r.seq})`).join(',')})`, { transaction: t });
      }
      return collisions;
    });
  }

  async readInbox(userId: number, afterSeq: number, limit: number): Promise<InboxEntry[]> {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`readInbox: bad limit ${limit}`);
    if (limit === 0) return [];
    // Age by the database clock, the one that filled created_at. One
    // statement reads one snapshot (WAL), so the rows are a consistent state.
    const rows = await this.db.query<InboxQueryRow>(
      `SELECT i.seq, i.msg_id, MAX(0, ${NOW_MS} - i.created_at) AS age_ms,
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
    return claimFirstStart(this.db, 'INSERT OR IGNORE');
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
    return inboxAt(this.db, userIds, seqs, this.chunkRows, 'values');
  }

  async maxInboxSeq(userId: number): Promise<number> {
    const rows = await this.db.query<{ m: number }>('SELECT COALESCE(MAX(seq), 0) AS m FROM inbox WHERE user_id = ?', {
      replacements: [userId],
      type: QueryTypes.SELECT,
    });
    return Number(rows[0]?.m ?? 0);
  }

  private transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    return sqliteTransaction(this.db, fn, this.busyAttempts);
  }
}
