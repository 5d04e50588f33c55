// Benchmark: WebSocket connections + logins per second through the
// node:cluster balancer (primary + 2 workers) versus one worker listening
// directly (no primary, startWorker(cfg, logger, { listen: true })).
//
// Run from the repository root (needs MariaDB, Redis and RabbitMQ on
// loopback, as the tests do; TEST_MYSQL_URL / TEST_REDIS_URL /
// TEST_RABBITMQ_URL override them):
//
//   npx tsx bench/conns.ts                       # 2000 connections, 50 in flight, 3 runs each
//   npx tsx bench/conns.ts --conns 4000 --concurrency 100 --runs 5 --workers 2
//
// Each connection is a raw TCP socket: GET /ws?token=… upgrade, wait for the
// 101, one masked binary frame with Input(CT_LOGIN), wait for the AT_LOGIN
// ACK; it then stays open until the run has opened all of them. A run's rate
// is connections / (time from the first connect to the last login ACK). The
// targets are measured alternately (cluster, single, cluster, …) after one
// warm-up run each; the medians and their ratio are printed. Tokens are
// minted with the servers' signing secret for synthetic user ids (a login
// checks the token, not the users table), a fresh id range per run.
// Both servers get their own database, key prefix and queue, removed at
// the end. Takes about a minute.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenService } from '../src/auth/token.js';
import { startWorker } from '../src/app/worker-app.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { deleteRabbitQueue } from '../test/support/rabbitmq.js';
import {
  CLUSTER_JWT_SECRET,
  freePort,
  isLoginAck,
  loginInput,
  maskedFrame,
  metricSum,
  RawConn,
  REPO_ROOT,
  startCluster,
  wsUpgradeHead,
} from '../test/support/cluster.js';
import { createTestDb, dropRedisPrefix, RABBITMQ_URL, REDIS_URL, uniqueName } from '../test/support/env.js';
import { orUsage, parseCommandLine } from './support/args.js';

const USAGE = `usage: npx tsx bench/conns.ts [--conns 2000] [--concurrency 50] [--runs 3] [--workers 2]
  connections + logins per second through the node:cluster balancer versus one worker
`;
const args = parseCommandLine(process.argv.slice(2), { conns: 'int', concurrency: 'int', runs: 'int', workers: 'int', 'single-worker-child': 'bool' }, USAGE);
const opts = orUsage(
  () => ({ conns: args.int('conns', 2000, 1), concurrency: args.int('concurrency', 50, 1), runs: args.int('runs', 3, 1), workers: args.int('workers', 2, 1) }),
  USAGE,
);

// ---- parent ----

interface Target {
  name: string;
  port: number;
  adminUrl: string;
  stop(): Promise<void>;
}

async function startSingle(): Promise<Target> {
  const db = await createTestDb();
  const prefix = uniqueName('bs');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k === 'NODE_OPTIONS' || k.startsWith('GOCHAT_')) delete env[k];
  Object.assign(env, {
    GOCHAT_HTTP_HOST: '127.0.0.1',
    GOCHAT_ENGINE: 'cluster', // MariaDB + Redis + RabbitMQ (not the embedded engine)
    GOCHAT_HTTP_PORT: String(await freePort()),
    GOCHAT_ADMIN_PORT: String(await freePort()),
    GOCHAT_RPC_HOST: '127.0.0.1',
    GOCHAT_RPC_PORT: String(await freePort()),
    GOCHAT_PREFIX: prefix,
    GOCHAT_MYSQL_URL: db.url,
    GOCHAT_REDIS_URL: REDIS_URL,
    GOCHAT_RABBITMQ_URL: RABBITMQ_URL,
    GOCHAT_JWT_SECRET: CLUSTER_JWT_SECRET,
    GOCHAT_LOG_LEVEL: 'warn',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/conns.ts', '--single-worker-child'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await new Promise<{ httpPort: number; adminPort: number }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{"httpPort"'));
      if (line) resolve(JSON.parse(line));
    });
    void exited.then(() => reject(new Error('single worker exited before listening')));
    setTimeout(() => reject(new Error('single worker did not start in 60 s')), 60_000).unref();
  });
  return {
    name: 'single worker',
    port: ports.httpPort,
    adminUrl: `http://127.0.0.1:${ports.adminPort}`,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      child.kill('SIGKILL');
      await dropRedisPrefix(prefix).catch(() => undefined);
      await deleteRabbitQueue(RABBITMQ_URL, `${prefix}.persist`).catch(() => undefined);
      await db.drop().catch(() => undefined);
    },
  };
}

async function startBalanced(workers: number): Promise<Target> {
  const cl = await startCluster({ workers });
  return {
    name: `cluster, ${workers} workers`,
    port: cl.httpPort,
    adminUrl: cl.adminUrl,
    async stop() {
      cl.signal('SIGTERM');
      await Promise.race([cl.exited, sleep(15_000)]);
      await cl.cleanup();
    },
  };
}

/** Opens one connection and logs in; resolves with the socket once the login ACK arrived. */
async function openAndLogin(port: number, token: string): Promise<RawConn> {
  const c = await RawConn.open(port);
  try {
    await c.write(wsUpgradeHead(port, token));
    const res = await c.response(20_000);
    if (res.status !== 101) throw new Error(`upgrade refused: ${res.status} ${res.body}`);
    await c.write(maskedFrame(loginInput(token, 'bench')));
    const o = await c.output(() => true, 20_000);
    if (!isLoginAck(o)) throw new Error(`login failed: code ${o.code} ${o.codeMsg}`);
    return c;
  } catch (err) {
    c.destroy();
    throw err;
  }
}

interface RunResult {
  perSec: number;
  ms: number;
  p50: number;
  p99: number;
}

async function run(t: Target, tokens: string[], concurrency: number): Promise<RunResult> {
  const open: RawConn[] = [];
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tokens.length) }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++]!;
        const s = performance.now();
        open.push(await openAndLogin(t.port, token));
        lat.push(performance.now() - s);
      }
    }),
  );
  const ms = performance.now() - t0;
  lat.sort((a, b) => a - b);
  const result = { perSec: (tokens.length / ms) * 1000, ms, p50: lat[Math.floor(lat.length * 0.5)]!, p99: lat[Math.floor(lat.length * 0.99)]! };
  for (const c of open) c.destroy();
  // Let the server forget them before the next run.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = await fetch(`${t.adminUrl}/metrics`).then((r) => r.text()).catch(() => '');
    if (metricSum(text, 'gochat_connections') === 0 || Date.now() > deadline) break;
    await sleep(100);
  }
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { conns, concurrency, runs, workers } = opts;
  const issuer = new TokenService(CLUSTER_JWT_SECRET, 3_600_000);
  let nextUser = 10_000_000;
  const mint = async (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push((await issuer.issue(nextUser++)).token);
    return out;
  };

  console.log(`starting: cluster (${workers} workers) and a single worker… (${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)})`);
  const t0 = Date.now();
  const targets = await Promise.all([startBalanced(workers), startSingle()]);
  console.log(`started in ${Date.now() - t0} ms`);
  const results = new Map<Target, RunResult[]>(targets.map((t) => [t, []]));
  try {
    for (const t of targets) await run(t, await mint(Math.min(500, conns)), concurrency); // warm-up
    for (let r = 0; r < runs; r++) {
      for (const t of targets) {
        const res = await run(t, await mint(conns), concurrency);
        results.get(t)!.push(res);
        console.log(
          `run ${r + 1} ${t.name.padEnd(20)} ${conns} conns in ${res.ms.toFixed(0).padStart(6)} ms = ${res.perSec.toFixed(0).padStart(6)} conns/s  (connect→login p50 ${res.p50.toFixed(1)} ms, p99 ${res.p99.toFixed(1)} ms)`,
        );
      }
    }
  } finally {
    for (const t of targets) await t.stop();
  }
  const med = targets.map((t) => median(results.get(t)!.map((x) => x.perSec)));
  console.log(`\nmedian of ${runs} runs, ${conns} connections, ${concurrency} in flight:`);
  targets.forEach((t, i) => console.log(`  ${t.name.padEnd(20)} ${med[i]!.toFixed(0).padStart(6)} conns/s`));
  console.log(`  ratio cluster / single: ${(med[0]! / med[1]!).toFixed(2)}   (load average now ${loadavg()[0]!.toFixed(1)})`);
}

// ---- child mode: one worker that listens itself ----

if (args.bool('single-worker-child')) {
  const cfg = loadConfig(undefined, process.env);
  const app = await startWorker(cfg, createLogger(cfg.log.level), { index: 0, listen: true });
  process.stdout.write(JSON.stringify({ httpPort: app.httpPort, adminPort: app.adminPort }) + '\n');
  const stop = () => void app.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await main();
}
