// Fault tests under mixed traffic (DESIGN.md §3, I1–I5): ~12 users, two
// groups of 7, four users with two devices, all GoChatClients sending 1:1 and
// group messages at random while connections are dropped every 300–700 ms;
// then one fault at a time during a shorter run: Redis reset (empty),
// RabbitMQ stop/start, MariaDB stop/start, a worker SIGKILLed, a whole node
// SIGKILLed and started again. After each run every message is answered and
// test/support/traffic.ts checks that ACKs = inboxes in MySQL = what every
// device received: nothing lost, nothing duplicated, per-sender order kept,
// no seq reused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../../src/client/raw-client.js';
import { deleteRabbitQueue } from '../support/rabbitmq.js';
import { byWorker, FAST_GAP_ENV, freePort, freePortRange, RawConn, registerUsers, sleep as pause, startCluster, wsUpgradeHead, type ClusterOptions, type ClusterProc } from '../support/cluster.js';
import { createTestDb, dropRedisPrefix, RABBITMQ_URL, testConfig, uniqueName, type TestDb } from '../support/env.js';
import {
  startPrivateMariaDb,
  startPrivateRabbit,
  startPrivateRedis,
  stopAllPrivateServices,
  type PrivateMariaDb,
  type PrivateRabbit,
  type PrivateRedis,
} from '../support/private-services.js';
import { connect, createUsers, sleep, sql, startTestServer, text, waitFor, type TestServer } from '../support/server.js';
import { buildScenario, describeReport, Traffic, type TrafficOptions, type TrafficReport, type TrafficUser } from '../support/traffic.js';

const verbose = !!process.env.TEST_VERBOSE;
const traffics: Traffic[] = [];
const rawClients: RawClient[] = [];

afterAll(async () => {
  for (const t of traffics) t.close();
  for (const c of rawClients) c.close();
  await stopAllPrivateServices();
}, 60_000);

/**
 * Sends with connection drops for at least `ms`; runs `fault` after `faultAt`
 * and keeps going `tailMs` after it. The drops stop `calmMs` before the
 * sending does: a message sent at the very end to a device that is
 * reconnecting right then is the subject of its own test (downlink.test.ts,
 * write-behind), and is not what these runs are about.
 */
async function drive(t: Traffic, o: { ms: number; fault?: () => Promise<void>; faultAt?: number; tailMs?: number; calmMs?: number }): Promise<void> {
  const start = Date.now();
  const calm = o.calmMs ?? 1500;
  t.startSending();
  t.startChaos(300, 700);
  try {
    if (o.fault) {
      await sleep(o.faultAt ?? 2000);
      await o.fault();
      await sleep(Math.max(0, (o.tailMs ?? 2500) - calm));
    }
    const left = o.ms - calm - (Date.now() - start);
    if (left > 0) await sleep(left);
    t.stopChaos();
    await sleep(calm);
  } finally {
    t.stopChaos();
    t.stopSending();
  }
}

async function newTraffic(wsUrl: string, httpUrl: string, users: TrafficUser[], extra: Partial<TrafficOptions> = {}): Promise<Traffic> {
  const pop = await buildScenario(httpUrl, users);
  const t = new Traffic({ wsUrl, ...pop, ratePerUser: 3, groupShare: 0.4, ...extra });
  traffics.push(t);
  await t.connect();
  return t;
}

/** An in-process worker on MySQL/Redis/RabbitMQ (whatever TEST_ENGINE says: these faults are the cluster engine's). */
async function mysqlServer(overrides: Record<string, unknown> = {}): Promise<TestServer> {
  const db = await createTestDb();
  return startTestServer({}, { db, cfg: testConfig(db, { engine: 'cluster', ...overrides }) });
}

/** Waits for everything to be answered and to arrive, then checks; fails with a readable report. */
async function settleAndCheck(t: Traffic, dbUrl: string, settleMs = 30_000): Promise<TrafficReport> {
  let report: TrafficReport;
  try {
    await t.settle(dbUrl, settleMs);
    report = await t.check(dbUrl);
  } finally {
    t.close(); // what was recorded stays readable
  }
  if (verbose) console.log(JSON.stringify(report.summary), '\n  ' + t.log.join('\n  '));
  expect(report.problems, describeReport(report, t.log)).toEqual([]);
  // The run did what it claims: real traffic of both kinds, connections dropped.
  expect(report.summary.acked, describeReport(report, t.log)).toBeGreaterThanOrEqual(100);
  expect(report.summary.single).toBeGreaterThan(0);
  expect(report.summary.group).toBeGreaterThan(0);
  return report;
}

describe('mixed traffic with random connection drops', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await mysqlServer();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('30 s, 12 users (4 with two devices), 2 groups, a drop every 300–700 ms: ACKed = every inbox = every device, none lost, none duplicated, order kept', async () => {
    const users = await createUsers(s, 12);
    const t = await newTraffic(s.wsUrl, s.httpUrl, users);
    await drive(t, { ms: 30_000 });
    const r = await settleAndCheck(t, s.db.url);
    expect(r.summary.drops).toBeGreaterThanOrEqual(40);
    expect(r.summary.acked).toBeGreaterThanOrEqual(500);
    t.close();
  }, 120_000);
});

describe('a backend restarts during traffic (private instances)', () => {
  let redis: PrivateRedis;
  let rabbit: PrivateRabbit;
  let maria: PrivateMariaDb;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    // One at a time: on two cores, starting them together is slower.
    redis = await startPrivateRedis();
    maria = await startPrivateMariaDb();
    rabbit = await startPrivateRabbit();
  }, 120_000);
  afterAll(async () => {
    for (const x of servers) await x.stop().catch(() => undefined);
    await stopAllPrivateServices();
  }, 60_000);

  /** An in-process worker on the private Redis, RabbitMQ and MariaDB. */
  async function privateServer(overrides: Record<string, unknown> = {}): Promise<TestServer> {
    const x = await mysqlServer({
      'redis.url': redis.url,
      'rabbitmq.url': rabbit.url,
      'mysql.url': maria.dbUrl(uniqueName('db')),
      // Seqs skipped by a Redis reset must not hold sync back for long.
      'sync.gap_timeout': 1000,
      ...overrides,
    });
    servers.push(x);
    return x;
  }

  it('Redis restarts empty mid-traffic: seqs are re-seeded above the durable high-water mark (no seq reused, nothing lost); afterwards a fresh worker recovers uplink dedup from MySQL', async () => {
    const s = await privateServer();
    const dbUrl = s.cfg.mysql.url;
    const users = await createUsers(s, 12);
    const t = await newTraffic(s.wsUrl, s.httpUrl, users);
    let downAt = 0;
    let upAt = 0;
    await drive(t, {
      ms: 9000,
      faultAt: 3000,
      fault: async () => {
        t.note('redis: restarting (comes back empty)');
        downAt = Date.now();
        await redis.restart();
        upAt = Date.now();
        t.note('redis: back');
      },
    });
    const r = await settleAndCheck(t, dbUrl);
    // The counters were lost and re-seeded from user_seq.max_seq (seq.step
    // 1000): what was sent after the reset has seqs above the first segment,
    // what was ACKed before it stayed in the first one.
    const after = t.acked.filter((x) => x.sentAt > upAt);
    expect(after.length, describeReport(r, t.log)).toBeGreaterThan(20);
    for (const x of after) expect(x.result!.seq, `${x.key} sent after the reset`).toBeGreaterThan(1000);
    const before = t.acked.filter((x) => x.ackAt < downAt);
    expect(before.length).toBeGreaterThan(20);
    for (const x of before) expect(x.result!.seq, `${x.key} ACKed before the reset`).toBeLessThanOrEqual(1000);
    t.close();

    // Redis loses everything again and the worker restarts: the uplink dedup
    // state of every device (last client_id and outcomes) is gone from
    // memory and Redis, and must be recovered from MySQL.
    await redis.restart();
    await s.close();
    const s2 = await startTestServer({}, { db: s.db, cfg: s.cfg });
    const db = { db: { url: dbUrl } as TestDb };
    servers.push(s2);
    const devices = [...t.devices].sort((a, b) => b.counter - a.counter).slice(0, 4);
    for (const d of devices) {
      const u = users.find((x) => x.userId === d.userId)!;
      const mine = t.acked.filter((x) => x.senderId === d.userId && x.deviceId === d.deviceId).sort((a, b) => a.result!.clientId - b.result!.clientId);
      expect(mine.length).toBeGreaterThan(2);
      const first = mine[0]!;
      const last = mine[mine.length - 1]!;
      expect(last.result!.clientId).toBe(mine.length); // client_ids 1..n, all ACKed
      const c = await connect(s2, u, d.deviceId);
      rawClients.push(c);
      const msg = (body: string) => ({ sessionType: 1, receiverId: users.find((x) => x.userId !== d.userId)!.userId, messageType: 1, content: text(body) });
      // Retransmits of old client_ids get their original outcome, no new message.
      const againLast = await c.send(last.result!.clientId, msg('retransmit'));
      expect(againLast, `${d.userId}/${d.deviceId} client_id ${last.result!.clientId}`).toMatchObject({ code: 0, seq: last.result!.seq });
      const againFirst = await c.send(first.result!.clientId, msg('retransmit'));
      expect(againFirst, `${d.userId}/${d.deviceId} client_id ${first.result!.clientId}`).toMatchObject({ code: 0, seq: first.result!.seq });
      // The next client_id is processed (not dropped as "too far ahead", not refused as used).
      const next = await c.send(last.result!.clientId + 1, msg('after recovery'));
      expect(next.code).toBe(0);
      const maxSeq = Math.max(...t.acked.filter((x) => x.senderId === d.userId).map((x) => x.result!.seq));
      expect(next.seq).toBeGreaterThan(maxSeq);
      // Persistence is write-behind: wait for the new message; no retransmit made a second row.
      const count = async () => Number((await sql<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM messages WHERE sender_id = ? AND device_id = ?', [d.userId, d.deviceId]))[0]!.n);
      await waitFor(async () => (await count()) >= mine.length + 1, 10_000, 'the new message persisted');
      await sleep(300);
      expect(await count()).toBe(mine.length + 1);
      c.close();
    }
  }, 120_000);

  it('RabbitMQ stops for a few seconds and starts again on the same data: sends meanwhile get code 7 and are retransmitted; nothing ACKed is lost', async () => {
    // A batch confirmed just before the broker stopped is persisted only
    // after it is back, behind rows (tombstones) written meanwhile. The gap
    // clock stands still while the connection is down, so a bound shorter
    // than the outage (stopping, 3 s down, starting: ~10 s here) must hold:
    // it only has to cover the drain once the broker is back.
    const s = await privateServer({ 'sync.gap_timeout': 8_000 });
    const t = await newTraffic(s.wsUrl, s.httpUrl, await createUsers(s, 12));
    let down = 0;
    let up = 0;
    await drive(t, {
      ms: 10_000,
      faultAt: 2000,
      fault: async () => {
        t.note('rabbitmq: stopping');
        await rabbit.stop();
        down = Date.now();
        t.note('rabbitmq: stopped');
        await sleep(3000);
        await rabbit.start();
        up = Date.now();
        t.note('rabbitmq: started');
      },
      tailMs: 3000,
    });
    const r = await settleAndCheck(t, s.cfg.mysql.url);
    // The outage was seen: transient rejections, retransmitted until ACKed.
    const transient = t.devices.flatMap((d) => d.wire.transientTimes);
    expect(r.summary.transient, describeReport(r, t.log)).toBeGreaterThan(0);
    expect(transient.some((x) => x >= down && x <= up), describeReport(r, t.log)).toBe(true);
    t.close();
  }, 150_000);

  it('MariaDB stops for ~3 s and starts again: online delivery goes on meanwhile (ACKs and pushes), the inboxes catch up afterwards', async () => {
    const s = await privateServer();
    const t = await newTraffic(s.wsUrl, s.httpUrl, await createUsers(s, 12));
    let down = 0;
    let up = 0;
    await drive(t, {
      ms: 10_000,
      faultAt: 3000,
      fault: async () => {
        t.note('mariadb: stopping');
        await maria.stop();
        down = Date.now();
        t.note('mariadb: stopped');
        await sleep(3000);
        up = Date.now();
        t.note('mariadb: starting');
        await maria.start();
        t.note('mariadb: started');
      },
      tailMs: 3000,
    });
    const r = await settleAndCheck(t, s.cfg.mysql.url);
    const info = describeReport(r, t.log);
    const ackedWhileDown = t.acked.filter((x) => x.ackAt >= down && x.ackAt <= up).length;
    const pushesWhileDown = t.devices.reduce((a, d) => a + d.wire.pushTimes.filter((x) => x >= down && x <= up).length, 0);
    if (verbose) console.log({ ackedWhileDown, pushesWhileDown });
    expect(ackedWhileDown, info).toBeGreaterThanOrEqual(10);
    expect(pushesWhileDown, info).toBeGreaterThanOrEqual(10);
    t.close();
  }, 150_000);
});

describe('process crashes during traffic (node src/main.ts, 2 workers)', () => {
  let db: TestDb;
  let proc: ClusterProc | null = null;
  let opts: ClusterOptions;
  let httpUrl: string;
  let wsUrl: string;
  const prefix = uniqueName('flt');

  beforeAll(async () => {
    db = await createTestDb();
    const httpPort = await freePort();
    const rpcPort = await freePortRange(2);
    httpUrl = `http://127.0.0.1:${httpPort}`;
    wsUrl = `ws://127.0.0.1:${httpPort}/ws`;
    // Fixed ports, prefix and database, so that a restarted node is the same node.
    opts = {
      workers: 2,
      db,
      env: {
        GOCHAT_HTTP_PORT: String(httpPort),
        GOCHAT_RPC_PORT: String(rpcPort),
        GOCHAT_PREFIX: prefix,
        // Seqs a crashed worker allocated but never made durable hold sync
        // back for sync.gap_timeout (8 s here, I5); a node outage is made
        // longer than this below.
        ...FAST_GAP_ENV,
      },
    };
    proc = await startCluster(opts);
  }, 90_000);
  afterAll(async () => {
    await proc?.cleanup();
    await dropRedisPrefix(prefix).catch(() => undefined);
    await deleteRabbitQueue(RABBITMQ_URL, `${prefix}.persist`).catch(() => undefined);
    await db?.drop().catch(() => undefined);
  }, 60_000);

  it('a worker SIGKILLed mid-traffic is restarted under the same index; its clients reconnect by themselves; nothing ACKed is lost or duplicated', async () => {
    const users = await registerUsers(httpUrl, 12, { login: 'mint' });
    const split = byWorker(users, 2);
    expect(split.every((x) => x.length > 0)).toBe(true);
    const victim = split[0]!.length >= split[1]!.length ? 0 : 1;
    const victimUser = split[victim]![0]!;
    const t = await newTraffic(wsUrl, httpUrl, users);
    let killed = 0;
    let probes: Promise<string>[] = [];
    await drive(t, {
      ms: 10_000,
      faultAt: 3000,
      fault: async () => {
        killed = await proc!.killWorker(victim, 'SIGKILL');
        t.note(`worker ${victim} (pid ${killed}) SIGKILLed`);
        // Upgrades for the dead worker's user that reach the primary at once
        // (before it has noticed the crash) must still be answered: 101 from
        // the restarted worker, or 503 — never left hanging.
        probes = [0, 5, 10, 20].map(async (delay) => {
          await sleep(delay);
          const c = await RawConn.open(Number(new URL(httpUrl).port));
          try {
            await c.write(wsUpgradeHead(Number(new URL(httpUrl).port), victimUser.token));
            return `HTTP ${(await c.response(20_000)).status}`;
          } catch (err) {
            return (err as Error).message.slice(0, 60);
          } finally {
            c.destroy();
          }
        });
      },
      tailMs: 4000,
    });
    const answers = await Promise.all(probes);
    t.note(`upgrade probes right after the crash: ${answers.join(', ')}`);
    for (const a of answers) expect.soft(['HTTP 101', 'HTTP 503'], `upgrade right after the worker crash: ${answers.join(', ')}`).toContain(a);
    const r = await settleAndCheck(t, db.url);
    const w = (await proc!.debug()).workers.find((x) => x.index === victim);
    expect(w?.pid, describeReport(r, t.log)).toBeDefined();
    expect(w!.pid).not.toBe(killed);
    t.close();
  }, 150_000);


  it('the whole node (primary and workers) SIGKILLed mid-traffic, down for longer than sync.gap_timeout, started again on the same ports: clients reconnect by themselves; nothing ACKed is lost or duplicated', async () => {
    const users = await registerUsers(httpUrl, 12, { login: 'mint' });
    const t = await newTraffic(wsUrl, httpUrl, users, { client: { reconnectMaxMs: 1000 } });
    const loginsBefore = new Map<string, number>();
    await drive(t, {
      ms: 10_000,
      faultAt: 3000,
      fault: async () => {
        const old = proc!;
        old.kill();
        await old.exited;
        t.note('node SIGKILLed');
        for (const d of t.devices) loginsBefore.set(`${d.userId}/${d.deviceId}`, d.wire.logins);
        // Down for longer than sync.gap_timeout (as a real restart may be):
        // batches ACKed before the crash and persisted only after it must
        // still reach every device (I1, I5).
        await pause(9000);
        proc = await startCluster(opts);
        t.note('node started again');
      },
      tailMs: 3000,
    });
    const r = await settleAndCheck(t, db.url, 45_000);
    // Every device logged in again after the crash, by itself.
    for (const d of t.devices) expect(d.wire.logins, describeReport(r, t.log)).toBeGreaterThan(loginsBefore.get(`${d.userId}/${d.deviceId}`)!);
    t.close();
  }, 150_000);
});
