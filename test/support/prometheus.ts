// A real Prometheus (Debian package prometheus) for tests: the compose
// scrape configuration (grafana/prometheus.yml) pointed at loopback admin
// ports, 1 s scrapes and rule evaluations, on a free port and a data
// directory of its own, with the rule files given.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { freePort, REPO_ROOT } from './cluster.js';

type Obj = Record<string, any>;

export interface PromServer {
  url: string;
  /** GET of an HTTP API path (with its query); the `data` of a success, else throws with Prometheus's error */
  api(pathAndQuery: string): Promise<any>;
  /** the instant value of each series of a PromQL expression */
  query(expr: string): Promise<{ metric: Obj; value: number }[]>;
  /** the tail of its log */
  output(): string;
  /** SIGTERM (then SIGKILL), data directory removed; idempotent */
  stop(): Promise<void>;
}

export interface PromOptions {
  /** admin ports of the GoChat nodes to scrape (job gochat) */
  adminPorts: number[];
  /** rule files, by path on this machine */
  ruleFiles?: string[];
}

export async function startPrometheus(o: PromOptions): Promise<PromServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gochat-prom-'));
  const cfg = parseYaml(readFileSync(path.join(REPO_ROOT, 'grafana', 'prometheus.yml'), 'utf8')) as Obj;
  cfg.global = { ...cfg.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' };
  const job = (cfg.scrape_configs as Obj[]).find((j) => j.job_name === 'gochat');
  if (!job) throw new Error('grafana/prometheus.yml has no gochat job');
  job.static_configs = [{ targets: o.adminPorts.map((p) => `127.0.0.1:${p}`) }];
  cfg.rule_files = o.ruleFiles ?? [];
  const file = path.join(dir, 'prometheus.yml');
  writeFileSync(file, stringifyYaml(cfg));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('prometheus', [`--config.file=${file}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let spawnError: Error | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      spawnError = (err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error('`prometheus` is not installed; on Debian: apt-get install -y prometheus') : err;
      resolve();
    });
    child.once('exit', () => resolve());
  });
  const alive = () => child.exitCode === null && child.signalCode === null && !spawnError;
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      if (alive()) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (alive()) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    })());
  const api = async (pathAndQuery: string) => {
    const res = await fetch(url + pathAndQuery);
    const body = (await res.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${pathAndQuery}: ${body.error}`);
    return body.data as any;
  };
  for (const deadline = Date.now() + 20_000; ; await sleep(200)) {
    if (spawnError) throw spawnError;
    if (!alive()) {
      await stop();
      throw new Error(`prometheus exited:\n${out}`);
    }
    if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready:\n${out.slice(-2000)}`);
    }
  }
  return {
    url,
    api,
    async query(expr) {
      const r = (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as { result: { metric: Obj; value: [number, string] }[] };
      return r.result.map((x) => ({ metric: x.metric, value: Number(x.value[1]) }));
    },
    output: () => out,
    stop,
  };
}
