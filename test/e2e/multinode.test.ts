// Horizontal scale through etcd (issue #5; DESIGN.md §1, §5, §7): several
// nodes of ONE cluster — each `node src/main.ts` (primary + 2 workers) as a
// child process on loopback — sharing one MariaDB database and one Redis /
// RabbitMQ / etcd prefix (startCluster({ db, prefix })). Covers:
//   1. registration (every worker of every node lists every node; one leased
//      etcd key per node) and load-aware placement: 300 clients, each asking
//      a random node's GET /api/nodes/pick, end up 100 ± 20 per node
//      (/debug/connections);
//   2. 1:1 delivery between every ordered pair of nodes and workers, and a
//      100-member group spread over all 6 workers: exactly once each, with
//      one gRPC call per target worker (not per member), from /metrics;
//   3. a node SIGKILLed under traffic: it leaves /api/nodes within the lease
//      TTL (+ slack), its SDK clients reconnect through /api/nodes/pick to the
//      survivors and sync; every ACKed message is in each recipient's inbox
//      exactly once, in send order (I1, I2, I3); then, separately, whether
//      every SDK application is actually handed those messages;
//   4. a node started later joins: listed by the others, picked (it is the
//      least loaded), and deliveries flow both ways without restarting anyone.
//
// The SDK check after the SIGKILL was dropped once as unreliable (a device
// could stall behind a client_id after moving between nodes, and a retransmit
// could be processed twice); it is back since the dedup state became
// cluster-wide (owner tokens, claims fenced in MySQL; DESIGN.md §2.1).
//
// The lease TTL is cut to 4 s (etcd.lease_ttl; production default 10 s) so
// the kill test does not wait 10 s for the dead node to vanish. The tests
// run in order and share the cluster; the later ones are destructive.
import { Etcd3 } from 'etcd3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../src/client/raw-client.js';
import { GoChatClient, type ReceivedMessage, type SocketLike } from '../../src/client/sdk.js';
import { workerFor } from '../../src/cluster/sticky.js';
import { gochat } from '../../src/proto/index.js';
import { createTestDb, uniqueName, type TestDb } from '../support/env.js';
import { dropSharedClusterState, FAST_GAP_ENV, http, registerUsers, sleep, startCluster, type ClusterProc, type ClusterUser } from '../support/cluster.js';

const ETCD = process.env.TEST_ETCD_ENDPOINTS ?? '127.0.0.1:2379';
const WORKERS = 2;
/** etcd.lease_ttl of every node (short, to keep the kill test fast) */
const LEASE_TTL_MS = 4000;
/** how often a node republishes itself (REGISTRY_REFRESH_MS) plus etcd's expiry check and the watch: slack on top of the TTL */
const REGISTRY_SLACK_MS = 3000;
const FIRST = ['n1', 'n2', 'n3'] as const;
const USERS = 300;
const GROUP_SIZE = 100;
/** SDK clients of the kill test */
const G_CLIENTS = 36;
const G_MESSAGES = 30;

/** the wire logs of the SDK clients count ms from here (the start of the kill test's traffic) */
let logEpoch = Date.now();
/** when the node was killed (ms after logEpoch) */
let killAtMs = -1;
const prefix = uniqueName('mn');
let db: TestDb | null = null;
/** node id -> its process (n3 is killed in test 3, n4 started in test 4) */
const nodes = new Map<string, ClusterProc>();
let users: ClusterUser[] = [];
/** node id the user's 'd1' connection was placed on by /api/nodes/pick (test 1) */
const placedOn = new Map<number, string>();
/** the 'd1' RawClient of every user (tests 1-2) */
const d1 = new Map<number, RawClient>();
/** every RawClient / SDK client ever opened, closed in afterAll */
const rawOpened: RawClient[] = [];
const sdkOpened: GoChatClient[] = [];
/** pids of the first nodes' primaries and workers (nothing restarts in tests 3-4) */
const pidsAtStart = new Map<string, number[]>();
const nextClientId = new Map<string, number>();

// ---------------------------------------------------------------- helpers

const waitFor = async <T>(fn: () => Promise<T> | T, ms: number, what: string | (() => string), every = 50): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(every);
  }
};

function node(id: string): ClusterProc {
  const n = nodes.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

function startNode(id: string): Promise<ClusterProc> {
  return startCluster({
    workers: WORKERS,
    db: db!,
    prefix,
    readyTimeoutMs: 90_000,
    env: {
      GOCHAT_NODE_ID: id,
      GOCHAT_PREFIX: prefix,
      GOCHAT_ETCD_ENDPOINTS: ETCD,
      GOCHAT_ETCD_LEASE_TTL: `${LEASE_TTL_MS / 1000}s`,
      // Seqs the killed node allocated but never made durable hold sync back for seconds, not 40 s.
      ...FAST_GAP_ENV,
    },
  });
}

/** node ids in one GET /api/nodes answer (null when the node does not answer) */
async function listedBy(n: ClusterProc): Promise<string[] | null> {
  try {
    const r = await http(n.httpUrl, 'GET', '/api/nodes');
    if (r.status !== 200) return null;
    return ((r.body?.nodes ?? []) as { node_id: string }[]).map((x) => x.node_id).sort();
  } catch {
    return null;
  }
}

/**
 * Whether every worker of `n` lists exactly `ids`: HTTP requests go to the
 * workers round robin, and each worker watches etcd on its own, so ask a
 * few times in a row.
 */
async function allWorkersList(n: ClusterProc, ids: readonly string[]): Promise<boolean> {
  const want = [...ids].sort().join(',');
  for (let i = 0; i < WORKERS * 2; i++) if ((await listedBy(n))?.join(',') !== want) return false;
  return true;
}

/** Whether every worker of `n` lists every node with `connections` connections. */
async function allWorkersPublish(n: ClusterProc, connections: number): Promise<boolean> {
  for (let i = 0; i < WORKERS * 2; i++) {
    const r = await http(n.httpUrl, 'GET', '/api/nodes').catch(() => null);
    if (r?.status !== 200 || !(r.body.nodes as { connections: number }[]).every((x) => x.connections === connections)) return false;
  }
  return true;
}

async function pick(n: ClusterProc): Promise<{ node_id: string; ws_url: string }> {
  const r = await http(n.httpUrl, 'GET', '/api/nodes/pick');
  if (r.status !== 200) throw new Error(`/api/nodes/pick on ${n.httpUrl}: ${r.status} ${r.text}`);
  return r.body as { node_id: string; ws_url: string };
}

function nodeOfWsUrl(url: string): string | undefined {
  for (const [id, n] of nodes) if (n.wsUrl === url) return id;
  return undefined;
}

async function rawConnect(wsUrl: string, u: ClusterUser, deviceId: string): Promise<RawClient> {
  const c = await RawClient.connect(wsUrl, u.token);
  rawOpened.push(c);
  await c.login(u.token, deviceId);
  return c;
}

/** Sends with the device's next client_id (1, 2, … per user and device). */
function sendRaw(c: RawClient, u: ClusterUser, deviceId: string, msg: gochat.IMessage) {
  const k = `${u.userId}/${deviceId}`;
  const id = nextClientId.get(k) ?? 1;
  nextClientId.set(k, id + 1);
  return c.send(id, msg);
}

const single = (to: number, body: string): gochat.IMessage => ({
  sessionType: gochat.SessionType.ST_SINGLE,
  receiverId: to,
  messageType: gochat.MessageType.MT_TEXT,
  content: Buffer.from(body, 'utf8'),
});
const group = (gid: number, body: string): gochat.IMessage => ({
  sessionType: gochat.SessionType.ST_GROUP,
  receiverId: gid,
  messageType: gochat.MessageType.MT_TEXT,
  content: Buffer.from(body, 'utf8'),
});
const str = (m: { content?: Uint8Array | null }) => Buffer.from(m.content ?? []).toString('utf8');

/** Distinct seqs of the pushes a raw client got with this content. */
const pushedSeqs = (c: RawClient, body: string) => new Set(c.pushes.filter((m) => str(m) === body).map((m) => Number(m.seq)));

/** One sample of a counter with exactly these labels (ignoring `node`), summed over the node's workers by the primary. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const got: Record<string, string> = {};
    for (const kv of (m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) got[kv[1]!] = kv[2]!;
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

interface RpcFigures {
  rpcOk: number;
  rpcError: number;
  pushLocal: number;
  pushRemote: number;
  dead: number;
}
async function figures(n: ClusterProc): Promise<RpcFigures> {
  const r = await http(n.adminUrl, 'GET', '/metrics');
  if (r.status !== 200) throw new Error(`/metrics: ${r.status}`);
  return {
    rpcOk: sample(r.text, 'gochat_rpc_calls_total', { result: 'ok' }),
    rpcError: sample(r.text, 'gochat_rpc_calls_total', { result: 'error' }),
    pushLocal: sample(r.text, 'gochat_pushes_total', { route: 'local' }),
    pushRemote: sample(r.text, 'gochat_pushes_total', { route: 'remote' }),
    dead: sample(r.text, 'gochat_rpc_dead_address_total'),
  };
}
const minus = (a: RpcFigures, b: RpcFigures): RpcFigures => ({
  rpcOk: a.rpcOk - b.rpcOk,
  rpcError: a.rpcError - b.rpcError,
  pushLocal: a.pushLocal - b.pushLocal,
  pushRemote: a.pushRemote - b.pushRemote,
  dead: a.dead - b.dead,
});

/** node id -> worker index -> user ids, from each node's /debug/connections */
async function whereIs(ids: readonly string[]): Promise<Map<number, { node: string; worker: number }[]>> {
  const out = new Map<number, { node: string; worker: number }[]>();
  for (const id of ids) {
    const d = await node(id).debug();
    for (const w of d.workers) for (const u of w.users) out.set(u, [...(out.get(u) ?? []), { node: id, worker: w.index }]);
  }
  return out;
}

async function workerPids(n: ClusterProc): Promise<number[]> {
  return [n.pid, ...(await n.debug()).workers.map((w) => w.pid).sort((a, b) => a - b)];
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/**
 * What an application does to reach the cluster: before every (re)connect,
 * ask GET /api/nodes/pick of a known node (seeds in random order; a dead one
 * is skipped), then open the returned ws_url. A SocketLike for the SDK, whose
 * socket factory is synchronous.
 */
class PickingSocket implements SocketLike {
  binaryType = 'arraybuffer';
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  /** the node /api/nodes/pick chose */
  node: string | null = null;
  readonly log: string[] = [];
  private ws: WebSocket | null = null;
  private closed = false;

  constructor(url: string, seeds: () => string[]) {
    const query = url.slice(url.indexOf('?'));
    void this.start(query, seeds());
  }

  get readyState(): number {
    return this.ws ? this.ws.readyState : this.closed ? WebSocket.CLOSED : WebSocket.CONNECTING;
  }

  private async start(query: string, seeds: string[]): Promise<void> {
    let picked: { node_id: string; ws_url: string } | null = null;
    for (const s of seeds.sort(() => Math.random() - 0.5)) {
      try {
        const r = await fetch(`${s}/api/nodes/pick`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) {
          picked = (await r.json()) as { node_id: string; ws_url: string };
          break;
        }
      } catch {
        /* that seed is down: ask the next */
      }
    }
    if (!picked || this.closed) return this.fail();
    this.node = picked.node_id;
    const ws = new WebSocket(picked.ws_url + query, { perMessageDeflate: false });
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = (e) => this.onopen?.(e);
    ws.onmessage = (e) => {
      this.record(new Uint8Array(e.data as ArrayBuffer));
      this.onmessage?.({ data: e.data });
    };
    ws.onerror = (e) => this.onerror?.(e);
    ws.onclose = (e) => this.onclose?.({ code: e.code, reason: e.reason });
  }

  /** Keeps a line per push, uplink ACK and sync answer (for failure messages). */
  private record(frame: Uint8Array): void {
    try {
      const t = Date.now() - logEpoch;
      for (const raw of gochat.OutputBatch.decode(frame).outputs) {
        const o = gochat.Output.decode(raw);
        if (o.type === gochat.CmdType.CT_MESSAGE) this.log.push(`@${t} push ${Number(gochat.PushMsg.decode(o.data).msg?.seq)}`);
        else if (o.type === gochat.CmdType.CT_ACK) {
          const a = gochat.ACKMsg.decode(o.data);
          if (a.type === gochat.ACKType.AT_UP) this.log.push(`@${t} ack ${Number(a.clientId)}${o.code ? `!${o.code}` : ''}=${Number(a.seq)}`);
        } else if (o.type === gochat.CmdType.CT_SYNC && o.code === 0) {
          const page = gochat.SyncOutputMsg.decode(o.data);
          this.log.push(`@${t} sync[${page.messages.map((m) => Number(m.seq)).join(',')}] more=${page.hasMore} next=${Number(page.nextSeq)}`);
        }
      }
    } catch {
      /* diagnostics only */
    }
  }

  private fail(): void {
    this.closed = true;
    setTimeout(() => this.onclose?.({ code: 1006, reason: 'no node picked' }), 0);
  }

  send(data: Uint8Array): void {
    this.ws?.send(data);
  }

  close(code?: number, reason?: string): void {
    if (this.ws) this.ws.close(code, reason);
    else this.closed = true;
  }

  terminate(): void {
    this.closed = true;
    this.ws?.terminate();
  }
}

/** An SDK client that connects through /api/nodes/pick, recording what the application receives. */
class Peer {
  readonly client: GoChatClient;
  socket: PickingSocket | null = null;
  readonly received: ReceivedMessage[] = [];
  /** content -> times handed to the application */
  readonly times = new Map<string, number>();
  /** bodies ACKed (code 0), in send order */
  readonly acked: string[] = [];
  /** body -> when its ACK came (ms after logEpoch) */
  readonly ackedAt = new Map<string, number>();
  readonly rejected: string[] = [];
  readonly log: string[] = [];
  role: 'victim' | 'survivor' = 'survivor';
  drops = 0;

  constructor(readonly user: ClusterUser, seeds: () => string[]) {
    this.client = new GoChatClient({
      wsUrl: 'ws://picked-per-connect/ws',
      token: user.token,
      deviceId: 'sdk',
      socket: (url) => {
        if (this.socket) this.log.push(`[${this.socket.node}] ${this.socket.log.slice(-80).join('; ')}`);
        return (this.socket = new PickingSocket(url, seeds));
      },
      reconnectMinMs: 100,
      reconnectMaxMs: 1000,
      // A push lost with the sender's node (it died after the ACK, before its
      // gRPC call) reaches an idle online device through the periodic resync.
      // Production default: 120 s; here short, to keep the test short.
      heartbeatMs: 1000,
      resyncMs: 2000,
    });
    this.client.on('message', (m) => {
      this.received.push(m);
      const b = str(m);
      this.times.set(b, (this.times.get(b) ?? 0) + 1);
    });
    this.client.on('state', (s) => s === 'offline' && this.drops++);
    sdkOpened.push(this.client);
  }

  get node(): string | null {
    return this.client.state === 'online' ? (this.socket?.node ?? null) : null;
  }

  async sendAll(to: number, n: number, paceMs: number): Promise<void> {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const body = `k:${this.user.userId}:${i}`;
      pending.push(
        this.client.send({ sessionType: gochat.SessionType.ST_SINGLE, receiverId: to, messageType: gochat.MessageType.MT_TEXT, content: Buffer.from(body) }).then((r) => {
          (r.code === 0 ? this.acked : this.rejected).push(body);
          this.ackedAt.set(body, Date.now() - logEpoch);
        }),
      );
      await sleep(paceMs);
    }
    await Promise.all(pending);
  }
}

// ---------------------------------------------------------------- set-up

beforeAll(async () => {
  db = await createTestDb();
  // The three nodes start together (they only share the backends).
  const started = await Promise.allSettled(FIRST.map((id) => startNode(id)));
  started.forEach((s, i) => s.status === 'fulfilled' && nodes.set(FIRST[i]!, s.value));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  // Users registered over HTTP on all three nodes (one database); tokens minted with the cluster's secret.
  const parts = await Promise.all(FIRST.map((id) => registerUsers(node(id).httpUrl, USERS / FIRST.length, { concurrency: 8, login: 'mint' })));
  users = parts.flat();
  for (const id of FIRST) pidsAtStart.set(id, await workerPids(node(id)));
}, 150_000);

afterAll(async () => {
  for (const c of sdkOpened) c.close();
  for (const c of rawOpened) c.ws.terminate();
  for (const n of nodes.values()) n.kill();
  await Promise.race([Promise.all([...nodes.values()].map((n) => n.exited)), sleep(5000)]);
  // Each node's cleanup keeps the shared prefix and database: they are dropped once, here.
  await Promise.all([...nodes.values()].map((n) => n.cleanup()));
  await dropSharedClusterState(prefix, ETCD, db);
}, 60_000);

// ---------------------------------------------------------------- tests

describe('multi-node cluster through etcd: 3 nodes × 2 workers, one MariaDB / Redis / RabbitMQ / etcd', () => {
  it('every node lists all 3 nodes; 300 clients placed through /api/nodes/pick spread 100 ± 20 per node (from /debug/connections)', async () => {
    // Registration: every worker of every node sees all three.
    await waitFor(async () => (await Promise.all(FIRST.map((id) => allWorkersList(node(id), FIRST)))).every(Boolean), 20_000, 'all 3 nodes in GET /api/nodes everywhere', 200);
    const listed = (await http(node('n1').httpUrl, 'GET', '/api/nodes')).body.nodes as { node_id: string; ws_url: string; http_url: string; connections: number; load: number }[];
    for (const n of listed) {
      expect(n.ws_url).toBe(node(n.node_id).wsUrl);
      expect(n.http_url).toBe(node(n.node_id).httpUrl);
      expect(typeof n.connections).toBe('number');
      expect(typeof n.load).toBe('number');
    }
    // In etcd: one key per node under the shared prefix, each under a lease.
    const etcd = new Etcd3({ hosts: `http://${ETCD}` });
    try {
      const kvs = await etcd.getAll().prefix(`${prefix}/nodes/`).exec();
      expect(kvs.kvs.map((kv) => kv.key.toString()).sort()).toEqual(FIRST.map((id) => `${prefix}/nodes/${id}`));
      for (const kv of kvs.kvs) {
        expect(kv.lease, `${kv.key.toString()} has a lease`).not.toBe('0');
        const v = JSON.parse(kv.value.toString()) as { rpc: string[]; updated_at: number };
        expect(v.rpc).toHaveLength(WORKERS);
        expect(v.updated_at).toBeGreaterThan(0);
      }
    } finally {
      etcd.close();
    }

    // Placement: each client asks a random node which node to use, then connects there.
    const picks = await mapLimit(users, 10, async (u) => {
      const asked = node(FIRST[Math.floor(Math.random() * FIRST.length)]!);
      const p = await pick(asked);
      expect(nodeOfWsUrl(p.ws_url), `ws_url ${p.ws_url} of ${p.node_id}`).toBe(p.node_id);
      const c = await rawConnect(p.ws_url, u, 'd1');
      d1.set(u.userId, c);
      placedOn.set(u.userId, p.node_id);
      return p.node_id;
    });
    const perPick = Object.fromEntries(FIRST.map((id) => [id, picks.filter((p) => p === id).length]));

    // Verified by the nodes themselves: the sum over each node's workers.
    const perNode: Record<string, number> = {};
    const where = await whereIs(FIRST);
    for (const id of FIRST) {
      const d = await node(id).debug();
      expect(d.workers).toHaveLength(WORKERS);
      perNode[id] = d.workers.reduce((a, w) => a + w.connections, 0);
    }
    expect(Object.values(perNode).reduce((a, b) => a + b, 0)).toBe(USERS);
    expect(perNode).toEqual(perPick);
    // Each user on the node it was sent to, on the worker its id hashes to, nowhere else.
    for (const u of users) expect(where.get(u.userId), `user ${u.userId}`).toEqual([{ node: placedOn.get(u.userId), worker: workerFor(u.userId, WORKERS) }]);
    // The spread (soft: the later tests work with whatever placement this gave).
    for (const id of FIRST) {
      expect.soft(perNode[id], `connections on ${id} (all: ${JSON.stringify(perNode)})`).toBeGreaterThanOrEqual(80);
      expect.soft(perNode[id], `connections on ${id} (all: ${JSON.stringify(perNode)})`).toBeLessThanOrEqual(120);
    }
  }, 90_000);

  it('1:1 messages between every pair of nodes and workers arrive exactly once', async () => {
    // users by (node, worker)
    const bucket = (id: string, w: number) => users.filter((u) => placedOn.get(u.userId) === id && workerFor(u.userId, WORKERS) === w);
    const pool = new Map<string, ClusterUser[]>();
    for (const id of FIRST) for (let w = 0; w < WORKERS; w++) pool.set(`${id}/${w}`, bucket(id, w));
    for (const [k, list] of pool) expect(list.length, `users on ${k}`).toBeGreaterThanOrEqual(1);
    // distinct users as long as the bucket has them (a user may also send or receive twice)
    let turn = 0;
    const take = (id: string, w: number) => {
      const list = pool.get(`${id}/${w}`)!;
      return list[turn++ % list.length]!;
    };

    const sends: { from: ClusterUser; to: ClusterUser; body: string; route: string }[] = [];
    for (const a of FIRST)
      for (const b of FIRST)
        if (a !== b)
          for (let wa = 0; wa < WORKERS; wa++)
            for (let wb = 0; wb < WORKERS; wb++) {
              const from = take(a, wa);
              const to = take(b, wb);
              sends.push({ from, to, body: `p2p ${a}/${wa} -> ${b}/${wb} ${from.userId}->${to.userId}`, route: `${a}/${wa} -> ${b}/${wb}` });
            }
    expect(sends).toHaveLength(3 * 2 * WORKERS * WORKERS);
    const acks = await Promise.all(sends.map((s) => sendRaw(d1.get(s.from.userId)!, s.from, 'd1', single(s.to.userId, s.body))));
    for (const a of acks) expect(a.code).toBe(0);
    await waitFor(() => sends.every((s) => pushedSeqs(d1.get(s.to.userId)!, s.body).size >= 1), 10_000, () => `every 1:1 push; missing: ${sends.filter((s) => pushedSeqs(d1.get(s.to.userId)!, s.body).size === 0).map((s) => s.route).join(', ')}`);
    await sleep(500); // room for a duplicate to show
    for (const s of sends) {
      expect(pushedSeqs(d1.get(s.to.userId)!, s.body).size, s.route).toBe(1);
      const msgIds = new Set(d1.get(s.to.userId)!.pushes.filter((m) => str(m) === s.body).map((m) => Number(m.msgId)));
      expect(msgIds.size, s.route).toBe(1);
      // and nobody else got it (the sender has one device: the sending one)
      for (const [uid, c] of d1) if (uid !== s.to.userId) expect(pushedSeqs(c, s.body).size, `${s.route} also at ${uid}`).toBe(0);
      expect(acks[sends.indexOf(s)]!.seq).toBeGreaterThan(0);
    }
  }, 60_000);

  it('a 100-member group over all 6 workers: one message arrives exactly once at each of the 99 others, with one gRPC call per target worker (not per member)', async () => {
    // Members taken round robin from the 6 (node, worker) buckets.
    const buckets = FIRST.flatMap((id) => Array.from({ length: WORKERS }, (_, w) => users.filter((u) => placedOn.get(u.userId) === id && workerFor(u.userId, WORKERS) === w)));
    const members: ClusterUser[] = [];
    for (let i = 0; members.length < GROUP_SIZE; i++) {
      const b = buckets[i % buckets.length]!;
      const u = b[Math.floor(i / buckets.length)];
      if (u) members.push(u);
    }
    const owner = members[0]!;
    const created = await http(node('n2').httpUrl, 'POST', '/api/groups', { name: 'spread', member_ids: members.slice(1).map((m) => m.userId) }, owner.token);
    expect(created.status, created.text).toBe(201);
    const gid = created.body.group_id as number;
    expect(new Set(created.body.member_ids)).toEqual(new Set(members.map((m) => m.userId)));
    const slot = (u: ClusterUser) => `${placedOn.get(u.userId)}/${workerFor(u.userId, WORKERS)}`;
    const others = members.slice(1);
    expect(new Set(members.map(slot)).size).toBe(FIRST.length * WORKERS);
    const senderSlot = slot(owner);
    const senderNode = placedOn.get(owner.userId)!;
    const targetWorkers = new Set(others.map(slot).filter((s) => s !== senderSlot));
    expect(targetWorkers.size).toBe(FIRST.length * WORKERS - 1);
    const onSenderWorker = others.filter((m) => slot(m) === senderSlot).length;

    // A warm-up message (gRPC channels, group-member cache), then the measured one on a quiet cluster.
    const warm = await sendRaw(d1.get(owner.userId)!, owner, 'd1', group(gid, 'group warm-up'));
    expect(warm.code).toBe(0);
    await waitFor(() => others.every((m) => pushedSeqs(d1.get(m.userId)!, 'group warm-up').size === 1), 10_000, 'the warm-up at every member');
    await sleep(300);

    const before = new Map<string, RpcFigures>();
    for (const id of FIRST) before.set(id, await figures(node(id)));
    const body = 'group: one message, 99 recipients on 6 workers of 3 nodes';
    const ack = await sendRaw(d1.get(owner.userId)!, owner, 'd1', group(gid, body));
    expect(ack.code).toBe(0);
    await waitFor(
      () => others.every((m) => pushedSeqs(d1.get(m.userId)!, body).size >= 1),
      10_000,
      () => `the group message at all 99; missing at ${others.filter((m) => pushedSeqs(d1.get(m.userId)!, body).size === 0).map(slot).join(', ')}`,
    );
    // Let the gRPC replies (counted on completion) come in, and give a duplicate room to show.
    let delta = new Map<string, RpcFigures>();
    await waitFor(
      async () => {
        for (const id of FIRST) delta.set(id, minus(await figures(node(id)), before.get(id)!));
        return [...delta.values()].reduce((a, d) => a + d.rpcOk + d.rpcError, 0) >= targetWorkers.size;
      },
      5000,
      'the gRPC calls of the group message counted',
    ).catch(() => undefined);
    await sleep(500);
    delta = new Map();
    for (const id of FIRST) delta.set(id, minus(await figures(node(id)), before.get(id)!));

    // Exactly once at each of the 99 others; not at the sending device.
    for (const m of others) expect(pushedSeqs(d1.get(m.userId)!, body).size, `member ${m.userId} on ${slot(m)}`).toBe(1);
    expect(pushedSeqs(d1.get(owner.userId)!, body).size).toBe(0);

    const sum = (k: keyof RpcFigures) => [...delta.values()].reduce((a, d) => a + d[k], 0);
    const report = JSON.stringify(Object.fromEntries(delta));
    // gRPC: only the sending node called, once per target worker (5), not once per member (99 − local).
    expect(delta.get(senderNode)!.rpcOk, report).toBe(targetWorkers.size);
    expect(sum('rpcOk'), report).toBe(targetWorkers.size);
    expect(sum('rpcError'), report).toBe(0);
    expect(sum('dead'), report).toBe(0);
    // Pushes: written locally by the sending worker to its own members, by the receiving workers for the rest.
    expect(sum('pushLocal'), report).toBe(onSenderWorker);
    expect(sum('pushRemote'), report).toBe(others.length - onSenderWorker);
    for (const id of FIRST) {
      const here = others.filter((m) => placedOn.get(m.userId) === id && slot(m) !== senderSlot).length;
      expect(delta.get(id)!.pushRemote, `remote pushes written on ${id}: ${report}`).toBe(here);
    }
  }, 60_000);

  let peers: Peer[] = [];
  /** the ring of the kill test: who sends to whom */
  const from = new Map<Peer, Peer>();
  const seeds = () => [...nodes.values()].map((n) => n.httpUrl);
  /** what `p` must end up with: every ACKed message of its sender, in send order */
  const expectedFrom = (p: Peer) => from.get(p)!.acked.slice().sort((a, b) => Number(a.split(':')[2]) - Number(b.split(':')[2]));

  it('SIGKILL of a node under traffic: it leaves /api/nodes within the lease TTL; its SDK clients reconnect through /api/nodes/pick to the survivors and sync; every ACKed message exactly once, in order (I1, I2, I3)', async () => {
    // The raw clients of tests 1-2 go; the SDK clients are placed afresh through /api/nodes/pick.
    for (const c of d1.values()) c.ws.terminate();
    d1.clear();
    await waitFor(async () => (await Promise.all(FIRST.map(async (id) => (await node(id).debug()).workers.every((w) => w.connections === 0)))).every(Boolean), 10_000, 'the raw clients gone');
    // … and the registry says so (published every 3 s): otherwise /api/nodes/pick compares stale figures.
    await waitFor(async () => (await Promise.all(FIRST.map((id) => allWorkersPublish(node(id), 0)))).every(Boolean), 10_000, 'connections 0 in every /api/nodes', 200);
    const chosen = users.filter((_, i) => i % Math.floor(USERS / G_CLIENTS) === 0).slice(0, G_CLIENTS);
    peers = chosen.map((u) => new Peer(u, seeds));
    await Promise.all(peers.map((p) => p.client.start()));
    await waitFor(() => peers.every((p) => p.node !== null), 20_000, 'every SDK client online');
    const where = await whereIs(FIRST);
    for (const p of peers) expect(where.get(p.user.userId), `user ${p.user.userId}`).toEqual([{ node: p.node, worker: workerFor(p.user.userId, WORKERS) }]);
    const victims = peers.filter((p) => p.node === 'n3');
    const survivors = peers.filter((p) => p.node !== 'n3');
    expect(victims.length, `SDK clients on n3 (${peers.map((p) => p.node).join(',')})`).toBeGreaterThanOrEqual(4);
    expect(new Set(survivors.map((p) => p.node))).toEqual(new Set(['n1', 'n2']));

    // A ring interleaving the nodes: every victim sends to a survivor and receives from one.
    expect(victims.length).toBeLessThanOrEqual(survivors.length);
    const ring = survivors.flatMap((s, i) => (i < victims.length ? [s, victims[i]!] : [s]));
    const to = new Map<Peer, Peer>();
    ring.forEach((p, i) => to.set(p, ring[(i + 1) % ring.length]!));
    for (const [a, b] of to) from.set(b, a);
    for (const v of victims) v.role = 'victim';
    for (const v of victims) {
      expect(to.get(v)!.node).not.toBe('n3');
      expect(from.get(v)!.node).not.toBe('n3');
    }

    logEpoch = Date.now();
    const traffic = Promise.all(peers.map((p) => p.sendAll(to.get(p)!.user.userId, G_MESSAGES, 40)));
    traffic.catch(() => undefined);
    const victimAcks = () => victims.reduce((a, p) => a + p.acked.length, 0);
    await waitFor(() => victimAcks() >= (victims.length * G_MESSAGES) / 3, 20_000, 'a third of the victims’ messages ACKed', 5);

    const n3 = node('n3');
    const killedAt = Date.now();
    killAtMs = killedAt - logEpoch;
    n3.kill(); // the whole process group: primary and both workers, no goodbye to etcd
    await n3.exited;

    // Gone from every survivor worker's registry view within the lease TTL (+ slack).
    await waitFor(async () => (await Promise.all(['n1', 'n2'].map((id) => allWorkersList(node(id), ['n1', 'n2'])))).every(Boolean), LEASE_TTL_MS + REGISTRY_SLACK_MS + 5000, 'n3 gone from /api/nodes', 100);
    const goneAfterMs = Date.now() - killedAt;
    expect(goneAfterMs, `n3 left /api/nodes after ${goneAfterMs} ms`).toBeLessThanOrEqual(LEASE_TTL_MS + REGISTRY_SLACK_MS);
    const etcd = new Etcd3({ hosts: `http://${ETCD}` });
    try {
      expect((await etcd.getAll().prefix(`${prefix}/nodes/`).keys()).sort()).toEqual([`${prefix}/nodes/n1`, `${prefix}/nodes/n2`]);
    } finally {
      etcd.close();
    }
    // pick never answers the dead node any more
    for (let i = 0; i < 8; i++) expect((await pick(node(i % 2 ? 'n1' : 'n2'))).node_id).not.toBe('n3');

    // The victims are back, on the survivors, having asked /api/nodes/pick.
    await waitFor(() => peers.every((p) => p.node === 'n1' || p.node === 'n2'), 30_000, () => `every SDK client online on n1/n2: ${peers.map((p) => `${p.user.userId}@${p.node ?? p.client.state}`).join(' ')}`, 100);
    for (const v of victims) expect(v.drops, `victim ${v.user.userId} dropped`).toBeGreaterThanOrEqual(1);
    for (const s of survivors) expect(s.drops, `survivor ${s.user.userId} dropped`).toBe(0);
    const whereNow = await whereIs(['n1', 'n2']);
    for (const p of peers) expect(whereNow.get(p.user.userId), `user ${p.user.userId}`).toEqual([{ node: p.node, worker: workerFor(p.user.userId, WORKERS) }]);

    // Every message ACKed (retransmits after the reconnect included), none rejected.
    await Promise.race([traffic, sleep(45_000).then(() => Promise.reject(new Error('senders not done in 45 s')))]);
    for (const p of peers) expect(p.rejected, `rejections of ${p.user.userId}`).toEqual([]);
    for (const p of peers) expect(p.acked.length, `ACKs of ${p.user.userId}`).toBe(G_MESSAGES);

    // The server's history of each user (a fresh sync from 0 by another device, once the crash's gaps are
    // older than sync.gap_timeout): every ACKed message in and out exactly once, each sender's in send order.
    const auditOn = node('n1');
    await mapLimit(peers, 6, async (p) => {
      const c = await rawConnect(auditOn.wsUrl, p.user, 'audit');
      try {
        const want = [...expectedFrom(p), ...p.acked].sort();
        await waitFor(
          async () => {
            const hist = (await c.syncAll(0)).filter((m) => str(m).startsWith('k:'));
            const bodies = hist.map(str);
            if (!want.every((b) => bodies.includes(b))) return false; // held back above a young gap of the crash: look again
            expect(bodies.slice().sort(), `history of ${p.user.userId}`).toEqual(want);
            for (const sender of [p, from.get(p)!]) {
              const order = hist.filter((m) => Number(m.senderId) === sender.user.userId).map((m) => Number(str(m).split(':')[2]));
              expect(order, `${sender.user.userId}'s messages in ${p.user.userId}'s inbox, by seq`).toEqual(order.slice().sort((a, b) => a - b));
            }
            return true;
          },
          25_000,
          `the history of ${p.user.userId} complete`,
          250,
        );
      } finally {
        c.ws.terminate();
      }
    });
  }, 120_000);

  it('after the SIGKILL: every SDK application is handed every ACKed message of its sender exactly once, in send order (no permanent gap)', async () => {
    expect(peers.length).toBe(G_CLIENTS);
    // By now the crash is more than sync.gap_timeout (8 s) old, so the server returns everything to a sync;
    // what remains is whether the clients are brought to ask.
    await waitFor(
      () => peers.every((p) => expectedFrom(p).every((b) => p.times.has(b))),
      10_000,
      'every ACKed message handed to its recipient',
      100,
    ).catch(async (err: Error) => {
      // What each lagging device holds, against the server's own history of its user.
      const lines: string[] = [];
      for (const p of peers) {
        const missing = expectedFrom(p).filter((b) => !p.times.has(b));
        if (!missing.length) continue;
        const c = p.client as unknown as { lastSeq: number; ahead: Map<number, ReceivedMessage>; syncing: boolean };
        const sender = from.get(p)!;
        const ackedBeforeKill = missing.filter((b) => (sender.ackedAt.get(b) ?? Infinity) < killAtMs).length;
        const tail = (log: string[]) => (log.length > 80 ? ['…', ...log.slice(-80)] : log).join('; ');
        let server = '';
        try {
          const audit = await rawConnect(node('n1').wsUrl, p.user, 'diag');
          const hist = await audit.syncAll(0);
          audit.ws.terminate();
          server = hist.map((m) => `${Number(m.seq)}=${str(m)}`).slice(-40).join(' ');
        } catch (e) {
          server = `(audit failed: ${(e as Error).message})`;
        }
        lines.push(
          `${p.role} ${p.user.userId}@${p.node ?? p.client.state} from ${sender.role} ${sender.user.userId}: missing ${missing.length} (${ackedBeforeKill} of them ACKed to the sender before the kill): ${missing.join(',')}; ` +
            `SDK lastSeq ${c.lastSeq}, ahead [${[...c.ahead.keys()].join(',')}], syncing ${c.syncing}; ` +
            `wire (ms after the traffic started; the kill at @${killAtMs}) ${[...p.log, `[${p.socket?.node}] ${tail(p.socket?.log ?? [])}`].join(' || ')}; ` +
            `handed to the app (last 15) ${p.received.map((m) => `${m.seq}=${str(m)}`).slice(-15).join(' ')}; server inbox (last 40) ${server}`,
        );
      }
      throw new Error(`${err.message}; ${lines.length} of ${peers.length} devices stuck:\n${lines.join('\n')}`);
    });
    await sleep(300);
    for (const p of peers) {
      // This test's traffic ("k:<sender>:<n>"): the inbox also holds what earlier tests had the same users send.
      const got = p.received.filter((m) => m.senderId === from.get(p)!.user.userId && str(m).startsWith('k:')).map(str);
      expect(got, `what the application of ${p.user.userId} got from ${from.get(p)!.user.userId}`).toEqual(expectedFrom(p));
    }
  }, 30_000);

  it('a node started later joins: listed by the others, picked (least loaded), and deliveries flow both ways without restarting anyone', async () => {
    const n4 = await startNode('n4');
    nodes.set('n4', n4);
    const live = ['n1', 'n2', 'n4'];
    const t0 = Date.now();
    await waitFor(async () => (await Promise.all(live.map((id) => allWorkersList(node(id), live)))).every(Boolean), 15_000, 'n4 in GET /api/nodes everywhere', 100);
    expect(Date.now() - t0).toBeLessThan(15_000);
    // Nothing of n1 and n2 restarted.
    for (const id of ['n1', 'n2']) expect(await workerPids(node(id)), `pids of ${id}`).toEqual(pidsAtStart.get(id));

    // The new node is the least loaded one: the old nodes send new clients there.
    const fresh = users.filter((u) => !peers.some((p) => p.user.userId === u.userId));
    const onW = (w: number) => fresh.filter((u) => workerFor(u.userId, WORKERS) === w);
    const newcomers = [onW(0)[0]!, onW(1)[0]!];
    const veterans = [onW(0)[1]!, onW(1)[1]!];
    const a: RawClient[] = [];
    for (const [i, u] of newcomers.entries()) {
      const p = await pick(node(i % 2 ? 'n2' : 'n1'));
      expect(p.node_id, 'picked for a new client').toBe('n4');
      expect(p.ws_url).toBe(n4.wsUrl);
      a.push(await rawConnect(p.ws_url, u, 'late'));
    }
    const b = [await rawConnect(node('n1').wsUrl, veterans[0]!, 'late'), await rawConnect(node('n2').wsUrl, veterans[1]!, 'late')];
    const where = await whereIs(live);
    for (const u of newcomers) expect(where.get(u.userId)).toEqual([{ node: 'n4', worker: workerFor(u.userId, WORKERS) }]);
    expect(where.get(veterans[0]!.userId)).toEqual([{ node: 'n1', worker: workerFor(veterans[0]!.userId, WORKERS) }]);
    expect(where.get(veterans[1]!.userId)).toEqual([{ node: 'n2', worker: workerFor(veterans[1]!.userId, WORKERS) }]);

    const sends: { c: RawClient; from: ClusterUser; to: ClusterUser; rc: RawClient; body: string }[] = [];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        sends.push({ c: b[i]!, from: veterans[i]!, to: newcomers[j]!, rc: a[j]!, body: `old->new ${i}->${j}` });
        sends.push({ c: a[j]!, from: newcomers[j]!, to: veterans[i]!, rc: b[i]!, body: `new->old ${j}->${i}` });
      }
    const before = await Promise.all(live.map((id) => figures(node(id))));
    const acks = await Promise.all(sends.map((s) => sendRaw(s.c, s.from, 'late', single(s.to.userId, s.body))));
    for (const x of acks) expect(x.code).toBe(0);
    await waitFor(() => sends.every((s) => pushedSeqs(s.rc, s.body).size >= 1), 10_000, () => `pushes across old and new nodes; missing ${sends.filter((s) => pushedSeqs(s.rc, s.body).size === 0).map((s) => s.body).join(', ')}`);
    await sleep(300);
    for (const s of sends) expect(pushedSeqs(s.rc, s.body).size, s.body).toBe(1);
    const after = await Promise.all(live.map((id) => figures(node(id))));
    const d = live.map((id, i) => [id, minus(after[i]!, before[i]!)] as const);
    // Each side called the other over gRPC: the old nodes reached n4 without being restarted.
    for (const [id, x] of d) expect(x.rpcOk, `gRPC calls from ${id}: ${JSON.stringify(d)}`).toBeGreaterThanOrEqual(1);
    for (const [, x] of d) expect(x.rpcError + x.dead).toBe(0);
  }, 120_000);
});
