// Starts GoChat as users do — `node src/main.ts` under node:cluster (primary +
// workers) — as a child process in its own process group, on its own
// database, key/queue prefix and ports; plus raw-socket helpers for the
// HTTP/WebSocket wire (hand-written upgrades and frames).
//
// The child runs the TypeScript sources through the tsx loader
// (`node --import tsx src/main.ts`); cluster.fork() passes the primary's
// execArgv to its workers, so the workers load the same sources.
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { Etcd3 } from 'etcd3';
import { randomBytes } from 'node:crypto';
import { createServer, connect as netConnect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TokenService } from '../../src/auth/token.js';
import { workerFor } from '../../src/cluster/sticky.js';
import { gochat } from '../../src/proto/index.js';
import { deleteRabbitQueue } from './rabbitmq.js';
import { createTestDb, dropRedisPrefix, RABBITMQ_URL, REDIS_URL, uniqueName, type TestDb } from './env.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A fixed signing secret, so tests can also mint tokens the cluster accepts. */
export const CLUSTER_JWT_SECRET = 'cluster-test-secret-0123456789abcdef';

export { sleep };

/**
 * A short sync gap bound for crash tests, with the persistence knobs it must
 * exceed (publish timeout + 2 × heartbeat + retry max = 7 s), so that seqs a
 * killed worker allocated but never made durable hold sync back for seconds,
 * not the production 40 s.
 */
export const FAST_GAP_ENV: Record<string, string> = {
  GOCHAT_SYNC_GAP_TIMEOUT: '8s',
  GOCHAT_RABBITMQ_HEARTBEAT: '2s',
  GOCHAT_RABBITMQ_PUBLISH_TIMEOUT: '2s',
  GOCHAT_RABBITMQ_RETRY_MAX: '1s',
};

export interface DebugWorker {
  index: number;
  pid: number;
  rpcAddr: string;
  connections: number;
  users: number[];
}
export interface DebugConnections {
  workers: DebugWorker[];
  worker_count: number;
}

export interface ClusterOptions {
  workers?: number;
  /** extra GOCHAT_* overrides */
  env?: Record<string, string>;
  /** an existing database (kept by cleanup unless dropDb) */
  db?: TestDb;
  /**
   * An existing key/queue/etcd prefix (GOCHAT_PREFIX), for several nodes of
   * one cluster: cleanup then keeps its Redis keys and queues (the caller
   * drops them once, like a shared db). Default: a prefix of its own.
   */
  prefix?: string;
  /** how long to wait for /readyz (ms) */
  readyTimeoutMs?: number;
}

export interface ClusterProc {
  child: ChildProcess;
  /** the primary's pid (also its process group id) */
  pid: number;
  workers: number;
  httpPort: number;
  adminPort: number;
  rpcPort: number;
  prefix: string;
  db: TestDb;
  httpUrl: string;
  wsUrl: string;
  adminUrl: string;
  /** resolves when the primary exits */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** stdout + stderr of the whole group so far (for failure messages) */
  output(): string;
  debug(): Promise<DebugConnections>;
  /** status of GET /readyz on the admin port (0 when unreachable) */
  readyz(): Promise<number>;
  waitReady(timeoutMs?: number): Promise<void>;
  /** Sends `signal` to the worker with this index; returns its pid. */
  killWorker(index: number, signal?: NodeJS.Signals): Promise<number>;
  /** Signals the primary only (SIGTERM = graceful shutdown). */
  signal(signal: NodeJS.Signals): void;
  /** Kills the whole process group (idempotent). */
  kill(): void;
  /** kill() + drops the Redis prefix, the RabbitMQ queues and the database (each unless the caller passed it in). */
  cleanup(): Promise<void>;
}

// Ports for servers the tests start are taken from 20000-31999, below the
// kernel's ephemeral range (32768-60999): a port the OS handed out for "any
// free port" can be taken by some other test's outgoing connection between
// this check and the server's bind (EADDRINUSE); a port below the range
// cannot, and the random pick keeps parallel test files apart.
const PORT_BASE = 20_000;
const PORT_SPAN = 12_000;

/** A TCP port that was free a moment ago (and is not one the OS hands to outgoing connections). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return freePortRange(1, host);
}

function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** A base port such that base … base+count-1 were all free. */
export async function freePortRange(count: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = PORT_BASE + Math.floor(Math.random() * (PORT_SPAN - count));
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await portFree(base + i, host);
    if (ok) return base;
  }
  throw new Error('no free port range');
}

/** Plain HTTP request with fetch; JSON in/out. */
export async function http(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text };
}

export async function startCluster(opts: ClusterOptions = {}): Promise<ClusterProc> {
  const workers = opts.workers ?? 2;
  const db = opts.db ?? (await createTestDb());
  const prefix = opts.prefix ?? uniqueName('cl');
  const [httpPort, adminPort, rpcPort] = [await freePort(), await freePort(), await freePortRange(workers)];
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing of the test runner's own loader set-up leaks into the server.
  for (const k of Object.keys(env)) if (k === 'NODE_OPTIONS' || k.startsWith('VITEST') || k.startsWith('GOCHAT_')) delete env[k];
  Object.assign(env, {
    GOCHAT_WORKERS: String(workers),
    GOCHAT_ENGINE: 'cluster', // MariaDB + Redis + RabbitMQ (not the embedded engine)
    GOCHAT_HTTP_HOST: '127.0.0.1',
    GOCHAT_HTTP_PORT: String(httpPort),
    GOCHAT_ADMIN_HOST: '127.0.0.1',
    GOCHAT_ADMIN_PORT: String(adminPort),
    GOCHAT_RPC_HOST: '127.0.0.1',
    GOCHAT_RPC_PORT: String(rpcPort),
    GOCHAT_ADVERTISE_HOST: '127.0.0.1',
    GOCHAT_PREFIX: prefix,
    GOCHAT_MYSQL_URL: db.url,
    GOCHAT_REDIS_URL: REDIS_URL,
    GOCHAT_RABBITMQ_URL: RABBITMQ_URL,
    GOCHAT_JWT_SECRET: CLUSTER_JWT_SECRET,
    GOCHAT_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // Tests register many users and send fast from one address.
    GOCHAT_LIMITS_AUTH_PER_IP_PER_SEC: '10000',
    GOCHAT_LIMITS_MESSAGES_PER_SEC: '100000',
    GOCHAT_LIMITS_USER_MESSAGES_PER_SEC: '100000',
    GOCHAT_LIMITS_SYNCS_PER_SEC: '10000',
    ...opts.env,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    detached: true, // its own process group: the primary and its workers
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString('utf8');
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  if (process.env.CLUSTER_LOG) {
    child.stdout!.pipe(process.stderr);
    child.stderr!.pipe(process.stderr);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let dead = false;
  let exitedHow = '';
  void exited.then((e) => {
    dead = true;
    exitedHow = `code ${e.code}, signal ${e.signal}`;
  });
  const pid = child.pid!;
  const adminUrl = `http://127.0.0.1:${adminPort}`;

  const debug = async (): Promise<DebugConnections> => {
    const r = await http(adminUrl, 'GET', '/debug/connections');
    if (r.status !== 200) throw new Error(`/debug/connections: ${r.status} ${r.text}`);
    return r.body as DebugConnections;
  };
  const readyz = async (): Promise<number> => {
    try {
      return (await fetch(adminUrl + '/readyz')).status;
    } catch {
      return 0;
    }
  };
  const waitReady = async (timeoutMs = opts.readyTimeoutMs ?? 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (dead) throw new Error(`gochat exited before it was ready (${exitedHow}):\n${out.slice(-4000)}`);
      if ((await readyz()) === 200) return;
      if (Date.now() > deadline) throw new Error(`gochat not ready after ${timeoutMs} ms:\n${out.slice(-4000)}`);
      await sleep(100);
    }
  };
  const kill = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const proc: ClusterProc = {
    child,
    pid,
    workers,
    httpPort,
    adminPort,
    rpcPort,
    prefix,
    db,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    wsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    adminUrl,
    exited,
    output: () => out,
    debug,
    readyz,
    waitReady,
    async killWorker(index, signal = 'SIGKILL') {
      const w = (await debug()).workers.find((x) => x.index === index);
      if (!w) throw new Error(`worker ${index} not in /debug/connections`);
      process.kill(w.pid, signal);
      return w.pid;
    },
    signal(sig) {
      process.kill(pid, sig);
    },
    kill,
    async cleanup() {
      kill();
      await Promise.race([exited, sleep(5000)]);
      if (!opts.prefix) {
        await dropRedisPrefix(prefix).catch(() => undefined);
        await deleteRabbitQueue(RABBITMQ_URL, `${prefix}.persist`).catch(() => undefined);
      }
      if (!opts.db) await db.drop().catch(() => undefined);
    },
  };
  try {
    await waitReady();
  } catch (err) {
    await proc.cleanup();
    throw err;
  }
  return proc;
}

// ---- users ----

export interface ClusterUser {
  userId: number;
  username: string;
  password: string;
  token: string;
}

/**
 * Registers `n` users over HTTP, `concurrency` at a time. Tokens come from
 * POST /api/login (`login: 'http'`) or are minted with the cluster's signing
 * secret (`'mint'`: the same HS256 tokens, without a second scrypt per user).
 */
export async function registerUsers(httpUrl: string, n: number, opts: { concurrency?: number; login?: 'http' | 'mint' } = {}): Promise<ClusterUser[]> {
  const out: ClusterUser[] = new Array(n);
  const tag = randomBytes(3).toString('hex');
  const tokens = new TokenService(CLUSTER_JWT_SECRET, 86_400_000);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? 8, n) }, async () => {
      while (next < n) {
        const i = next++;
        const username = `c${tag}_${i}`;
        const password = 'password123';
        const reg = await http(httpUrl, 'POST', '/api/register', { username, password, nickname: username });
        if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${reg.text}`);
        const userId = reg.body.user_id as number;
        if (opts.login === 'mint') {
          out[i] = { userId, username, password, token: (await tokens.issue(userId)).token };
          continue;
        }
        const login = await http(httpUrl, 'POST', '/api/login', { username, password });
        if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${login.text}`);
        out[i] = { userId, username, password, token: login.body.token };
      }
    }),
  );
  return out;
}

/** Splits users by the worker that must own them. */
export function byWorker<T extends { userId: number }>(users: T[], workers: number): T[][] {
  const out: T[][] = Array.from({ length: workers }, () => []);
  for (const u of users) out[workerFor(u.userId, workers)]!.push(u);
  return out;
}

// ---- metrics ----

/** Sum of every sample of `name` in a Prometheus text exposition. */
export function metricSum(text: string, name: string): number | null {
  let sum: number | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    sum = (sum ?? 0) + Number(m[3]);
  }
  return sum;
}

// ---- raw wire: HTTP heads and WebSocket frames ----

export function wsUpgradeHead(port: number, token: string, key = randomBytes(16).toString('base64')): string {
  return (
    `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1\r\n` +
    `Host: 127.0.0.1:${port}\r\n` +
    'Upgrade: websocket\r\n' +
    'Connection: Upgrade\r\n' +
    `Sec-WebSocket-Key: ${key}\r\n` +
    'Sec-WebSocket-Version: 13\r\n\r\n'
  );
}

/** One masked client frame (FIN set); opcode 2 = binary. */
export function maskedFrame(payload: Uint8Array, opcode = 2): Buffer {
  const len = payload.length;
  const head: number[] = [0x80 | opcode];
  if (len < 126) head.push(0x80 | len);
  else if (len < 65_536) head.push(0x80 | 126, len >> 8, len & 0xff);
  else {
    head.push(0x80 | 127, 0, 0, 0, 0);
    head.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
  }
  const mask = randomBytes(4);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([Buffer.from(head), mask, body]);
}

export function loginInput(token: string, deviceId: string): Uint8Array {
  return gochat.Input.encode({
    type: gochat.CmdType.CT_LOGIN,
    data: gochat.LoginMsg.encode({ token: Buffer.from(token), deviceId }).finish(),
  }).finish();
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** Parses one complete server frame at `off`; null while incomplete. */
export function parseFrame(buf: Buffer, off = 0): { frame: ServerFrame; next: number } | null {
  if (buf.length - off < 2) return null;
  const b0 = buf[off]!;
  const b1 = buf[off + 1]!;
  let len = b1 & 0x7f;
  let p = off + 2;
  if (len === 126) {
    if (buf.length - off < 4) return null;
    len = buf.readUInt16BE(off + 2);
    p = off + 4;
  } else if (len === 127) {
    if (buf.length - off < 10) return null;
    len = Number(buf.readBigUInt64BE(off + 2));
    p = off + 10;
  }
  if (b1 & 0x80) p += 4; // servers do not mask; skip a mask key anyway
  if (buf.length < p + len) return null;
  return { frame: { opcode: b0 & 0x0f, payload: buf.subarray(p, p + len) }, next: p + len };
}

/** The Outputs of a server binary frame (an OutputBatch). */
export function decodeOutputs(payload: Uint8Array): gochat.Output[] {
  return gochat.OutputBatch.decode(payload).outputs.map((o) => gochat.Output.decode(o));
}

export function isLoginAck(o: gochat.Output): boolean {
  if (o.type !== gochat.CmdType.CT_ACK || o.code !== 0) return false;
  return gochat.ACKMsg.decode(o.data ?? new Uint8Array(0)).type === gochat.ACKType.AT_LOGIN;
}

/**
 * A raw TCP connection that accumulates what it reads, with helpers to wait
 * for an HTTP response head or WebSocket frames.
 */
export class RawConn {
  buf = Buffer.alloc(0);
  ended = false;
  readonly closed: Promise<void>;
  private wake: (() => void) | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('data', (b: Buffer) => {
      this.buf = Buffer.concat([this.buf, b]);
      this.poke();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        this.poke();
        resolve();
      }),
    );
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConn> {
    return new Promise((resolve, reject) => {
      const s = netConnect({ port, host, noDelay: true }, () => resolve(new RawConn(s)));
      s.once('error', reject);
    });
  }

  private poke() {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  write(data: string | Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  /** Waits until `pred(buf)` returns a value (not undefined), or fails on close/timeout. */
  async until<T>(pred: (buf: Buffer) => T | undefined, ms = 5000, what = 'data'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred(this.buf);
      if (v !== undefined) return v;
      if (this.ended) throw new Error(`connection closed while waiting for ${what}; got ${JSON.stringify(this.buf.toString('latin1').slice(0, 300))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.buf.toString('latin1').slice(0, 300))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => (clearTimeout(t), resolve());
      });
    }
  }

  /** Reads one HTTP response (head, and a Content-Length body) and consumes it. */
  async response(ms = 5000): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const r = await this.until(
      (buf) => {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return undefined;
        const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
        const headers: Record<string, string> = {};
        for (const l of lines.slice(1)) {
          const c = l.indexOf(':');
          if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
        }
        const len = status === 101 ? 0 : Number(headers['content-length'] ?? 0);
        if (buf.length < end + 4 + len) return undefined;
        return { status, headers, body: buf.subarray(end + 4, end + 4 + len).toString('utf8'), used: end + 4 + len };
      },
      ms,
      'an HTTP response',
    );
    this.buf = this.buf.subarray(r.used);
    return { status: r.status, headers: r.headers, body: r.body };
  }

  /** Waits for the next complete WebSocket frame and consumes it. */
  async frame(ms = 5000): Promise<ServerFrame> {
    const r = await this.until((buf) => parseFrame(buf) ?? undefined, ms, 'a WebSocket frame');
    this.buf = this.buf.subarray(r.next);
    return r.frame;
  }

  /** Waits for an Output for which `pred` holds, consuming frames. */
  async output(pred: (o: gochat.Output) => boolean, ms = 5000): Promise<gochat.Output> {
    const deadline = Date.now() + ms;
    for (;;) {
      const f = await this.frame(Math.max(1, deadline - Date.now()));
      if (f.opcode === 8) throw new Error(`server closed the WebSocket (code ${f.payload.length >= 2 ? f.payload.readUInt16BE(0) : '?'})`);
      if (f.opcode !== 2) continue;
      for (const o of decodeOutputs(f.payload)) if (pred(o)) return o;
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * Drops what the nodes of one etcd-registered test cluster share (each
 * node's cleanup() leaves it): the Redis prefix, the persistence queue, the
 * registry keys and the database. Never throws.
 */
export async function dropSharedClusterState(prefix: string, etcdHost: string, db: TestDb | null): Promise<void> {
  await dropRedisPrefix(prefix).catch(() => undefined);
  await deleteRabbitQueue(RABBITMQ_URL, `${prefix}.persist`).catch(() => undefined);
  const etcd = new Etcd3({ hosts: `http://${etcdHost}` });
  await etcd
    .delete()
    .prefix(`${prefix}/`)
    .catch(() => undefined);
  etcd.close();
  await db?.drop().catch(() => undefined);
}
