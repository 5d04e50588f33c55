// Storage preparation: the database created and migrated once, by the
// primary before its workers start (or by `npm run migrate`).
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { ensureDatabase } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { migrateSqlite } from '../store/migrate-sqlite.js';

/** Creates the database and applies migrations once, before workers start (the primary calls it). */
export async function prepareStorage(cfg: Config, log: Logger): Promise<void> {
  if (cfg.engine === 'embedded') {
    const applied = await migrateSqlite(cfg.sqlite.path);
    if (applied.length) log.info({ applied, file: cfg.sqlite.path }, 'schema migrated');
    return;
  }
  await ensureDatabase(cfg.mysql.url);
  const applied = await migrate(cfg.mysql.url);
  if (applied.length) log.info({ applied }, 'schema migrated');
}
