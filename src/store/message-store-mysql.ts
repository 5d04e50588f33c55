// MessageStore over MySQL/MariaDB (sql/001_init.sql). Hot paths are raw
// multi-row statements through sequelize.query with replacements: sequelize
// models cost ~2x in client CPU on bulk writes (MACHINE-NOTES.md).
import { claimFirstStart } from './first-start.js';
import { checkId, chunks, countMismatches, fencedCopies, fenceTest, senderIds, idListSql, inboxValuesSql, planTombstones, positionsSql, positiveInt, prepareRows, repeat, toBuffer, type FenceRow, type InboxRows } from './persist-rows.js';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { MessageStore, UplinkClaim, UplinkRecord } from './message-store.js';
import type { InboxEntry, PersistBatch, PersistResult, StoredMessage, StoredUplink } from './types.js';

/** Rows per multi-row INSERT / values per IN list. */
export const DEFAULT_CHUNK_ROWS = 1000;
/**
 * Upper bound of escaped content per messages INSERT. Content is sent as
 * X'hex' (2 chars per byte); this stays well below MariaDB's default
 * max_allowed_packet (16 MiB).
 */
export const DEFAULT_CHUNK_CONTENT_BYTES = 4 * 1024 * 1024;
/** Attempts of a transaction that InnoDB chose as a deadlock victim. */
export const DEFAULT_DEADLOCK_ATTEMPTS = 4;

export interface MysqlMessageStoreOptions {
  chunkRows?: number;
  chunkContentBytes?: number;
  deadlockAttempts?: number;
}

const MESSAGE_COLUMNS =
  '(msg_id, sender_id, device_id, client_id, session_type, receiver_id, message_type, content, send_time, sender_seq)';
const MESSAGE_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** MySQL error numbers after which the whole transaction may simply be retried. */
const ER_LOCK_DEADLOCK = 1213;


interface InboxQueryRow {
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
}

export class MysqlMessageStore implements MessageStore {
  private readonly chunkRows: number;
  private readonly chunkContentBytes: number;
  private readonly deadlockAttempts: number;

  constructor(
    private readonly db: Sequelize,
    opts: MysqlMessageStoreOptions = {},
  ) {
    this.chunkRows = positiveInt('MysqlMessageStore', 'chunkRows', opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
    this.chunkContentBytes = positiveInt('MysqlMessageStore', 'chunkContentBytes', opts.chunkContentBytes ?? DEFAULT_CHUNK_CONTENT_BYTES);
    this.deadlockAttempts = positiveInt('MysqlMessageStore', 'deadlockAttempts', opts.deadlockAttempts ?? DEFAULT_DEADLOCK_ATTEMPTS);
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
      // read together: one round trip per chunk.
      const { abandoned, fences } = await this.abandonedAndFences(
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
      for (const chunk of this.messageChunks(live)) {
        const values: unknown[] = [];
        for (const m of chunk) {
          values.push(
            m.msgId,
            m.senderId,
            m.deviceId,
            m.clientId,
            m.sessionType,
            m.receiverId,
            m.messageType,
            toBuffer(m.content),
            m.sendTime,
            m.senderSeq,
          );
        }
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
      // Every live message was inserted just now and the rows reference
      // only those: all present, nothing to read (a first delivery, the
      // common case). Otherwise (a batch delivered again, duplicates,
      // refused copies) read which are.
      const liveIds = new Set(live.map((m) => m.msgId));
      const allNew = inserted === live.length && referenced.every((id) => liveIds.has(id));
      if (allNew) for (const id of referenced) present.add(id);
      else for (const ids of chunks(referenced, this.chunkRows)) {
        const found = await this.db.query<{ msg_id: number | string }>(`SELECT msg_id FROM messages WHERE msg_id IN (${idListSql(ids)}) LOCK IN SHARE MODE`, {
          transaction: t,
          type: QueryTypes.SELECT,
        });
        for (const r of found) if (!abandoned.has(Number(r.msg_id))) present.add(Number(r.msg_id));
      }

      let collisions = 0;
      for (let from = 0; from < sortedRows.length; from += this.chunkRows) {
        const to = Math.min(sortedRows.length, from + this.chunkRows);
        // IGNORE: an existing row or tombstone at (user_id, seq) wins. Fewer
        // rows written than given: a batch delivered again (the same rows),
        // or a collision (another message there), told apart by reading them.
        const [, written] = await this.db.query(`INSERT IGNORE INTO inbox (user_id, seq, msg_id) VALUES ${inboxValuesSql(sortedRows, from, to, present)}`, {
          transaction: t,
          type: QueryTypes.INSERT,
        });
        if (Number(written) < to - from) collisions += await this.countCollisions(sortedRows, from, to, present, t);
      }
      return { collisions, fenced: fenced.size + rejections.length - liveRejections.length };
    });
  }

  /**
   * Which of the messages are abandoned, and the uplink fences of their
   * senders: locking reads (claims and tombstones wait for this
   * transaction), both in one UNION per chunk.
   */
  private async abandonedAndFences(msgIds: readonly number[], senders: readonly number[], t: Transaction): Promise<{ abandoned: Set<number>; fences: FenceRow[] }> {
    const abandoned = new Set<number>();
    const fences: FenceRow[] = [];
    const idChunks = [...chunks(msgIds, this.chunkRows)];
    const senderChunks = [...chunks(senders, this.chunkRows)];
    for (let i = 0; i < Math.max(idChunks.length, senderChunks.length); i++) {
      const parts: string[] = [];
      if (idChunks[i]?.length) parts.push(`(SELECT 0 AS f, msg_id AS a, NULL AS d, NULL AS g, NULL AS c FROM abandoned_messages WHERE msg_id IN (${idListSql(idChunks[i]!)}) LOCK IN SHARE MODE)`);
      if (senderChunks[i]?.length) parts.push(`(SELECT 1 AS f, sender_id AS a, device_id AS d, gen AS g, from_client_id AS c FROM uplink_fences WHERE sender_id IN (${idListSql(senderChunks[i]!)}) LOCK IN SHARE MODE)`);
      if (!parts.length) continue;
      const rows = await this.db.query<{ f: number | string; a: number | string; d: string | null; g: number | string | null; c: number | string | null }>(parts.join(' UNION ALL '), {
        transaction: t,
        type: QueryTypes.SELECT,
      });
      for (const r of rows) {
        if (Number(r.f) === 0) abandoned.add(Number(r.a));
        else fences.push({ senderId: Number(r.a), deviceId: r.d!, gen: Number(r.g), from: Number(r.c) });
      }
    }
    return { abandoned, fences };
  }

  /** Rows [from, to) whose position holds something else than this batch put there. */
  private async countCollisions(rows: InboxRows, from: number, to: number, present: ReadonlySet<number>, t: Transaction): Promise<number> {
    const found = await this.db.query<{ user_id: number | string; seq: number | string; msg_id: number | string }>(
      `SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (${positionsSql(rows, from, to)})`,
      { transaction: t, type: QueryTypes.SELECT },
    );
    return countMismatches(rows, from, to, present, found);
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
             ON DUPLICATE KEY UPDATE max_seq = max_seq + VALUES(max_seq)`,
          { replacements: values, transaction: t },
        );
      }
      // The rows stay X-locked by the upsert until commit, so a plain read in
      // this transaction sees the values it wrote. (A locking read here would
      // scan and lock the whole of a small table and deadlock concurrent
      // reservations.)
      for (const chunk of chunks(ids, this.chunkRows)) {
        const rows = await this.db.query<{ user_id: number | string; max_seq: number | string }>(
          `SELECT user_id, max_seq FROM user_seq WHERE user_id IN (${repeat('?', chunk.length)})`,
          { replacements: chunk, transaction: t, type: QueryTypes.SELECT },
        );
        for (const r of rows) out.set(Number(r.user_id), Number(r.max_seq));
      }
      if (out.size !== ids.length) throw new Error('reserveSegments: a reserved row is missing');
    });
    return out;
  }

  async reserveMsgIds(count: number): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`reserveMsgIds: bad count ${count}`);
    return this.transaction(async (t) => {
      // The row lock serialises every reservation, in every process.
      const rows = await this.db.query<{ next_id: number | string }>(
        "SELECT next_id FROM id_blocks WHERE name = 'msg_id' FOR UPDATE",
        { transaction: t, type: QueryTypes.SELECT },
      );
      if (rows.length !== 1) throw new Error("id_blocks has no 'msg_id' row");
      const first = Number(rows[0]!.next_id);
      if (!Number.isSafeInteger(first + count)) throw new RangeError('msg_id space exhausted (ids must stay below 2^53)');
      await this.db.query("UPDATE id_blocks SET next_id = next_id + ? WHERE name = 'msg_id'", {
        replacements: [count],
        transaction: t,
      });
      return first;
    });
  }

  async claimFirstStart(): Promise<boolean> {
    return claimFirstStart(this.db, 'INSERT IGNORE');
  }


  async uplinkState(userId: number, deviceId: string): Promise<UplinkRecord> {
    return (await this.uplinkStates([{ userId, deviceId }]))[0]!;
  }

  async uplinkStates(devices: readonly { userId: number; deviceId: string }[]): Promise<UplinkRecord[]> {
    if (devices.length === 0) return [];
    for (const d of devices) checkId(d.userId);
    const key = (userId: number | string, deviceId: string) => `${userId}\n${deviceId}`;
    const last = new Map<string, UplinkRecord['last']>();
    const fence = new Map<string, number>();
    // Per chunk of senders, three reads side by side (the first message of
    // devices Redis does not know waits on them). Each reads every device
    // of the senders; the answers keep the ones asked for.
    const senders = [...new Set(devices.map((d) => d.userId))];
    for (const ids of chunks(senders, this.chunkRows)) {
      const list = idListSql(ids);
      const [rows, rejected, fences] = await Promise.all([
        // the last client_id per device from the uplink index (a loose index scan), then its row
        this.db.query<{ sender_id: number | string; device_id: string; client_id: number | string; sender_seq: number | string; msg_id: number | string }>(
          `SELECT m.sender_id, m.device_id, m.client_id, m.sender_seq, m.msg_id FROM messages m
             JOIN (SELECT sender_id, device_id, MAX(client_id) AS c FROM messages WHERE sender_id IN (${list}) GROUP BY sender_id, device_id) x
               ON m.sender_id = x.sender_id AND m.device_id = x.device_id AND m.client_id = x.c`,
          { type: QueryTypes.SELECT },
        ),
        this.db.query<{ sender_id: number | string; device_id: string; client_id: number | string; code: number | string; msg: string }>(
          `SELECT r.sender_id, r.device_id, r.client_id, r.code, r.msg FROM uplink_rejections r
             JOIN (SELECT sender_id, device_id, MAX(client_id) AS c FROM uplink_rejections WHERE sender_id IN (${list}) GROUP BY sender_id, device_id) x
               ON r.sender_id = x.sender_id AND r.device_id = x.device_id AND r.client_id = x.c`,
          { type: QueryTypes.SELECT },
        ),
        this.db.query<{ sender_id: number | string; device_id: string; gen: number | string }>(`SELECT sender_id, device_id, gen FROM uplink_fence_gens WHERE sender_id IN (${list})`, {
          type: QueryTypes.SELECT,
        }),
      ]);
      for (const m of rows) last.set(key(m.sender_id, m.device_id), { clientId: Number(m.client_id), senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) });
      for (const r of rejected) {
        const k = key(r.sender_id, r.device_id);
        const l = last.get(k);
        if (!l || Number(r.client_id) > l.clientId) last.set(k, { clientId: Number(r.client_id), code: Number(r.code), msg: r.msg });
      }
      for (const f of fences) fence.set(key(f.sender_id, f.device_id), Number(f.gen));
    }
    return devices.map((d) => {
      const k = key(d.userId, d.deviceId);
      return { last: last.get(k) ?? null, fence: fence.get(k) ?? 0 };
    });
  }

  async findUplink(userId: number, deviceId: string, clientId: number, t?: Transaction): Promise<StoredUplink | null> {
    const rows = await this.db.query<{ sender_seq: number | string; msg_id: number | string }>(
      `SELECT sender_seq, msg_id FROM messages WHERE sender_id = ? AND device_id = ? AND client_id = ?${t ? ' LOCK IN SHARE MODE' : ''}`,
      { replacements: [userId, deviceId, clientId], transaction: t, type: QueryTypes.SELECT },
    );
    const m = rows[0];
    if (m) return { senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) };
    const rejected = await this.db.query<{ code: number | string; msg: string }>(
      `SELECT code, msg FROM uplink_rejections WHERE sender_id = ? AND device_id = ? AND client_id = ?${t ? ' LOCK IN SHARE MODE' : ''}`,
      { replacements: [userId, deviceId, clientId], transaction: t, type: QueryTypes.SELECT },
    );
    const r = rejected[0];
    return r ? { code: Number(r.code), msg: r.msg } : null;
  }

  async claimUplink(userId: number, deviceId: string, clientId: number): Promise<UplinkClaim> {
    checkId(userId);
    checkId(clientId);
    try {
      return await this.transaction(async (t) => {
        // The fence first: its insert waits for a persist that already read
        // the fences (that copy then is found below), and a persist reading
        // the fences later waits for this transaction and refuses the copy.
        await this.db.query('INSERT INTO uplink_fence_gens (sender_id, device_id, gen) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE gen = gen + 1', {
          replacements: [userId, deviceId],
          transaction: t,
        });
        const gens = await this.db.query<{ gen: number | string }>('SELECT gen FROM uplink_fence_gens WHERE sender_id = ? AND device_id = ?', {
          replacements: [userId, deviceId],
          transaction: t,
          type: QueryTypes.SELECT,
        });
        const fence = Number(gens[0]!.gen);
        await this.db.query('INSERT INTO uplink_fences (sender_id, device_id, gen, from_client_id) VALUES (?, ?, ?, ?)', {
          replacements: [userId, deviceId, fence, clientId],
          transaction: t,
        });
        const stored = await this.findUplink(userId, deviceId, clientId, t);
        if (stored) throw new FoundStored(stored); // rolls the fence back: nothing to refuse
        return { fence };
      }, CLAIM_ATTEMPTS);
    } catch (err) {
      if (err instanceof FoundStored) return { stored: err.stored };
      throw err;
    }
  }


  async maxInboxSeq(userId: number): Promise<number> {
    const rows = await this.db.query<{ m: number | string }>('SELECT COALESCE(MAX(seq), 0) AS m FROM inbox WHERE user_id = ?', {
      replacements: [userId],
      type: QueryTypes.SELECT,
    });
    return Number(rows[0]?.m ?? 0);
  }

  /** Runs fn in one transaction, retrying it whole when InnoDB picked it as a deadlock victim. */
  private async transaction<T>(fn: (t: Transaction) => Promise<T>, attempts = this.deadlockAttempts): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(fn);
      } catch (err) {
        if (attempt >= attempts || !isDeadlock(err)) throw err;
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


/** Claims are rare and may meet a persist of the same device: more attempts than the default. */
const CLAIM_ATTEMPTS = 8;

/** Thrown inside a claim's transaction to roll it back when the copy is stored after all. */
class FoundStored {
  constructor(readonly stored: StoredUplink) {}
}

function isDeadlock(err: unknown): boolean {
  const e = err as { parent?: { errno?: number }; original?: { errno?: number } } | null;
  return e?.parent?.errno === ER_LOCK_DEADLOCK || e?.original?.errno === ER_LOCK_DEADLOCK;
}




