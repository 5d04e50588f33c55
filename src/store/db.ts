import { Sequelize, type Transaction } from 'sequelize';
import type { Logger } from '../log.js';

export interface DbOptions {
  url: string;
  pool: number;
  logger?: Logger;
}

/** The database name in a mysql:// URL (its path). */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`mysql.url must name a database ([A-Za-z0-9_]), got "${name}"`);
  return name;
}

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const server = new URL(url);
  server.pathname = '/';
  const admin = new Sequelize(server.toString(), { dialect: 'mysql', logging: false, pool: { max: 1 } });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.close();
  }
}

/** A sequelize instance over mysql2 with a bounded pool. */
export function openDb(opts: DbOptions): Sequelize {
  databaseName(opts.url);
  return new Sequelize(opts.url, {
    dialect: 'mysql',
    logging: false,
    benchmark: false,
    timezone: '+00:00',
    pool: { max: opts.pool, min: 0, acquire: 10_000, idle: 30_000 },
    dialectOptions: { supportBigNumbers: true, bigNumberStrings: false, connectTimeout: 5000 },
  });
}

/** Attempts of a transaction that InnoDB chose as a deadlock victim. */
export const DEFAULT_DEADLOCK_ATTEMPTS = 4;

/** MySQL error number of a deadlock: the whole transaction may simply be retried. */
const ER_LOCK_DEADLOCK = 1213;

/**
 * Runs fn in one transaction on `db`, retrying it whole (after a short
 * random pause) when InnoDB picked it as a deadlock victim, at most
 * `attempts` times in all.
 */
export async function mysqlTransaction<T>(db: Sequelize, fn: (t: Transaction) => Promise<T>, attempts = DEFAULT_DEADLOCK_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt >= attempts || !isDeadlock(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}

function isDeadlock(err: unknown): boolean {
  const e = err as { parent?: { errno?: number }; original?: { errno?: number } } | null;
  return e?.parent?.errno === ER_LOCK_DEADLOCK || e?.original?.errno === ER_LOCK_DEADLOCK;
}
