// Private instances of Redis, RabbitMQ and MariaDB for fault tests: each on
// its own random loopback ports and its own temporary directory, so a test can
// stop, restart or wipe them without touching the shared services the other
// tests use. Every instance started here is registered; stopAllPrivateServices()
// (call it in afterAll) kills whatever is still running and removes the
// directories, also after a failed test. A process 'exit' hook kills what is
// left if the runner dies without running afterAll.
import { setTimeout as sleep } from 'node:timers/promises';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './cluster.js';


export interface PrivateService {
  readonly kind: 'redis' | 'rabbitmq' | 'mariadb';
  readonly port: number;
  /** URL the server is configured with (for MariaDB: the server, no database) */
  readonly url: string;
  readonly dir: string;
  readonly running: boolean;
  /** starts the instance (again) with the same ports and data directory; resolves when it answers */
  start(): Promise<void>;
  /** stops the instance (gracefully where the recipe says so; killed if that hangs) */
  stop(): Promise<void>;
  /** stop() then start() */
  restart(): Promise<void>;
  /** kills the process if still running and removes the directory (idempotent) */
  destroy(): Promise<void>;
}

const registry = new Set<PrivateService>();
/** pids to SIGKILL synchronously if the process exits without cleanup */
const livePids = new Map<PrivateService, () => number | null>();

let exitHook = false;
function killAllSync(): void {
  for (const [svc, pid] of livePids) {
    const p = pid();
    if (p) tryKill(p, 'SIGKILL');
    try {
      rmSync(svc.dir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
  livePids.clear();
}
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', killAllSync);
  // Killed by a signal (a runner timing out): clean up, then let the signal
  // do what it would have done (re-raised only if nobody else handles it).
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAllSync();
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.once(sig, onSignal);
  }
}

function tryKill(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(fn: () => Promise<boolean> | boolean, ms: number, what: string, every = 100): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

function tcpOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ port, host });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

function makeDir(kind: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gochat-${kind}-`));
  return dir;
}

function waitExit(child: ChildProcess | null, ms: number): Promise<boolean> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

abstract class Base implements PrivateService {
  abstract readonly kind: PrivateService['kind'];
  abstract readonly url: string;
  running = false;
  protected destroyed = false;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  protected abstract doStart(): Promise<void>;
  protected abstract doStop(): Promise<void>;
  protected abstract pid(): number | null;

  async start(): Promise<void> {
    if (this.destroyed) throw new Error(`${this.kind}: destroyed`);
    if (this.running) return;
    await this.doStart();
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    await this.doStop();
    this.running = false;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    try {
      await this.stop();
    } catch {
      /* killed below */
    }
    const p = this.pid();
    if (p && alive(p)) tryKill(p, 'SIGKILL');
    this.running = false;
    this.destroyed = true;
    registry.delete(this);
    livePids.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---- Redis ----

/** The snapshot file of a private Redis started with { rdb: true }. */
const RDB_FILE = 'snap.rdb';

export interface PrivateRedisOptions {
  /**
   * RDB persistence: the instance loads `snap.rdb` from its directory when it
   * starts, and writes it on save() only (no automatic snapshots, so a test
   * decides which moment a restart goes back to). Default false: nothing is
   * kept on disk and a restart comes back empty.
   */
  rdb?: boolean;
}

class PrivateRedis extends Base {
  readonly kind = 'redis' as const;
  readonly url: string;
  readonly rdb: boolean;
  private child: ChildProcess | null = null;

  constructor(port: number, dir: string, opts: PrivateRedisOptions = {}) {
    super(port, dir);
    this.url = `redis://127.0.0.1:${port}`;
    this.rdb = !!opts.rdb;
  }

  /** Path of the snapshot file ({ rdb: true } only). */
  get rdbPath(): string {
    return join(this.dir, RDB_FILE);
  }

  protected pid(): number | null {
    return this.child?.pid ?? null;
  }

  protected async doStart(): Promise<void> {
    // Not daemonized: the child is ours, so its pid is known and it can always be killed.
    const log = openSync(join(this.dir, 'redis.log'), 'a');
    const child = spawn(
      'redis-server',
      [
        '--bind', '127.0.0.1', '--port', String(this.port), '--daemonize', 'no', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--pidfile', join(this.dir, 'pid'),
        ...(this.rdb ? ['--dbfilename', RDB_FILE] : []),
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    this.child = child;
    child.on('error', () => undefined);
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${this.log()}`);
        return (await run('redis-cli', ['-p', String(this.port), 'ping'], 2000)).out.includes('PONG');
      },
      10_000,
      `redis on ${this.port}`,
    );
  }

  protected async doStop(): Promise<void> {
    const child = this.child;
    await run('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], 5000);
    if (!(await waitExit(child, 5000)) && child?.pid) {
      tryKill(child.pid, 'SIGKILL');
      await waitExit(child, 2000);
    }
    this.child = null;
  }

  private log(): string {
    try {
      return readFileSync(join(this.dir, 'redis.log'), 'utf8').slice(-2000);
    } catch {
      return '';
    }
  }

  /** Number of keys (a cheap check that the instance came back empty). */
  async dbsize(): Promise<number> {
    return Number((await run('redis-cli', ['-p', String(this.port), 'dbsize'], 2000)).out.trim());
  }

  /** Runs one command with redis-cli; resolves with its output (trimmed). */
  async cli(...args: string[]): Promise<string> {
    const r = await run('redis-cli', ['-p', String(this.port), ...args], 10_000);
    if (r.code !== 0) throw new Error(`redis-cli ${args.join(' ')}: exit ${r.code}: ${r.out}`);
    return r.out.trim();
  }

  private requireRdb(what: string): void {
    if (!this.rdb) throw new Error(`${what}: this private Redis was started without { rdb: true }`);
  }

  /** SAVE: writes the snapshot now (synchronously, in Redis); a later restartFromSnapshot() goes back to this moment. */
  async save(): Promise<void> {
    this.requireRdb('save()');
    const out = await this.cli('SAVE');
    if (out !== 'OK') throw new Error(`redis SAVE answered ${JSON.stringify(out)}`);
    if (!existsSync(this.rdbPath)) throw new Error(`redis SAVE: ${this.rdbPath} missing`);
  }

  /**
   * SHUTDOWN NOSAVE, then starts again on the same directory: the instance
   * loads the snapshot of the last save() and so comes back older (keys
   * written since are gone, counters are smaller). Same port.
   */
  async restartFromSnapshot(): Promise<void> {
    this.requireRdb('restartFromSnapshot()');
    if (!existsSync(this.rdbPath)) throw new Error('restartFromSnapshot(): no snapshot (call save() first)');
    await this.stop();
    await this.start();
  }

  /** SHUTDOWN NOSAVE, removes the snapshot file, starts again: the instance comes back empty. Same port. */
  async restartEmpty(): Promise<void> {
    await this.stop();
    rmSync(this.rdbPath, { force: true });
    await this.start();
  }
}

// ---- RabbitMQ ----

class PrivateRabbit extends Base {
  readonly kind = 'rabbitmq' as const;
  readonly url: string;
  readonly nodeName: string;

  constructor(
    port: number,
    private readonly distPort: number,
    dir: string,
  ) {
    super(port, dir);
    this.url = `amqp://guest:guest@127.0.0.1:${port}`;
    this.nodeName = `gochat${port}@localhost`;
  }

  protected pid(): number | null {
    try {
      const n = Number(readFileSync(join(this.dir, 'pid'), 'utf8').trim());
      return Number.isSafeInteger(n) && n > 0 ? n : null;
    } catch {
      return null;
    }
  }

  protected async doStart(): Promise<void> {
    rmSync(join(this.dir, 'pid'), { force: true });
    const env = [
      'RABBITMQ_CONF_ENV_FILE=/dev/null',
      `RABBITMQ_CONFIG_FILE=${join(this.dir, 'rabbitmq.conf')}`,
      `RABBITMQ_NODENAME=${this.nodeName}`,
      `RABBITMQ_DIST_PORT=${this.distPort}`,
      `RABBITMQ_MNESIA_BASE=${join(this.dir, 'mnesia')}`,
      `RABBITMQ_LOG_BASE=${join(this.dir, 'log')}`,
      `RABBITMQ_ENABLED_PLUGINS_FILE=${join(this.dir, 'enabled_plugins')}`,
      `RABBITMQ_PID_FILE=${join(this.dir, 'pid')}`,
    ].join(' ');
    const r = await run('su', ['rabbitmq', '-s', '/bin/sh', '-c', `cd /var/lib/rabbitmq; env ${env} /usr/lib/rabbitmq/bin/rabbitmq-server -detached`], 30_000);
    if (r.code !== 0) throw new Error(`rabbitmq-server -detached failed (${r.code}): ${r.out}`);
    await waitUntil(() => tcpOpen(this.port), 60_000, `rabbitmq on ${this.port}`, 200);
  }

  protected async doStop(): Promise<void> {
    const pid = this.pid();
    const r = await run('rabbitmqctl', ['-n', this.nodeName, 'stop'], 30_000);
    const gone = async () => !alive(pid) && !(await tcpOpen(this.port));
    try {
      await waitUntil(gone, r.code === 0 ? 15_000 : 2000, 'rabbitmq to stop', 100);
    } catch {
      if (pid) tryKill(pid, 'SIGKILL');
      await waitUntil(gone, 5000, 'rabbitmq to die', 100);
    }
  }
}

// ---- MariaDB ----

class PrivateMariaDb extends Base {
  readonly kind = 'mariadb' as const;
  readonly url: string;
  private child: ChildProcess | null = null;

  constructor(port: number, dir: string) {
    super(port, dir);
    this.url = `mysql://root@127.0.0.1:${port}`;
  }

  protected pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** mysql://root@127.0.0.1:port/<db> */
  dbUrl(db: string): string {
    return `${this.url}/${db}`;
  }

  protected async doStart(): Promise<void> {
    const data = join(this.dir, 'data');
    if (!existsSync(data)) {
      const r = await run('mariadb-install-db', ['--user=mysql', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'], 60_000);
      if (r.code !== 0) throw new Error(`mariadb-install-db failed (${r.code}): ${r.out.slice(-2000)}`);
      spawnSync('chown', ['-R', 'mysql:mysql', this.dir]);
    }
    const log = openSync(join(this.dir, 'mariadb.log'), 'a');
    const child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        '--user=mysql',
        `--datadir=${data}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'sock')}`,
        `--pid-file=${join(this.dir, 'pid')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        '--max-connections=500',
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    child.on('error', () => undefined);
    this.child = child;
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`mariadbd exited (${child.exitCode}): ${this.log()}`);
        try {
          const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 });
          await c.query('SELECT 1');
          await c.end();
          return true;
        } catch {
          return false;
        }
      },
      30_000,
      `mariadb on ${this.port}`,
      150,
    );
  }

  protected async doStop(): Promise<void> {
    const child = this.child;
    if (child?.pid) tryKill(child.pid, 'SIGTERM');
    if (!(await waitExit(child, 20_000)) && child?.pid) {
      tryKill(child.pid, 'SIGKILL');
      await waitExit(child, 5000);
    }
    this.child = null;
  }

  private log(): string {
    try {
      return readFileSync(join(this.dir, 'mariadb.log'), 'utf8').slice(-2000);
    } catch {
      return '';
    }
  }
}

export type { PrivateRedis, PrivateRabbit, PrivateMariaDb };

async function launch<T extends Base>(svc: T): Promise<T> {
  installExitHook();
  registry.add(svc);
  livePids.set(svc, () => (svc as unknown as { pid(): number | null }).pid());
  try {
    await svc.start();
  } catch (err) {
    await svc.destroy().catch(() => undefined);
    throw err;
  }
  return svc;
}

/**
 * A private Redis on a random port. By default nothing is kept on disk (a
 * restart comes back empty); with { rdb: true } it keeps an RDB snapshot
 * written by save() only, loaded again by restartFromSnapshot().
 */
export async function startPrivateRedis(opts: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const dir = makeDir('redis');
  return launch(new PrivateRedis(await freePort(), dir, opts));
}

/** A private RabbitMQ node on a random port; restarts keep durable queues and persistent messages. */
export async function startPrivateRabbit(): Promise<PrivateRabbit> {
  const dir = makeDir('rabbitmq');
  const [port, dist] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'rabbitmq.conf'), `listeners.tcp.local = 127.0.0.1:${port}\n`);
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  mkdirSync(join(dir, 'log'));
  spawnSync('chown', ['-R', 'rabbitmq:rabbitmq', dir]);
  return launch(new PrivateRabbit(port, dist, dir));
}

/** A private MariaDB server on a random port (root, empty password); restarts keep the data directory. */
export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const dir = makeDir('mariadb');
  const svc = new PrivateMariaDb(await freePort(), dir);
  spawnSync('chown', ['-R', 'mysql:mysql', dir]);
  return launch(svc);
}

/** Stops and removes every private instance still registered (afterAll). */
export async function stopAllPrivateServices(): Promise<void> {
  await Promise.all([...registry].map((s) => s.destroy().catch(() => undefined)));
}
