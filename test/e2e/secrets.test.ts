// Secrets and exposure (issues #10, #20): the nodes of a cluster refuse to
// start without a shared signing secret, admin endpoints only on the
// loopback admin port, expired tokens refused everywhere, no
// password/token/content in the logs, the Origin allow-list. (The secret a
// single node generates, and production's refusal of a weak one:
// known-secrets.test.ts.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../src/app/worker-app.js';
import { TokenService } from '../../src/auth/token.js';
import { RawClient } from '../../src/client/raw-client.js';
import { SECRET_FILE_NAME } from '../../src/config/secret-file.js';
import { deleteRabbitQueue } from '../support/rabbitmq.js';
import { freePort, http, sleep, startCluster, type ClusterProc } from '../support/cluster.js';
import { createTestDb, createTestSqlite, dropRedisPrefix, RABBITMQ_URL, REDIS_URL, TEST_ENGINE, testConfig, type TestDb } from '../support/env.js';
import { runNodeToExit, tcpConnects } from '../support/node-process.js';
import { api, connect, createUsers, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

const STRONG_SECRET = 'a-long-random-production-secret-7f3a9c2e';
const tag = Math.random().toString(36).slice(2, 8);

/** Listening TCP sockets on `port` in this network namespace, from /proc/net/tcp{,6}: their local addresses. */
function listeningAddresses(port: number): string[] | null {
  const out: string[] = [];
  try {
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let textContent: string;
      try {
        textContent = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const line of textContent.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length < 4 || f[3] !== '0A') continue; // LISTEN
        const [addrHex, portHex] = f[1]!.split(':') as [string, string];
        if (parseInt(portHex, 16) !== port) continue;
        if (addrHex.length === 8) {
          const b = Buffer.from(addrHex, 'hex');
          out.push(`${b[3]}.${b[2]}.${b[1]}.${b[0]}`);
        } else {
          // IPv6: four little-endian 32-bit words
          const words = addrHex.match(/.{8}/g)!.map((w) => Buffer.from(w, 'hex').reverse().toString('hex'));
          const full = words.join('');
          out.push(full === '0'.repeat(32) ? '::' : full === '0'.repeat(31) + '1' ? '::1' : full);
        }
      }
    }
  } catch {
    return null;
  }
  return out;
}

/** A local IPv4 address that is not loopback, if the machine has one. */
function nonLoopbackAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

// ---------------------------------------------------------------------------

describe('a real node', () => {
  let db: TestDb;
  let node: ClusterProc | null = null;
  let logs = '';

  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  afterAll(async () => {
    await node?.cleanup();
    await db?.drop().catch(() => undefined);
  });

  it('two nodes of a cluster (etcd.endpoints) without a jwt.secret: each refuses to start, says how to set one, listens on nothing, writes no secret', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gochat-nosecret-'));
    const nodes = await Promise.all(
      ['n1', 'n2'].map(async (id) => {
        const ports = { http: await freePort(), admin: await freePort(), rpc: await freePort() };
        const run = await runNodeToExit({
          NODE_ENV: 'development',
          GOCHAT_NODE_ID: id,
          GOCHAT_DEV_MODE: 'true', // relaxes nothing
          GOCHAT_ENGINE: 'cluster',
          GOCHAT_ETCD_ENDPOINTS: '127.0.0.1:2379',
          GOCHAT_DATA_DIR: path.join(dataDir, id),
          GOCHAT_WORKERS: '1',
          GOCHAT_HTTP_HOST: '127.0.0.1',
          GOCHAT_HTTP_PORT: String(ports.http),
          GOCHAT_ADMIN_PORT: String(ports.admin),
          GOCHAT_RPC_PORT: String(ports.rpc),
          GOCHAT_PREFIX: `t_nosecret_${tag}`,
          GOCHAT_MYSQL_URL: db.url,
          GOCHAT_REDIS_URL: REDIS_URL,
          GOCHAT_RABBITMQ_URL: RABBITMQ_URL,
        });
        return { id, ports, ...run };
      }),
    );
    try {
      for (const n of nodes) {
        expect(n.exit, `${n.id}: ${n.output}`).toBe(2); // a configuration error
        expect(n.output, n.id).toMatch(/config jwt\.secret: is not set, and the nodes of a cluster .* must all sign tokens with the same one: set GOCHAT_JWT_SECRET \(or jwt\.secret in the configuration file\)/);
        expect(await tcpConnects('127.0.0.1', n.ports.http), `${n.id} public port`).toBe(false);
        expect(await tcpConnects('127.0.0.1', n.ports.admin), `${n.id} admin port`).toBe(false);
        expect(existsSync(path.join(dataDir, n.id, SECRET_FILE_NAME)), `${n.id}: no secret generated`).toBe(false);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts with a proper secret; /metrics and /debug/* only on the admin port, which binds to loopback', async () => {
    // No GOCHAT_ADMIN_HOST: the shipped app.yaml / the built-in default decides.
    // The public port on all interfaces, so that a non-loopback address can reach it (the control).
    node = await startCluster({
      workers: 1,
      db,
      env: { NODE_ENV: 'production', GOCHAT_JWT_SECRET: STRONG_SECRET, GOCHAT_ADMIN_HOST: '', GOCHAT_HTTP_HOST: '0.0.0.0', GOCHAT_LOG_LEVEL: 'trace' },
    });
    node.child.stdout!.on('data', (b: Buffer) => (logs += b.toString('utf8')));
    node.child.stderr!.on('data', (b: Buffer) => (logs += b.toString('utf8')));
    // it works with the proper secret
    expect((await http(node.httpUrl, 'GET', '/healthz')).status).toBe(200);

    for (const path of ['/metrics', '/debug/connections', '/debug/summary', '/debug/cpu-profile?seconds=1', '/debug/heap-snapshot']) {
      const pub = await http(node.httpUrl, 'GET', path);
      expect(pub.status, `public ${path}`).toBe(404);
      expect(pub.text).not.toMatch(/gochat_/);
    }
    const metrics = await http(node.adminUrl, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^gochat_connections/m);
    expect((await http(node.adminUrl, 'GET', '/debug/connections')).status).toBe(200);
    expect((await http(node.adminUrl, 'GET', '/debug/summary')).status).toBe(200);

    // bound to loopback: the kernel's table of listening sockets says so …
    const adminAddrs = listeningAddresses(node.adminPort);
    const publicAddrs = listeningAddresses(node.httpPort);
    if (adminAddrs !== null && publicAddrs !== null && publicAddrs.length > 0) {
      expect(adminAddrs, `admin port ${node.adminPort}`).toEqual(['127.0.0.1']);
      expect(publicAddrs).toContain('0.0.0.0'); // the control: the reading works
    }
    // … and a non-loopback address of this machine reaches the public port but not the admin port
    const ext = nonLoopbackAddress();
    console.log(`[secrets] listening: admin port ${node.adminPort} on ${JSON.stringify(adminAddrs)}, public port ${node.httpPort} on ${JSON.stringify(publicAddrs)}; non-loopback address ${ext ?? 'none'}`);
    if (ext) {
      expect(await tcpConnects(ext, node.httpPort), `public port via ${ext}`).toBe(true);
      expect(await tcpConnects(ext, node.adminPort), `admin port via ${ext}`).toBe(false);
    }
    expect(adminAddrs !== null || ext !== null, 'no way to check the admin binding on this machine').toBe(true);
  }, 90_000);

  it('a session through the real node (trace logging) leaves no password, token or message content in its output', async () => {
    expect(node, 'the node of the previous test').not.toBeNull();
    const n = node!;
    const secrets = await runSession(n.httpUrl, n.wsUrl, STRONG_SECRET);
    await sleep(500);
    expect(logs.split('\n').length, 'the node logged at trace level').toBeGreaterThan(20);
    expect(logs).toMatch(/user registered/); // the capture sees the workers' log lines
    expect(leaks(logs, secrets)).toEqual([]);
  }, 90_000);
});

// ---------------------------------------------------------------------------
// The logging session: everything a client sends that is secret.

interface Secrets {
  passwords: string[];
  tokens: string[];
  contents: string[];
}

/** Registers, logs in (and fails to), calls the API, chats, syncs; returns every secret used. */
async function runSession(httpUrl: string, wsUrl: string, jwtSecret: string): Promise<Secrets> {
  const pw = (k: string) => `Pw-${k}-${tag}-${Math.random().toString(36).slice(2, 10)}`;
  const passwords = [pw('alice'), pw('bob'), pw('wrong'), pw('ghost'), pw('invalid')];
  const [pa, pb, pWrong, pGhost, pInvalid] = passwords as [string, string, string, string, string];
  const ua = `la_${tag}`;
  const ub = `lb_${tag}`;
  expect((await api(httpUrl, 'POST', '/api/register', { username: ua, password: pa, nickname: 'Alice' })).status).toBe(201);
  expect((await api(httpUrl, 'POST', '/api/register', { username: ub, password: pb })).status).toBe(201);
  // refused: an invalid username with a password in the body; a duplicate
  expect((await api(httpUrl, 'POST', '/api/register', { username: 'no spaces!', password: pInvalid })).status).toBe(400);
  expect((await api(httpUrl, 'POST', '/api/register', { username: ua, password: pInvalid })).status).toBe(409);
  const la = await api(httpUrl, 'POST', '/api/login', { username: ua, password: pa });
  const lb = await api(httpUrl, 'POST', '/api/login', { username: ub, password: pb });
  expect(la.status).toBe(200);
  // failed logins: wrong password, unknown user, malformed JSON with a password in it
  expect((await api(httpUrl, 'POST', '/api/login', { username: ua, password: pWrong })).status).toBe(401);
  expect((await api(httpUrl, 'POST', '/api/login', { username: `ghost_${tag}`, password: pGhost })).status).toBe(401);
  const bad = await fetch(`${httpUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"username":"${ua}","password":"${pWrong}"` });
  expect(bad.status).toBe(400);
  const ta = la.body.token as string;
  const tb = lb.body.token as string;
  const aId = la.body.user_id as number;
  const bId = lb.body.user_id as number;
  const expired = (await new TokenService(jwtSecret, 60_000, () => Date.now() - 3_600_000).issue(aId)).token;
  const tokens = [ta, tb, expired];
  // the API with credentials, and with refused ones
  expect((await api(httpUrl, 'GET', '/api/users/me', undefined, ta)).status).toBe(200);
  expect((await api(httpUrl, 'POST', '/api/friends', { user_id: bId }, ta)).status).toBe(201);
  const g = await api(httpUrl, 'POST', '/api/groups', { name: 'log-group', member_ids: [bId] }, ta);
  expect(g.status).toBe(201);
  expect((await api(httpUrl, 'GET', '/api/users/me', undefined, expired)).status).toBe(401);
  expect((await api(httpUrl, 'GET', '/api/friends', undefined, ta.slice(0, -3) + 'xyz')).status).toBe(401);
  // WebSocket: token in the URL and in CT_LOGIN; messages with distinctive content
  const contents = [`Content-${tag}-single-9f8e7d`, `Content-${tag}-group-1a2b3c`, `Content-${tag}-toolarge-5d6e7f`, `Content-${tag}-nobody-0a0b0c`];
  const [cSingle, cGroup, cLarge, cNobody] = contents as [string, string, string, string];
  await expect(RawClient.connect(wsUrl, expired)).rejects.toMatchObject({ status: 401 });
  const ca = await RawClient.connect(wsUrl, ta);
  await ca.login(ta, 'log-a');
  const cb = await RawClient.connect(wsUrl, tb);
  await cb.login(tb, 'log-b');
  expect((await ca.send(1, { sessionType: 1, receiverId: bId, messageType: 1, content: text(cSingle) })).code).toBe(0);
  expect((await ca.send(2, { sessionType: 2, receiverId: g.body.group_id, messageType: 1, content: text(cGroup) })).code).toBe(0);
  expect((await ca.send(3, { sessionType: 1, receiverId: bId, messageType: 1, content: text(cLarge + 'x'.repeat(20_000)) })).code).toBe(5);
  await waitFor(() => cb.pushes.length >= 2, 10_000, 'pushes');
  const cb2 = await RawClient.connect(wsUrl, tb);
  await cb2.login(tb, 'log-b2');
  expect((await cb2.send(1, { sessionType: 1, receiverId: 999_999, messageType: 1, content: text(cNobody) })).code).toBe(4);
  await waitFor(async () => (await cb.syncAll(0)).length >= 2, 10_000, 'synced');
  // a login with another user's token on this connection
  const cx = await RawClient.connect(wsUrl, ta);
  await expect(cx.login(tb, 'log-x')).rejects.toMatchObject({ code: 2 });
  for (const c of [ca, cb, cb2, cx]) c.close();
  return { passwords, tokens, contents };
}

/** Which secrets appear in `logs`, in any of the forms a logger could print them. */
function leaks(logs: string, s: Secrets): string[] {
  const found: string[] = [];
  const look = (what: string, needle: string) => {
    if (needle && logs.includes(needle)) found.push(`${what}: ${needle.slice(0, 40)}`);
  };
  for (const p of s.passwords) look('password', p);
  for (const t of s.tokens) {
    look('token', t);
    look('token signature', t.split('.')[2]!); // the part that makes it a credential
  }
  for (const c of s.contents) {
    const b = Buffer.from(c, 'utf8');
    look('content', c);
    look('content (base64)', b.toString('base64').slice(0, 24));
    look('content (hex)', b.toString('hex'));
    look('content (bytes)', Array.from(b.subarray(0, 12)).join(','));
  }
  return found;
}

// ---------------------------------------------------------------------------

describe('logs of an in-process worker', () => {
  let db: TestDb;
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof startWorker>> | null = null;
  let prefix = '';

  afterAll(async () => {
    await app?.close();
    if (db && !db.sqlitePath) {
      await dropRedisPrefix(prefix).catch(() => undefined);
      await deleteRabbitQueue(RABBITMQ_URL, `${prefix}.persist`).catch(() => undefined);
    }
    await db?.drop().catch(() => undefined);
  });

  it('a full session at trace level (no redaction configured: the code itself must not log them) leaves no password, token or content', async () => {
    db = TEST_ENGINE === 'embedded' ? await createTestSqlite() : await createTestDb();
    const cfg = testConfig(db, { 'log.level': 'trace' });
    prefix = cfg.prefix;
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    app = await startWorker(cfg, logger);
    const httpUrl = `http://127.0.0.1:${app.httpPort}`;
    const secrets = await runSession(httpUrl, `ws://127.0.0.1:${app.httpPort}/ws`, cfg.jwt.secret);
    await sleep(300);
    const all = lines.join('');
    expect(lines.length, 'the worker logged at trace level').toBeGreaterThan(20);
    expect(all).toMatch(/"route":"\/api\/login"/); // requests are logged …
    expect(all).toMatch(/user registered/);
    expect(leaks(all, secrets)).toEqual([]); // … without what they carried
  }, 90_000);
});

// ---------------------------------------------------------------------------

describe('tokens and origins on an in-process server', () => {
  let s: TestServer;
  let users: TestUser[];
  const ALLOWED = 'https://chat.example.com';

  beforeAll(async () => {
    s = await startTestServer({ allowed_origins: [ALLOWED] });
    users = await createUsers(s, 2);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('/metrics and /debug/* are not served on the public port; the admin port serves them and binds to loopback', async () => {
    for (const path of ['/metrics', '/debug/connections', '/debug/summary']) {
      const pub = await fetch(`${s.httpUrl}${path}`);
      expect(pub.status, path).toBe(404);
      expect(await pub.text()).not.toMatch(/gochat_/);
      expect((await fetch(`${s.adminUrl}${path}`)).status, `admin ${path}`).toBe(200);
    }
    const addrs = listeningAddresses(Number(new URL(s.adminUrl).port));
    if (addrs !== null && addrs.length) expect(addrs).toEqual(['127.0.0.1']);
  });

  it('an expired token is refused at the upgrade (401), at CT_LOGIN (code 2, closed) and on the API (401 token_expired)', async () => {
    const [u] = users as [TestUser];
    const expired = (await new TokenService(s.cfg.jwt.secret, 60_000, () => Date.now() - 3_600_000).issue(u.userId)).token;
    await expect(RawClient.connect(s.wsUrl, expired)).rejects.toMatchObject({ status: 401 });
    const c = await RawClient.connect(s.wsUrl, u.token);
    await expect(c.login(expired, 'expired')).rejects.toMatchObject({ code: 2 });
    const closed = await Promise.race([c.closed, sleep(3000).then(() => null)]);
    expect(closed?.code).toBe(4001);
    const res = await api(s.httpUrl, 'GET', '/api/users/me', undefined, expired);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_expired');
  });

  it('Origin: a foreign one gets 403 (upgrade and API), an allowed one works, none (non-browser) works', async () => {
    const [a, b] = users as [TestUser, TestUser];
    for (const origin of ['https://evil.example', 'null', `${ALLOWED}/`, 'http://chat.example.com', `${ALLOWED}.evil.example`]) {
      await expect(RawClient.connect(s.wsUrl, a.token, { ws: { origin } }), origin).rejects.toMatchObject({ status: 403 });
      const res = await fetch(`${s.httpUrl}/api/users/me`, { headers: { authorization: `Bearer ${a.token}`, origin } });
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    // allowed Origin: upgrade, login and a message round trip
    const ca = await RawClient.connect(s.wsUrl, a.token, { ws: { origin: ALLOWED } });
    await ca.login(a.token, 'origin-ok');
    const cb = await connect(s, b, 'no-origin'); // no Origin at all
    expect((await ca.send(1, { sessionType: 1, receiverId: b.userId, messageType: 1, content: text('via allowed origin') })).code).toBe(0);
    await cb.waitPushes(1);
    expect((await cb.send(1, { sessionType: 1, receiverId: a.userId, messageType: 1, content: text('no origin') })).code).toBe(0);
    await ca.waitPushes(1);
    expect((await fetch(`${s.httpUrl}/api/users/me`, { headers: { authorization: `Bearer ${a.token}`, origin: ALLOWED } })).status).toBe(200);
    expect((await fetch(`${s.httpUrl}/api/users/me`, { headers: { authorization: `Bearer ${a.token}` } })).status).toBe(200);
    ca.close();
    cb.close();
  });
});
