// Recall end to end (DESIGN.md §6a): an MT_RECALL from one of the sender's
// devices is an ordinary message (ACKed, its own seq, pushed to every other
// device of the conversation), after which sync serves the original as
// MT_RECALLED with no content on every device; refusals with their codes
// (outside the window 3, someone else 3, unknown 4, malformed 1). Then two
// nodes of one cluster (two workers on one database and prefix, a device of
// the sender on each): a recall through the other node moments after the
// send (found in that node's memory, from the push), and one found only in
// the message store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../../src/client/raw-client.js';
import { gochat } from '../../src/proto/index.js';
import { createTestDb, testConfig } from '../support/env.js';
import { connect, createGroup, createUser, sleep, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

/** recall_window of every server here: short, so the "too late" case waits little */
const WINDOW_MS = 3000;
const MT = gochat.MessageType;
const ST = gochat.SessionType;

let s: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let groupId: number;
const open: RawClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ recall_window: WINDOW_MS });
  [alice, bob, carol] = [await createUser(s), await createUser(s), await createUser(s)];
  groupId = await createGroup(s, alice, [bob.userId, carol.userId], 'recall');
}, 60_000);
afterAll(async () => {
  for (const c of open) c.close();
  await s?.stop();
});

async function device(on: TestServer, u: TestUser, id: string): Promise<RawClient> {
  const c = await connect(on, u, id);
  open.push(c);
  return c;
}

const message = (sessionType: number, to: number, body: string): gochat.IMessage => ({ sessionType, receiverId: to, messageType: MT.MT_TEXT, content: text(body) });
const recallOf = (sessionType: number, to: number, msgId: number): gochat.IMessage => ({
  sessionType,
  receiverId: to,
  messageType: MT.MT_RECALL,
  content: gochat.RecallContent.encode({ msgId }).finish(),
});
const nextCid = new Map<RawClient, number>();
/** sends with the device's next client_id */
function send(c: RawClient, m: gochat.IMessage) {
  const cid = (nextCid.get(c) ?? 0) + 1;
  nextCid.set(c, cid);
  return c.send(cid, m);
}
/** the next push `c` receives (after the ones it has), as the device saw it */
async function nextPush(c: RawClient, had = c.pushes.length): Promise<gochat.IMessage> {
  await c.waitPushes(had + 1);
  return c.pushes[had]!;
}
/** the message `msgId` in a full sync of `c`, once it is served as `type` */
async function synced(c: RawClient, msgId: number, type: number): Promise<gochat.IMessage> {
  return waitFor(async () => (await c.syncAll(0)).find((m) => Number(m.msgId) === msgId && m.messageType === type), 10_000, `msg ${msgId} synced as type ${type}`, 50);
}
/** a metric sample by one label value, from the worker's own registry */
async function sample(on: TestServer, name: string, label: string, value: string): Promise<number> {
  const text = await on.app.metrics.registry.metrics();
  const m = new RegExp(`^${name}\\{[^}]*${label}="${value}"[^}]*\\}\\s+(\\S+)`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}
/** what a recall must look like on every other device of the conversation */
function expectRecallPush(p: gochat.IMessage, sender: TestUser, sessionType: number, to: number, original: number): void {
  expect({ type: p.messageType, sender: Number(p.senderId), sessionType: p.sessionType, to: Number(p.receiverId) }).toEqual({ type: MT.MT_RECALL, sender: sender.userId, sessionType, to });
  expect(Number(gochat.RecallContent.decode(p.content!).msgId)).toBe(original);
}
async function expectRecalledEverywhere(devices: RawClient[], original: number): Promise<void> {
  for (const d of devices) {
    const m = await synced(d, original, MT.MT_RECALLED);
    expect(m.content?.length ?? 0).toBe(0);
  }
}

describe('recall on one node', () => {
  it('by the sender inside the window: ACK ok, pushed to every other device, and sync serves the original as MT_RECALLED with no content on every device', async () => {
    const [a1, a2, b1, b2] = [await device(s, alice, 'a1'), await device(s, alice, 'a2'), await device(s, bob, 'b1'), await device(s, bob, 'b2')];
    expect((await send(a1, message(ST.ST_SINGLE, bob.userId, 'oops'))).code).toBe(0);
    // The sender's other device learns the msg_id from its push and recalls at once (before persistence).
    const original = Number((await nextPush(a2, 0)).msgId);
    const had = [a1, b1, b2].map((c) => c.pushes.length);
    const memoryBefore = await sample(s, 'gochat_recall_lookups_total', 'source', 'memory');
    const ack = await send(a2, recallOf(ST.ST_SINGLE, bob.userId, original));
    expect(ack).toMatchObject({ code: 0 });
    expect(ack.seq).toBeGreaterThan(0);
    expect(await sample(s, 'gochat_recall_lookups_total', 'source', 'memory')).toBe(memoryBefore + 1);
    for (const [i, c] of [a1, b1, b2].entries()) expectRecallPush(await nextPush(c, had[i]), alice, ST.ST_SINGLE, bob.userId, original);
    await expectRecalledEverywhere([a1, a2, b1, b2], original);
    // The recall itself is in the history too, once, after the original.
    const history = await b1.syncAll(0);
    const recalls = history.filter((m) => m.messageType === MT.MT_RECALL);
    expect(recalls).toHaveLength(1);
    expect(Number(recalls[0]!.seq)).toBeGreaterThan(Number(history.find((m) => Number(m.msgId) === original)!.seq));
    // Not kept in the database either.
    const [row] = await waitFor(async () => {
      const r = await sql<{ n: number }>(s, 'SELECT LENGTH(content) AS n FROM messages WHERE msg_id = ?', [original]);
      return r.length && Number(r[0]!.n) === 0 ? r : null;
    }, 10_000, 'content dropped');
    expect(Number(row!.n)).toBe(0);
    expect(await sample(s, 'gochat_recalls_total', 'result', 'accepted')).toBeGreaterThanOrEqual(1);
  });

  it('a group message: every member’s devices get the recall, and sync serves the original as recalled to each', async () => {
    const [a1, b1, c1] = [await device(s, alice, 'ga'), await device(s, bob, 'gb'), await device(s, carol, 'gc')];
    expect((await send(a1, message(ST.ST_GROUP, groupId, 'to all'))).code).toBe(0);
    const original = Number((await nextPush(b1, 0)).msgId);
    // This time the sender learns the msg_id as any device would after a while: from a sync.
    await synced(a1, original, MT.MT_TEXT);
    const had = [b1, c1].map((c) => c.pushes.length);
    expect((await send(a1, recallOf(ST.ST_GROUP, groupId, original))).code).toBe(0);
    for (const [i, c] of [b1, c1].entries()) expectRecallPush(await nextPush(c, had[i]), alice, ST.ST_GROUP, groupId, original);
    await expectRecalledEverywhere([a1, b1, c1], original);
  });

  it('refusals: someone else (code 3), another conversation (3), unknown msg_id (4), malformed (1), past the window (3); the original stays as sent', async () => {
    const [a1, b1, c1] = [await device(s, alice, 'ra'), await device(s, bob, 'rb'), await device(s, carol, 'rc')];
    expect((await send(a1, message(ST.ST_SINGLE, bob.userId, 'keep'))).code).toBe(0);
    const single = Number((await nextPush(b1, 0)).msgId);
    expect((await send(a1, message(ST.ST_GROUP, groupId, 'keep too'))).code).toBe(0);
    const inGroup = Number((await nextPush(c1, 0)).msgId);

    const code = async (c: RawClient, m: gochat.IMessage) => (await send(c, m)).code;
    expect(await code(b1, recallOf(ST.ST_SINGLE, alice.userId, single))).toBe(3); // the recipient
    expect(await code(c1, recallOf(ST.ST_GROUP, groupId, inGroup))).toBe(3); // another member
    expect(await code(a1, recallOf(ST.ST_SINGLE, carol.userId, single))).toBe(3); // the sender, to another conversation
    expect(await code(a1, recallOf(ST.ST_SINGLE, bob.userId, 987_654_321))).toBe(4);
    expect(await code(a1, { ...recallOf(ST.ST_SINGLE, bob.userId, single), content: Buffer.from([0x0a, 0x05, 0x01]) })).toBe(1);
    expect(await code(a1, recallOf(ST.ST_SINGLE, bob.userId, 0))).toBe(1);
    expect(await code(a1, { ...message(ST.ST_SINGLE, bob.userId, ''), messageType: MT.MT_RECALLED })).toBe(1);
    const rejectedBefore = await sample(s, 'gochat_recalls_total', 'result', 'forbidden');
    await sleep(WINDOW_MS + 200);
    expect(await code(a1, recallOf(ST.ST_SINGLE, bob.userId, single))).toBe(3);
    expect(await code(a1, recallOf(ST.ST_GROUP, groupId, inGroup))).toBe(3);
    expect(await sample(s, 'gochat_recalls_total', 'result', 'forbidden')).toBe(rejectedBefore + 2);
    expect((await synced(b1, single, MT.MT_TEXT)).content).toEqual(text('keep'));
    expect((await synced(c1, inGroup, MT.MT_TEXT)).content).toEqual(text('keep too'));
    expect(b1.pushes.filter((p) => p.messageType === MT.MT_RECALL)).toEqual([]);
  }, 20_000);
});

describe('recall across two nodes of one cluster', () => {
  let n1: TestServer;
  let n2: TestServer;
  let a: TestUser;
  let b: TestUser;
  beforeAll(async () => {
    const db = await createTestDb();
    n1 = await startTestServer({}, { db, cfg: testConfig(db, { engine: 'cluster', recall_window: WINDOW_MS }) });
    n2 = await startTestServer({}, { db, cfg: n1.cfg });
    [a, b] = [await createUser(n1), await createUser(n1)];
  }, 60_000);
  afterAll(async () => {
    await n2?.close();
    await n1?.stop();
  });

  it('the sender’s device on the other node recalls at once (found in that node’s memory, from the push); sync on both nodes serves the original as recalled', async () => {
    const [a1, a2, b1, b2] = [await device(n1, a, 'n1'), await device(n2, a, 'n2'), await device(n1, b, 'n1'), await device(n2, b, 'n2')];
    expect((await send(a1, message(ST.ST_SINGLE, b.userId, 'cross'))).code).toBe(0);
    const original = Number((await nextPush(a2, 0)).msgId);
    const memoryBefore = await sample(n2, 'gochat_recall_lookups_total', 'source', 'memory');
    const had = [a1, b1, b2].map((c) => c.pushes.length);
    expect((await send(a2, recallOf(ST.ST_SINGLE, b.userId, original))).code).toBe(0);
    expect(await sample(n2, 'gochat_recall_lookups_total', 'source', 'memory')).toBe(memoryBefore + 1);
    for (const [i, c] of [a1, b1, b2].entries()) expectRecallPush(await nextPush(c, had[i]), a, ST.ST_SINGLE, b.userId, original);
    await expectRecalledEverywhere([a1, a2, b1, b2], original);
  });

  it('a node that never saw the message finds it in the message store', async () => {
    const a1 = await device(n1, a, 'only-n1');
    const b1 = await device(n1, b, 'b-n1');
    // Node 2 holds no device of the sender now: nothing is pushed there.
    for (const c of open.filter((c) => c !== a1 && c !== b1)) c.close();
    await sleep(200);
    expect((await send(a1, message(ST.ST_SINGLE, b.userId, 'stored'))).code).toBe(0);
    const original = Number((await nextPush(b1, 0)).msgId);
    await waitFor(async () => (await sql(n1, 'SELECT msg_id FROM messages WHERE msg_id = ?', [original])).length > 0, 10_000, 'original persisted');
    const a3 = await device(n2, a, 'late-n2');
    await synced(a3, original, MT.MT_TEXT);
    const storeBefore = await sample(n2, 'gochat_recall_lookups_total', 'source', 'store');
    expect((await send(a3, recallOf(ST.ST_SINGLE, b.userId, original))).code).toBe(0);
    expect(await sample(n2, 'gochat_recall_lookups_total', 'source', 'store')).toBe(storeBefore + 1);
    await expectRecalledEverywhere([a1, a3, b1], original);
  });
});
