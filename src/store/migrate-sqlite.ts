// Schema migrations of the embedded engine: the numbered files of sql/sqlite/
// (NNN_name.sql), applied in order and recorded in schema_migrations.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteDb } from './db-sqlite.js';
import { readMigrations } from './migrate.js';

/** sql/sqlite/ of the checkout, from src/ or dist/src/. */
function findSqliteSqlDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    dir = path.dirname(dir);
    const candidate = path.join(dir, 'sql', 'sqlite');
    try {
      if (readdirSync(candidate).some((f) => f.endsWith('.sql'))) return candidate;
    } catch {
      // keep looking upwards
    }
  }
  throw new Error('sql/sqlite/ directory not found');
}

/**
 * Creates the database file (and its directory) if needed, switches it to WAL
 * (a property of the file, kept from then on) and applies every migration not
 * yet recorded. All pending migrations commit in one IMMEDIATE transaction
 * (SQLite's DDL is transactional), so several processes starting at once
 * apply each exactly once and nobody sees half a schema. Returns the names
 * applied.
 */
export async function migrateSqlite(file: string, dir = findSqliteSqlDir()): Promise<string[]> {
  const migrations = readMigrations(dir);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openSqliteDb({ path: file });
  try {
    await db.query('PRAGMA journal_mode = WAL');
    return await db.transaction(async (transaction) => {
      await db.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    INTEGER PRIMARY KEY,
           name       TEXT    NOT NULL,
           applied_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
         )`,
        { transaction },
      );
      const [rows] = await db.query('SELECT version FROM schema_migrations', { transaction });
      const done = new Set((rows as { version: number }[]).map((r) => Number(r.version)));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        for (const s of m.statements) await db.query(s, { transaction });
        await db.query('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', { replacements: [m.version, m.name], transaction });
        applied.push(m.name);
      }
      return applied;
    });
  } finally {
    await db.close();
  }
}
