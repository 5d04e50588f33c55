// Friends' presence and typing on the embedded engine as it runs for users
// (`node src/main.ts`, a primary and 2 workers, SQLite, presence held by
// the primary and reached over IPC): two friends served by different
// workers see each other come online, type, and go offline after
// presence.offline_delay; a reconnect within the delay flaps nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../src/client/raw-client.js';
import { workerFor } from '../../src/cluster/sticky.js';
import { gochat } from '../../src/proto/index.js';
import { http, registerUsers, sleep, startCluster, type ClusterProc, type ClusterUser } from '../support/cluster.js';

const WORKERS = 2;
const DELAY_MS = 600;
let dir = '';
let node: ClusterProc;
let a: ClusterUser;
let b: ClusterUser;
const clients: RawClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gochat-pe-'));
  node = await startCluster({
    workers: WORKERS,
    env: { GOCHAT_ENGINE: 'embedded', GOCHAT_SQLITE_PATH: path.join(dir, 'gochat.sqlite'), GOCHAT_PRESENCE_OFFLINE_DELAY: `${DELAY_MS}ms` },
  });
  const users = await registerUsers(node.httpUrl, 8, { login: 'mint' });
  // Two users served by different workers: presence and signals cross the primary.
  a = users.find((u) => workerFor(u.userId, WORKERS) === 0)!;
  b = users.find((u) => workerFor(u.userId, WORKERS) === 1)!;
  expect(a && b).toBeTruthy();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await node?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function device(u: ClusterUser, id: string): Promise<RawClient> {
  const c = await RawClient.connect(node.wsUrl, u.token);
  clients.push(c);
  await c.login(u.token, id);
  return c;
}

describe('presence and typing on the embedded engine (2 workers)', () => {
  it('online, typing, no flap on a reconnect, offline after the delay, across workers', async () => {
    expect((await http(node.httpUrl, 'POST', '/api/friends', { user_id: a.userId }, b.token)).status).toBe(201);
    const b1 = await device(b, 'b1');
    let a1 = await device(a, 'a1');
    await b1.waitSignal(() => b1.presences.find((p) => Number(p.userId) === a.userId && p.online), 5000, 'a online at b');
    a1.typing(gochat.SessionType.ST_SINGLE, b.userId, true);
    expect(await b1.waitSignal(() => b1.typings[0], 5000, 'the typing')).toMatchObject({ userId: a.userId, typing: true });

    a1.close();
    await a1.closed;
    await sleep(50);
    a1 = await device(a, 'a1');
    await sleep(DELAY_MS * 2);
    expect(b1.presences).toHaveLength(1);

    const closedAt = Date.now();
    a1.close();
    const off = await b1.waitSignal(() => b1.presences[1], 5000, 'a offline at b');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(DELAY_MS - 20);
    expect(off).toMatchObject({ online: false });
    const list = (await http(node.httpUrl, 'GET', '/api/friends', undefined, b.token)).body.friends;
    expect(list).toEqual([{ user_id: a.userId, username: a.username, nickname: a.username, online: false, last_seen: Number(off.lastSeen) }]);
    expect(Number(off.lastSeen)).toBeGreaterThanOrEqual(closedAt - 5);
  });
});
