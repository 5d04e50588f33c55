// Friends' presence and typing across nodes (DESIGN.md §6a): two nodes of
// one cluster (`node src/main.ts` child processes, 2 workers each, one etcd
// prefix, one MariaDB database and Redis prefix), raw protobuf clients.
// A typing and the presence transitions reach a device on the other node;
// a device that moves to the other node within presence.offline_delay
// flaps nothing (no offline, no second online); the offline push comes
// the delay after the last device left, wherever it was. A read reaches the
// reader's device on the other node, and its receipt the sender there.
// A node that leaves (SIGKILL, or a clean SIGTERM) gets its users who do
// not come back announced offline on the other nodes within its lease and
// the delay, not after the 60 s presence TTL; a node whose registry entry
// lapses while it runs (its lease revoked) re-asserts its presence once it
// is registered again: its users end online and pushes reach them.
import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, type Ack } from '../../src/client/raw-client.js';
import { gochat } from '../../src/proto/index.js';
import { createTestDb, uniqueName, type TestDb } from '../support/env.js';
import { dropSharedClusterState, http, registerUsers, sleep, startCluster, type ClusterProc, type ClusterUser } from '../support/cluster.js';

const ETCD = process.env.TEST_ETCD_ENDPOINTS ?? '127.0.0.1:2379';
const DELAY_MS = 600;
const prefix = uniqueName('pm');
let db: TestDb | null = null;
let n1: ClusterProc;
let n2: ClusterProc;
let users: ClusterUser[] = [];
const clients: RawClient[] = [];

/** etcd.lease_ttl of the nodes the leaving tests stop (the shortest allowed) */
const LEASE_MS = 2000;
/** the presence TTL (gateway/housekeeping.ts): how long a dead node's users stayed online before */
const PRESENCE_TTL_MS = 60_000;

const node = (id: string, env: Record<string, string> = {}) =>
  startCluster({
    workers: 2,
    db: db!,
    prefix,
    readyTimeoutMs: 90_000,
    env: { GOCHAT_NODE_ID: id, GOCHAT_ETCD_ENDPOINTS: ETCD, GOCHAT_PRESENCE_OFFLINE_DELAY: `${DELAY_MS}ms`, ...env },
  });

/** Waits until every worker of n1 and n2 lists `count` nodes in /api/nodes (each request may reach another worker). */
async function seeNodes(count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (const n of [n1, n2]) {
    let seen = 0;
    while (seen < 8) {
      const r = await http(n.httpUrl, 'GET', '/api/nodes');
      seen = r.body?.nodes?.length === count ? seen + 1 : 0;
      if (Date.now() > deadline) throw new Error(`${n === n1 ? 'n1' : 'n2'} does not list ${count} nodes: ${JSON.stringify(r.body)}`);
      await sleep(20);
    }
  }
}

beforeAll(async () => {
  db = await createTestDb();
  [n1, n2] = await Promise.all([node('n1'), node('n2')]);
  users = await registerUsers(n1.httpUrl, 6, { login: 'mint' });
  // Everyone sees both nodes before anything crosses between them.
  const deadline = Date.now() + 20_000;
  for (const n of [n1, n2]) {
    for (;;) {
      const r = await http(n.httpUrl, 'GET', '/api/nodes');
      if (r.body?.nodes?.length === 2) break;
      if (Date.now() > deadline) throw new Error('the nodes do not see each other');
      await sleep(100);
    }
  }
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([n1?.cleanup(), n2?.cleanup()]);
  await dropSharedClusterState(prefix, ETCD, db);
}, 60_000);

async function device(n: ClusterProc, u: ClusterUser, id: string): Promise<RawClient> {
  const c = await RawClient.connect(n.wsUrl, u.token);
  clients.push(c);
  await c.login(u.token, id);
  return c;
}

const about = (c: RawClient, u: ClusterUser, from = 0) => c.presences.slice(from).filter((p) => Number(p.userId) === u.userId);

describe('presence and typing across nodes', () => {
  let a: ClusterUser, b: ClusterUser, c: ClusterUser;
  let b1: RawClient;
  let a1: RawClient;

  it('online and typing reach a friend on the other node; CT_PRESENCE there answers', async () => {
    [a, b, c] = users as [ClusterUser, ClusterUser, ClusterUser];
    expect((await http(n1.httpUrl, 'POST', '/api/friends', { user_id: a.userId }, b.token)).status).toBe(201);
    b1 = await device(n2, b, 'b1');
    a1 = await device(n1, a, 'a1');
    const online = await b1.waitSignal(() => about(b1, a)[0], 5000, 'a online at b (n2)');
    expect(online.online).toBe(true);
    const got = await b1.presenceOfFriends();
    expect(got.map((p) => [Number(p.userId), p.online])).toEqual([[a.userId, true]]);
    a1.typing(gochat.SessionType.ST_SINGLE, b.userId, true);
    const t = await b1.waitSignal(() => b1.typings[0], 5000, 'the typing at b (n2)');
    expect(t).toMatchObject({ sessionType: gochat.SessionType.ST_SINGLE, peerId: b.userId, userId: a.userId, typing: true });
    // A group typing crosses nodes too; c (n1, same node as a) gets it as well.
    const g = await http(n2.httpUrl, 'POST', '/api/groups', { name: 'g', member_ids: [b.userId, c.userId] }, a.token);
    expect(g.status).toBe(201);
    const c1 = await device(n1, c, 'c1');
    a1.typing(gochat.SessionType.ST_GROUP, g.body.group_id, true);
    await b1.waitSignal(() => b1.typings[1], 5000, 'the group typing at b (n2)');
    await c1.waitSignal(() => c1.typings[0], 5000, 'the group typing at c (n1)');
    expect(b1.typings[1]).toMatchObject({ sessionType: gochat.SessionType.ST_GROUP, peerId: g.body.group_id, userId: a.userId });
  });

  it('a device moving to the other node within the delay flaps nothing', async () => {
    const from = b1.presences.length;
    a1.close();
    await a1.closed;
    await sleep(50);
    a1 = await device(n2, a, 'a1'); // same device, other node
    await sleep(DELAY_MS * 3);
    expect(about(b1, a, from)).toEqual([]);
    const back = (await http(n1.httpUrl, 'GET', '/api/friends', undefined, b.token)).body.friends;
    expect(back.map((x: { user_id: number; online: boolean }) => [x.user_id, x.online])).toEqual([[a.userId, true]]);
  });

  it('offline reaches the friend the delay after the last device left; then both nodes answer offline with last_seen', async () => {
    const from = b1.presences.length;
    const closedAt = Date.now();
    a1.close();
    const p = await b1.waitSignal(() => about(b1, a, from)[0], 5000, 'a offline at b');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(DELAY_MS - 20);
    expect(p.online).toBe(false);
    expect(Number(p.lastSeen)).toBeGreaterThanOrEqual(closedAt - 5);
    for (const n of [n1, n2]) {
      const list = (await http(n.httpUrl, 'GET', '/api/friends', undefined, b.token)).body.friends;
      expect(list).toEqual([{ user_id: a.userId, username: a.username, nickname: a.username, online: false, last_seen: Number(p.lastSeen) }]);
    }
    await sleep(DELAY_MS);
    expect(about(b1, a, from)).toHaveLength(1);
  });
});

describe('read state across nodes', () => {
  it("a 1:1 reader's other device (other node) gets the read, and the sender (other node) a receipt in its own numbering", async () => {
    const [, , c, d] = users as [ClusterUser, ClusterUser, ClusterUser, ClusterUser];
    const sender = await device(n1, c, 'c-read');
    const d2 = await device(n2, d, 'd-read-1');
    const d1 = await device(n1, d, 'd-read-2');
    const acks: Ack[] = [];
    for (let i = 1; i <= 3; i++) {
      const ack = await sender.send(i, { sessionType: gochat.SessionType.ST_SINGLE, receiverId: d.userId, messageType: gochat.MessageType.MT_TEXT, content: Buffer.from(`m${i}`) });
      expect(ack.code).toBe(0);
      acks.push(ack);
    }
    const pushed = await d2.waitPushes(3);
    const second = pushed.find((m) => Number(m.msgId) === acks[1]!.msgId)!;
    expect((await d2.read(gochat.SessionType.ST_SINGLE, c.userId, Number(second.seq))).code).toBe(0);
    const mine = await d1.waitSignal(() => d1.reads[0], 10_000, 'the read on the other device (n1)');
    expect(mine).toMatchObject({ sessionType: gochat.SessionType.ST_SINGLE, peerId: c.userId, readerId: d.userId });
    expect(Number(mine.seq)).toBe(Number(second.seq));
    const receipt = await sender.waitSignal(() => sender.reads[0], 10_000, 'the receipt at the sender (n1)');
    expect(receipt).toMatchObject({ sessionType: gochat.SessionType.ST_SINGLE, peerId: d.userId, readerId: d.userId });
    expect(Number(receipt.seq)).toBe(acks[1]!.seq); // the sender's own seq of the message read
  });
});

/** Rethrows `err` with what the staying nodes logged at warn and above (a failure in CI says why). */
function withNodeLogs(err: Error): never {
  const lines = [n1, n2].flatMap((n) => n.output().split('\n')).filter((l) => /"level":(40|50|60)|left the registry/.test(l));
  throw new Error(`${err.message}\nwarnings and errors of n1 and n2:\n${lines.slice(-30).join('\n')}`);
}

describe('a node that leaves', () => {
  let e: ClusterUser, f: ClusterUser;
  let f1: RawClient;

  /** e logs in on a new node that n2 sees; f (on n2) gets e's online */
  const started: ClusterProc[] = [];
  afterAll(() => {
    for (const n of started) n.kill();
  });

  async function eOnNewNode(id: string): Promise<ClusterProc> {
    const n = await node(id, { GOCHAT_ETCD_LEASE_TTL: `${LEASE_MS / 1000}s` });
    started.push(n);
    await seeNodes(3);
    const from = f1.presences.length;
    await device(n, e, `e-${id}`);
    const on = await f1.waitSignal(() => about(f1, e, from)[0], 10_000, `e online at f (n2), e on ${id}`).catch(withNodeLogs);
    expect(on.online).toBe(true);
    return n;
  }

  it('killed (SIGKILL): its users are announced offline within its lease and the delay, last_seen no later than the kill', async () => {
    [, , , , e, f] = users as ClusterUser[] as [ClusterUser, ClusterUser, ClusterUser, ClusterUser, ClusterUser, ClusterUser];
    expect((await http(n1.httpUrl, 'POST', '/api/friends', { user_id: e.userId }, f.token)).status).toBe(201);
    f1 = await device(n2, f, 'f1');
    const n3 = await eOnNewNode('n3');
    const from = f1.presences.length;
    const killedAt = Date.now();
    n3.kill();
    await n3.exited;
    const off = await f1.waitSignal(() => about(f1, e, from)[0], 20_000, 'e offline at f after n3 was killed').catch(withNodeLogs);
    const took = Date.now() - killedAt;
    expect(off.online).toBe(false);
    expect(took).toBeLessThan(PRESENCE_TTL_MS / 3);
    expect(Number(off.lastSeen)).toBeLessThanOrEqual(killedAt);
    expect(Number(off.lastSeen)).toBeGreaterThan(killedAt - PRESENCE_TTL_MS);
    console.log(`[presence-multinode] SIGKILL of a node → its user offline at a friend in ${took} ms (lease ${LEASE_MS} ms, delay ${DELAY_MS} ms)`);
    const list = (await http(n1.httpUrl, 'GET', '/api/friends', undefined, f.token)).body.friends;
    expect(list.map((x: { user_id: number; online: boolean; last_seen: number }) => [x.user_id, x.online, x.last_seen])).toEqual([[e.userId, false, Number(off.lastSeen)]]);
    await sleep(DELAY_MS * 2);
    expect(about(f1, e, from)).toHaveLength(1); // once, though every worker of n1 and n2 saw n3 go
  }, 120_000);

  it('shut down (SIGTERM) with a device that does not come back: offline the delay after it left, once', async () => {
    const n4 = await eOnNewNode('n4');
    const from = f1.presences.length;
    const stoppedAt = Date.now();
    n4.signal('SIGTERM');
    await n4.exited;
    const off = await f1.waitSignal(() => about(f1, e, from)[0], 15_000, 'e offline at f after n4 shut down').catch(withNodeLogs);
    const took = Date.now() - stoppedAt;
    expect(off.online).toBe(false);
    expect(took).toBeGreaterThanOrEqual(DELAY_MS - 20);
    expect(took).toBeLessThan(PRESENCE_TTL_MS / 4);
    expect(Number(off.lastSeen)).toBeGreaterThanOrEqual(stoppedAt - 5);
    console.log(`[presence-multinode] SIGTERM of a node → its user offline at a friend in ${took} ms (delay ${DELAY_MS} ms)`);
    await sleep(DELAY_MS * 2);
    expect(about(f1, e, from)).toHaveLength(1);
  }, 120_000);

  it('alive but its registry entry lapsed (lease revoked): registered again, it re-asserts presence; its user ends online and pushes reach it', async () => {
    const n5 = await eOnNewNode('n5');
    const e5 = clients.at(-1)!;
    const from = f1.presences.length;
    const etcd = new Etcd3({ hosts: `http://${ETCD}` });
    try {
      const key = `${prefix}/nodes/n5`;
      const kv = (await etcd.get(key).exec()).kvs[0];
      expect(kv, 'n5 registered').toBeDefined();
      await etcd.leaseClient.leaseRevoke({ ID: kv!.lease });
      // n5 learns at its next keep-alive and registers again
      const deadline = Date.now() + 15_000;
      while (!n5.output().includes('registered in etcd again')) {
        if (Date.now() > deadline) throw new Error(`n5 did not register again:\n${n5.output().slice(-3000)}`);
        await sleep(100);
      }
      expect((await etcd.get(key).exec()).kvs).toHaveLength(1);
    } finally {
      etcd.close();
    }
    // Whether the others evicted e before n5 re-asserted it (offline, then online) or after (nothing): e ends online.
    await sleep(DELAY_MS * 3);
    const seen = about(f1, e, from).map((p) => p.online);
    expect([[], [false, true]]).toContainEqual(seen);
    const list = (await http(n1.httpUrl, 'GET', '/api/friends', undefined, f.token)).body.friends;
    expect(list.map((x: { user_id: number; online: boolean }) => [x.user_id, x.online])).toEqual([[e.userId, true]]);
    const sent = await f1.send(1, { sessionType: gochat.SessionType.ST_SINGLE, receiverId: e.userId, messageType: gochat.MessageType.MT_TEXT, content: Buffer.from('still there?') });
    expect(sent.code).toBe(0);
    const [got] = await e5.waitPushes(1);
    expect(Buffer.from(got!.content!).toString()).toBe('still there?');
    console.log(`[presence-multinode] lease revoked: e's presence events at f ${JSON.stringify(seen)}, then online; a push reached e on n5`);
  }, 120_000);
});
