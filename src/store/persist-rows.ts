// What both message stores (MySQL, SQLite) do before writing: check the
// batches, keep one copy of each message and inbox position, order them by
// key (concurrent writers then lock rows in the same order), plus the small
// SQL-building helpers they share.
import type { PersistBatch, StoredMessage } from './types.js';

export interface InboxRow {
  userId: number;
  seq: number;
  msgId: number;
}

export interface PreparedRows {
  /** distinct messages, by msg_id */
  messages: StoredMessage[];
  /** distinct inbox positions (the first one wins, as INSERT IGNORE would), by user_id, seq */
  rows: InboxRow[];
  /** msg_ids the rows point at (tombstones excluded), ascending */
  referenced: number[];
}

/** Ids are kept below 2^53 (DESIGN.md §7). */
export function checkId(v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`PersistBatch: id out of range: ${v}`);
}

/** Validates and deduplicates batches (a redelivered batch repeats them); null when there is nothing to write. */
export function prepareRows(batches: readonly PersistBatch[]): PreparedRows | null {
  const messages = new Map<number, StoredMessage>();
  const rows = new Map<string, InboxRow>();
  for (const b of batches) {
    if (b.userIds.length !== b.seqs.length || b.userIds.length !== b.msgIds.length) {
      throw new Error('PersistBatch: userIds, seqs and msgIds differ in length');
    }
    for (const m of b.messages) {
      for (const v of [m.msgId, m.senderId, m.clientId, m.receiverId, m.senderSeq, m.sessionType, m.messageType]) checkId(v);
      if (!Number.isSafeInteger(m.sendTime)) throw new RangeError(`PersistBatch: bad sendTime ${m.sendTime}`);
      if (!messages.has(m.msgId)) messages.set(m.msgId, m);
    }
    for (let i = 0; i < b.userIds.length; i++) {
      checkId(b.userIds[i]!);
      checkId(b.seqs[i]!);
      checkId(b.msgIds[i]!);
      const key = `${b.userIds[i]}:${b.seqs[i]}`;
      if (!rows.has(key)) rows.set(key, { userId: b.userIds[i]!, seq: b.seqs[i]!, msgId: b.msgIds[i]! });
    }
  }
  if (messages.size === 0 && rows.size === 0) return null;
  const sortedRows = [...rows.values()].sort((a, b) => a.userId - b.userId || a.seq - b.seq);
  return {
    messages: [...messages.values()].sort((a, b) => a.msgId - b.msgId),
    rows: sortedRows,
    referenced: [...new Set(sortedRows.map((r) => r.msgId).filter((id) => id !== 0))].sort((a, b) => a - b),
  };
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** `n` copies of `s`, comma-separated (placeholder lists). */
export function repeat(s: string, n: number): string {
  return new Array<string>(n).fill(s).join(', ');
}

/** sequelize escapes a Buffer (not a bare Uint8Array) as X'…'. */
export function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

export function positiveInt(owner: string, name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${owner}: ${name} must be a positive integer, got ${v}`);
  return v;
}
