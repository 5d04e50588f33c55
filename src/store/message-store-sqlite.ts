// MessageStore over SQLite (sql/sqlite/001_init.sql), the embedded engine's
// twin of message-store-mysql.ts: the same statements in SQLite's dialect
// (INSERT OR IGNORE for INSERT IGNORE, ON CONFLICT … DO UPDATE for ON
// DUPLICATE KEY UPDATE). Every write runs in one BEGIN IMMEDIATE transaction:
// it holds the database's single write lock from its first statement, so
// what it reads is what it commits over (no row locks needed) and writers of
// several processes are serialised.
import { claimFirstStart } from './first-start.js';
import { checkId, chunks, countMismatches, fencedCopies, fenceTest, senderIds, idListSql, inboxValuesSql, planTombstones, positionsSql, positiveInt, prepareRows, repeat, toBuffer, type FenceRow } from './persist-rows.js';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { isBusy } from './db-sqlite.js';
import type { SeqSegmentRelease } from '../seq/seq-allocator-memory.js';
import type { MessageStore, UplinkClaim, UplinkRecord } from './message-store.js';
import type { InboxEntry, PersistBatch, PersistResult, StoredMessage, StoredUplink } from './types.js';

/** Rows per multi-row INSERT / values per IN list. */
export const DEFAULT_CHUNK_ROWS = 500;
/** Upper bound of content (sent as X'hex') per messages INSERT. */
export const DEFAULT_CHUNK_CONTENT_BYTES = 4 * 1024 * 1024;
/** Attempts of a transaction that could not get the write lock within the busy timeout. */
export const DEFAULT_BUSY_ATTEMPTS = 3;

export interface SqliteMessageStoreOptions {
  chunkRows?: number;
  chunkContentBytes?: number;
  busyAttempts?: number;
}

/** The database clock in ms since the epoch (the same expression as the created_at defaults). */
const NOW_MS = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";

const MESSAGE_COLUMNS =
  '(msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq)';
const MESSAGE_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';


interface InboxQueryRow {
  seq: number;
  msg_id: number;
  age_ms: number | null;
  sender_id: number | null;
  device_id: string | null;
  client_id: number | null;
  session_type: number | null;
  receiver_id: number | null;
  message_type: number | null;
  content: Buffer | null;
  send_time: number | null;
  sender_seq: number | null;
}

export class SqliteMessageStore implements MessageStore, SeqSegmentRelease {
  private readonly chunkRows: number;
  private readonly chunkContentBytes: number;
  private readonly busyAttempts: number;

  constructor(
    private readonly db: Sequelize,
    opts: SqliteMessageStoreOptions = {},
  ) {
    this.chunkRows = positiveInt('SqliteMessageStore', 'chunkRows', opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
    this.chunkContentBytes = positiveInt('SqliteMessageStore', 'chunkContentBytes', opts.chunkContentBytes ?? DEFAULT_CHUNK_CONTENT_BYTES);
    this.busyAttempts = positiveInt('SqliteMessageStore', 'busyAttempts', opts.busyAttempts ?? DEFAULT_BUSY_ATTEMPTS);
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
      for (const chunk of this.messageChunks(live)) {
        const values: unknown[] = [];
        for (const m of chunk) {
          values.push(m.msgId, m.senderId, m.deviceId, m.clientId, m.sessionType, m.receiverId, m.messageType, toBuffer(m.content), m.sendTime, m.senderSeq);
        }
        // OR IGNORE: the same msg_id stored before (a repeated batch), or its
        // (sender, device, client_id) already taken by another msg_id (a duplicate).
        await this.db.query(`INSERT OR IGNORE INTO messages ${MESSAGE_COLUMNS} VALUES ${repeat(MESSAGE_PLACEHOLDERS, chunk.length)}`, {
          replacements: values,
          transaction: t,
        });
      }

      // A message whose INSERT was ignored because its (sender, device,
      // client_id) already exists under another msg_id is absent here: it is
      // a duplicate, and its inbox rows become tombstones.
      const present = new Set<number>();
      for (const ids of chunks(referenced, this.chunkRows)) {
        const found = await this.db.query<{ msg_id: number }>(`SELECT msg_id FROM messages WHERE msg_id IN (${idListSql(ids)})`, {
          transaction: t,
          type: QueryTypes.SELECT,
        });
        for (const r of found) if (!abandoned.has(Number(r.msg_id))) present.add(Number(r.msg_id));
      }

      let collisions = 0;
      for (let from = 0; from < sortedRows.length; from += this.chunkRows) {
        const to = Math.min(sortedRows.length, from + this.chunkRows);
        // IGNORE: an existing row or tombstone at (user_id, seq) wins; fewer
        // rows written than given is a repeated batch or a collision.
        const [, written] = await this.db.query(`INSERT OR IGNORE INTO inbox (user_id, seq, msg_id) VALUES ${inboxValuesSql(sortedRows, from, to, present)}`, {
          transaction: t,
          type: QueryTypes.INSERT,
        });
        if (Number(written) < to - from) {
          const found = await this.db.query<{ user_id: number; seq: number; msg_id: number }>(
            `SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (VALUES ${positionsSql(sortedRows, from, to)})`,
            { transaction: t, type: QueryTypes.SELECT },
          );
          collisions += countMismatches(sortedRows, from, to, present, found);
        }
      }
      return { collisions, fenced: fenced.size + rejections.length - liveRejections.length };
    });
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
              m.sender_id, m.device_id, m.client_id, m.session_type, m.receiver_id,
              m.message_type, m.content, m.send_time, m.sender_seq
         FROM inbox i
         LEFT JOIN messages m ON m.msg_id = i.msg_id AND i.msg_id <> 0
        WHERE i.user_id = ? AND i.seq > ?
        ORDER BY i.seq
        LIMIT ?`,
      { replacements: [userId, afterSeq, limit], type: QueryTypes.SELECT },
    );
    return rows.map((r) => {
      const msgId = Number(r.msg_id);
      const message: StoredMessage | null =
        msgId !== 0 && r.sender_id !== null
          ? {
              msgId,
              senderId: Number(r.sender_id),
              deviceId: r.device_id ?? '',
              clientId: Number(r.client_id),
              sessionType: Number(r.session_type),
              receiverId: Number(r.receiver_id),
              messageType: Number(r.message_type),
              content: r.content ?? new Uint8Array(0),
              sendTime: Number(r.send_time),
              senderSeq: Number(r.sender_seq),
            }
          : null;
      return { seq: Number(r.seq), msgId, ageMs: Number(r.age_ms ?? 0), message };
    });
  }

  async reserveSegments(userIds: readonly number[], step: number): Promise<Map<number, number>> {
    if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`reserveSegments: bad step ${step}`);
    const ids = [...new Set(userIds)].sort((a, b) => a - b);
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    await this.transaction(async (t) => {
      out.clear();
      for (const chunk of chunks(ids, this.chunkRows)) {
        const values: number[] = [];
        for (const id of chunk) values.push(id, step);
        await this.db.query(
          `INSERT INTO user_seq (user_id, max_seq) VALUES ${repeat('(?, ?)', chunk.length)}
             ON CONFLICT (user_id) DO UPDATE SET max_seq = max_seq + excluded.max_seq`,
          { replacements: values, transaction: t },
        );
      }
      // The transaction holds the write lock: the values read are the ones it wrote.
      for (const chunk of chunks(ids, this.chunkRows)) {
        const rows = await this.db.query<{ user_id: number; max_seq: number }>(
          `SELECT user_id, max_seq FROM user_seq WHERE user_id IN (${repeat('?', chunk.length)})`,
          { replacements: chunk, transaction: t, type: QueryTypes.SELECT },
        );
        for (const r of rows) out.set(Number(r.user_id), Number(r.max_seq));
      }
      if (out.size !== ids.length) throw new Error('reserveSegments: a reserved row is missing');
    });
    return out;
  }

  async releaseSegments(rows: readonly { userId: number; reserved: number; last: number }[]): Promise<number> {
    for (const r of rows) {
      checkId(r.userId);
      checkId(r.reserved);
      checkId(r.last);
      if (r.last > r.reserved) throw new RangeError(`releaseSegments: last ${r.last} above reserved ${r.reserved}`);
    }
    if (rows.length === 0) return 0;
    return this.transaction(async (t) => {
      let changed = 0;
      for (const chunk of chunks(rows, this.chunkRows)) {
        const values: number[] = [];
        for (const r of chunk) values.push(r.userId, r.reserved, r.last);
        // Only where the durable mark is still this allocator's last reservation.
        changed += await this.db.query(
          `WITH r (user_id, reserved, last) AS (VALUES ${repeat('(?, ?, ?)', chunk.length)})
           UPDATE user_seq SET max_seq = (SELECT r.last FROM r WHERE r.user_id = user_seq.user_id)
            WHERE user_id IN (SELECT user_id FROM r)
              AND max_seq = (SELECT r.reserved FROM r WHERE r.user_id = user_seq.user_id)`,
          // BULKUPDATE: run as a write, answering the number of rows changed
          { replacements: values, transaction: t, type: QueryTypes.BULKUPDATE },
        );
      }
      return changed;
    });
  }

  async reserveMsgIds(count: number): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`reserveMsgIds: bad count ${count}`);
    return this.transaction(async (t) => {
      // The write lock serialises every reservation, in every process.
      const rows = await this.db.query<{ next_id: number }>("SELECT next_id FROM id_blocks WHERE name = 'msg_id'", {
        transaction: t,
        type: QueryTypes.SELECT,
      });
      if (rows.length !== 1) throw new Error("id_blocks has no 'msg_id' row");
      const first = Number(rows[0]!.next_id);
      if (!Number.isSafeInteger(first + count)) throw new RangeError('msg_id space exhausted (ids must stay below 2^53)');
      await this.db.query("UPDATE id_blocks SET next_id = next_id + ? WHERE name = 'msg_id'", { replacements: [count], transaction: t });
      return first;
    });
  }

  async claimFirstStart(): Promise<boolean> {
    return claimFirstStart(this.db, 'INSERT OR IGNORE');
  }


  /** One device after another: SQLite is in-process, a query costs no round trip. */
  async uplinkStates(devices: readonly { userId: number; deviceId: string }[]): Promise<UplinkRecord[]> {
    const out: UplinkRecord[] = [];
    for (const d of devices) out.push(await this.uplinkState(d.userId, d.deviceId));
    return out;
  }

  async uplinkState(userId: number, deviceId: string): Promise<UplinkRecord> {
    const rows = await this.db.query<{ client_id: number; sender_seq: number; msg_id: number }>(
      `SELECT client_id, sender_seq, msg_id FROM messages
        WHERE sender_id = ? AND device_id = ? ORDER BY client_id DESC LIMIT 1`,
      { replacements: [userId, deviceId], type: QueryTypes.SELECT },
    );
    const rejected = await this.db.query<{ client_id: number; code: number; msg: string }>(
      'SELECT client_id, code, msg FROM uplink_rejections WHERE sender_id = ? AND device_id = ? ORDER BY client_id DESC LIMIT 1',
      { replacements: [userId, deviceId], type: QueryTypes.SELECT },
    );
    const fences = await this.db.query<{ g: number | null }>('SELECT gen AS g FROM uplink_fence_gens WHERE sender_id = ? AND device_id = ?', {
      replacements: [userId, deviceId],
      type: QueryTypes.SELECT,
    });
    const m = rows[0];
    const r = rejected[0];
    let last: UplinkRecord['last'] = m ? { clientId: Number(m.client_id), senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) } : null;
    if (r && (!last || Number(r.client_id) > last.clientId)) last = { clientId: Number(r.client_id), code: Number(r.code), msg: r.msg };
    return { last, fence: Number(fences[0]?.g ?? 0) };
  }

  async findUplink(userId: number, deviceId: string, clientId: number, t?: Transaction): Promise<StoredUplink | null> {
    const rows = await this.db.query<{ sender_seq: number; msg_id: number }>(
      'SELECT sender_seq, msg_id FROM messages WHERE sender_id = ? AND device_id = ? AND client_id = ?',
      { replacements: [userId, deviceId, clientId], transaction: t, type: QueryTypes.SELECT },
    );
    const m = rows[0];
    if (m) return { senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) };
    const rejected = await this.db.query<{ code: number; msg: string }>(
      'SELECT code, msg FROM uplink_rejections WHERE sender_id = ? AND device_id = ? AND client_id = ?',
      { replacements: [userId, deviceId, clientId], transaction: t, type: QueryTypes.SELECT },
    );
    const r = rejected[0];
    return r ? { code: Number(r.code), msg: r.msg } : null;
  }

  async claimUplink(userId: number, deviceId: string, clientId: number): Promise<UplinkClaim> {
    checkId(userId);
    checkId(clientId);
    // One IMMEDIATE transaction: persist calls are serialised with it.
    return this.transaction(async (t) => {
      const stored = await this.findUplink(userId, deviceId, clientId, t);
      if (stored) return { stored };
      await this.db.query('INSERT INTO uplink_fence_gens (sender_id, device_id, gen) VALUES (?, ?, 1) ON CONFLICT (sender_id, device_id) DO UPDATE SET gen = gen + 1', {
        replacements: [userId, deviceId],
        transaction: t,
      });
      const gens = await this.db.query<{ gen: number }>('SELECT gen FROM uplink_fence_gens WHERE sender_id = ? AND device_id = ?', {
        replacements: [userId, deviceId],
        transaction: t,
        type: QueryTypes.SELECT,
      });
      const fence = Number(gens[0]!.gen);
      await this.db.query('INSERT INTO uplink_fences (sender_id, device_id, gen, from_client_id) VALUES (?, ?, ?, ?)', {
        replacements: [userId, deviceId, fence, clientId],
        transaction: t,
      });
      return { fence };
    });
  }


  async maxInboxSeq(userId: number): Promise<number> {
    const rows = await this.db.query<{ m: number }>('SELECT COALESCE(MAX(seq), 0) AS m FROM inbox WHERE user_id = ?', {
      replacements: [userId],
      type: QueryTypes.SELECT,
    });
    return Number(rows[0]?.m ?? 0);
  }

  /** Runs fn in one IMMEDIATE transaction, retrying it whole when the write lock stayed busy past the busy timeout. */
  private async transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(fn);
      } catch (err) {
        if (attempt >= this.busyAttempts || !isBusy(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }

  /** Chunks of at most chunkRows messages and about chunkContentBytes of content. */
  private *messageChunks(messages: readonly StoredMessage[]): Generator<StoredMessage[]> {
    let chunk: StoredMessage[] = [];
    let bytes = 0;
    for (const m of messages) {
      if (chunk.length > 0 && (chunk.length >= this.chunkRows || bytes + m.content.byteLength > this.chunkContentBytes)) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(m);
      bytes += m.content.byteLength;
    }
    if (chunk.length > 0) yield chunk;
  }
}





