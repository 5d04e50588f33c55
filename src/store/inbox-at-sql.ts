// MessageStore.inboxAt over SQL, shared by the MySQL and SQLite stores: one
// primary-key lookup per chunk of positions, no lock taken.
import { QueryTypes, type Sequelize } from 'sequelize';
import { checkId } from './persist-rows.js';

/**
 * What each position (userIds[i], seqs[i]) holds: its msg_id, 0 for a
 * tombstone, null for no row. `rowValues` is how the dialect writes a list
 * of row values after IN: MySQL `((1,2),(3,4))`, SQLite `(VALUES (1,2),(3,4))`.
 */
export async function inboxAt(db: Sequelize, userIds: ArrayLike<number>, seqs: ArrayLike<number>, chunkRows: number, rowValues: 'plain' | 'values'): Promise<(number | null)[]> {
  if (userIds.length !== seqs.length) throw new Error('inboxAt: userIds and seqs differ in length');
  const out = new Array<number | null>(userIds.length).fill(null);
  // A position may be asked for more than once: every index gets the answer.
  const at = new Map<string, number[]>();
  for (let i = 0; i < userIds.length; i++) {
    checkId(userIds[i]!);
    checkId(seqs[i]!);
    const key = `${userIds[i]}:${seqs[i]}`;
    const list = at.get(key);
    if (list) list.push(i);
    else at.set(key, [i]);
  }
  const keys = [...at.keys()];
  for (let from = 0; from < keys.length; from += chunkRows) {
    const list = keys
      .slice(from, from + chunkRows)
      .map((k) => `(${k.replace(':', ',')})`)
      .join(',');
    const rows = await db.query<{ user_id: number | string; seq: number | string; msg_id: number | string }>(
      `SELECT user_id, seq, msg_id FROM inbox WHERE (user_id, seq) IN (${rowValues === 'values' ? 'VALUES ' : ''}${list})`,
      { type: QueryTypes.SELECT },
    );
    for (const r of rows) for (const i of at.get(`${r.user_id}:${r.seq}`) ?? []) out[i] = Number(r.msg_id);
  }
  return out;
}
