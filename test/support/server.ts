// Starts a real GoChat worker in-process on its own database, prefix and
// ports, plus helpers to create users and connect clients.
import { startWorker, type WorkerApp } from '../../src/app/worker-app.js';
import type { Config } from '../../src/config/schema.js';
import { RawClient } from '../../src/client/raw-client.js';
import { createLogger } from '../../src/log.js';
import { deleteRabbitQueue } from '../../src/queue/persist-queue-rabbitmq.js';
import { createTestDb, dropRedisPrefix, RABBITMQ_URL, testConfig, type TestDb } from './env.js';

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

export async function startTestServer(overrides: Record<string, unknown> = {}, reuse?: { db: TestDb; cfg: Config }): Promise<TestServer> {
  const db = reuse?.db ?? (await createTestDb());
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
      await close();
      await dropRedisPrefix(cfg.prefix);
      await deleteRabbitQueue(RABBITMQ_URL, `${cfg.prefix}.persist`).catch(() => undefined);
      await db.drop();
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

export async function createGroup(s: TestServer, owner: TestUser, memberIds: number[], name = 'g'): Promise<number> {
  const r = await api(s.httpUrl, 'POST', '/api/groups', { name, member_ids: memberIds }, owner.token);
  if (r.status !== 201) throw new Error(`create group failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.group_id;
}

export function text(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}
