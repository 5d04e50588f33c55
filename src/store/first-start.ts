// MessageStore.claimFirstStart over SQL, shared by the MySQL and SQLite stores.
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';

/**
 * The mark first, with a token of our own: whoever's token is read back won;
 * a node that starts after the mark (even if this one dies before answering)
 * never sees a first start. `insertIgnore` is the dialect's
 * "INSERT IGNORE" / "INSERT OR IGNORE".
 */
export async function claimFirstStart(db: Sequelize, insertIgnore: string): Promise<boolean> {
  const token = randomUUID();
  await db.query(`${insertIgnore} INTO deployment_marks (name, token) VALUES ('first_start', ?)`, { replacements: [token], type: QueryTypes.INSERT });
  const mark = await db.query<{ token: string }>("SELECT token FROM deployment_marks WHERE name = 'first_start'", { type: QueryTypes.SELECT });
  if (mark[0]?.token !== token) return false;
  const stored = await db.query('SELECT 1 FROM messages LIMIT 1', { type: QueryTypes.SELECT });
  const rejected = await db.query('SELECT 1 FROM uplink_rejections LIMIT 1', { type: QueryTypes.SELECT });
  return stored.length === 0 && rejected.length === 0;
}
