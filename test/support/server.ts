// Starts a real GoChat worker in-process on its own database, prefix and
// ports, plus helpers to create users and connect clients.
import { setTimeout as sleep } from 'node:timers/promises';
import { startWorker, type WorkerApp } from '../../src/app/worker-app.js';
import type { Config } from '../../src/config/schema.js';
import { RawClient } from '../../src/client/raw-client.js';
import { createLogger } from '../../src/log.js';
import { deleteRabbitQueue } from './rabbitmq.js';
import { createTestDb, createTestSqlite, dropRedisPrefix, RABBITMQ_URL, TEST_ENGINE, testConfig, type TestDb } from './env.js';

export interface TestServer {
  app: WorkerApp;
  cfg: Config;
  db: TestDb;
  httpUrl: string;
  wsUrl: string;
  adminUrl: string;
  /** closes the server (the database stays until stop()) */
  close(): Promise<void>;
  /** closes everything and drops the database, keys and queue */
  stop(): Promise<void>;
}

/** a stop slower than this says on stderr where it stands, then lists its phases */
const SLOW_STOP_MS = 10_000;

export async function startTestServer(overrides: Record<string, unknown> = {}, reuse?: { db: TestDb; cfg: Config }): Promise<TestServer> {
  const db = reuse?.db ?? (TEST_ENGINE === 'embedded' ? await createTestSqlite() : await createTestDb());
  const cfg = reuse?.cfg ?? testConfig(db, overrides);
  const logger = createLogger(cfg.log.level);
  const app = await startWorker(cfg, logger);
  const httpUrl = `http://127.0.0.1:${app.httpPort}`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    cfg,
    db,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${app.httpPort}/ws`,
    adminUrl: `http://127.0.0.1:${app.adminPort}`,
    close,
    async stop() {
      // Each phase timed: a stop still running after SLOW_STOP_MS says on
      // stderr which phase it is in (a hook timeout then says where it stood),
      // and a slow stop lists its phases once it is done.
      const phases: string[] = [];
      const started = Date.now();
      let current = '';
      const watch = setTimeout(() => process.stderr.write(`[test-server] stop of ${cfg.prefix} still in phase "${current}" after ${Date.now() - started} ms; done: ${phases.join(', ') || 'none'}\n`), SLOW_STOP_MS).unref();
      const phase = async (name: string, step: () => Promise<unknown>) => {
        current = name;
        const t = Date.now();
        await step();
        phases.push(`${name} ${Date.now() - t} ms`);
      };
      try {
        await phase('close', close);
        if (!db.sqlitePath) {
          await phase('redis keys', () => dropRedisPrefix(cfg.prefix));
          await phase('queue', () => deleteRabbitQueue(RABBITMQ_URL, `${cfg.prefix}.persist`).catch(() => undefined));
        }
        await phase('database', () => db.drop());
      } finally {
        clearTimeout(watch);
        if (Date.now() - started > SLOW_STOP_MS) process.stderr.write(`[test-server] slow stop of ${cfg.prefix}: ${phases.join(', ')}\n`);
      }
    },
  };
}

export interface TestUser {
  userId: number;
  username: string;
  token: string;
}

export async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let userCounter = 0;

/** Registers a fresh user and logs in. */
export async function createUser(s: TestServer, name?: string): Promise<TestUser> {
  const username = name ?? `u${process.pid}_${++userCounter}_${Math.floor(Math.random() * 1e6)}`;
  const reg = await api(s.httpUrl, 'POST', '/api/register', { username, password: 'password123', nickname: username });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await api(s.httpUrl, 'POST', '/api/login', { username, password: 'password123' });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { userId: login.body.user_id, username, token: login.body.token };
}

/** Connects and logs in one device. */
export async function connect(s: TestServer, u: TestUser, deviceId = 'dev-1', opts: ConstructorParameters<typeof Object>[0] = {}): Promise<RawClient> {
  const c = await RawClient.connect(s.wsUrl, u.token, opts as never);
  await c.login(u.token, deviceId);
  return c;
}

/** Devices connected by a test file, closed together at its end. */
export function deviceSet(server: () => TestServer): { dev(u: TestUser, deviceId: string): Promise<RawClient>; closeAll(): void } {
  const open: RawClient[] = [];
  return {
    async dev(u, deviceId) {
      const c = await connect(server(), u, deviceId);
      open.push(c);
      return c;
    },
    closeAll: () => open.splice(0).forEach((c) => c.close()),
  };
}

export async function createGroup(s: TestServer, owner: TestUser, memberIds: number[], name = 'g'): Promise<number> {
  const r = await api(s.httpUrl, 'POST', '/api/groups', { name, member_ids: memberIds }, owner.token);
  if (r.status !== 201) throw new Error(`create group failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.group_id;
}

export function text(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

// ---- helpers added for the e2e chat / invariant tests ----

export { sleep };

/** Polls `fn` until it returns a truthy value (returned) or throws after `ms`. */
export async function waitFor<T>(fn: () => Promise<T> | T, ms = 10_000, what = 'condition', every = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(every);
  }
}

/** Registers `n` users, a few at a time (password hashing is CPU-bound). */
export async function createUsers(s: TestServer, n: number, concurrency = 4): Promise<TestUser[]> {
  const out: TestUser[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await createUser(s);
      }
    }),
  );
  return out;
}

/**
 * Sends `msgs` with client_ids first, first+1, … keeping at most `window`
 * unanswered (pipelined within the server's uplink window). Resolves with
 * the ACKs in client_id order.
 */
export async function sendWindowed(
  c: RawClient,
  first: number,
  msgs: Parameters<RawClient['send']>[1][],
  window = 32,
): Promise<Awaited<ReturnType<RawClient['send']>>[]> {
  const acks: Awaited<ReturnType<RawClient['send']>>[] = new Array(msgs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, msgs.length) }, async () => {
      while (next < msgs.length) {
        const i = next++;
        acks[i] = await c.send(first + i, msgs[i]!);
      }
    }),
  );
  return acks;
}

/**
 * Runs one SQL statement on the test database (a fresh connection each
 * time). On SQLite (embedded engine) an array parameter expands to a list,
 * as mysql2 does for `IN (?)`; MySQL-only syntax fails there.
 */
export async function sql<T = any>(s: { db: TestDb }, statement: string, params: unknown[] = []): Promise<T[]> {
  if (s.db.sqlitePath) return sqliteQuery<T>(s.db.sqlitePath, statement, params);
  const mysql = (await import('mysql2/promise')).default;
  const conn = await mysql.createConnection({ uri: s.db.url });
  try {
    const [rows] = await conn.query(statement, params);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

async function sqliteQuery<T>(file: string, statement: string, params: unknown[]): Promise<T[]> {
  let i = 0;
  const flat: unknown[] = [];
  const text = statement.replace(/\?/g, () => {
    const p = params[i++];
    if (!Array.isArray(p)) {
      flat.push(p);
      return '?';
    }
    flat.push(...p);
    return p.map(() => '?').join(', ');
  });
  const { default: sqlite3 } = await import('sqlite3');
  const db = await new Promise<InstanceType<typeof sqlite3.Database>>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  try {
    db.configure('busyTimeout', 5000);
    return await new Promise<T[]>((resolve, reject) => db.all(text, flat, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
