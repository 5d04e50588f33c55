// The docker-compose observability topology, natively (issue #6): two GoChat
// nodes (each `node src/main.ts` = primary + 2 workers) sharing MariaDB,
// Redis, RabbitMQ and etcd under one prefix, and a Prometheus started here
// with grafana/prometheus.yml adapted to loopback (both admin ports, 1 s
// scrapes). After real traffic (HTTP registration, WebSocket logins, 1:1
// messages within a worker, across workers and across nodes, a group message,
// a rejected message) it checks that Prometheus scrapes both nodes, that
// every metric a Grafana dashboard or an alerting rule (prometheus/alerts.yml,
// loaded as compose loads it) queries exists in what was scraped, and that a
// node's /metrics sums gochat_connections over its workers.
//
// Needs etcd on 127.0.0.1:2379 and the `prometheus` binary (Debian package prometheus).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Etcd3 } from 'etcd3';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../src/client/raw-client.js';
import { gochat } from '../../src/proto/index.js';
import { byWorker, dropSharedClusterState, http, metricSum, registerUsers, REPO_ROOT, sleep, startCluster, type ClusterProc, type ClusterUser } from '../support/cluster.js';
import { createTestDb, uniqueName, type TestDb } from '../support/env.js';
import { startPrometheus, type PromServer } from '../support/prometheus.js';

const WORKERS = 2;
const NODE_IDS = ['obs-1', 'obs-2'] as const;
const ETCD = '127.0.0.1:2379';
const DASHBOARD_DIR = path.join(REPO_ROOT, 'grafana', 'dashboards');

type Obj = Record<string, any>;

// ---- dashboards: the metric names their queries select ----

const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** Metric names a PromQL expression selects (strings, label matchers, ranges, label lists and functions left out). */
function promqlMetricNames(expr: string): string[] {
  let s = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ');
  s = s.replace(/\{[^}]*\}/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const out: string[] = [];
  for (const m of s.matchAll(/[A-Za-z0-9_:.$]+/g)) {
    const word = m[0];
    if (!/^[A-Za-z_:][A-Za-z0-9_:]*$/.test(word)) continue;
    if (PROMQL_KEYWORDS.has(word.toLowerCase())) continue;
    if (s.slice(m.index! + word.length).trimStart().startsWith('(')) continue;
    out.push(word);
  }
  return out;
}

interface DashboardQuery {
  /** dashboard file and panel title (or variable name) */
  where: string;
  exprs: string[];
}

/** The PromQL of every panel (its targets) and every query variable of every dashboard. */
function dashboardQueries(): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  for (const f of readdirSync(DASHBOARD_DIR).filter((x) => x.endsWith('.json'))) {
    const d = JSON.parse(readFileSync(path.join(DASHBOARD_DIR, f), 'utf8')) as Obj;
    const panels = ((d.panels ?? []) as Obj[]).flatMap((p) => [p, ...((p.panels ?? []) as Obj[])]);
    for (const p of panels) {
      const exprs = ((p.targets ?? []) as Obj[]).map((t) => String(t.expr ?? '')).filter(Boolean);
      if (exprs.length) out.push({ where: `${f} "${p.title}"`, exprs });
    }
    for (const v of (d.templating?.list ?? []) as Obj[]) {
      const q = typeof v.query === 'string' ? v.query : String(v.query?.query ?? '');
      const lv = /^\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/s.exec(q);
      if (lv) out.push({ where: `${f} variable ${v.name}`, exprs: [lv[1]!] });
    }
  }
  return out;
}

/** metric name → the dashboards/panels that query it */
function dashboardMetrics(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const q of dashboardQueries()) for (const e of q.exprs) for (const n of promqlMetricNames(e)) out.set(n, [...(out.get(n) ?? []), q.where]);
  return out;
}

/** The alerting rules shipped for the compose Prometheus. */
const RULES_FILE = path.join(REPO_ROOT, 'prometheus', 'alerts.yml');

/** metric name → the alerting rules that use it */
function ruleMetrics(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const groups = (parseYaml(readFileSync(RULES_FILE, 'utf8')) as Obj).groups as Obj[];
  for (const r of groups.flatMap((g) => g.rules as Obj[])) for (const n of promqlMetricNames(String(r.expr))) out.set(n, [...(out.get(n) ?? []), `alerts.yml ${r.alert ?? r.record}`]);
  return out;
}

/** A panel's PromQL as Grafana would send it: variables = all values, intervals wide enough to cover this test's traffic. */
function grafanaSubstitute(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, '1m').replace(/\$(node|worker)\b/g, '.*');
}

// ---- the topology ----

let db: TestDb | null = null;
const prefix = uniqueName('obs');
const nodes: ClusterProc[] = [];
const clients: RawClient[] = [];
let prom: PromServer | null = null;
const promApi = (pathAndQuery: string) => prom!.api(pathAndQuery);
let users: ClusterUser[] = [];
/** users by worker index (the same on both nodes: 2 workers each) */
let onWorker: ClusterUser[][] = [];
/** logged-in connections this test holds open on each node */
const opened = [0, 0];

async function connect(node: number, u: ClusterUser, deviceId: string): Promise<RawClient> {
  const c = await RawClient.connect(nodes[node]!.wsUrl, u.token);
  clients.push(c);
  await c.login(u.token, deviceId);
  opened[node]!++;
  return c;
}

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, ms: number, what: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  db = await createTestDb();
  const started = await Promise.allSettled(
    NODE_IDS.map((id) =>
      startCluster({
        workers: WORKERS,
        db: db!,
        env: {
          GOCHAT_NODE_ID: id,
          GOCHAT_PREFIX: prefix,
          GOCHAT_ETCD_ENDPOINTS: ETCD,
          GOCHAT_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        },
      }),
    ),
  );
  for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  // the rule file compose mounts at its container path, from the repository
  prom = await startPrometheus({ adminPorts: nodes.map((n) => n.adminPort), ruleFiles: [RULES_FILE] });

  // Users on both workers (routing is by user id), registered over HTTP.
  users = await registerUsers(nodes[0]!.httpUrl, 6, { login: 'http' });
  onWorker = byWorker(users, WORKERS);
  while (onWorker.some((g) => g.length < 2)) {
    users.push(...(await registerUsers(nodes[0]!.httpUrl, 2, { login: 'http' })));
    onWorker = byWorker(users, WORKERS);
  }
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  await prom?.stop();
  // graceful first (the nodes leave etcd), then whatever is left is killed
  for (const n of nodes) {
    try {
      n.signal('SIGTERM');
    } catch {
      /* already gone */
    }
  }
  await Promise.race([Promise.all(nodes.map((n) => n.exited)), sleep(15_000)]);
  await Promise.all(nodes.map((n) => n.cleanup()));
  await dropSharedClusterState(prefix, ETCD, db);
}, 60_000);

describe('observability: two nodes scraped by Prometheus', () => {
  it('both nodes are registered in etcd under the shared prefix', async () => {
    const ids = await waitFor(
      async () => {
        const r = await http(nodes[1]!.httpUrl, 'GET', '/api/nodes');
        const got = ((r.body?.nodes ?? []) as { node_id: string }[]).map((n) => n.node_id).sort();
        return got.length === NODE_IDS.length ? got : null;
      },
      10_000,
      () => 'both nodes in GET /api/nodes',
    );
    expect(ids).toEqual([...NODE_IDS]);
  });

  it('carries traffic: within a worker, across workers, across nodes, to a group, and a rejection', async () => {
    const [w0, w1] = onWorker as [ClusterUser[], ClusterUser[]];
    // node 0: every user, so both of its workers hold connections; node 1: a second device of two users
    const a = new Map<number, RawClient>();
    for (const u of users) a.set(u.userId, await connect(0, u, 'd1'));
    const s0 = a.get(w0[0]!.userId)!;
    const sender2 = await connect(0, w0[0]!, 'd2'); // same user, same worker: a local push
    const b0 = await connect(1, w0[1]!, 'd3'); // another node, worker 0
    const b1 = await connect(1, w1[0]!, 'd3'); // another node, worker 1
    const text = (s: string) => Buffer.from(s);

    let cid = 0;
    const single = (to: ClusterUser) => s0.send(++cid, { sessionType: gochat.SessionType.ST_SINGLE, receiverId: to.userId, messageType: gochat.MessageType.MT_TEXT, content: text(`to ${to.userId}`) });
    // same worker as the sender, the other worker of node 0, and (second devices) node 1
    for (const to of [w0[1]!, w1[0]!, w1[1]!]) expect((await single(to)).code).toBe(0);

    const group = await http(
      nodes[0]!.httpUrl,
      'POST',
      '/api/groups',
      { name: 'observers', member_ids: users.map((u) => u.userId).filter((id) => id !== w0[0]!.userId) },
      w0[0]!.token,
    );
    expect(group.status, group.text).toBe(201);
    const gack = await s0.send(++cid, { sessionType: gochat.SessionType.ST_GROUP, receiverId: group.body.group_id, messageType: gochat.MessageType.MT_TEXT, content: text('hello group') });
    expect(gack.code).toBe(0);

    // a message to nobody: rejected with NOT_FOUND (4), counted by code
    const bad = await s0.send(++cid, { sessionType: gochat.SessionType.ST_SINGLE, receiverId: 2 ** 40, messageType: gochat.MessageType.MT_TEXT, content: text('nobody') });
    expect(bad.code).toBe(4);

    // deliveries arrived (and were ACKed, so the ACK-latency histogram has samples)
    await a.get(w1[0]!.userId)!.waitPushes(2); // 1:1 + group
    await b0.waitPushes(2); // 1:1 + group on the other node
    await b1.waitPushes(2);
    await sender2.waitPushes(4); // the sender's own inbox, on its other device: the 4 accepted messages

    // conversation-state commands and signals (the overview's "Conversation state" row)
    const rx = a.get(w0[1]!.userId)!;
    const got = rx.pushes.find((m) => Number(m.senderId) === w0[0]!.userId)!;
    const other = await connect(0, w0[1]!, 'd2'); // the reader's other device gets a 'read' signal
    expect((await rx.read(gochat.SessionType.ST_SINGLE, w0[0]!.userId, Number(got.seq))).code).toBe(0);
    await other.waitSignal(() => other.reads.length > 0, 10_000, 'the read on the other device');
    // conversations come from durable state: the messages are persisted write-behind
    await waitFor(async () => (await s0.conversations(10)).length > 0, 15_000, () => 'a conversation in CT_CONVERSATIONS');
    s0.typing(gochat.SessionType.ST_SINGLE, w0[1]!.userId, true);
    await rx.waitSignal(() => rx.typings.length > 0, 10_000, 'typing');
  });

  it('Prometheus scrapes both admin ports and sees every metric the dashboards and the alerting rules query', async () => {
    const targets = await waitFor(
      async () => {
        const data = await promApi('/api/v1/targets?state=active');
        const active = data.activeTargets as { health: string; scrapeUrl: string; lastError: string; labels: Obj }[];
        return active.length === nodes.length && active.every((t) => t.health === 'up') ? active : null;
      },
      15_000,
      () => `both targets up (prometheus log:\n${prom!.output().slice(-1500)})`,
    );
    expect(targets.map((t) => new URL(t.scrapeUrl).port).sort()).toEqual(nodes.map((n) => String(n.adminPort)).sort());
    expect(new Set(targets.map((t) => t.labels.job))).toEqual(new Set(['gochat']));

    const wanted = dashboardMetrics();
    expect(wanted.size).toBeGreaterThan(20);
    const rules = ruleMetrics();
    expect(rules.size).toBeGreaterThan(5);
    for (const [n, where] of rules) wanted.set(n, [...(wanted.get(n) ?? []), ...where]);
    let missing: string[] = [];
    await waitFor(
      async () => {
        const have = new Set((await promApi('/api/v1/label/__name__/values')) as string[]);
        missing = [...wanted.keys()].filter((n) => !have.has(n));
        return missing.length === 0;
      },
      15_000,
      () => `dashboard metrics in Prometheus; missing:\n${missing.map((n) => `  ${n} (${wanted.get(n)!.join(', ')})`).join('\n')}`,
    );

    // every dashboard query is valid PromQL, and every panel shows data after the traffic
    // (rates need two scrapes of a series that the traffic created: retry for a few seconds)
    const queries = dashboardQueries();
    let empty: string[] = [];
    for (const deadline = Date.now() + 10_000; ; await sleep(500)) {
      empty = [];
      for (const q of queries) {
        let series = 0;
        for (const e of q.exprs) {
          // a syntax error or an unknown function fails here (promApi throws on status error)
          const r = (await promApi(`/api/v1/query?query=${encodeURIComponent(grafanaSubstitute(e))}`)) as { result: unknown[] };
          series += r.result.length;
        }
        if (series === 0) empty.push(q.where);
      }
      if (empty.length === 0 || Date.now() > deadline) break;
    }
    expect(empty, 'panels without data').toEqual([]);

    // the rules are loaded and every one evaluates without error; healthy traffic fires none of them
    const loaded = ((await promApi('/api/v1/rules')).groups as Obj[]).flatMap((g) => g.rules as Obj[]);
    expect(loaded.map((r) => r.name).sort()).toEqual([...new Set([...rules.values()].flat().map((w) => w.replace('alerts.yml ', '')))].sort());
    await waitFor(
      async () => ((await promApi('/api/v1/rules')).groups as Obj[]).every((g) => (g.rules as Obj[]).every((r) => r.health === 'ok')),
      10_000,
      () => 'every alerting rule evaluated with health ok',
    );
    const firing = ((await promApi('/api/v1/alerts')).alerts as Obj[]).filter((a) => a.state === 'firing').map((a) => a.labels.alertname);
    expect(firing, 'alerts firing on healthy traffic').toEqual([]);

    // every series carries the node label, with both nodes present
    const byNode = (await promApi(`/api/v1/query?query=${encodeURIComponent('count by (node) (gochat_process_cpu_seconds_total)')}`)).result as { metric: Obj; value: [number, string] }[];
    expect(byNode.map((r) => r.metric.node).sort()).toEqual([...NODE_IDS]);
    // process metrics stay per worker
    for (const r of byNode) expect(Number(r.value[1]), `workers of ${r.metric.node}`).toBe(WORKERS);
    // the labelled series the traffic created
    const routes = (await promApi(`/api/v1/query?query=${encodeURIComponent('sum by (route) (gochat_pushes_total)')}`)).result as { metric: Obj }[];
    expect(routes.map((r) => r.metric.route).sort()).toEqual(['local', 'remote']);
    const sessions = (await promApi(`/api/v1/query?query=${encodeURIComponent('sum by (session_type) (gochat_messages_in_total)')}`)).result as { metric: Obj }[];
    expect(sessions.map((r) => r.metric.session_type).sort()).toEqual(['group', 'single']);
  });

  it("a node's /metrics sums gochat_connections over its workers", async () => {
    const node = nodes[0]!;
    const dbg = await node.debug();
    expect(dbg.worker_count).toBe(WORKERS);
    expect(dbg.workers).toHaveLength(WORKERS);
    for (const w of dbg.workers) expect(w.users.length, `worker ${w.index} holds connections`).toBeGreaterThan(0);
    const perWorker = dbg.workers.map((w) => w.connections);
    const total = perWorker.reduce((x, y) => x + y, 0);
    expect(total).toBe(opened[0]);

    const text = await (await fetch(`${node.adminUrl}/metrics`)).text();
    const samples = text.split('\n').filter((l) => /^gochat_connections[{ ]/.test(l));
    expect(samples, 'one aggregated gochat_connections series per node').toHaveLength(1);
    expect(samples[0]).toContain(`node="${NODE_IDS[0]}"`);
    expect(metricSum(text, 'gochat_connections')).toBe(total);

    // and Prometheus sees the same per node
    const q = encodeURIComponent('sum by (node) (gochat_connections)');
    await waitFor(
      async () => {
        const r = (await promApi(`/api/v1/query?query=${q}`)).result as { metric: Obj; value: [number, string] }[];
        const got = Object.fromEntries(r.map((x) => [x.metric.node, Number(x.value[1])]));
        return got[NODE_IDS[0]] === opened[0] && got[NODE_IDS[1]] === opened[1];
      },
      10_000,
      () => `Prometheus: gochat_connections per node = ${JSON.stringify(opened)}`,
    );
  });

  it('the nodes leave etcd when they shut down', async () => {
    const etcd = new Etcd3({ hosts: `http://${ETCD}` });
    try {
      expect(await etcd.getAll().prefix(`${prefix}/`).keys()).toHaveLength(NODE_IDS.length);
      for (const c of clients.splice(0)) c.ws.terminate();
      for (const n of nodes) n.signal('SIGTERM');
      const exits = await Promise.race([Promise.all(nodes.map((n) => n.exited)), sleep(20_000).then(() => null)]);
      expect(exits, 'both nodes exit').not.toBeNull();
      expect(await etcd.getAll().prefix(`${prefix}/`).keys()).toEqual([]);
    } finally {
      etcd.close();
    }
  }, 30_000);
});
