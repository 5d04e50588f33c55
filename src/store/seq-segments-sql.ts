// The statements of a segment reservation shared by the MySQL and SQLite
// SeqSegmentStores; each runs them in its own kind of transaction with its
// dialect's upsert.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { chunks } from './persist-rows.js';

/** The distinct users of a reservation in ascending order (the lock order), once `step` is checked. */
export function segmentUsers(userIds: readonly number[], step: number): number[] {
  if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`reserveSegments: bad step ${step}`);
  return [...new Set(userIds)].sort((a, b) => a - b);
}

/**
 * In transaction `t`, which must hold the written rows until commit (a row
 * lock, or SQLite's write lock): raises each user's max_seq by `step`
 * through `upsert(rows)` (the dialect's INSERT of `rows` (user_id, max_seq)
 * pairs that adds max_seq to an existing row), then reads the values written.
 */
export async function raiseSegments(db: Sequelize, t: Transaction, ids: readonly number[], step: number, chunkRows: number, upsert: (rows: number) => string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const chunk of chunks(ids, chunkRows)) {
    const values: number[] = [];
    for (const id of chunk) values.push(id, step);
    await db.query(upsert(chunk.length), { replacements: values, transaction: t });
  }
  // A plain read: in this transaction it sees the values it wrote. (A
  // locking read would, in MySQL, scan and lock the whole of a small table
  // and deadlock concurrent reservations.)
  for (const chunk of chunks(ids, chunkRows)) {
    const rows = await db.query<{ user_id: number | string; max_seq: number | string }>(`SELECT user_id, max_seq FROM user_seq WHERE user_id IN (${chunk.map(() => '?').join(', ')})`, {
      replacements: chunk,
      transaction: t,
      type: QueryTypes.SELECT,
    });
    for (const r of rows) out.set(Number(r.user_id), Number(r.max_seq));
  }
  if (out.size !== ids.length) throw new Error('reserveSegments: a reserved row is missing');
  return out;
}
