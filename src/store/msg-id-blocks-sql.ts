// The statements of a msg_id block reservation shared by the MySQL and
// SQLite MsgIdBlockStores; each runs them in its own kind of transaction.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** Checks `count` (a positive safe integer) before anything is reserved. */
export function checkBlockSize(count: number): void {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`reserveMsgIds: bad count ${count}`);
}

/**
 * In transaction `t`: moves id_blocks' 'msg_id' row on by `count` and
 * answers where it was (the block's first id). `lock` is appended to the
 * read (MySQL: FOR UPDATE; SQLite: nothing, its write lock serialises).
 */
export async function takeIdBlock(db: Sequelize, t: Transaction, count: number, lock: string): Promise<number> {
  const rows = await db.query<{ next_id: number | string }>(`SELECT next_id FROM id_blocks WHERE name = 'msg_id'${lock}`, { transaction: t, type: QueryTypes.SELECT });
  if (rows.length !== 1) throw new Error("id_blocks has no 'msg_id' row");
  const first = Number(rows[0]!.next_id);
  if (!Number.isSafeInteger(first + count)) throw new RangeError('msg_id space exhausted (ids must stay below 2^53)');
  await db.query("UPDATE id_blocks SET next_id = next_id + ? WHERE name = 'msg_id'", { replacements: [count], transaction: t });
  return first;
}
