import { Sequelize } from 'sequelize';
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
