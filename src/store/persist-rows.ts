// What both message stores (MySQL, SQLite) do before writing: check the
// batches, keep one copy of each message and inbox position, order them by
// key (concurrent writers then lock rows in the same order), plus the small
// SQL-building helpers they share.
import type { PersistBatch, StoredMessage, StoredRejection } from './types.js';

/** Inbox rows as parallel arrays: row i is (users[i], seqs[i]) -> msgIds[i]. */
export interface InboxRows {
  readonly length: number;
  readonly users: Float64Array;
  readonly seqs: Float64Array;
  readonly msgIds: Float64Array;
}

export interface PreparedRows {
  /** distinct messages, by msg_id */
  messages: StoredMessage[];
  /** distinct inbox positions (the first one wins, as INSERT IGNORE would), by user_id, seq */
  rows: InboxRows;
  /** msg_ids the rows point at (tombstones excluded), ascending */
  referenced: number[];
  /** distinct final rejections, by (sender, device, client_id) */
  rejections: StoredRejection[];
}

/** Ids are kept below 2^53 (DESIGN.md §7). */
export function checkId(v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`PersistBatch: id out of range: ${v}`);
}

/** Validates and deduplicates batches (a redelivered batch repeats them); null when there is nothing to write. */
export function prepareRows(batches: readonly PersistBatch[]): PreparedRows | null {
  const messages = new Map<number, StoredMessage>();
  const rejections = new Map<string, StoredRejection>();
  let n = 0;
  for (const b of batches) {
    for (const r of b.rejections ?? []) {
      checkId(r.senderId);
      checkId(r.clientId);
      checkId(r.code);
      checkId(r.fence ?? 0);
      const k = `${r.senderId}:${r.deviceId}:${r.clientId}`;
      if (!rejections.has(k)) rejections.set(k, r);
    }
    if (b.userIds.length !== b.seqs.length || b.userIds.length !== b.msgIds.length) {
      throw new Error('PersistBatch: userIds, seqs and msgIds differ in length');
    }
    n += b.userIds.length;
    for (const m of b.messages) {
      checkId(m.msgId);
      checkId(m.senderId);
      checkId(m.clientId);
      checkId(m.receiverId);
      checkId(m.senderSeq);
      checkId(m.sessionType);
      checkId(m.messageType);
      checkId(m.fence ?? 0);
      if (!Number.isSafeInteger(m.sendTime)) throw new RangeError(`PersistBatch: bad sendTime ${m.sendTime}`);
      if (!messages.has(m.msgId)) messages.set(m.msgId, m);
    }
  }
  if (messages.size === 0 && n === 0 && rejections.size === 0) return null;
  // All rows in arrival order, then an index sorted by (user_id, seq, arrival):
  // of repeated positions the first to arrive comes first and is kept.
  const users = new Float64Array(n);
  const seqs = new Float64Array(n);
  const ids = new Float64Array(n);
  let k = 0;
  for (const b of batches) {
    for (let i = 0; i < b.userIds.length; i++, k++) {
      const u = b.userIds[i]!;
      const s = b.seqs[i]!;
      const m = b.msgIds[i]!;
      checkId(u);
      checkId(s);
      checkId(m);
      users[k] = u;
      seqs[k] = s;
      ids[k] = m;
    }
  }
  const order = rowOrder(users, seqs);
  const out = { users: new Float64Array(n), seqs: new Float64Array(n), msgIds: new Float64Array(n), length: 0 };
  const referenced = new Set<number>();
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    const w = out.length;
    if (w > 0 && out.users[w - 1] === users[i] && out.seqs[w - 1] === seqs[i]) continue;
    out.users[w] = users[i]!;
    out.seqs[w] = seqs[i]!;
    out.msgIds[w] = ids[i]!;
    out.length++;
    if (ids[i] !== 0) referenced.add(ids[i]!);
  }
  return {
    messages: [...messages.values()].sort((a, b) => a.msgId - b.msgId),
    rows: out,
    referenced: [...referenced].sort((a, b) => a - b),
    rejections: [...rejections.values()].sort((a, b) => a.senderId - b.senderId || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0) || a.clientId - b.clientId),
  };
}

/**
 * Indices 0..n-1 ordered by (users[i], seqs[i], i): a stable natural merge
 * sort. Rows arrive as runs already in order (a message's recipients, a
 * tick's batch), so merging the runs costs n·log(runs) inline comparisons
 * where a comparator sort paid n·log(n) calls.
 */
export function rowOrder(users: Float64Array, seqs: Float64Array): Uint32Array {
  const n = users.length;
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  // Run boundaries: a run ends where the key goes down.
  let runs: number[] = [0];
  for (let i = 1; i < n; i++) {
    if (users[i]! < users[i - 1]! || (users[i] === users[i - 1] && seqs[i]! < seqs[i - 1]!)) runs.push(i);
  }
  runs.push(n);
  if (runs.length <= 2) return from;
  let to = new Uint32Array(n);
  while (runs.length > 2) {
    const merged = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r]!;
      const mid = runs[r + 1]!;
      const hi = r + 2 < runs.length ? runs[r + 2]! : mid;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = from[i]!;
        const b = from[j]!;
        // Ties go left: the left run holds the earlier arrivals.
        if (users[a]! < users[b]! || (users[a] === users[b] && seqs[a]! <= seqs[b]!)) {
          to[k++] = a;
          i++;
        } else {
          to[k++] = b;
          j++;
        }
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
      merged.push(hi);
    }
    [from, to] = [to, from];
    runs = merged;
  }
  return from;
}

/**
 * "(user, seq, msg_id), …" for rows [from, to) as SQL literals, msg_id 0
 * (a tombstone) where the message is not in `present`. Every value passed
 * checkId (a safe non-negative integer), so literals are exact and safe, and
 * the driver has no placeholders to substitute.
 */
export function inboxValuesSql(rows: InboxRows, from: number, to: number, present: ReadonlySet<number>): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const m = rows.msgIds[i]!;
    parts[i - from] = `(${rows.users[i]},${rows.seqs[i]},${present.has(m) ? m : 0})`;
  }
  return parts.join(',');
}

/** "(user,seq),…" of rows [from, to) as SQL literals (checked ids), for a row-value IN list. */
export function positionsSql(rows: InboxRows, from: number, to: number): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) parts[i - from] = `(${rows.users[i]},${rows.seqs[i]})`;
  return parts.join(',');
}

/** A position read back from the inbox. */
export interface HeldRow {
  user_id: number | string;
  seq: number | string;
  msg_id: number | string;
}

/** What the rows read back hold, by position ("user:seq" → msg_id). */
export function heldPositions(found: readonly HeldRow[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const r of found) held.set(`${r.user_id}:${r.seq}`, Number(r.msg_id));
  return held;
}

/** The key of row i's position in a heldPositions map. */
export function positionKey(rows: InboxRows, i: number): string {
  return `${rows.users[i]}:${rows.seqs[i]}`;
}

/**
 * Whether row i's position holds another msg_id than the one this batch
 * puts there (inboxValuesSql: the message if present, else a tombstone).
 * A position absent from `held` does not.
 */
export function mismatchAt(rows: InboxRows, i: number, present: ReadonlySet<number>, held: ReadonlyMap<string, number>): boolean {
  const m = rows.msgIds[i]!;
  const got = held.get(positionKey(rows, i));
  return got !== undefined && got !== (present.has(m) ? m : 0);
}

/**
 * Of rows [from, to), how many positions hold another msg_id than the one
 * this batch put there (`held`: what the positions hold, from
 * heldPositions).
 */
export function countMismatches(rows: InboxRows, from: number, to: number, present: ReadonlySet<number>, held: ReadonlyMap<string, number>): number {
  let n = 0;
  for (let i = from; i < to; i++) if (mismatchAt(rows, i, present, held)) n++;
  return n;
}

/** One uplink fence (table uplink_fences). */
export interface FenceRow {
  senderId: number;
  deviceId: string;
  gen: number;
  from: number;
}

/**
 * msg_ids of the messages a fence refuses: one of the same device with a
 * newer generation than the copy's and starting at or below its client_id
 * (MessageStore.claimUplink; `refused` from fenceTest). `skip`: messages
 * already set aside.
 */
export function fencedCopies(messages: readonly StoredMessage[], skip: ReadonlySet<number>, refused: ReturnType<typeof fenceTest>): Set<number> {
  const out = new Set<number>();
  for (const m of messages) if (!skip.has(m.msgId) && refused(m)) out.add(m.msgId);
  return out;
}

/** Whether a fence refuses a copy (a message or a rejection) of (sender, device, client_id) made under generation `fence`. */
export function fenceTest(fences: readonly FenceRow[]): (c: { senderId: number; deviceId: string; clientId: number; fence?: number }) => boolean {
  const byDevice = new Map<string, FenceRow[]>();
  for (const f of fences) {
    const k = `${f.senderId}:${f.deviceId}`;
    const list = byDevice.get(k);
    if (list) list.push(f);
    else byDevice.set(k, [f]);
  }
  return (c) => {
    const list = byDevice.get(`${c.senderId}:${c.deviceId}`);
    if (!list) return false;
    const gen = c.fence ?? 0;
    return list.some((f) => f.gen > gen && f.from <= c.clientId);
  };
}

/**
 * What tombstone() does with each position, given the rows already there:
 * absent → insert a tombstone; holding one of the abandoned messages →
 * clear it to a tombstone; a tombstone already → nothing; any other message
 * → left alone, counted as a collision (a tombstone never replaces a stored
 * message).
 */
export function planTombstones(
  positions: readonly { userId: number; seq: number }[],
  existing: readonly { user_id: number | string; seq: number | string; msg_id: number | string }[],
  abandoned: ReadonlySet<number>,
): { insert: { userId: number; seq: number }[]; clear: { userId: number; seq: number }[]; collisions: number } {
  const held = new Map<string, number>();
  for (const r of existing) held.set(`${r.user_id}:${r.seq}`, Number(r.msg_id));
  const insert: { userId: number; seq: number }[] = [];
  const clear: { userId: number; seq: number }[] = [];
  let collisions = 0;
  for (const p of positions) {
    const m = held.get(`${p.userId}:${p.seq}`);
    if (m === undefined) insert.push(p);
    else if (m === 0) continue;
    else if (abandoned.has(m)) clear.push(p);
    else collisions++;
  }
  return { insert, clear, collisions };
}

/** "1,2,3": checked ids as SQL literals (for IN lists). */
export function idListSql(ids: readonly number[]): string {
  for (const id of ids) checkId(id);
  return ids.join(',');
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

/** The distinct senders of messages and rejections, ascending (whose fences a persist reads). */
export function senderIds(messages: readonly StoredMessage[], rejections: readonly StoredRejection[]): number[] {
  const s = new Set<number>();
  for (const m of messages) s.add(m.senderId);
  for (const r of rejections) s.add(r.senderId);
  return [...s].sort((a, b) => a - b);
}
