// Zero setup (issue #9): the server started from a clean copy of the
// checkout with nothing configured — no GOCHAT_* service URL, the app.yaml as
// shipped — runs the embedded engine (SQLite under ./data, two workers). Two
// users chat 1:1, three in a group (the users on different workers); the
// server restarts (SIGTERM, start again) and every user syncs the full
// history: every message, in order, once; new seqs continue right after the
// old ones (I4, and no gap after a clean stop) and a retransmit from before
// the restart is answered from the database (uplink dedup recovered, I2).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../src/client/raw-client.js';
import { workerFor } from '../../src/cluster/sticky.js';
import type { gochat } from '../../src/proto/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const WORKERS = 2;

interface Server {
  proc: ChildProcess;
  httpUrl: string;
  wsUrl: string;
  adminUrl: string;
  logs: Record<string, unknown>[];
  stop(): Promise<number | null>;
}

let dir = '';
let server: Server | null = null;

/** The checkout as it is (tracked and untracked files, not ignored ones: no node_modules, dist, data), node_modules linked. */
function copyCheckout(): string {
  const to = mkdtempSync(path.join(tmpdir(), 'gochat-clean-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    const from = path.join(REPO, f);
    if (!existsSync(from)) continue; // deleted in the work tree
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    cpSync(from, path.join(to, f));
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(to, 'node_modules'), 'dir');
  return to;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A first port of WORKERS free consecutive ones (worker i serves gRPC on rpc_port + i). */
async function freeRpcBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    let ok = true;
    for (let i = 0; i < WORKERS && ok; i++) ok = await portFree(base + i);
    if (ok) return base;
  }
}

let rpcBase = 0;

/**
 * The environment with no GoChat setting at all, but ports that do not
 * collide with parallel test runs (the OS chooses the public and admin
 * ones) and two workers.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GOCHAT_') && k !== 'TEST_ENGINE') env[k] = v;
  return { ...env, GOCHAT_HTTP_PORT: '0', GOCHAT_ADMIN_PORT: '0', GOCHAT_RPC_PORT: String(rpcBase), GOCHAT_WORKERS: String(WORKERS) };
}

/** Starts `cmd` in the copy; resolves once the primary listens and every worker is ready. */
function start(cmd: string, args: string[]): Promise<Server> {
  const proc = spawn(cmd, args, { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buf = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time; stderr: ${stderr.slice(-2000)}`)), 240_000);
    exited.then((code) => reject(new Error(`server exited (${code}) while starting; stderr: ${stderr.slice(-2000)}`)));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        logs.push(JSON.parse(line) as Record<string, unknown>);
        const listening = logs.find((l) => l.msg === 'primary listening');
        if (listening && logs.filter((l) => l.msg === 'worker ready').length >= WORKERS) {
          clearTimeout(timer);
          resolve({
            proc,
            logs,
            httpUrl: `http://127.0.0.1:${listening.httpPort}`,
            wsUrl: `ws://127.0.0.1:${listening.httpPort}/ws`,
            adminUrl: `http://127.0.0.1:${listening.adminPort}`,
            async stop() {
              proc.kill('SIGTERM');
              const t = setTimeout(() => proc.kill('SIGKILL'), 30_000);
              const code = await exited;
              clearTimeout(t);
              return code;
            },
          });
        }
      }
    });
  });
}

async function api(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(server!.httpUrl + p, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

interface User {
  name: string;
  userId: number;
  token: string;
}

async function register(name: string): Promise<User> {
  const reg = await api('POST', '/api/register', { username: name, password: 'password123', nickname: name });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  return login(name);
}

async function login(name: string): Promise<User> {
  const r = await api('POST', '/api/login', { username: name, password: 'password123' });
  expect(r.status).toBe(200);
  return { name, userId: r.body.user_id, token: r.body.token };
}

const open: RawClient[] = [];
async function connect(u: User, device: string): Promise<RawClient> {
  const c = await RawClient.connect(server!.wsUrl, u.token);
  await c.login(u.token, device);
  open.push(c);
  return c;
}

const str = (m: gochat.IMessage) => Buffer.from(m.content!).toString('utf8');
/** What a user's history shows of each message: who sent what where, and its seq. */
const view = (m: gochat.IMessage) => ({ seq: Number(m.seq), from: Number(m.senderId), to: Number(m.receiverId), type: m.sessionType, text: str(m) });

beforeAll(async () => {
  dir = copyCheckout();
  rpcBase = await freeRpcBase();
  // What `npm start` does: build (prestart), then node dist/src/main.js. Run
  // as two steps so that SIGTERM reaches the server itself, not npm.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, env: cleanEnv(), stdio: 'pipe', timeout: 240_000 });
  server = await start(process.execPath, ['dist/src/main.js']);
}, 300_000);

afterAll(async () => {
  for (const c of open) c.close();
  await server?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('zero setup: the embedded engine from a clean checkout', () => {
  it('starts with no service configured, says which engine and why, keeps its data under ./data', () => {
    const choice = server!.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('engine='));
    expect(choice).toMatchObject({ engine: 'embedded', msg: 'engine=embedded: no service URLs configured (mysql.url, redis.url, rabbitmq.url)' });
    expect(existsSync(path.join(dir, 'data', 'gochat.sqlite'))).toBe(true);
    // no secret configured: the node generated its own, private to it
    const secretFile = path.join(dir, 'data', 'jwt-secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(server!.logs.filter((l) => String(l.msg).includes('generated a signing secret'))).toMatchObject([{ file: secretFile }]);
    expect(server!.logs.filter((l) => l.msg === 'worker ready')).toHaveLength(WORKERS);
  });

  it('1:1 and group chat across workers, then a restart: every user syncs the full history in order, once', async () => {
    const alice = await register('alice');
    const bob = await register('bob');
    const carol = await register('carol');
    // The users live on different workers: seqs and pushes cross processes.
    expect(new Set([alice, bob, carol].map((u) => workerFor(u.userId, WORKERS))).size).toBe(WORKERS);

    const a = await connect(alice, 'a-phone');
    const b = await connect(bob, 'b-phone');
    const c = await connect(carol, 'c-phone');

    // 1:1, both ways, pipelined.
    const dm = (to: User, text: string): gochat.IMessage => ({ sessionType: 1, receiverId: to.userId, messageType: 1, content: Buffer.from(text) });
    const acksA = await Promise.all([1, 2, 3, 4, 5].map((i) => a.send(i, dm(bob, `a->b ${i}`))));
    const acksB = await Promise.all([1, 2, 3].map((i) => b.send(i, dm(alice, `b->a ${i}`))));
    expect([...acksA, ...acksB].map((x) => x.code)).toEqual(new Array(8).fill(0));

    // A group of the three; everyone writes.
    const g = await api('POST', '/api/groups', { name: 'trio', member_ids: [bob.userId, carol.userId] }, alice.token);
    expect(g.status).toBe(201);
    const gm = (text: string): gochat.IMessage => ({ sessionType: 2, receiverId: g.body.group_id, messageType: 1, content: Buffer.from(text) });
    const groupAcks = [
      ...(await Promise.all([6, 7].map((i) => a.send(i, gm(`alice in trio ${i}`))))),
      ...(await Promise.all([4, 5].map((i) => b.send(i, gm(`bob in trio ${i}`))))),
      ...(await Promise.all([1, 2, 3].map((i) => c.send(i, gm(`carol in trio ${i}`))))),
    ];
    expect(groupAcks.map((x) => x.code)).toEqual(new Array(7).fill(0));

    // Live pushes reached the other workers' devices.
    await b.waitPushes(5 + 2 + 3);
    await a.waitPushes(3 + 2 + 3);
    await c.waitPushes(2 + 2);
    expect(b.pushes.map(str).filter((t) => t.startsWith('a->b'))).toEqual([1, 2, 3, 4, 5].map((i) => `a->b ${i}`));

    const before = new Map<number, ReturnType<typeof view>[]>();
    for (const [u, cl] of [
      [alice, a],
      [bob, b],
      [carol, c],
    ] as const) {
      before.set(u.userId, (await cl.syncAll(0)).map(view));
    }
    // alice's inbox: her 5 + bob's 3 (1:1), and 7 group messages; bob the same; carol the 7.
    expect(before.get(alice.userId)!.length).toBe(15);
    expect(before.get(bob.userId)!.length).toBe(15);
    expect(before.get(carol.userId)!.length).toBe(7);
    for (const [, hist] of before) {
      const seqs = hist.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(hist.map((m) => m.text)).size).toBe(hist.length);
    }
    // One sender's messages in the order sent, in every inbox.
    for (const [, hist] of before) {
      for (const prefix of ['a->b', 'b->a', 'alice in trio', 'bob in trio', 'carol in trio']) {
        const mine = hist.filter((m) => m.text.startsWith(prefix)).map((m) => Number(m.text.split(' ').at(-1)));
        expect(mine).toEqual([...mine].sort((x, y) => x - y));
      }
    }
    for (const cl of open.splice(0)) cl.close();

    // Restart: graceful stop, start again on the same files.
    expect(await server!.stop()).toBe(0);
    expect(server!.logs.some((l) => l.msg === 'primary stopped')).toBe(true);
    server = await start(process.execPath, ['dist/src/main.js']);
    // the secret kept in ./data: a token from before the restart still opens the API
    expect((await api('GET', '/api/users/me', undefined, alice.token)).status).toBe(200);

    const users = [await login('alice'), await login('bob'), await login('carol')];
    const [a2, b2, c2] = await Promise.all(users.map((u) => connect(u, `${u.name}-laptop`)));
    for (const [u, cl] of [
      [alice, a2!],
      [bob, b2!],
      [carol, c2!],
    ] as const) {
      // The full history, in order, once: exactly what was there before the restart.
      expect((await cl.syncAll(0)).map(view), u.name).toEqual(before.get(u.userId));
    }

    // After the restart: a retransmit of an ACKed client_id gets the same answer
    // from the database, no second message; new seqs continue above the old ones.
    const a3 = await connect(users[0]!, 'a-phone');
    expect(await a3.send(5, dm(bob, 'a->b 5'))).toEqual(acksA[4]);
    const next = await a3.send(8, dm(bob, 'after restart'));
    expect(next.code).toBe(0);
    // A clean shutdown gave back the unused seqs: the next one follows on, no gap for sync to wait on.
    expect(next.seq).toBe(Math.max(...before.get(alice.userId)!.map((m) => m.seq)) + 1);
    await b2!.waitPushes(1);
    const bobAfter = (await b2!.syncAll(0)).map(view);
    expect(bobAfter.slice(0, -1)).toEqual(before.get(bob.userId));
    expect(bobAfter.at(-1)).toMatchObject({ from: alice.userId, text: 'after restart' });
    expect(bobAfter.at(-1)!.seq).toBeGreaterThan(bobAfter.at(-2)!.seq);
  }, 300_000);
});
