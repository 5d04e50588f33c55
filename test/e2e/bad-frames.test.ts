// Abuse of the WebSocket protocol (DESIGN.md §6, invariant I6): each abuse
// gets its documented answer and affects only its own connection; other
// users on the same server keep exchanging messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/auth/token.js';
import { RawClient } from '../../src/client/raw-client.js';
import { gochat } from '../../src/proto/index.js';
import { connect, createUsers, sleep, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

const MAX_FRAME = 4096;
const HEARTBEAT_TIMEOUT = 1500;
let s: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
const open: RawClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ 'limits.max_frame_bytes': MAX_FRAME, heartbeat_timeout: HEARTBEAT_TIMEOUT });
  [alice, bob, carol, dave] = (await createUsers(s, 4)) as [TestUser, TestUser, TestUser, TestUser];
});
afterAll(async () => {
  for (const c of open) c.close();
  await s?.stop();
});

/** Opens a WebSocket without logging in. */
async function raw(u: TestUser): Promise<RawClient> {
  const c = await RawClient.connect(s.wsUrl, u.token);
  open.push(c);
  return c;
}
async function conn(u: TestUser, deviceId: string): Promise<RawClient> {
  const c = await connect(s, u, deviceId);
  open.push(c);
  return c;
}

const toUser = (u: TestUser, body: string | Uint8Array): gochat.IMessage => ({
  sessionType: 1,
  receiverId: u.userId,
  messageType: 1,
  content: typeof body === 'string' ? text(body) : body,
});
const str = (m: gochat.IMessage) => Buffer.from(m.content!).toString('utf8');

/** Resolves with the close code, or rejects if the connection is still open after `ms`. */
async function closedWithin(c: RawClient, ms: number): Promise<number> {
  const r = await Promise.race([c.closed, sleep(ms).then(() => null)]);
  if (!r) throw new Error(`connection still open after ${ms} ms`);
  return r.code;
}

let aliveRound = 0;
/** Two other users, on fresh connections, exchange a message both ways; the HTTP side answers. */
async function assertAlive(): Promise<void> {
  const n = ++aliveRound;
  const ca = await conn(alice, `alive-${n}`);
  const cb = await conn(bob, `alive-${n}`);
  try {
    const a1 = await ca.send(1, toUser(bob, `ping ${n}`));
    expect(a1.code).toBe(0);
    const b1 = await cb.send(1, toUser(alice, `pong ${n}`));
    expect(b1.code).toBe(0);
    await Promise.all([cb.waitPushes(1, 5000), ca.waitPushes(1, 5000)]);
    expect(cb.pushes.map(str)).toEqual([`ping ${n}`]);
    expect(ca.pushes.map(str)).toEqual([`pong ${n}`]);
    const health = await fetch(`${s.httpUrl}/healthz`);
    expect(health.status).toBe(200);
  } finally {
    ca.close();
    cb.close();
  }
}

describe('malformed frames', () => {
  it('undecodable protobuf → an error Output with code 1; the connection stays usable', async () => {
    const c = await raw(carol);
    c.ws.send(Buffer.from([0x0f, 0xff, 0xff])); // wire type 7: not protobuf
    await waitFor(() => c.errors.length >= 1, 3000, 'error output');
    expect(c.errors[0]!.code).toBe(1);
    await c.login(carol.token, 'malformed');
    c.ws.send(Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])); // truncated/overlong varint
    // a valid Input whose payload is not an UpMsg / SyncInputMsg
    c.sendInput(gochat.CmdType.CT_MESSAGE, Buffer.from([0x12, 0x50, 0x01]));
    c.sendInput(gochat.CmdType.CT_SYNC, Buffer.from([0xff]));
    await waitFor(() => c.errors.length >= 4, 3000, '4 error outputs');
    expect(c.errors.map((e) => e.code)).toEqual([1, 1, 1, 1]);
    // still logged in and working
    const ack = await c.send(1, toUser(dave, 'after garbage'));
    expect(ack.code).toBe(0);
    // (sync reads MySQL: wait out the write-behind)
    const synced = await waitFor(async () => {
      const p = await c.sync(0, 10);
      return p.messages.length ? p.messages : null;
    }, 5000, 'synced');
    expect(synced.map(str)).toEqual(['after garbage']);
    c.close();
    await assertAlive();
  });

  it('an unknown CmdType → code 1', async () => {
    const c = await conn(carol, 'unknown-cmd');
    c.sendInput(42, new Uint8Array([1, 2, 3]));
    c.sendInput(gochat.CmdType.CT_UNKNOWN, new Uint8Array(0));
    await waitFor(() => c.errors.length >= 2, 3000, 'error outputs');
    expect(c.errors.map((e) => e.code)).toEqual([1, 1]);
    expect((await c.sync(0, 1)).hasMore).toBeTypeOf('boolean'); // still served
    c.close();
    await assertAlive();
  });

  it('UpMsg with client_id 0 → code 1, nothing stored', async () => {
    const c = await conn(dave, 'cid0');
    c.sendInput(gochat.CmdType.CT_MESSAGE, gochat.UpMsg.encode({ clientId: 0, msg: toUser(carol, 'cid0') }).finish());
    await waitFor(() => c.errors.length >= 1, 3000, 'an error output');
    expect(c.errors[0]!.code).toBe(1);
    await sleep(200);
    const rows = await sql(s, "SELECT 1 FROM messages WHERE sender_id = ? AND device_id = 'cid0'", [dave.userId]);
    expect(rows).toHaveLength(0);
    c.close();
    await assertAlive();
  });
});

describe('before login', () => {
  it('CT_MESSAGE and CT_SYNC get code 2 and are not processed; heartbeats are ignored; login then works', async () => {
    const receiver = await conn(dave, 'prelogin-rx');
    const c = await raw(carol);
    c.heartbeat();
    c.sendUp(1, toUser(dave, 'sneaky'));
    c.sendInput(gochat.CmdType.CT_SYNC, gochat.SyncInputMsg.encode({ seq: 0, limit: 10 }).finish());
    c.sendInput(gochat.CmdType.CT_ACK, gochat.ACKMsg.encode({ type: gochat.ACKType.AT_PUSH, seq: 5 }).finish());
    await waitFor(() => c.errors.length >= 3, 3000, 'error outputs');
    await sleep(300);
    expect(c.errors.map((e) => e.code)).toEqual([2, 2, 2]); // nothing for the heartbeat
    expect(receiver.pushes).toHaveLength(0);
    expect(await sql(s, "SELECT 1 FROM messages WHERE sender_id = ? AND device_id = 'prelogin'", [carol.userId])).toHaveLength(0);

    await c.login(carol.token, 'prelogin');
    const ack = await c.send(1, toUser(dave, 'legit'));
    expect(ack.code).toBe(0);
    await receiver.waitPushes(1);
    await sleep(200);
    expect(receiver.pushes.map(str)).toEqual(['legit']);
    c.close();
    receiver.close();
    await assertAlive();
  });
});

describe('frames the gateway refuses', () => {
  it('a text frame closes the connection with 1003 (before and after login)', async () => {
    const c1 = await raw(carol);
    c1.ws.send('hello, text');
    expect(await closedWithin(c1, 3000)).toBe(1003);
    const c2 = await conn(carol, 'text');
    c2.ws.send(JSON.stringify({ type: 3 }));
    expect(await closedWithin(c2, 3000)).toBe(1003);
    await assertAlive();
  });

  it('a frame over limits.max_frame_bytes closes the connection with 1009; a frame just under it is fine', async () => {
    const receiver = await conn(dave, 'big-rx');
    const c = await conn(carol, 'big');
    const okAck = await c.send(1, toUser(dave, new Uint8Array(MAX_FRAME - 200).fill(97)));
    expect(okAck.code).toBe(0);
    const p = c.send(2, toUser(dave, new Uint8Array(MAX_FRAME + 100).fill(98)));
    p.catch(() => undefined);
    expect(await closedWithin(c, 3000)).toBe(1009);
    await expect(p).rejects.toThrow();
    await receiver.waitPushes(1);
    await sleep(300);
    expect(receiver.pushes).toHaveLength(1);
    expect(Buffer.from(receiver.pushes[0]!.content!).length).toBe(MAX_FRAME - 200);
    receiver.close();
    await assertAlive();
  });
});

describe('authentication', () => {
  it('a login token naming another user → code 2 and the connection is closed', async () => {
    const c = await raw(carol);
    const err = await c.login(dave.token, 'impostor').then(
      () => null,
      (e: { code?: number }) => e,
    );
    expect(err?.code).toBe(2);
    const code = await closedWithin(c, 3000);
    expect(code).not.toBe(1000);
    await assertAlive();
  });

  it('a login token that is garbage → code 2 and closed; a bad device_id → refused and closed', async () => {
    const c = await raw(carol);
    const err = await c.login('not-a-token', 'x').then(
      () => null,
      (e: { code?: number }) => e,
    );
    expect(err?.code).toBe(2);
    await closedWithin(c, 3000);
    const d = await raw(carol);
    const err2 = await d.login(carol.token, 'has space').then(
      () => null,
      (e: { code?: number }) => e,
    );
    expect(err2?.code).toBeGreaterThan(0);
    await closedWithin(d, 3000);
    await assertAlive();
  });

  it('a missing, bad, expired or foreign-signed token on the upgrade → HTTP 401', async () => {
    const statusOf = (url: string, token: string) =>
      RawClient.connect(url, token).then(
        (c) => {
          c.close();
          return 101;
        },
        (e: { status?: number }) => e.status ?? -1,
      );
    expect(await statusOf(s.wsUrl, '')).toBe(401);
    expect(await statusOf(s.wsUrl, 'garbage')).toBe(401);
    expect(await statusOf(s.wsUrl, carol.token.slice(0, -3) + 'abc')).toBe(401);
    const expired = await new TokenService(s.cfg.jwt.secret, 60_000, () => Date.now() - 3_600_000).issue(carol.userId);
    expect(await statusOf(s.wsUrl, expired.token)).toBe(401);
    const foreign = await new TokenService('some-other-secret-0123456789', 60_000).issue(carol.userId);
    expect(await statusOf(s.wsUrl, foreign.token)).toBe(401);
    // no query string at all
    const noQuery = await RawClient.connect(s.wsUrl.replace(/\/ws$/, '/ws?x=1'), '').then(
      () => 101,
      (e: { status?: number }) => e.status ?? -1,
    );
    expect(noQuery).toBe(401);
    await assertAlive();
  });

  it('a second login of the same (user, device) closes the older connection; pushes go to the newer one', async () => {
    const older = await conn(carol, 'twice');
    const other = await conn(carol, 'other-device');
    expect((await older.send(1, toUser(dave, 'from older'))).code).toBe(0);
    const newer = await conn(carol, 'twice');
    expect(await closedWithin(older, 3000)).toBe(4002);
    // client_ids continue for the device across connections
    expect((await newer.send(2, toUser(dave, 'from newer'))).code).toBe(0);
    const d = await conn(dave, 'twice-rx');
    expect((await d.send(1, toUser(carol, 'to carol'))).code).toBe(0);
    await newer.waitPushes(1);
    await other.waitPushes(3); // from older, from newer, to carol
    await sleep(300);
    expect(newer.pushes.map(str)).toEqual(['to carol']);
    expect(other.pushes.map(str)).toEqual(['from older', 'from newer', 'to carol']);
    expect(older.pushes).toHaveLength(0);
    newer.close();
    other.close();
    d.close();
    await assertAlive();
  });
});

describe('heartbeat timeout', () => {
  it('a silent connection is closed (logged in or not) within about the timeout; one that sends heartbeats stays', async () => {
    const t0 = Date.now();
    const silent = await conn(carol, 'silent');
    const silentRaw = await raw(dave);
    const lively = await conn(dave, 'lively');
    const timer = setInterval(() => lively.heartbeat(), 400);
    try {
      const code = await closedWithin(silent, 3500);
      const elapsed = Date.now() - t0;
      expect(code).not.toBe(1000);
      expect(elapsed).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT - 100);
      expect(elapsed).toBeLessThan(3500);
      await closedWithin(silentRaw, 1500);
      await sleep(1500); // the lively one has now lived past twice the timeout
      expect(lively.ws.readyState).toBe(lively.ws.OPEN);
      expect((await lively.send(1, toUser(carol, 'still here'))).code).toBe(0);
    } finally {
      clearInterval(timer);
      lively.close();
    }
    await assertAlive();
  });
});
