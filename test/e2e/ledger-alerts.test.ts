// The delivery ledger under faults (issue 20): a GoChat worker on the real
// MariaDB, Redis and RabbitMQ, scraped by a real Prometheus that evaluates
// prometheus/alerts.yml against it. Each fault is injected for real and the
// test sees its metric move on the node's /metrics and its rule fire:
//
//   a stalled device     client_id 3 sent without 2: gochat_uplink_stalled_devices
//                        → GochatUplinkStalled (uplink.stall_threshold 1 s here)
//   a row collision      a row written straight into MariaDB where the allocator
//                        hands out the next seq: gochat_inbox_collisions_total,
//                        then the audit's gochat_audit_missing_total
//                        → GochatInboxCollision, GochatAuditMissing
//   a stopped persister  the inbox table locked (LOCK TABLES … WRITE): the
//                        persister's transaction waits, the ACKed message stays
//                        unpersisted: gochat_persist_oldest_unpersisted_seconds
//                        → GochatPersistLagging, GochatPersistBoundExceeded
//
// The rules are the shipped expressions with their `for` durations removed
// (the durations are unit-tested by `promtool test rules`,
// test/integration/deploy-files.test.ts); the persistence bound is made 5 s
// (publish timeout 0.5 s + 2 × heartbeat 2 s + retry max 0.5 s) so that the
// audit and the bound alert come within seconds. Needs `prometheus`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../../src/client/raw-client.js';
import { persistInFlightBound } from '../../src/config/schema.js';
import { gochat } from '../../src/proto/index.js';
import { metricSum, REPO_ROOT } from '../support/cluster.js';
import { createTestDb, testConfig } from '../support/env.js';
import { startPrometheus, type PromServer } from '../support/prometheus.js';
import { connect, createUsers, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

type Obj = Record<string, any>;

let s: TestServer;
let prom: PromServer;
let rulesDir = '';
let users: TestUser[] = [];
const clients: RawClient[] = [];

const BOUND_MS = 5000;

async function metric(name: string): Promise<number> {
  const body = await (await fetch(`${s.adminUrl}/metrics`)).text();
  const v = metricSum(body, name);
  if (v === null) throw new Error(`${name} is not exported`);
  return v;
}

/** Waits until `name` on the node's /metrics satisfies `ok`; returns its value. */
async function metricUntil(name: string, ok: (v: number) => boolean, ms = 15_000): Promise<number> {
  let last = NaN;
  await waitFor(async () => ok((last = await metric(name))), ms, name, 100);
  return last;
}

async function firing(): Promise<Obj[]> {
  return ((await prom.api('/api/v1/alerts')).alerts as Obj[]).filter((a) => a.state === 'firing');
}

/** Waits until Prometheus has the alert firing for this node. */
async function alertFires(name: string, ms = 20_000): Promise<Obj> {
  return waitFor(async () => (await firing()).find((a) => a.labels.alertname === name && a.labels.node === s.cfg.node_id), ms, `alert ${name} firing`, 250);
}

function to(u: TestUser, body: string): gochat.IMessage {
  return { sessionType: gochat.SessionType.ST_SINGLE, receiverId: u.userId, messageType: gochat.MessageType.MT_TEXT, content: text(body) };
}

async function client(u: TestUser, device: string): Promise<RawClient> {
  const c = await connect(s, u, device);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  const db = await createTestDb();
  const cfg = testConfig(db, {
    'uplink.stall_threshold': 1000,
    'audit.sample_rate': 1,
    'audit.max_per_sec': 1000,
    'rabbitmq.publish_timeout': 500,
    'rabbitmq.heartbeat': 2000,
    'rabbitmq.retry_max': 500,
  });
  expect(persistInFlightBound(cfg)).toBe(BOUND_MS);
  s = await startTestServer({}, { db, cfg });
  users = await createUsers(s, 6);
  // The shipped rules, evaluated at once instead of after their `for`.
  rulesDir = mkdtempSync(path.join(tmpdir(), 'gochat-rules-'));
  const rules = parseYaml(readFileSync(path.join(REPO_ROOT, 'prometheus', 'alerts.yml'), 'utf8')) as Obj;
  for (const g of rules.groups as Obj[]) for (const r of g.rules as Obj[]) delete r.for;
  writeFileSync(path.join(rulesDir, 'alerts.yml'), stringifyYaml(rules));
  prom = await startPrometheus({ adminPorts: [Number(new URL(s.adminUrl).port)], ruleFiles: [path.join(rulesDir, 'alerts.yml')] });
  await waitFor(async () => ((await prom.query('gochat_persist_bound_seconds'))[0]?.value ?? 0) === BOUND_MS / 1000, 15_000, 'the node scraped');
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  await prom?.stop();
  if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
  await s?.stop();
}, 30_000);

describe('the delivery ledger under faults, with its alerts evaluated by Prometheus', () => {
  it('a healthy node: messages accepted, audited and found, no alert firing', async () => {
    const [a, b] = users as [TestUser, TestUser];
    const ca = await client(a, 'ok');
    const cb = await client(b, 'ok');
    for (let i = 1; i <= 3; i++) expect((await ca.send(i, to(b, `hello ${i}`))).code).toBe(0);
    await cb.waitPushes(3);
    // sampled at rate 1, checked once older than the 5 s bound
    await metricUntil('gochat_audit_checked_total', (v) => v >= 3, BOUND_MS + 10_000);
    expect(await metric('gochat_audit_missing_total')).toBe(0);
    await metricUntil('gochat_pushes_acked_total', (v) => v >= 3);
    expect(await metric('gochat_inbox_rows_persisted_total')).toBeGreaterThanOrEqual(6); // 3 messages, 2 inboxes each
    expect(await metric('gochat_tombstones_total')).toBe(0);
    expect(await metric('gochat_persist_oldest_unpersisted_seconds')).toBe(0);
    expect((await firing()).map((x) => x.labels.alertname)).toEqual([]);
  }, 30_000);

  it('a stalled device: client_id 3 waits behind a missing 2 → gochat_uplink_stalled_devices, GochatUplinkStalled fires; 2 arrives → it clears', async () => {
    const c = await client(users[2]!, 'stall');
    expect((await c.send(1, to(users[3]!, 'one'))).code).toBe(0);
    const three = c.waitAck(3);
    c.sendUp(3, to(users[3]!, 'three')); // 2 never came
    expect(await metricUntil('gochat_uplink_stalled_devices', (v) => v === 1)).toBe(1);
    expect(await metric('gochat_uplink_stalled_oldest_seconds')).toBeGreaterThanOrEqual(1);
    await alertFires('GochatUplinkStalled');
    expect((await c.send(2, to(users[3]!, 'two'))).code).toBe(0);
    expect((await three).code).toBe(0);
    await metricUntil('gochat_uplink_stalled_devices', (v) => v === 0);
  }, 30_000);

  it('a row collision: a row already where the allocator hands out the next seq → gochat_inbox_collisions_total, GochatInboxCollision, then the audit finds the message missing → GochatAuditMissing', async () => {
    const [, , , , a, b] = users as TestUser[] as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
    const ca = await client(a, 'col');
    const first = await ca.send(1, to(b, 'first'));
    expect(first.code).toBe(0);
    // a's next message takes seq first.seq + 1 in a's own inbox: someone else's row is there already
    await sql(s, 'INSERT INTO inbox (user_id, seq, msg_id) VALUES (?, ?, ?)', [a.userId, first.seq + 1, 424242]);
    const checkedBefore = await metric('gochat_audit_checked_total');
    const second = await ca.send(2, to(b, 'second'));
    expect(second).toMatchObject({ code: 0, seq: first.seq + 1 });
    expect(await metricUntil('gochat_inbox_collisions_total', (v) => v >= 1)).toBe(1);
    await alertFires('GochatInboxCollision');
    // the audit: both messages checked past the bound; the second is not in a's inbox
    await metricUntil('gochat_audit_checked_total', (v) => v >= checkedBefore + 1, BOUND_MS + 10_000);
    expect(await metricUntil('gochat_audit_missing_total', (v) => v >= 1, BOUND_MS + 10_000)).toBe(1);
    await alertFires('GochatAuditMissing');
    const [row] = await sql<{ msg_id: number }>(s, 'SELECT msg_id FROM inbox WHERE user_id = ? AND seq = ?', [a.userId, first.seq + 1]);
    expect(Number(row!.msg_id)).toBe(424242); // the row that was there first was kept
  }, 40_000);

  it('a stopped persister: the inbox locked → the ACKed message stays unpersisted, its age grows past the bound → GochatPersistLagging, GochatPersistBoundExceeded; unlocked → back to 0', async () => {
    const [a, b] = users as [TestUser, TestUser];
    const ca = await client(a, 'stop');
    const lock = await mysql.createConnection({ uri: s.db.url });
    try {
      await lock.query('LOCK TABLES inbox WRITE');
      const ack = await ca.send(1, to(b, 'held'));
      expect(ack.code).toBe(0); // durable in RabbitMQ and ACKed; MySQL has not got it
      const age = await metricUntil('gochat_persist_oldest_unpersisted_seconds', (v) => v > BOUND_MS / 1000, BOUND_MS + 10_000);
      expect(age).toBeGreaterThan(BOUND_MS / 1000);
      await alertFires('GochatPersistLagging');
      await alertFires('GochatPersistBoundExceeded');
    } finally {
      await lock.query('UNLOCK TABLES');
      await lock.end();
    }
    await metricUntil('gochat_persist_oldest_unpersisted_seconds', (v) => v === 0);
  }, 40_000);
});
