// Typing indicators and friends' presence (DESIGN.md §6a) on one server
// with real backends (TEST_ENGINE=embedded: the embedded engine), through
// raw protobuf clients: who gets a typing and how often; presence pushed on
// each transition, debounced on a reconnect, queried with CT_PRESENCE and
// GET /api/friends. Across nodes: presence-multinode.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../../src/client/raw-client.js';
import { TYPING_MAX_GROUP_MEMBERS } from '../../src/chat/typing.js';
import { gochat } from '../../src/proto/index.js';
import { api, connect, createGroup, createUsers, sleep, sql, startTestServer, waitFor, type TestServer, type TestUser } from '../support/server.js';

/** presence.offline_delay of the server */
const DELAY_MS = 600;
const { ST_SINGLE, ST_GROUP } = gochat.SessionType;

let s: TestServer;
let users: TestUser[] = [];
const clients: RawClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ 'presence.offline_delay': DELAY_MS, 'limits.commands_per_sec': 1000 });
  users = await createUsers(s, 8);
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await s?.stop();
});

async function device(u: TestUser, id: string): Promise<RawClient> {
  const c = await connect(s, u, id);
  clients.push(c);
  return c;
}

/** gochat_commands_total{command="typing", code} of the server */
async function typingCount(code: number): Promise<number> {
  const m = await s.app.metrics.registry.getSingleMetric('gochat_commands_total')!.get();
  return m.values.find((v) => v.labels.command === 'typing' && v.labels.code === String(code))?.value ?? 0;
}

/** `n` users made straight in the database (members only: they never log in) */
async function silentUsers(n: number): Promise<number[]> {
  const tag = `s${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const names = Array.from({ length: n }, (_, i) => `${tag}_${i}`);
  await sql(s, `INSERT INTO users (username, nickname, password_hash) VALUES ${names.map(() => '(?, ?, ?)').join(', ')}`, names.flatMap((x) => [x, x, 'x']));
  const rows = await sql<{ id: number }>(s, 'SELECT id FROM users WHERE username IN (?) ORDER BY id', [names]);
  return rows.map((r) => Number(r.id));
}

describe('typing', () => {
  it("1:1: the peer's devices get it with user_id set by the server, not the sender's other devices; 2 within a second → 1 forwarded", async () => {
    const [a, b] = users as [TestUser, TestUser];
    const [a1, a2, b1, b2] = [await device(a, 'a1'), await device(a, 'a2'), await device(b, 'b1'), await device(b, 'b2')];
    const limited = await typingCount(6);
    a1.typing(ST_SINGLE, b.userId, true);
    a1.typing(ST_SINGLE, b.userId, false); // same (device, conversation) within 1 s: dropped
    await waitFor(() => b1.typings.length >= 1 && b2.typings.length >= 1, 5000, 'typing at both devices of b');
    await waitFor(async () => (await typingCount(6)) === limited + 1, 5000, 'the second typing counted as dropped');
    await sleep(200);
    for (const c of [b1, b2]) {
      expect(c.typings).toHaveLength(1);
      expect(c.typings[0]).toMatchObject({ sessionType: ST_SINGLE, peerId: b.userId, userId: a.userId, typing: true });
    }
    expect(a2.typings).toHaveLength(0);
    expect(a1.typings).toHaveLength(0);
    await sleep(1000);
    a1.typing(ST_SINGLE, b.userId, false); // a second later: forwarded
    await waitFor(() => b1.typings.length === 2, 5000, 'the typing of the next second');
    expect(b1.typings[1]).toMatchObject({ userId: a.userId, typing: false });
    // A typing to a user that does not exist is dropped, not answered.
    const notFound = await typingCount(4);
    a1.typing(ST_SINGLE, 2 ** 40, true);
    await waitFor(async () => (await typingCount(4)) === notFound + 1, 5000, 'the typing to nobody counted as dropped');
    expect(a1.errors).toEqual([]);
  });

  it(`groups: the other members get it; a non-member's is dropped; a group over ${TYPING_MAX_GROUP_MEMBERS} members gets none`, async () => {
    const [, , c, d, e] = users as [TestUser, TestUser, TestUser, TestUser, TestUser];
    const [c1, d1, e1] = [await device(c, 'c1'), await device(d, 'd1'), await device(e, 'e1')];
    const g = await createGroup(s, c, [d.userId]);
    const extra = await silentUsers(TYPING_MAX_GROUP_MEMBERS - 1);
    const atLimit = await createGroup(s, c, [d.userId, ...extra.slice(0, TYPING_MAX_GROUP_MEMBERS - 2)]);
    const over = await createGroup(s, c, [d.userId, ...extra]);
    expect((await api(s.httpUrl, 'GET', `/api/groups/${over}`, undefined, c.token)).body.member_ids).toHaveLength(TYPING_MAX_GROUP_MEMBERS + 1);

    const [forbidden, tooLarge] = [await typingCount(3), await typingCount(5)];
    e1.typing(ST_GROUP, g, true); // e is not a member
    c1.typing(ST_GROUP, over, true);
    await waitFor(async () => (await typingCount(3)) === forbidden + 1 && (await typingCount(5)) === tooLarge + 1, 5000, 'both typings counted as dropped');
    c1.typing(ST_GROUP, g, true);
    await waitFor(() => d1.typings.length === 1, 5000, 'the group typing');
    expect(d1.typings[0]).toMatchObject({ sessionType: ST_GROUP, peerId: g, userId: c.userId, typing: true });
    c1.typing(ST_GROUP, atLimit, true); // exactly the limit: forwarded
    await waitFor(() => d1.typings.length === 2, 5000, 'the typing in the group at the limit');
    expect(d1.typings[1]).toMatchObject({ peerId: atLimit, userId: c.userId });
    await sleep(200);
    expect(d1.typings).toHaveLength(2);
    expect(c1.typings).toHaveLength(0);
    expect(e1.typings).toHaveLength(0);
  });
});

describe("friends' presence", () => {
  /** the presences pushed to `c` about `u` since index `from` of its list */
  const about = (c: RawClient, u: TestUser, from = 0) => c.presences.slice(from).filter((p) => Number(p.userId) === u.userId);
  let e: TestUser, f: TestUser, h: TestUser;
  let e1: RawClient;

  it('online is pushed to online friends on the first login only; CT_PRESENCE and GET /api/friends answer every friend', async () => {
    [, , , , , e, f, h] = users as TestUser[] as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
    // Friends are listed by user id; users registered in parallel may get ids in any order.
    if (f.userId > h.userId) [f, h] = [h, f];
    for (const friend of [f, h]) expect((await api(s.httpUrl, 'POST', '/api/friends', { user_id: friend.userId }, e.token)).status).toBe(201);
    e1 = await device(e, 'e1');
    const before = Date.now();
    await device(f, 'f1');
    const pushed = await e1.waitSignal(() => about(e1, f)[0], 5000, 'f online');
    expect(pushed.online).toBe(true);
    expect(Number(pushed.lastSeen)).toBeGreaterThanOrEqual(before);
    await device(f, 'f2'); // a second device: no second announcement
    await sleep(300);
    expect(about(e1, f)).toHaveLength(1);
    expect(e1.presences).toHaveLength(1); // h never came
    const got = await e1.presenceOfFriends();
    expect(got.map((p) => [Number(p.userId), p.online, Number(p.lastSeen) >= before])).toEqual([
      [f.userId, true, true],
      [h.userId, false, false],
    ]);
    expect(Number(got[1]!.lastSeen)).toBe(0); // never seen
    const list = (await api(s.httpUrl, 'GET', '/api/friends', undefined, e.token)).body.friends;
    expect(list).toEqual([
      { user_id: f.userId, username: f.username, nickname: f.username, online: true, last_seen: expect.any(Number) },
      { user_id: h.userId, username: h.username, nickname: h.username, online: false, last_seen: 0 },
    ]);
    expect(list[0].last_seen).toBeGreaterThanOrEqual(before);
    const back = (await api(s.httpUrl, 'GET', '/api/friends', undefined, f.token)).body.friends;
    expect(back.map((x: { user_id: number; online: boolean }) => [x.user_id, x.online])).toEqual([[e.userId, true]]);
  });

  it('a reconnect within the delay flaps nothing: no offline, no second online', async () => {
    const from = e1.presences.length;
    for (const c of clients.filter((c) => c !== e1)) c.close();
    await Promise.all(clients.filter((c) => c !== e1).map((c) => c.closed));
    await sleep(50);
    await device(f, 'f3');
    await sleep(DELAY_MS * 3);
    expect(about(e1, f, from)).toEqual([]);
    expect((await e1.presenceOfFriends())[0]).toMatchObject({ online: true });
  });

  it('offline is pushed the delay after the last device left, with last_seen; the queries agree', async () => {
    const from = e1.presences.length;
    const f3 = clients[clients.length - 1]!;
    const closedAt = Date.now();
    f3.close();
    const pushed = await e1.waitSignal(() => about(e1, f, from)[0], 5000, 'f offline');
    const gotAt = Date.now();
    expect(pushed.online).toBe(false);
    expect(gotAt - closedAt).toBeGreaterThanOrEqual(DELAY_MS - 20);
    const lastSeen = Number(pushed.lastSeen);
    expect(lastSeen).toBeGreaterThanOrEqual(closedAt - 5);
    expect(lastSeen).toBeLessThanOrEqual(gotAt);
    await sleep(DELAY_MS * 2);
    expect(about(e1, f, from)).toHaveLength(1);
    expect((await e1.presenceOfFriends()).map((p) => [p.online, Number(p.lastSeen)])).toEqual([
      [false, lastSeen],
      [false, 0],
    ]);
    const list = (await api(s.httpUrl, 'GET', '/api/friends', undefined, e.token)).body.friends;
    expect(list.map((x: { online: boolean; last_seen: number }) => [x.online, x.last_seen])).toEqual([
      [false, lastSeen],
      [false, 0],
    ]);
  });
});
