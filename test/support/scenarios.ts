// Fault scenarios, one function each, shared by the e2e tests
// (test/e2e/roaming.test.ts, test/e2e/redis-rollback.test.ts) and the fault
// matrix (`npm run drill`, scripts/drill.ts). Each starts what it needs —
// GoChat nodes as child processes (`node src/main.ts`, startCluster) with a
// database and key/queue/etcd prefix of their own, private Redis / RabbitMQ /
// MariaDB instances — drives clients against it from outside (HTTP,
// WebSocket, signals), tears everything down in `finally`, and returns one
// uniform row: sent / ACKed / lost / duplicated / out of order / sync
// backwards, plus every problem found (DESIGN.md §3, I1–I5).
//
// Durations are parameters: the tests run short versions, the drill longer
// ones. Nothing here asserts; rowOk() / describeRow() say whether a row is
// clean and why not.
import { Etcd3 } from 'etcd3';
import mysql from 'mysql2/promise';
import { connect as netConnect } from 'node:net';
import { Redis } from 'ioredis';
import { RawClient, type Ack } from '../../src/client/raw-client.js';
import { GoChatClient, type ReceivedMessage } from '../../src/client/sdk.js';
import { gochat } from '../../src/proto/index.js';
import { migrate } from '../../src/store/migrate.js';
import { byWorker, dropSharedClusterState, FAST_GAP_ENV, freePort, freePortRange, http, registerUsers, sleep, startCluster, type ClusterProc } from './cluster.js';
import { createTestDb, MYSQL_SERVER, RABBITMQ_URL, REDIS_URL, uniqueName, type TestDb } from './env.js';
import { startPrivateMariaDb, startPrivateRabbit, startPrivateRedis } from './private-services.js';
import {
  buildScenario,
  HandoutWatch,
  keyOf,
  parseContent,
  Traffic,
  watchedSocketFactory,
  type ScenarioShape,
  type TrafficOptions,
  type TrafficReport,
  type TrafficUser,
} from './traffic.js';

export const ETCD_ENDPOINT = process.env.TEST_ETCD_ENDPOINTS ?? '127.0.0.1:2379';

// ------------------------------------------------------------------ rows

export interface ScenarioRow {
  scenario: string;
  /** messages the clients sent (distinct client_ids) */
  sent: number;
  /** of those, answered with code 0 */
  acked: number;
  /** ACKed messages missing from a recipient's inbox or never handed to a recipient device */
  lost: number;
  /** messages stored / handed twice (or a resend answered with a new seq) */
  duplicated: number;
  /** per-sender order broken in an inbox or on a device */
  outOfOrder: number;
  /** a device handed a message below what it was already handed, or a sync answer below an earlier one */
  syncBackwards: number;
  /** never answered (also in problems) */
  unanswered: number;
  /** one seq for two messages (also in problems) */
  seqReused: number;
  /** every problem found, readable; empty = clean */
  problems: string[];
  /** what the scenario did (fault times, counters, …) */
  notes: string;
  /** wall time of the scenario */
  ms: number;
}

/** Whether a row is clean: no problem, every message ACKed, nothing lost, duplicated, reordered or handed backwards. */
export function rowOk(r: ScenarioRow): boolean {
  return (
    r.problems.length === 0 &&
    r.sent > 0 &&
    r.acked === r.sent &&
    r.unanswered === 0 &&
    r.lost === 0 &&
    r.duplicated === 0 &&
    r.outOfOrder === 0 &&
    r.syncBackwards === 0 &&
    r.seqReused === 0
  );
}

/** The row as text for an assertion message or a log: the figures, the notes, the first problems. */
export function describeRow(r: ScenarioRow, maxProblems = 25): string {
  const head = `${r.scenario}: sent ${r.sent}, ACKed ${r.acked}, unanswered ${r.unanswered}, lost ${r.lost}, duplicated ${r.duplicated}, out of order ${r.outOfOrder}, sync backwards ${r.syncBackwards}, seq reused ${r.seqReused} (${(r.ms / 1000).toFixed(1)} s)`;
  const shown = r.problems.slice(0, maxProblems).map((p) => `  - ${p.length > 600 ? p.slice(0, 600) + '…' : p}`);
  const more = r.problems.length > maxProblems ? [`  … ${r.problems.length - maxProblems} more`] : [];
  return [head, `notes: ${r.notes}`, `problems (${r.problems.length}):`, ...shown, ...more].join('\n');
}

function rowFromTraffic(scenario: string, started: number, rep: TrafficReport, extra: string[], notes: string[], t: Traffic): ScenarioRow {
  const c = rep.counts;
  const log = t.log;
  const watched = t.devices.reduce((a, d) => [a[0]! + d.watch.pushes, a[1]! + d.watch.syncAnswers], [0, 0]);
  notes.push(`watched ${watched[0]} pushes and ${watched[1]} sync answers`);
  // Unanswered messages, one line per device (client_id ranges), ahead of the per-message lines.
  const open = new Map<string, number[]>();
  for (const x of t.sent) if (!x.result) open.set(`${x.senderId}/${x.deviceId}`, [...(open.get(`${x.senderId}/${x.deviceId}`) ?? []), x.counter]);
  if (open.size > 0) {
    const parts = [...open].map(([dev, ids]) => `${dev} #${Math.min(...ids)}–#${Math.max(...ids)} (${ids.length})`);
    extra.unshift(`${c.unanswered} of ${c.sent} never answered, on ${open.size} of ${t.devices.length} devices: ${parts.slice(0, 10).join(', ')}${parts.length > 10 ? ', …' : ''}`);
  }
  // The checker's problems grouped by kind (stable within a kind), the scenario's own first.
  const rank = (p: string) =>
    /^unanswered:/.test(p) ? 6 : /lost|never received/.test(p) ? 0 : /duplicate|twice|at two seqs/.test(p) ? 1 : /order broken| after /.test(p) ? 2 : /on the wire/.test(p) ? 3 : /seq reused/.test(p) ? 4 : 5;
  const problems = [...extra, ...rep.problems.map((p, i) => ({ p, i, r: rank(p) })).sort((x, y) => x.r - y.r || x.i - y.i).map((x) => x.p)];
  if (problems.length > 0 && log.length > 0) notes.push(`log: ${log.slice(-25).join(' · ')}`);
  return {
    scenario,
    sent: c.sent,
    acked: c.acked,
    lost: c.lost,
    duplicated: c.duplicated,
    outOfOrder: c.outOfOrder,
    syncBackwards: c.syncBackwards,
    unanswered: c.unanswered,
    seqReused: c.seqReused,
    problems,
    notes: [`seed ${rep.summary.seed}`, `lost in inbox ${c.lostInInbox} / on devices ${c.lostOnDevice}`, `drops ${rep.summary.drops}`, `transient ${rep.summary.transient}`, ...notes].join('; '),
    ms: Date.now() - started,
  };
}

// ------------------------------------------------------------------ services

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Fails loudly, naming the service, when one the scenarios need does not answer. */
export async function requireServices(which: readonly ('mysql' | 'redis' | 'rabbitmq' | 'etcd')[] = ['mysql', 'redis', 'rabbitmq', 'etcd']): Promise<void> {
  const missing: string[] = [];
  for (const w of which) {
    try {
      if (w === 'mysql') {
        const c = await mysql.createConnection({ uri: MYSQL_SERVER, connectTimeout: 3000 });
        await c.query('SELECT 1');
        await c.end();
      } else if (w === 'redis') {
        const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
        await r.connect();
        await r.ping();
        r.disconnect();
      } else if (w === 'rabbitmq') {
        const u = new URL(RABBITMQ_URL);
        if (!(await tcpOpen(u.hostname, Number(u.port || 5672)))) throw new Error('no answer');
      } else {
        const e = new Etcd3({ hosts: `http://${ETCD_ENDPOINT}`, dialTimeout: 3000 });
        try {
          await Promise.race([e.get('gochat-drill-probe').string(), sleep(4000).then(() => Promise.reject(new Error('timeout')))]);
        } finally {
          e.close();
        }
      }
    } catch (err) {
      missing.push(`${w} (${(err as Error).message})`);
    }
  }
  if (missing.length > 0) throw new Error(`services needed by the scenarios are not answering: ${missing.join(', ')}`);
}

/** A database with the schema on another MariaDB server (a private one). */
async function createDbOn(serverUrl: string): Promise<TestDb> {
  const name = uniqueName('db');
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await conn.end();
  }
  const url = `${serverUrl}/${name}`;
  await migrate(url);
  return {
    url,
    name,
    async drop() {
      const c = await mysql.createConnection({ uri: serverUrl });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

// ------------------------------------------------------------------ nodes

interface NodeSet {
  db: TestDb;
  prefix: string;
  nodes: ClusterProc[];
  /** (re)starts node i with the same ports, prefix and database */
  start(i: number): Promise<ClusterProc>;
  cleanup(): Promise<void>;
}

/**
 * `count` nodes of one cluster (one database, one prefix), each on fixed
 * http/rpc ports so a node can be started again as the same node; in etcd
 * when `etcd` is set.
 */
async function startNodes(count: number, o: { workers?: number; etcd?: boolean; env?: Record<string, string>; db?: TestDb; dropDb?: boolean } = {}): Promise<NodeSet> {
  const workers = o.workers ?? 2;
  const db = o.db ?? (await createTestDb());
  const prefix = uniqueName('sc');
  const ports: { http: number; rpc: number }[] = [];
  for (let i = 0; i < count; i++) ports.push({ http: await freePort(), rpc: await freePortRange(workers) });
  const nodes: ClusterProc[] = [];
  const set: NodeSet = {
    db,
    prefix,
    nodes,
    async start(i) {
      const n = await startCluster({
        workers,
        db,
        prefix,
        readyTimeoutMs: 90_000,
        env: {
          GOCHAT_NODE_ID: `n${i + 1}`,
          GOCHAT_PREFIX: prefix,
          GOCHAT_HTTP_PORT: String(ports[i]!.http),
          GOCHAT_RPC_PORT: String(ports[i]!.rpc),
          ...(o.etcd ? { GOCHAT_ETCD_ENDPOINTS: ETCD_ENDPOINT, GOCHAT_ETCD_LEASE_TTL: '4s' } : {}),
          ...o.env,
        },
      });
      // startCluster's own URLs name the port it picked; this node listens on ours.
      const fixed: ClusterProc = { ...n, httpPort: ports[i]!.http, rpcPort: ports[i]!.rpc, httpUrl: `http://127.0.0.1:${ports[i]!.http}`, wsUrl: `ws://127.0.0.1:${ports[i]!.http}/ws` };
      nodes[i] = fixed;
      return fixed;
    },
    async cleanup() {
      for (const n of nodes) n?.kill();
      await Promise.all(nodes.map((n) => n && Promise.race([n.exited, sleep(5000)])));
      await dropSharedClusterState(prefix, ETCD_ENDPOINT, o.db && !o.dropDb ? null : db);
    },
  };
  try {
    // One after the other: on two cores, starting them together is no faster.
    for (let i = 0; i < count; i++) await set.start(i);
    if (o.etcd && count > 1) await waitListed(nodes, count);
  } catch (err) {
    await set.cleanup();
    throw err;
  }
  return set;
}

/** Waits until every node's /api/nodes lists `count` nodes (asked a few times: each worker watches etcd on its own). */
async function waitListed(nodes: ClusterProc[], count: number, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    let ok = true;
    for (const n of nodes) {
      for (let k = 0; k < 4 && ok; k++) {
        const r = await http(n.httpUrl, 'GET', '/api/nodes').catch(() => null);
        ok = r?.status === 200 && (r.body.nodes as unknown[]).length === count;
      }
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nodes do not list each other after ${ms} ms`);
    await sleep(200);
  }
}

/** GET /api/nodes/pick of a random node among `nodes()` (what a client does before each connect). */
function pickVia(nodes: () => ClusterProc[], rnd: () => number = Math.random): () => Promise<string | null> {
  return async () => {
    const list = nodes();
    const n = list[Math.floor(rnd() * list.length)]!;
    try {
      const r = await fetch(`${n.httpUrl}/api/nodes/pick`, { signal: AbortSignal.timeout(2000) });
      if (!r.ok) return null;
      return ((await r.json()) as { ws_url: string }).ws_url;
    } catch {
      return null;
    }
  };
}

// ------------------------------------------------------------------ traffic

/** ~12 users, 2 groups of 7, 4 users with two devices (the fault tests' population). */
const SMALL_SHAPE: ScenarioShape = {
  users: 12,
  twoDevices: [0, 3, 6, 9],
  groups: [
    [0, 1, 2, 3, 4, 5, 6],
    [6, 7, 8, 9, 10, 11, 5],
  ],
};

/** 36 users, 4 of them with two devices: 40 devices; three groups of 8–9 (overlapping). */
const FORTY_DEVICES: ScenarioShape = {
  users: 36,
  twoDevices: [0, 9, 18, 27],
  groups: [
    [0, 1, 2, 3, 4, 5, 6, 7],
    [7, 8, 9, 10, 11, 12, 13, 14],
    [20, 21, 22, 23, 24, 25, 26, 27, 0],
  ],
};

async function population(httpUrl: string, n: number, shape: ScenarioShape): Promise<Pick<TrafficOptions, 'users' | 'devices' | 'groups'>> {
  const users = await registerUsers(httpUrl, n, { login: 'mint' });
  return buildScenario(
    httpUrl,
    users.map((u) => ({ userId: u.userId, token: u.token })),
    shape,
  );
}

interface TimedEvent {
  at: number;
  name: string;
  run: () => Promise<void>;
}

/**
 * Sends (and cuts connections every cut[0]–cut[1] ms) for `ms`, running the
 * events at their offsets. The cuts stop `calmMs` before the sending does (a
 * message sent at the very end to a device that is reconnecting right then
 * is downlink.test.ts's subject, not these runs').
 */
async function drive(t: Traffic, o: { ms: number; cut?: [number, number] | null; calmMs?: number; events?: TimedEvent[] }): Promise<void> {
  const start = Date.now();
  const calm = o.calmMs ?? 1500;
  t.startSending();
  if (o.cut) t.startChaos(o.cut[0], o.cut[1]);
  try {
    for (const e of o.events ?? []) {
      const wait = start + e.at - Date.now();
      if (wait > 0) await sleep(wait);
      t.note(`${e.name}: start`);
      await e.run();
      t.note(`${e.name}: done`);
    }
    const left = start + o.ms - calm - Date.now();
    if (left > 0) await sleep(left);
    t.stopChaos();
    await sleep(calm);
  } finally {
    t.stopChaos();
    t.stopSending();
  }
}

/** Settles (the drain), checks, closes. */
async function settleCheck(t: Traffic, dbUrl: string, drainMs: number): Promise<TrafficReport> {
  try {
    await t.settle(dbUrl, drainMs);
    return await t.check(dbUrl);
  } finally {
    t.close();
  }
}

/** The run did what it claims: enough traffic of both kinds. */
function trafficSanity(rep: TrafficReport, minAcked: number): string[] {
  const out: string[] = [];
  if (rep.summary.acked < minAcked) out.push(`harness: only ${rep.summary.acked} messages ACKed (at least ${minAcked} expected)`);
  if (rep.summary.single === 0 || rep.summary.group === 0) out.push(`harness: ${rep.summary.single} 1:1 and ${rep.summary.group} group messages ACKed (both kinds expected)`);
  return out;
}

// ------------------------------------------------------------------ scenario: blips across nodes

export interface BlipsOptions {
  /** nodes of the cluster, all in etcd (2; 1 is the control: same clients, one node) */
  nodes?: number;
  /** how long the clients send (ms) */
  sendMs?: number;
  /** messages per second, all devices together */
  ratePerSec?: number;
  /** a connection is cut every cutMinMs–cutMaxMs */
  cutMinMs?: number;
  cutMaxMs?: number;
  /** how long to wait, after the sending stopped, for every answer and delivery */
  drainMs?: number;
  seed?: number;
}

/**
 * 40 devices (36 users, 3 groups), mixed 1:1 and group traffic, a
 * connection cut every ≤ 200 ms; each device asks GET /api/nodes/pick of a
 * random node before every (re)connect, so devices move between nodes.
 */
export async function blips(o: BlipsOptions = {}): Promise<ScenarioRow> {
  const started = Date.now();
  const count = o.nodes ?? 2;
  const name = `blips-${count}-node${count > 1 ? 's' : ''}`;
  const sendMs = o.sendMs ?? 30_000;
  await requireServices();
  const set = await startNodes(count, { etcd: true });
  let t: Traffic | null = null;
  try {
    const pop = await population(set.nodes[0]!.httpUrl, FORTY_DEVICES.users, FORTY_DEVICES);
    t = new Traffic({
      wsUrl: set.nodes[0]!.wsUrl,
      ...pop,
      ratePerUser: (o.ratePerSec ?? 50) / FORTY_DEVICES.users,
      groupShare: 0.4,
      seed: o.seed,
      nodeUrl: pickVia(() => set.nodes),
    });
    await t.connect(30_000);
    await drive(t, { ms: sendMs, cut: [o.cutMinMs ?? 100, o.cutMaxMs ?? 200], calmMs: 1000 });
    const rep = await settleCheck(t, set.db.url, o.drainMs ?? 30_000);
    const extra = trafficSanity(rep, Math.min(200, Math.floor((sendMs / 1000) * 10)));
    if (rep.summary.drops < sendMs / 400) extra.push(`harness: only ${rep.summary.drops} connection cuts in ${sendMs} ms`);
    if (count > 1 && rep.summary.nodeSwitches === 0) extra.push('harness: no device ever connected to another node');
    const hosts = new Map<string, number>();
    for (const d of t.devices) for (const h of d.hosts) hosts.set(h, (hosts.get(h) ?? 0) + 1);
    return rowFromTraffic(
      name,
      started,
      rep,
      extra,
      [
        `${rep.summary.devices} devices, ${(sendMs / 1000).toFixed(0)} s at ${o.ratePerSec ?? 50} msg/s, cut every ${o.cutMinMs ?? 100}–${o.cutMaxMs ?? 200} ms`,
        `connections per node ${[...hosts.values()].join('/')}`,
        `node switches ${rep.summary.nodeSwitches}`,
      ],
      t,
    );
  } finally {
    t?.close();
    await set.cleanup();
  }
}

// ------------------------------------------------------------------ scenario: roaming

export interface RoamingOptions {
  /** node indexes visited in order (default 0 → 1 → 2 → 0: n1 → n2 → n3 → n1) */
  path?: number[];
  /** new messages per device per stint */
  perStint?: number;
  /** an ACK later than this is a stall */
  ackTimeoutMs?: number;
  /** time spent on a node after the sends were answered */
  dwellMs?: number;
  /** after the last stint: how long unanswered ids are retransmitted and deliveries awaited */
  drainMs?: number;
}

interface RoamDevice {
  id: string;
  /** 'latest': on each arrival resend the latest ACKed id; 'since-left': every id ACKed since the device last left this node */
  policy: 'latest' | 'since-left';
  kind: 'single' | 'group';
  target: number;
  recipients: number[];
  nextId: number;
  firstSeq: Map<number, number>;
  /** client_ids sent, not ACKed yet */
  unacked: Set<number>;
  /** highest client_id ACKed when the device last left node i */
  leftAt: Map<number, number>;
  maxAcked: number;
  conn: RawClient | null;
}

/**
 * One user's two devices move together n1 → n2 → n3 → n1 (3 nodes in one
 * etcd), a new connection every stint. On each arrival a device resends
 * client_ids already ACKed ('latest': the last one, as after an ACK lost in
 * the cut; 'since-left': each one ACKed since it last left this node), then
 * retransmits anything unanswered, then sends new ones. Every resend must get
 * its FIRST seq; every new id must be ACKed within ackTimeoutMs; each
 * recipient's inbox (and SDK device) must hold each message once, in order.
 */
export async function roaming3Nodes(o: RoamingOptions = {}): Promise<ScenarioRow> {
  const started = Date.now();
  const path = o.path ?? [0, 1, 2, 0];
  const perStint = o.perStint ?? 3;
  const ackTimeoutMs = o.ackTimeoutMs ?? 3000;
  const dwellMs = o.dwellMs ?? 300;
  const drainMs = o.drainMs ?? 10_000;
  await requireServices();
  const set = await startNodes(3, { etcd: true });
  const problems: string[] = [];
  const notes: string[] = [`path ${path.map((i) => `n${i + 1}`).join(' → ')}`];
  const sdk: GoChatClient[] = [];
  const raws: RawClient[] = [];
  try {
    const nodes = set.nodes;
    const [a, b, c] = await registerUsers(nodes[0]!.httpUrl, 3, { login: 'mint' });
    const g = await http(nodes[0]!.httpUrl, 'POST', '/api/groups', { name: 'roam', member_ids: [b!.userId, c!.userId] }, a!.token);
    if (g.status !== 201) throw new Error(`create group: ${g.status} ${g.text}`);
    const groupId = g.body.group_id as number;

    // Recipients: SDK clients that stay on n2 (B) and n3 (C), wire watched.
    const recv = new Map<number, { client: GoChatClient; watch: HandoutWatch; got: ReceivedMessage[] }>();
    for (const [u, n] of [
      [b!, nodes[1]!],
      [c!, nodes[2]!],
    ] as const) {
      const watch = new HandoutWatch(`recipient ${u.userId}`);
      const got: ReceivedMessage[] = [];
      let client: GoChatClient | null = null;
      client = new GoChatClient({
        wsUrl: n.wsUrl,
        token: u.token,
        deviceId: 'r1',
        socket: watchedSocketFactory(watch, () => client?.lastSeq ?? 0),
        reconnectMinMs: 100,
        reconnectMaxMs: 1000,
        heartbeatMs: 1000,
        resyncMs: 2000,
      });
      client.on('message', (m) => got.push(m));
      sdk.push(client);
      recv.set(u.userId, { client, watch, got });
      await client.start();
    }
    const deadline0 = Date.now() + 10_000;
    while (![...recv.values()].every((r) => r.client.state === 'online')) {
      if (Date.now() > deadline0) throw new Error('recipients not online');
      await sleep(50);
    }

    const devices: RoamDevice[] = [
      { id: 'd1', policy: 'latest', kind: 'single', target: b!.userId, recipients: [a!.userId, b!.userId] },
      { id: 'd2', policy: 'since-left', kind: 'group', target: groupId, recipients: [a!.userId, b!.userId, c!.userId] },
    ].map((d) => ({ ...(d as Pick<RoamDevice, 'id' | 'policy' | 'kind' | 'target' | 'recipients'>), nextId: 1, firstSeq: new Map(), unacked: new Set(), leftAt: new Map(), maxAcked: 0, conn: null }));
    const contentOf = (d: RoamDevice, cid: number) => `tf|${a!.userId}|${d.id}|${cid}|${d.kind}|${d.target}|`;
    const msgOf = (d: RoamDevice, cid: number): gochat.IMessage => ({
      sessionType: d.kind === 'single' ? gochat.SessionType.ST_SINGLE : gochat.SessionType.ST_GROUP,
      receiverId: d.target,
      messageType: gochat.MessageType.MT_TEXT,
      content: Buffer.from(contentOf(d, cid)),
    });
    const dupResends = new Set<string>();
    let resendsOk = 0;
    let stalls = 0;

    /** Sends `cid` on the device's connection; the ACK, or null if none within ms (a late ACK is still recorded). */
    const sendWait = (d: RoamDevice, cid: number, ms: number, onLate: (a: Ack) => void): Promise<Ack | null> => {
      const conn = d.conn!;
      const p = conn.send(cid, msgOf(d, cid)).catch(() => null);
      let timedOut = false;
      void p.then((ack) => timedOut && ack && onLate(ack));
      return Promise.race([p, sleep(ms).then(() => ((timedOut = true), null))]);
    };
    const recordNew = (d: RoamDevice, cid: number, ack: Ack, where: string) => {
      if (ack.code !== 0) {
        problems.push(`${d.id} #${cid} on ${where}: rejected code ${ack.code} ${ack.codeMsg}`);
        return;
      }
      const first = d.firstSeq.get(cid);
      if (first === undefined) {
        d.firstSeq.set(cid, ack.seq);
        d.unacked.delete(cid);
        d.maxAcked = Math.max(d.maxAcked, cid);
      } else if (first !== ack.seq) {
        dupResends.add(keyOf(a!.userId, d.id, cid));
        problems.push(`${d.id} #${cid} on ${where}: answered seq ${ack.seq}, its first answer was seq ${first} (processed again)`);
      }
    };

    const stint = async (d: RoamDevice, ni: number, step: number) => {
      const where = `n${ni + 1} (stint ${step + 1})`;
      d.conn = await RawClient.connect(nodes[ni]!.wsUrl, a!.token);
      raws.push(d.conn);
      await d.conn.login(a!.token, d.id);
      // 1. Resends of client_ids already ACKed: each must get its first seq.
      let resend: number[] = [];
      if (d.maxAcked > 0) {
        if (d.policy === 'latest' || !d.leftAt.has(ni)) resend = [d.maxAcked];
        else for (let cid = d.leftAt.get(ni)! + 1; cid <= d.maxAcked; cid++) if (d.firstSeq.has(cid)) resend.push(cid);
        if (resend.length === 0) resend = [d.maxAcked];
      }
      for (const cid of resend) {
        const t0 = Date.now();
        const ack = await sendWait(d, cid, ackTimeoutMs, (late) => {
          problems.push(`${d.id} resend of ACKed #${cid} on ${where}: answered only after ${Date.now() - t0} ms`);
          recordNew(d, cid, late, where);
        });
        if (!ack) {
          stalls++;
          problems.push(`${d.id} resend of ACKed #${cid} on ${where}: no answer within ${ackTimeoutMs} ms (stall)`);
          continue;
        }
        if (ack.code !== 0) problems.push(`${d.id} resend of ACKed #${cid} on ${where}: code ${ack.code} ${ack.codeMsg}, its first answer was seq ${d.firstSeq.get(cid)}`);
        else if (ack.seq !== d.firstSeq.get(cid)) {
          dupResends.add(keyOf(a!.userId, d.id, cid));
          problems.push(`${d.id} resend of ACKed #${cid} on ${where}: seq ${ack.seq}, its first answer was seq ${d.firstSeq.get(cid)} (processed again)`);
        } else resendsOk++;
      }
      // 2. Retransmits of what is still unanswered, then new ids: pipelined, in order.
      const ids = [...d.unacked].sort((x, y) => x - y);
      for (let k = 0; k < perStint; k++) {
        const cid = d.nextId++;
        d.unacked.add(cid);
        ids.push(cid);
      }
      const t0 = Date.now();
      const acks = await Promise.all(
        ids.map((cid) =>
          sendWait(d, cid, ackTimeoutMs, (late) => {
            problems.push(`${d.id} #${cid} on ${where}: answered only after ${Date.now() - t0} ms`);
            recordNew(d, cid, late, where);
          }),
        ),
      );
      acks.forEach((ack, i) => {
        const cid = ids[i]!;
        if (!ack) {
          stalls++;
          problems.push(`${d.id} #${cid} on ${where}: no answer within ${ackTimeoutMs} ms (stall)`);
        } else recordNew(d, cid, ack, where);
      });
    };

    for (let step = 0; step < path.length; step++) {
      const ni = path[step]!;
      await Promise.all(devices.map((d) => stint(d, ni, step)));
      await sleep(dwellMs);
      if (step < path.length - 1) {
        for (const d of devices) {
          d.leftAt.set(ni, d.maxAcked);
          d.conn!.ws.terminate(); // a cut, not a goodbye
          d.conn = null;
        }
      }
    }
    // Drain: retransmit what is unanswered (as a client does) on the last node until answered or drainMs.
    const drainEnd = Date.now() + drainMs;
    while (devices.some((d) => d.unacked.size > 0) && Date.now() < drainEnd) {
      for (const d of devices) {
        for (const cid of [...d.unacked].sort((x, y) => x - y)) {
          void d.conn!.send(cid, msgOf(d, cid)).then(
            (ack) => recordNew(d, cid, ack, 'drain'),
            () => undefined,
          );
        }
      }
      await sleep(1000);
    }
    const sentKeys: string[] = [];
    const acked = new Map<string, { d: RoamDevice; cid: number; seq: number }>();
    let unanswered = 0;
    for (const d of devices) {
      for (let cid = 1; cid < d.nextId; cid++) {
        const k = keyOf(a!.userId, d.id, cid);
        sentKeys.push(k);
        const seq = d.firstSeq.get(cid);
        if (seq === undefined) {
          unanswered++;
          problems.push(`unanswered: ${d.id} #${cid} never ACKed (drain ${drainMs} ms)`);
        } else acked.set(k, { d, cid, seq });
      }
    }
    // Expected per recipient user.
    const want = new Map<number, string[]>();
    for (const u of [a!, b!, c!]) want.set(u.userId, []);
    for (const [k, x] of acked) for (const r of x.d.recipients) want.get(r)!.push(k);

    // Wait (within what is left of the drain, at least 3 s) for the recipients' devices.
    const devDeadline = Math.max(drainEnd, Date.now() + 3000);
    const complete = () => [...recv.entries()].every(([u, r]) => want.get(u)!.every((k) => r.got.some((m) => sameKey(m, k))));
    while (!complete() && Date.now() < devDeadline) await sleep(100);

    // MySQL: message rows, inbox rows.
    const conn = await mysql.createConnection({ uri: set.db.url });
    type MsgRow = { msg_id: number; device_id: string; client_id: number; content: Buffer };
    type InboxRow = { user_id: number; seq: number; msg_id: number; content: Buffer | null };
    let msgRows: MsgRow[];
    let inboxRows: InboxRow[];
    try {
      [msgRows] = (await conn.query('SELECT msg_id, device_id, client_id, content FROM messages WHERE sender_id = ?', [a!.userId])) as unknown as [MsgRow[]];
      [inboxRows] = (await conn.query(
        'SELECT i.user_id, i.seq, i.msg_id, m.content FROM inbox i LEFT JOIN messages m ON m.msg_id = i.msg_id WHERE i.msg_id <> 0 AND i.user_id IN (?, ?, ?) ORDER BY i.user_id, i.seq',
        [a!.userId, b!.userId, c!.userId],
      )) as unknown as [InboxRow[]];
    } finally {
      await conn.end().catch(() => undefined);
    }
    const lost = new Set<string>();
    const dup = new Set<string>(dupResends);
    let outOfOrder = 0;
    let seqReused = 0;
    const rowsPerKey = new Map<string, number>();
    for (const r of msgRows) {
      const k = keyOf(a!.userId, r.device_id, Number(r.client_id));
      rowsPerKey.set(k, (rowsPerKey.get(k) ?? 0) + 1);
    }
    for (const [k, n] of rowsPerKey) if (n > 1) (dup.add(k), problems.push(`messages: ${n} rows for ${k}`));
    for (const k of acked.keys()) if (!rowsPerKey.has(k)) (lost.add(k), problems.push(`lost: ACKed ${k} has no messages row`));
    const msgIds = new Set(msgRows.map((r) => Number(r.msg_id)));
    for (const u of [a!, b!, c!]) {
      const rows = inboxRows.filter((r) => Number(r.user_id) === u.userId);
      const seen = new Map<string, number>();
      const lastBy = new Map<string, number>();
      for (const r of rows) {
        if (!r.content) {
          problems.push(`inbox ${u.userId}: row at seq ${r.seq} points at msg_id ${r.msg_id}, which has no messages row${msgIds.has(Number(r.msg_id)) ? '' : ' (a message processed twice?)'}`);
          dup.add(`orphan:${u.userId}:${r.seq}`);
          continue;
        }
        const p = parseContent(r.content);
        if (!p) continue;
        const k = keyOf(p.senderId, p.deviceId, p.counter);
        if (seen.has(k)) (dup.add(k), problems.push(`inbox ${u.userId}: ${k} twice, at seqs ${seen.get(k)} and ${r.seq}`));
        else seen.set(k, Number(r.seq));
        const prev = lastBy.get(p.deviceId);
        if (prev !== undefined && p.counter <= prev) (outOfOrder++, problems.push(`inbox ${u.userId}: ${p.deviceId} #${p.counter} (seq ${r.seq}) after #${prev}`));
        lastBy.set(p.deviceId, Math.max(prev ?? 0, p.counter));
        if (!acked.has(k)) problems.push(`inbox ${u.userId}: ${k} at seq ${r.seq} was never ACKed`);
      }
      for (const k of want.get(u.userId)!) if (!seen.has(k)) (lost.add(k), problems.push(`inbox ${u.userId}: lost ACKed ${k}`));
      if (u === a) for (const [k, x] of acked) if (seen.has(k) && seen.get(k) !== x.seq) (seqReused++, problems.push(`ACK of ${k} said seq ${x.seq}, the sender's inbox has it at ${seen.get(k)}`));
    }
    // The recipients' devices: each message once, in order, never handed backwards.
    let syncBackwards = 0;
    for (const [u, r] of recv) {
      const seen = new Set<string>();
      const lastBy = new Map<string, number>();
      let lastSeq = 0;
      for (const m of r.got) {
        const p = parseContent(m.content);
        if (!p) continue;
        const k = keyOf(p.senderId, p.deviceId, p.counter);
        if (seen.has(k)) (dup.add(k), problems.push(`device ${u}: ${k} handed twice (seq ${m.seq})`));
        seen.add(k);
        if (m.seq <= lastSeq) (outOfOrder++, problems.push(`device ${u}: seq ${m.seq} after ${lastSeq}`));
        lastSeq = Math.max(lastSeq, m.seq);
        const prev = lastBy.get(p.deviceId);
        if (prev !== undefined && p.counter <= prev) (outOfOrder++, problems.push(`device ${u}: ${p.deviceId} #${p.counter} after #${prev}`));
        lastBy.set(p.deviceId, Math.max(prev ?? 0, p.counter));
      }
      const missing = want.get(u)!.filter((k) => !seen.has(k));
      for (const k of missing) lost.add(k);
      if (missing.length > 0) problems.push(`device ${u}: never handed ${missing.length} ACKed messages: ${missing.slice(0, 8).join(', ')}`);
      syncBackwards += r.watch.backwards;
      for (const k of r.watch.dupKeys) dup.add(k);
      seqReused += r.watch.seqConflicts;
      if (r.watch.backwards + r.watch.dupKeys.size + r.watch.seqConflicts > 0) problems.push(`device ${u} on the wire: ${r.watch.examples.join(' | ')}`);
    }
    notes.push(`${devices.length} devices × ${perStint} new per stint`, `resends answered with their first seq ${resendsOk}, with a new seq ${dupResends.size}`, `stalls ${stalls}`);
    return {
      scenario: 'roaming-3-nodes',
      sent: sentKeys.length,
      acked: acked.size,
      lost: lost.size,
      duplicated: dup.size,
      outOfOrder,
      syncBackwards,
      unanswered,
      seqReused,
      problems,
      notes: notes.join('; '),
      ms: Date.now() - started,
    };
  } finally {
    for (const x of sdk) x.close();
    for (const x of raws) x.ws.terminate();
    await set.cleanup();
  }
}

function sameKey(m: ReceivedMessage, k: string): boolean {
  const p = parseContent(m.content);
  return !!p && keyOf(p.senderId, p.deviceId, p.counter) === k;
}

// ------------------------------------------------------------------ scenarios: one node, one fault

export interface FaultRunOptions {
  /** how long the clients send (ms) */
  sendMs?: number;
  /** drain after the sending (ms) */
  drainMs?: number;
  /** a connection cut every 300–700 ms (as faults.test.ts) unless null */
  cut?: [number, number] | null;
  seed?: number;
}

/** One node on whatever backends `env` names, the small population, `events` during the traffic. */
async function singleNodeRun(
  scenario: string,
  o: FaultRunOptions & { minAcked?: number },
  setup: {
    env?: Record<string, string>;
    db?: TestDb;
    workers?: number;
    events: (ctx: { set: NodeSet; t: Traffic; notes: string[]; extra: string[]; users: TrafficUser[] }) => TimedEvent[];
    after?: (ctx: { set: NodeSet; t: Traffic; rep: TrafficReport; notes: string[]; extra: string[] }) => Promise<void> | void;
  },
): Promise<ScenarioRow> {
  const started = Date.now();
  const sendMs = o.sendMs ?? 10_000;
  const set = await startNodes(1, { workers: setup.workers ?? 2, env: setup.env, db: setup.db });
  let t: Traffic | null = null;
  const notes: string[] = [];
  const extra: string[] = [];
  try {
    const pop = await population(set.nodes[0]!.httpUrl, SMALL_SHAPE.users, SMALL_SHAPE);
    t = new Traffic({ wsUrl: set.nodes[0]!.wsUrl, ...pop, ratePerUser: 3, groupShare: 0.4, seed: o.seed });
    await t.connect();
    await drive(t, { ms: sendMs, cut: o.cut === undefined ? [300, 700] : o.cut, events: setup.events({ set, t, notes, extra, users: pop.users }) });
    const rep = await settleCheck(t, set.db.url, o.drainMs ?? 30_000);
    extra.push(...trafficSanity(rep, o.minAcked ?? Math.floor(sendMs / 100)));
    await setup.after?.({ set, t, rep, notes, extra });
    return rowFromTraffic(scenario, started, rep, extra, notes, t);
  } finally {
    t?.close();
    await set.cleanup();
  }
}

export interface RedisRollbackOptions extends FaultRunOptions {
  /** 'snapshot': Redis comes back from the SAVE taken at saveAtMs; 'empty': it comes back with nothing */
  mode?: 'snapshot' | 'empty';
  /** SAVE under traffic at this offset (ms) */
  saveAtMs?: number;
  /** SHUTDOWN NOSAVE + start again at this offset (ms) */
  restartAtMs?: number;
}

/**
 * One node (2 workers) on a private Redis with RDB (+ the shared MariaDB and
 * RabbitMQ): SAVE under traffic, more traffic, then Redis restarts from that
 * snapshot (counters, dedup state and presence go back in time) or, with
 * mode 'empty', from an empty data directory; the traffic goes on.
 */
export async function redisRollback(o: RedisRollbackOptions = {}): Promise<ScenarioRow> {
  const mode = o.mode ?? 'snapshot';
  const saveAt = o.saveAtMs ?? 3000;
  const restartAt = o.restartAtMs ?? 8000;
  const sendMs = o.sendMs ?? Math.max(12_000, restartAt + 4000);
  await requireServices();
  const redis = await startPrivateRedis({ rdb: true });
  try {
    let probe: number[] = [];
    let before: (string | null)[] = [];
    let prefix = '';
    const counters = async (): Promise<(string | null)[]> => {
      const r = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await r.connect();
      try {
        return await Promise.all(probe.map((u) => r.hget(`${prefix}:seq:${u}`, 'c')));
      } finally {
        r.disconnect();
      }
    };
    return await singleNodeRun(
      mode === 'snapshot' ? 'redis-rollback' : 'redis-empty',
      { ...o, sendMs },
      {
        env: { GOCHAT_REDIS_URL: redis.url, ...FAST_GAP_ENV },
        events: ({ set, t, notes, users }) => {
          prefix = set.prefix;
          probe = users.slice(0, 3).map((u) => u.userId);
          return [
            {
              at: saveAt,
              name: 'redis SAVE',
              run: async () => {
                await redis.save();
                notes.push(`SAVE at ${saveAt} ms (${await redis.dbsize()} keys)`);
              },
            },
            {
              at: restartAt,
              name: `redis restart (${mode === 'snapshot' ? 'from the snapshot' : 'empty'})`,
              run: async () => {
                before = await counters();
                if (mode === 'snapshot') await redis.restartFromSnapshot();
                else await redis.restartEmpty();
                const after = await counters();
                notes.push(
                  `restart at ${restartAt} ms: ${await redis.dbsize()} keys; seq counters of 3 users ${probe.map((u, i) => `${before[i] ?? '-'}→${after[i] ?? '-'}`).join(', ')}`,
                );
                t.note(`redis back (${mode})`);
              },
            },
          ];
        },
      },
    );
  } finally {
    await redis.destroy();
  }
}

/** A worker SIGKILLed mid-traffic (restarted by the primary under the same index). */
export async function workerSigkill(o: FaultRunOptions & { killAtMs?: number } = {}): Promise<ScenarioRow> {
  await requireServices(['mysql', 'redis', 'rabbitmq']);
  let killed = 0;
  let victim = 0;
  return singleNodeRun(
    'worker-sigkill',
    o,
    {
      env: { ...FAST_GAP_ENV },
      events: ({ set, t, notes, users }) => {
        const split = byWorker(users, 2);
        victim = split[0]!.length >= split[1]!.length ? 0 : 1;
        return [
          {
            at: o.killAtMs ?? 3000,
            name: 'worker SIGKILL',
            run: async () => {
              killed = await set.nodes[0]!.killWorker(victim, 'SIGKILL');
              t.note(`worker ${victim} (pid ${killed}) SIGKILLed`);
              notes.push(`worker ${victim} (${split[victim]!.length} users) SIGKILLed at ${o.killAtMs ?? 3000} ms`);
            },
          },
        ];
      },
      after: async ({ set, extra }) => {
        const w = (await set.nodes[0]!.debug()).workers.find((x) => x.index === victim);
        if (!w || w.pid === killed) extra.push(`harness: worker ${victim} was not restarted (pid ${w?.pid})`);
      },
    },
  );
}

/** The whole node SIGKILLed mid-traffic, down longer than sync.gap_timeout, then started again on the same ports. */
export async function nodeSigkill(o: FaultRunOptions & { killAtMs?: number; downMs?: number } = {}): Promise<ScenarioRow> {
  await requireServices(['mysql', 'redis', 'rabbitmq']);
  const gapMs = 8000; // FAST_GAP_ENV
  const downMs = o.downMs ?? gapMs + 2000;
  return singleNodeRun(
    'node-sigkill',
    { ...o, sendMs: o.sendMs ?? 14_000 },
    {
      env: { ...FAST_GAP_ENV },
      events: ({ set, t, notes }) => [
        {
          at: o.killAtMs ?? 3000,
          name: 'node SIGKILL',
          run: async () => {
            const n = set.nodes[0]!;
            n.kill();
            await n.exited;
            t.note('node SIGKILLed');
            await sleep(downMs);
            const t0 = Date.now();
            await set.start(0);
            notes.push(`node SIGKILLed at ${o.killAtMs ?? 3000} ms, down ${downMs} ms (gap timeout ${gapMs} ms), ready again ${Date.now() - t0} ms after its start`);
          },
        },
      ],
    },
  );
}

/** A private RabbitMQ stopped for downMs mid-traffic and started again on the same data. */
export async function rabbitmqRestart(o: FaultRunOptions & { stopAtMs?: number; downMs?: number } = {}): Promise<ScenarioRow> {
  await requireServices(['mysql', 'redis']);
  const rabbit = await startPrivateRabbit();
  try {
    return await singleNodeRun(
      'rabbitmq-restart',
      o,
      {
        // The gap clock restarts when a worker loses or regains the broker: the outage needs no longer bound.
        env: { GOCHAT_RABBITMQ_URL: rabbit.url, ...FAST_GAP_ENV },
        events: ({ t, notes }) => [
          {
            at: o.stopAtMs ?? 2000,
            name: 'rabbitmq stop/start',
            run: async () => {
              await rabbit.stop();
              t.note('rabbitmq stopped');
              await sleep(o.downMs ?? 3000);
              await rabbit.start();
              notes.push(`rabbitmq stopped at ${o.stopAtMs ?? 2000} ms for ${o.downMs ?? 3000} ms`);
            },
          },
        ],
        after: ({ rep, extra }) => {
          if (rep.summary.transient === 0) extra.push('harness: the RabbitMQ outage produced no transient (code 7) answer');
        },
      },
    );
  } finally {
    await rabbit.destroy();
  }
}

/** A private MariaDB stopped for downMs mid-traffic and started again. */
export async function mariadbRestart(o: FaultRunOptions & { stopAtMs?: number; downMs?: number } = {}): Promise<ScenarioRow> {
  await requireServices(['redis', 'rabbitmq']);
  const maria = await startPrivateMariaDb();
  try {
    const db = await createDbOn(maria.url);
    return await singleNodeRun(
      'mariadb-restart',
      o,
      {
        db,
        env: { ...FAST_GAP_ENV },
        events: ({ t, notes }) => [
          {
            at: o.stopAtMs ?? 3000,
            name: 'mariadb stop/start',
            run: async () => {
              await maria.stop();
              t.note('mariadb stopped');
              await sleep(o.downMs ?? 3000);
              await maria.start();
              notes.push(`mariadb stopped at ${o.stopAtMs ?? 3000} ms for ${o.downMs ?? 3000} ms`);
            },
          },
        ],
      },
    );
  } finally {
    await maria.destroy();
  }
}

// ------------------------------------------------------------------ the matrix

export interface ScenarioSpec {
  name: string;
  what: string;
  run: (scale: number) => Promise<ScenarioRow>;
}

const s = (ms: number, scale: number) => Math.round(ms * scale);

/** Every scenario of the drill, with its drill-length defaults (scale 1). */
export const SCENARIOS: ScenarioSpec[] = [
  { name: 'roaming-3-nodes', what: 'one user’s devices move n1 → n2 → n3 → n1, resending ACKed ids', run: () => roaming3Nodes() },
  {
    name: 'blips-2-nodes',
    what: '40 devices via /api/nodes/pick, 50 msg/s, a cut every 100–200 ms',
    run: (k) => blips({ nodes: 2, sendMs: s(40_000, k), drainMs: 60_000 }),
  },
  {
    name: 'blips-1-node',
    what: 'the same on one node (control)',
    run: (k) => blips({ nodes: 1, sendMs: s(40_000, k), drainMs: 60_000 }),
  },
  {
    name: 'redis-rollback',
    what: 'Redis restarts from an older RDB snapshot',
    run: (k) => redisRollback({ mode: 'snapshot', saveAtMs: s(8000, k), restartAtMs: s(18_000, k), sendMs: s(25_000, k), drainMs: 60_000 }),
  },
  {
    name: 'redis-empty',
    what: 'Redis restarts from an empty data dir',
    run: (k) => redisRollback({ mode: 'empty', saveAtMs: s(8000, k), restartAtMs: s(18_000, k), sendMs: s(25_000, k), drainMs: 60_000 }),
  },
  { name: 'worker-sigkill', what: 'a worker SIGKILLed', run: (k) => workerSigkill({ sendMs: s(15_000, k), killAtMs: s(5000, k), drainMs: 60_000 }) },
  { name: 'node-sigkill', what: 'the node SIGKILLed, down > gap timeout, restarted', run: (k) => nodeSigkill({ sendMs: s(18_000, k), killAtMs: s(5000, k), drainMs: 60_000 }) },
  { name: 'rabbitmq-restart', what: 'RabbitMQ stopped 3 s, started', run: (k) => rabbitmqRestart({ sendMs: s(15_000, k), stopAtMs: s(4000, k), drainMs: 90_000 }) },
  { name: 'mariadb-restart', what: 'MariaDB stopped 3 s, started', run: (k) => mariadbRestart({ sendMs: s(15_000, k), stopAtMs: s(4000, k), drainMs: 60_000 }) },
];
