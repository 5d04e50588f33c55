// Servers the load tool runs against: GoChat started as users start it
// (`node dist/src/main.js`, or `node --import tsx src/main.ts` = `npm run dev`)
// as a child process on its own database, key/queue prefix and ports; an
// already running GoChat (--url); or the bare ws baseline server.
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { deleteRabbitQueue } from '../../test/support/rabbitmq.js';
import { CLUSTER_JWT_SECRET, freePort, freePortRange, REPO_ROOT } from '../../test/support/cluster.js';
import { createTestDb, dropRedisPrefix, RABBITMQ_URL, REDIS_URL, uniqueName, type TestDb } from '../../test/support/env.js';
import type { Args } from './args.js';
import { log } from './report.js';

export interface WorkerSummary {
  index: number;
  pid: number;
  rss_bytes: number;
  heap_used_bytes: number;
  heap_total_bytes?: number;
  external_bytes?: number;
  connections?: number;
  pending_pushes?: number;
  push_retransmits?: number;
  persist_queue_depth?: number | null;
  event_loop_delay_ms?: { p50: number; p90: number; p99: number; max: number };
}

export interface Target {
  kind: 'gochat' | 'baseline';
  /** how it was started, for the summary */
  label: string;
  httpUrl: string;
  wsUrl: string;
  adminUrl?: string;
  /** pid of the server's primary (started by the tool), for its CPU time; undefined = not known */
  pid?: number;
  /** MySQL URL of its database (persistence checks); undefined = not checked */
  mysqlUrl?: string;
  /** signing secret, to mint tokens instead of an HTTP login per user */
  jwtSecret?: string;
  /** effective limits.max_ids_per_request */
  maxIdsPerRequest: number;
  /** per-worker figures from the admin port; gc: after a full garbage collection in each worker */
  summary(opts?: { gc?: boolean }): Promise<WorkerSummary[] | null>;
  /** the server's output so far (for failure messages) */
  output(): string;
  stop(): Promise<void>;
}

/** Rate limits high enough that a load run measures throughput, not the limiter. */
export const LOAD_LIMITS: Record<string, string> = {
  GOCHAT_LIMITS_MESSAGES_PER_SEC: '1000000',
  GOCHAT_LIMITS_USER_MESSAGES_PER_SEC: '1000000',
  GOCHAT_LIMITS_BYTES_PER_SEC: '1073741824',
  GOCHAT_LIMITS_AUTH_PER_IP_PER_SEC: '100000',
  GOCHAT_LIMITS_SYNCS_PER_SEC: '100000',
  GOCHAT_LIMITS_UPLINK_WINDOW: '10000',
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts') || e.name.endsWith('.js')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** 'dist' when dist/src/main.js exists and is newer than every source file. */
function distFresh(): { fresh: boolean; why: string } {
  const main = path.join(REPO_ROOT, 'dist/src/main.js');
  if (!existsSync(main)) return { fresh: false, why: 'dist/src/main.js does not exist' };
  const built = statSync(main).mtimeMs;
  const src = newestMtime(path.join(REPO_ROOT, 'src'));
  return src > built ? { fresh: false, why: 'dist/ is older than src/' } : { fresh: true, why: '' };
}

async function json(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** Per-worker figures from the admin port; gc: after a full garbage collection in each worker. */
async function summaryOf(adminUrl: string, opts?: { gc?: boolean }): Promise<WorkerSummary[]> {
  return ((await json(`${adminUrl}/debug/summary${opts?.gc ? '?gc=1' : ''}`)) as { workers: WorkerSummary[] }).workers;
}

export interface GochatOptions {
  workers: number;
  /** 'auto' (dist when fresh, else tsx), 'dist', 'tsx' */
  entry: string;
  build: boolean;
  env: Record<string, string>;
  logLevel: string;
  /** pipe the server's output to stderr */
  showLog: boolean;
  keepDb: boolean;
}

export function gochatOptions(a: Args, defaults: Partial<GochatOptions> = {}): GochatOptions {
  const env: Record<string, string> = {};
  for (const kv of a.list('server-env')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new Error(`--server-env takes KEY=VALUE (got ${kv})`);
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return {
    workers: a.int('workers', defaults.workers ?? 2, 1),
    entry: a.str('server', defaults.entry ?? 'auto'),
    build: a.bool('build'),
    env: { ...(defaults.env ?? {}), ...env },
    logLevel: a.str('server-log-level', 'warn'),
    showLog: a.bool('server-log'),
    keepDb: a.bool('keep-db'),
  };
}

/** Starts GoChat (primary + workers) as a child process in its own process group. */
export async function startGochat(o: GochatOptions): Promise<Target> {
  if (o.build) {
    log('npm run build …');
    const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  let entry = o.entry;
  if (entry === 'auto') {
    const f = distFresh();
    entry = f.fresh ? 'dist' : 'tsx';
    if (!f.fresh) log(`server: ${f.why}: running the sources with tsx (pass --build to build and run dist/)`);
  } else if (entry === 'dist') {
    const f = distFresh();
    if (!f.fresh) log(`warning: ${f.why}; the server runs the old build (pass --build)`);
  } else if (entry !== 'tsx') throw new Error('--server must be auto, dist or tsx');
  const args = entry === 'dist' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];

  const db: TestDb = await createTestDb();
  const prefix = uniqueName('bench');
  const [httpPort, adminPort, rpcPort] = [await freePort(), await freePort(), await freePortRange(o.workers)];
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k === 'NODE_OPTIONS' || k.startsWith('VITEST') || k.startsWith('GOCHAT_')) delete env[k];
  Object.assign(env, {
    GOCHAT_WORKERS: String(o.workers),
    GOCHAT_ENGINE: 'cluster',
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
    GOCHAT_LOG_LEVEL: o.logLevel,
    ...LOAD_LIMITS,
    ...o.env,
  });
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString('utf8');
    if (out.length > 200_000) out = out.slice(-100_000);
    if (o.showLog) process.stderr.write(b);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let dead = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((dead = true), resolve())));
  const pid = child.pid!;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* gone */
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await Promise.race([exited, sleep(15_000)]);
    killGroup('SIGKILL');
    if (!o.keepDb) {
      await dropRedisPrefix(prefix).catch(() => undefined);
      await deleteRabbitQueue(RABBITMQ_URL, `${prefix}.persist`).catch(() => undefined);
      await db.drop().catch(() => undefined);
    } else log(`kept database ${db.name} and prefix ${prefix}`);
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (dead) {
      await stop();
      throw new Error(`gochat exited before it was ready:\n${out.slice(-4000)}`);
    }
    const ok = await fetch(adminUrl + '/readyz').then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`gochat not ready after 90 s:\n${out.slice(-4000)}`);
    }
    await sleep(100);
  }
  const label = `gochat (${entry === 'dist' ? 'node dist/src/main.js' : 'node --import tsx src/main.ts'}, ${o.workers} workers, cluster engine)`;
  return {
    kind: 'gochat',
    label,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    wsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    adminUrl,
    pid,
    mysqlUrl: db.url,
    jwtSecret: CLUSTER_JWT_SECRET,
    maxIdsPerRequest: Number(o.env.GOCHAT_LIMITS_MAX_IDS_PER_REQUEST ?? 500),
    summary: (opts) => summaryOf(adminUrl, opts),
    output: () => out,
    async stop() {
      process.off('exit', onExit);
      await stop();
    },
  };
}

/** An already running GoChat: --url http://host:port [--admin-url] [--mysql-url] [--jwt-secret]. */
export function externalGochat(a: Args): Target {
  const httpUrl = a.str('url')!.replace(/\/$/, '');
  const adminUrl = a.str('admin-url');
  const u = new URL(httpUrl);
  return {
    kind: 'gochat',
    label: `gochat at ${httpUrl} (not started by the tool)`,
    httpUrl,
    wsUrl: `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}/ws`,
    adminUrl,
    mysqlUrl: a.str('mysql-url'),
    jwtSecret: a.str('jwt-secret'),
    maxIdsPerRequest: a.int('max-ids-per-request', 500, 1),
    summary: async (opts) => (adminUrl ? summaryOf(adminUrl, opts) : null),
    output: () => '',
    async stop() {},
  };
}

export async function gochatTarget(a: Args, defaults: Partial<GochatOptions> = {}): Promise<Target> {
  if (a.has('url')) return externalGochat(a);
  const o = gochatOptions(a, defaults);
  log(`starting gochat (${o.workers} workers) …`);
  const t0 = Date.now();
  const t = await startGochat(o);
  log(`${t.label} ready in ${Date.now() - t0} ms at ${t.httpUrl}`);
  return t;
}

/** Starts bench/baseline-server.ts in a child process. */
export async function startBaseline(coalesce: boolean): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts', '--port', '0', coalesce ? '--coalesce' : '--no-coalesce'], {
    cwd: REPO_ROOT,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST'))),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; mode: string }>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString('utf8');
      const line = buf.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) resolve(JSON.parse(line));
    });
    void exited.then(() => reject(new Error(`baseline server exited: ${out}`)));
    setTimeout(() => reject(new Error('baseline server did not start in 30 s')), 30_000).unref();
  });
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    kind: 'baseline',
    label: `bare ws broadcast server (bench/baseline-server.ts, one process, ${ready.mode}, no persistence)`,
    httpUrl: `http://127.0.0.1:${ready.port}`,
    wsUrl: `ws://127.0.0.1:${ready.port}/ws`,
    maxIdsPerRequest: 0,
    summary: async () => {
      const s = (await json(`http://127.0.0.1:${ready.port}/debug/summary`)) as WorkerSummary;
      return [s];
    },
    output: () => out,
    async stop() {
      process.off('exit', onExit);
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      child.kill('SIGKILL');
    },
  };
}
