// Per-test isolation: every test gets its own database, key/queue prefix and
// ports, so runs never collide (and can run in parallel).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { buildConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { migrate } from '../../src/store/migrate.js';
import { migrateSqlite } from '../../src/store/migrate-sqlite.js';

export const MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/**
 * The engine test servers run (startTestServer): TEST_ENGINE=embedded runs
 * them on the embedded engine (a SQLite file per test, no services).
 */
export const TEST_ENGINE: 'cluster' | 'embedded' = process.env.TEST_ENGINE === 'embedded' ? 'embedded' : 'cluster';
/** The signing secret of in-process test servers (testConfig): there is no built-in one, and tests mint tokens with it. */
export const TEST_JWT_SECRET = 'test-jwt-secret-5d0c8e1a9b7f3c2e6a4d';

/** A name unique to this test run: letters, digits and underscores. */
export function uniqueName(kind: string): string {
  return `t_${kind}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export interface TestDb {
  /** mysql://… of the test database, or sqlite:<file> */
  url: string;
  name: string;
  /** the SQLite file, when this is an embedded-engine database */
  sqlitePath?: string;
  drop(): Promise<void>;
}

/** Creates a fresh database with the schema applied. */
export async function createTestDb(): Promise<TestDb> {
  const name = uniqueName('db');
  const conn = await mysql.createConnection({ uri: MYSQL_SERVER, connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await conn.end();
  }
  const url = `${MYSQL_SERVER}/${name}`;
  await migrate(url);
  return {
    url,
    name,
    async drop() {
      const c = await mysql.createConnection({ uri: MYSQL_SERVER });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** Creates a fresh SQLite database (embedded engine) in its own temporary directory, with the schema applied. */
export async function createTestSqlite(): Promise<TestDb> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gochat-test-'));
  const file = path.join(dir, 'gochat.sqlite');
  await migrateSqlite(file);
  return {
    url: `sqlite:${file}`,
    name: path.basename(dir),
    sqlitePath: file,
    async drop() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every Redis key under the prefix. */
export async function dropRedisPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/**
 * A validated config for one test: its own database, prefix and free ports.
 * A SQLite database (createTestSqlite) selects the embedded engine, with no
 * service configured.
 */
export function testConfig(db: TestDb, overrides: Record<string, unknown> = {}): Config {
  const backends: Record<string, unknown> = db.sqlitePath
    ? { engine: 'embedded', 'sqlite.path': db.sqlitePath }
    : { 'mysql.url': db.url, 'mysql.pool': 5, 'redis.url': REDIS_URL, 'rabbitmq.url': RABBITMQ_URL };
  return buildConfig(
    {},
    {},
    {
      'jwt.secret': TEST_JWT_SECRET,
      prefix: uniqueName('p'),
      ...backends,
      http_host: '127.0.0.1',
      http_port: 0,
      admin_port: 0,
      rpc_port: 0,
      workers: 1,
      'log.level': process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests register many users and send fast from one address.
      'limits.auth_per_ip_per_sec': 10_000,
      'limits.messages_per_sec': 100_000,
      'limits.user_messages_per_sec': 100_000,
      'limits.bytes_per_sec': 1_073_741_824,
      'limits.syncs_per_sec': 10_000,
      ...overrides,
    },
  );
}
