// conns: C idle, logged-in WebSocket connections; the server's RSS and heap
// per connection (admin /debug/summary?gc=1 before and after: live memory
// after a full collection in each worker, per worker, summed),
// and the connect+login rate through the balancer (the primary hands each
// socket to its worker).
//
// Connections are opened by child load processes (`bench/load.ts
// conns-child`), at most --per-proc each (the open-file limit is 20,000 per
// process), each socket bound to a source address 127.0.0.1, 127.0.0.2, …
// (--per-addr connections per address: one address has ~28K ephemeral
// ports). Users are synthetic ids with tokens minted with the server's
// secret (a WebSocket login checks the token, not the users table).
// Idle connections send a heartbeat every --heartbeat (the server closes
// connections silent for heartbeat_timeout, 90 s by default).
//
// --logins additionally runs bench/conns.ts (a colleague's benchmark):
// logins/s through the balancer (cluster, 2 workers) vs one worker
// listening without a primary, and prints its medians.
import { setTimeout as sleep } from 'node:timers/promises';
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import { TokenService } from '../../src/auth/token.js';
import { LoadClient, nowMs } from '../support/load-client.js';
import { REPO_ROOT } from '../../test/support/cluster.js';
import type { Args } from '../support/args.js';
import { fmtInt, log, median } from '../support/report.js';
import { fmtLatency, fmtMs, Hist, type HistJSON, type LatencySummary } from '../support/hist.js';
import { gochatTarget, type Target, type WorkerSummary } from '../support/server.js';

interface ChildJob {
  wsUrl: string;
  secret: string;
  /** user id of this child's first connection */
  userBase: number;
  /** global index of this child's first connection (for the source address) */
  start: number;
  count: number;
  perAddr: number;
  concurrency: number;
  heartbeatMs: number;
  deviceId: string;
}

type ChildMsg =
  | { type: 'progress'; opened: number }
  | { type: 'ready'; opened: number; failed: number; firstError: string; startAt: number; endAt: number; hist: HistJSON; rss: number; addresses: string[] }
  | { type: 'closed'; closedByServer: number };

export const sourceAddress = (globalIndex: number, perAddr: number) => `127.0.0.${1 + Math.floor(globalIndex / perAddr)}`;

// ---- child ----

export async function connsChild(): Promise<void> {
  process.once('disconnect', () => process.exit(0)); // the parent went away
  const job = await new Promise<ChildJob>((resolve) => process.once('message', (m) => resolve(m as ChildJob)));
  const send = (m: ChildMsg) => process.send!(m);
  const minter = new TokenService(job.secret, 7 * 86_400_000);
  const tokens: string[] = [];
  for (let i = 0; i < job.count; i++) tokens.push((await minter.issue(job.userBase + i)).token);
  const clients: LoadClient[] = [];
  const hist = new Hist();
  const addresses = new Set<string>();
  let failed = 0;
  let firstError = '';
  let closedByServer = 0;
  let closing = false;
  let next = 0;
  let lastReport = Date.now();
  const startAt = nowMs();
  await Promise.all(
    Array.from({ length: Math.min(job.concurrency, job.count) }, async () => {
      while (next < job.count) {
        const i = next++;
        const addr = sourceAddress(job.start + i, job.perAddr);
        addresses.add(addr);
        const s = nowMs();
        try {
          const c = await LoadClient.connect(job.wsUrl, tokens[i]!, { onClose: () => void (closing || closedByServer++) }, { localAddress: addr });
          await c.login(tokens[i]!, job.deviceId);
          clients.push(c);
          hist.add(nowMs() - s);
        } catch (err) {
          failed++;
          if (!firstError) firstError = `${addr}: ${(err as Error).message}`;
        }
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          send({ type: 'progress', opened: clients.length });
        }
      }
    }),
  );
  const endAt = nowMs();
  // Heartbeats, spread evenly: every 100 ms a slice of the connections.
  const slices = Math.max(1, Math.round(job.heartbeatMs / 100));
  let slice = 0;
  const hb = setInterval(() => {
    for (let i = slice; i < clients.length; i += slices) clients[i]!.heartbeat();
    slice = (slice + 1) % slices;
  }, 100);
  send({ type: 'ready', opened: clients.length, failed, firstError, startAt, endAt, hist: hist.toJSON(), rss: process.memoryUsage().rss, addresses: [...addresses] });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  clearInterval(hb);
  closing = true;
  for (let i = 0; i < clients.length; i += 500) await Promise.all(clients.slice(i, i + 500).map((c) => c.close(2000)));
  process.send!({ type: 'closed', closedByServer } satisfies ChildMsg, () => process.disconnect());
}

// ---- parent ----

export interface ConnsResult {
  mode: 'conns';
  target: string;
  run: number;
  conns: number;
  opened: number;
  failed: number;
  firstError: string;
  processes: number;
  sourceAddresses: string[];
  /** first connect → last login ACK, all processes */
  openMs: number;
  loginsPerSec: number;
  connectLogin: LatencySummary;
  /** connections the server counts (summary, all workers) */
  serverConnections: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  rssPerConn: number;
  heapPerConn: number;
  perWorker: { index: number; connections: number; rssDelta: number; heapDelta: number }[];
  clientRssPerConn: number;
  /** connections the server closed while they were held */
  closedByServer: number;
}

const sumBy = (ws: WorkerSummary[], f: (w: WorkerSummary) => number) => ws.reduce((s, w) => s + f(w), 0);

async function runConnsOnce(t: Target, a: { conns: number; perProc: number; perAddr: number; concurrency: number; holdMs: number; heartbeatMs: number }, run: number, userBase: number): Promise<ConnsResult> {
  if (!t.jwtSecret) throw new Error('conns needs the server secret to mint tokens (--jwt-secret with --url)');
  const before = await t.summary({ gc: true });
  if (!before) throw new Error('conns needs the admin port (/debug/summary)');
  const procs = Math.ceil(a.conns / a.perProc);
  log(`run ${run + 1}: opening ${fmtInt(a.conns)} connections from ${procs} load process(es), ${a.concurrency} at a time each …`);
  const children = Array.from({ length: procs }, (_, p) => {
    const start = p * a.perProc;
    const count = Math.min(a.perProc, a.conns - start);
    const child = fork(path.join(REPO_ROOT, 'bench/load.ts'), ['conns-child'], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST'))),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const job: ChildJob = { wsUrl: t.wsUrl, secret: t.jwtSecret!, userBase: userBase + start, start, count, perAddr: a.perAddr, concurrency: a.concurrency, heartbeatMs: a.heartbeatMs, deviceId: `idle-${run}` };
    child.send(job);
    const progress = { opened: 0 };
    const ready = new Promise<Extract<ChildMsg, { type: 'ready' }>>((resolve, reject) => {
      child.on('message', (m: ChildMsg) => {
        if (m.type === 'progress') progress.opened = m.opened;
        if (m.type === 'ready') resolve(m);
      });
      child.once('exit', (code) => reject(new Error(`load process ${p} exited (${code}) before it was ready`)));
    });
    const closed = new Promise<Extract<ChildMsg, { type: 'closed' }>>((resolve) => {
      child.on('message', (m: ChildMsg) => m.type === 'closed' && resolve(m));
      child.once('exit', () => resolve({ type: 'closed', closedByServer: 0 }));
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, ready, closed, exited, progress, count };
  });
  const progressTimer = setInterval(() => log(`  … ${fmtInt(children.reduce((s, c) => s + c.progress.opened, 0))} open`), 5000);
  let readies: Extract<ChildMsg, { type: 'ready' }>[];
  try {
    readies = await Promise.all(children.map((c) => c.ready));
  } catch (err) {
    for (const c of children) c.child.kill('SIGKILL');
    throw err;
  } finally {
    clearInterval(progressTimer);
  }
  const opened = readies.reduce((s, r) => s + r.opened, 0);
  const failed = readies.reduce((s, r) => s + r.failed, 0);
  const openMs = Math.max(...readies.map((r) => r.endAt)) - Math.min(...readies.map((r) => r.startAt));
  const hist = new Hist();
  for (const r of readies) hist.merge(r.hist);
  log(`run ${run + 1}: ${fmtInt(opened)} open (${failed} failed) in ${fmtMs(openMs)}; holding ${fmtMs(a.holdMs)} before measuring`);
  await sleep(a.holdMs);
  const after = (await t.summary({ gc: true }))!;
  // Close: each child closes its connections and exits.
  for (const c of children) c.child.send('close');
  const closed = await Promise.all(children.map((c) => c.closed));
  await Promise.all(children.map((c) => Promise.race([c.exited, sleep(10_000)])));
  for (const c of children) c.child.kill('SIGKILL');
  const serverConnections = sumBy(after, (w) => w.connections ?? 0);
  const rssBefore = sumBy(before, (w) => w.rss_bytes);
  const rssAfter = sumBy(after, (w) => w.rss_bytes);
  const heapBefore = sumBy(before, (w) => w.heap_used_bytes);
  const heapAfter = sumBy(after, (w) => w.heap_used_bytes);
  const n = Math.max(1, serverConnections || opened);
  // Let the server forget them before a next run.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const s = await t.summary().catch(() => null);
    if (s && sumBy(s, (w) => w.connections ?? 0) === 0) break;
    await sleep(200);
  }
  return {
    mode: 'conns',
    target: t.label,
    run: run + 1,
    conns: a.conns,
    opened,
    failed,
    firstError: readies.find((r) => r.firstError)?.firstError ?? '',
    processes: procs,
    sourceAddresses: [...new Set(readies.flatMap((r) => r.addresses))].sort(),
    openMs,
    loginsPerSec: (opened / openMs) * 1000,
    connectLogin: hist.summary(),
    serverConnections,
    rssBefore,
    rssAfter,
    heapBefore,
    heapAfter,
    rssPerConn: (rssAfter - rssBefore) / n,
    heapPerConn: (heapAfter - heapBefore) / n,
    perWorker: after.map((w) => {
      const b = before.find((x) => x.index === w.index);
      return { index: w.index, connections: w.connections ?? 0, rssDelta: w.rss_bytes - (b?.rss_bytes ?? 0), heapDelta: w.heap_used_bytes - (b?.heap_used_bytes ?? 0) };
    }),
    clientRssPerConn: readies.reduce((s, r) => s + r.rss, 0) / Math.max(1, opened),
    closedByServer: closed.reduce((s, c) => s + c.closedByServer, 0),
  };
}

const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

export function printConns(r: ConnsResult): void {
  process.stdout.write(
    [
      `== conns run ${r.run}: ${r.target}`,
      `   ${fmtInt(r.conns)} idle logged-in connections from ${r.processes} load process(es), source addresses ${r.sourceAddresses.join(', ')}`,
      `connections: opened ${fmtInt(r.opened)}, failed ${fmtInt(r.failed)}${r.firstError ? ` (first: ${r.firstError})` : ''}, counted by the server ${fmtInt(r.serverConnections)}, closed by the server while held ${r.closedByServer}`,
      `logins/s through the balancer: ${fmtInt(r.loginsPerSec)}  (${fmtInt(r.opened)} in ${fmtMs(r.openMs)}; connect -> login ACK ${fmtLatency(r.connectLogin)})`,
      `server RSS per connection: ${kb(r.rssPerConn)}  (${mib(r.rssBefore)} -> ${mib(r.rssAfter)}, all workers)`,
      `server heap per connection: ${kb(r.heapPerConn)}  (${mib(r.heapBefore)} -> ${mib(r.heapAfter)}; heap used after a full GC in each worker)`,
      ...r.perWorker.map((w) => `   worker ${w.index}: ${fmtInt(w.connections)} connections, RSS +${mib(w.rssDelta)} (${kb(w.rssDelta / Math.max(1, w.connections))}/conn), heap +${mib(w.heapDelta)}`),
      `   load client RSS per connection: ${kb(r.clientRssPerConn)}`,
    ].join('\n') + '\n',
  );
}

/** Runs bench/conns.ts and returns its output and the medians it printed. */
async function loginBench(conns: number, concurrency: number, runs: number, workers: number): Promise<{ cluster: number; single: number; ratio: number; output: string }> {
  log(`running bench/conns.ts --conns ${conns} --concurrency ${concurrency} --runs ${runs} --workers ${workers} …`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/conns.ts', '--conns', String(conns), '--concurrency', String(concurrency), '--runs', String(runs), '--workers', String(workers)], {
    cwd: REPO_ROOT,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST'))),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString('utf8');
    process.stderr.write(b);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bench/conns.ts exited with ${code}`);
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  return {
    cluster: num(/^\s+cluster, \d+ workers\s+(\d+) conns\/s/m),
    single: num(/^\s+single worker\s+(\d+) conns\/s/m),
    ratio: num(/ratio cluster \/ single: ([\d.]+)/),
    output: out,
  };
}

export async function connsMode(a: Args): Promise<{ results: ConnsResult[]; logins?: { cluster: number; single: number; ratio: number } }> {
  const cfg = {
    conns: a.int('conns', 2000, 1),
    perProc: a.int('per-proc', 15_000, 1),
    perAddr: a.int('per-addr', 20_000, 1),
    concurrency: a.int('concurrency', 200, 1),
    holdMs: a.ms('hold', 5000),
    heartbeatMs: a.ms('heartbeat', 30_000),
  };
  if (cfg.perProc > 18_000) log('warning: --per-proc above 18,000 runs into the open-file limit (20,000 per process)');
  if (cfg.perAddr > 28_000) log('warning: --per-addr above ~28,000 exhausts the ephemeral ports of one source address');
  const runs = a.int('runs', 1, 1);
  const json = a.bool('json');
  const logins = a.bool('logins');
  const loginConns = a.int('login-conns', 2000, 1);
  const loginConcurrency = a.int('login-concurrency', 50, 1);
  const loginRuns = a.int('login-runs', 3, 1);
  const workers = a.int('workers', 2, 1);
  const t = await gochatTarget(a);
  const results: ConnsResult[] = [];
  let loginRes: { cluster: number; single: number; ratio: number } | undefined;
  try {
    for (const k of a.unused()) log(`warning: --${k} is not used by this mode`);
    await sleep(2000); // let the workers settle before the "before" sample
    for (let run = 0; run < runs; run++) {
      const r = await runConnsOnce(t, cfg, run, 50_000_000 + run * 1_000_000 + Math.floor(Math.random() * 1000) * 1_000_000_000);
      results.push(r);
      if (!json) printConns(r);
    }
  } finally {
    await t.stop();
  }
  if (logins) {
    const l = await loginBench(loginConns, loginConcurrency, loginRuns, workers);
    loginRes = { cluster: l.cluster, single: l.single, ratio: l.ratio };
    if (!json) process.stdout.write(`== logins/s (bench/conns.ts, ${loginConns} connections): balancer ${fmtInt(l.cluster)}, single worker ${fmtInt(l.single)}, ratio ${l.ratio}\n`);
  }
  if (json) process.stdout.write(JSON.stringify({ results, logins: loginRes }) + '\n');
  else if (runs > 1)
    process.stdout.write(
      `== median of ${runs} runs: ${kb(median(results.map((r) => r.rssPerConn)))} RSS and ${kb(median(results.map((r) => r.heapPerConn)))} heap per connection, ${fmtInt(median(results.map((r) => r.loginsPerSec)))} logins/s (runs after the first start on a server that already held connections)\n`,
    );
  return { results, logins: loginRes };
}
