import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import mysql from 'mysql2/promise';

/** Where the numbered migration files live (NNN_name.sql), from src/ or dist/src/. */
function findSqlDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    dir = path.dirname(dir);
    try {
      if (readdirSync(path.join(dir, 'sql')).some((f) => f.endsWith('.sql'))) return path.join(dir, 'sql');
    } catch {
      // keep looking upwards
    }
  }
  throw new Error('sql/ directory not found');
}

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Splits a migration file into statements on `;` at line ends, dropping comment lines. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readMigrations(dir = findSqlDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number.parseInt(f, 10),
      name: f,
      statements: splitStatements(readFileSync(path.join(dir, f), 'utf8')),
    }));
}

/**
 * Applies every migration not yet recorded in schema_migrations, in order,
 * on one connection. Safe to run from several processes at once: a named
 * lock serialises them. Returns the names applied.
 */
export async function migrate(url: string, dir?: string): Promise<string[]> {
  const migrations = readMigrations(dir);
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  const applied: string[] = [];
  try {
    await conn.query('SELECT GET_LOCK(?, 60)', ['gochat_migrate:' + conn.config.database]);
    await conn.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB',
    );
    const [rows] = await conn.query('SELECT version FROM schema_migrations');
    const done = new Set((rows as { version: number }[]).map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const s of m.statements) await conn.query(s);
      await conn.query('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
      applied.push(m.name);
    }
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', ['gochat_migrate:' + conn.config.database]).catch(() => undefined);
    await conn.end();
  }
  return applied;
}
