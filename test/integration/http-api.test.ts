// The HTTP API (DESIGN.md §7) against a real MariaDB: every route's happy
// path and every client error, through fastify's inject() (no socket).
import type { NodeInfo } from '../../src/discovery/discovery.js';
import { NodePicker } from '../../src/discovery/pick.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDb, testConfig, type TestDb } from '../support/env.js';
import { openDb } from '../../src/store/db.js';
import { SequelizeAccountStore } from '../../src/store/account-store-sequelize.js';
import type { AccountStore } from '../../src/store/account-store.js';
import { TokenService } from '../../src/auth/token.js';
import type { Directory } from '../../src/directory/directory.js';
import type { Config } from '../../src/config/schema.js';
import { buildHttpApi, type HttpApiDeps } from '../../src/http/api.js';
import { ApiError, HttpApi } from '../../src/client/http-api.js';

const MAX_MEMBERS = 5;
const MAX_IDS = 6;
const MAX_BODY = 4096;
const PASSWORD = 'correct horse battery';

/** A directory that only records invalidations (the real ones are backends with their own tests). */
class RecordingDirectory implements Directory {
  readonly invalidated: number[] = [];
  async existingUsers(): Promise<Set<number>> {
    return new Set();
  }
  async groupMembers(): Promise<readonly number[] | null> {
    return null;
  }
  async invalidateGroup(groupId: number): Promise<void> {
    this.invalidated.push(groupId);
  }
}

let db: TestDb;
let sequelize: Sequelize;
let store: SequelizeAccountStore;
let config: Config;
let tokens: TokenService;
let app: FastifyInstance;
let deps: HttpApiDeps;
const directory = new RecordingDirectory();
const logLines: string[] = [];
/** Every secret a client sent or received: none may appear in the logs. */
const secrets = new Set<string>([PASSWORD]);
let readiness: () => Promise<boolean> = async () => true;

interface Req {
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, req: Req = {}, on = app): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
  if (req.raw !== undefined) return on.inject({ method, url, headers, payload: req.raw });
  if (req.body !== undefined) return on.inject({ method, url, headers, payload: req.body as object });
  return on.inject({ method, url, headers });
}

function expectError(res: LightMyRequestResponse, status: number, code: string, messageContains?: string): void {
  expect({ status: res.statusCode, body: res.json() }).toEqual({
    status,
    body: { error: { code, message: expect.any(String) } },
  });
  if (messageContains) expect(res.json().error.message).toContain(messageContains);
  expect(res.body).not.toMatch(/\bat .*\.[jt]s:\d+/); // no stack trace
}

interface TestUser {
  id: number;
  username: string;
  token: string;
}

async function register(username: string, nickname?: string): Promise<TestUser> {
  const res = await call('POST', '/api/register', { body: { username, password: PASSWORD, ...(nickname ? { nickname } : {}) } });
  expect(res.statusCode).toBe(201);
  const login = await call('POST', '/api/login', { body: { username, password: PASSWORD } });
  expect(login.statusCode).toBe(200);
  secrets.add(login.json().token);
  return { id: res.json().user_id, username, token: login.json().token };
}

async function count(sql: string, replacements: unknown[] = []): Promise<number> {
  const rows = await sequelize.query<{ n: number | string }>(sql, { replacements, type: QueryTypes.SELECT });
  return Number(rows[0]!.n);
}

async function createGroup(owner: TestUser, memberIds: number[], name = 'g'): Promise<number> {
  const res = await call('POST', '/api/groups', { token: owner.token, body: { name, member_ids: memberIds } });
  expect(res.statusCode).toBe(201);
  return res.json().group_id;
}

beforeAll(async () => {
  db = await createTestDb();
  config = testConfig(db, {
    'limits.max_group_members': MAX_MEMBERS,
    'limits.max_ids_per_request': MAX_IDS,
    'limits.max_body_bytes': MAX_BODY,
  });
  sequelize = openDb({ url: config.mysql.url, pool: config.mysql.pool });
  store = new SequelizeAccountStore(sequelize);
  tokens = new TokenService(config.jwt.secret, config.jwt.ttl);
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const seqs = {
    prime: async (ids: readonly number[]) => {
      primed.push(...ids);
      if (primeFails) throw new Error('redis down');
    },
  };
  deps = { accounts: store, tokens, directory, config, logger, ready: () => readiness(), nodes: { list: () => liveNodes, pick: () => new NodePicker().pick(liveNodes) }, seqs };
  app = buildHttpApi(deps);
  await app.ready();
});

const liveNodes: NodeInfo[] = [];
/** users whose first seq segment registration asked for (SeqAllocator.prime) */
const primed: number[] = [];
let primeFails = false;

afterAll(async () => {
  await app?.close();
  await store?.close();
  await sequelize?.close();
  await db?.drop();
});

describe('health', () => {
  it('GET /healthz is 200 ok', async () => {
    const res = await call('GET', '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz follows deps.ready(): true, false, throwing', async () => {
    try {
      readiness = async () => true;
      expect((await call('GET', '/readyz')).statusCode).toBe(200);
      readiness = async () => false;
      expectError(await call('GET', '/readyz'), 503, 'not_ready');
      readiness = async () => {
        throw new Error('redis down');
      };
      expectError(await call('GET', '/readyz'), 503, 'not_ready');
    } finally {
      readiness = async () => true;
    }
  });
});

describe('routing and body parsing', () => {
  it('unknown route and unknown method are 404 not_found', async () => {
    expectError(await call('GET', '/api/nope'), 404, 'not_found');
    expectError(await call('DELETE', '/api/register'), 404, 'not_found');
  });

  it('bad JSON is 400 invalid_json', async () => {
    const headers = { 'content-type': 'application/json' };
    expectError(await call('POST', '/api/register', { raw: '{"username": "x",', headers }), 400, 'invalid_json');
    expectError(await call('POST', '/api/register', { raw: '', headers }), 400, 'invalid_json');
    expectError(await call('POST', '/api/register', { raw: '{"__proto__": {"x": 1}}', headers }), 400, 'invalid_json');
  });

  it('a body that is not an object is 400 invalid_request', async () => {
    const headers = { 'content-type': 'application/json' };
    expectError(await call('POST', '/api/register', { raw: '[1,2]', headers }), 400, 'invalid_request', 'body');
    expectError(await call('POST', '/api/register', { raw: 'null', headers }), 400, 'invalid_request', 'body');
    expectError(await call('POST', '/api/register'), 400, 'invalid_request', 'body');
  });

  it('a content-type other than JSON is 415', async () => {
    expectError(await call('POST', '/api/register', { raw: 'username=abc', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    expectError(
      await call('POST', '/api/register', { raw: 'username=abc', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
    expectError(await call('POST', '/api/register', { raw: '{"username":"abc"}' }), 415, 'unsupported_media_type');
  });

  it('JSON with a charset parameter is accepted', async () => {
    const raw = JSON.stringify({ username: 'charset_user', password: PASSWORD, nickname: 'c' });
    const res = await call('POST', '/api/register', { raw, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.statusCode).toBe(201);
  });

  it('a body over limits.max_body_bytes is 413 body_too_large', async () => {
    const res = await call('POST', '/api/register', { body: { username: 'big', password: PASSWORD, nickname: 'x'.repeat(MAX_BODY) } });
    expectError(res, 413, 'body_too_large');
    expect(await count('SELECT COUNT(*) AS n FROM users WHERE username = ?', ['big'])).toBe(0);
  });

  it('a malformed URL is 400 invalid_request', async () => {
    const u = await register('url_user');
    expectError(await call('GET', '/api/groups/%E0%A4%A', { token: u.token }), 400, 'invalid_request');
  });
});

describe('malformed HTTP on a real socket', () => {
  /** Writes raw bytes to a listening copy of the API and reads until the server closes. */
  async function rawExchange(request: string): Promise<string> {
    const listening = buildHttpApi(deps);
    await listening.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = listening.server.address() as AddressInfo;
      return await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (data += chunk));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
    } finally {
      await listening.close();
    }
  }

  function envelope(response: string): unknown {
    return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
  }

  it('a broken request line is 400 with the error envelope', async () => {
    const res = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    expect(envelope(res)).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
  });

  it('oversized headers are 431 with the error envelope', async () => {
    const res = await rawExchange(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 431 /);
    expect(envelope(res)).toEqual({ error: { code: 'header_too_large', message: expect.any(String) } });
  });
});

describe('POST /api/register', () => {
  it('creates the user: 201 {user_id, username, nickname}', async () => {
    const res = await call('POST', '/api/register', { body: { username: 'Ann.K-9_x', password: PASSWORD, nickname: 'Ann 🚀' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ user_id: expect.any(Number), username: 'Ann.K-9_x', nickname: 'Ann 🚀' });
    expect(Number.isSafeInteger(body.user_id) && body.user_id > 0).toBe(true);
    const rows = await sequelize.query<{ nickname: string; password_hash: string }>('SELECT nickname, password_hash FROM users WHERE id = ?', {
      replacements: [body.user_id],
      type: QueryTypes.SELECT,
    });
    expect(rows[0]!.nickname).toBe('Ann 🚀');
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]!.password_hash).not.toContain(PASSWORD);
    expect(primed).toContain(body.user_id); // the first seq segment, reserved off the message path
  });

  it('a failed seq priming does not fail the registration (the first message reserves instead)', async () => {
    primeFails = true;
    try {
      const res = await call('POST', '/api/register', { body: { username: 'prime_fails', password: PASSWORD } });
      expect(res.statusCode).toBe(201);
      expect(primed).toContain(res.json().user_id);
    } finally {
      primeFails = false;
    }
  });

  it('a missing nickname defaults to the username', async () => {
    const res = await call('POST', '/api/register', { body: { username: 'no_nick', password: PASSWORD } });
    expect(res.statusCode).toBe(201);
    expect(res.json().nickname).toBe('no_nick');
  });

  it('unknown properties are ignored', async () => {
    const res = await call('POST', '/api/register', { body: { username: 'extra_prop', password: PASSWORD, nickname: 'e', admin: true } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('admin');
  });

  it('a taken username is 409 username_taken and writes nothing', async () => {
    await register('taken');
    const before = await count('SELECT COUNT(*) AS n FROM users');
    expectError(await call('POST', '/api/register', { body: { username: 'taken', password: PASSWORD, nickname: 'other' } }), 409, 'username_taken');
    expect(await count('SELECT COUNT(*) AS n FROM users')).toBe(before);
  });

  it.each([
    ['missing username', { password: PASSWORD, nickname: 'n' }, 'username'],
    ['missing password', { username: 'valid_name', nickname: 'n' }, 'password'],
    ['username too short', { username: 'ab', password: PASSWORD }, 'username'],
    ['username too long', { username: 'a'.repeat(33), password: PASSWORD }, 'username'],
    ['username with a space', { username: 'a b c', password: PASSWORD }, 'username'],
    ['username with unicode', { username: 'ännä', password: PASSWORD }, 'username'],
    ['username not a string', { username: 12345, password: PASSWORD }, 'username'],
    ['password too short', { username: 'valid_name', password: '1234567' }, 'password'],
    ['password too long', { username: 'valid_name', password: 'p'.repeat(129) }, 'password'],
    ['password not a string', { username: 'valid_name', password: 12345678 }, 'password'],
    ['nickname empty', { username: 'valid_name', password: PASSWORD, nickname: '' }, 'nickname'],
    ['nickname too long', { username: 'valid_name', password: PASSWORD, nickname: 'n'.repeat(65) }, 'nickname'],
    ['nickname not a string', { username: 'valid_name', password: PASSWORD, nickname: ['x'] }, 'nickname'],
    ['nickname with a control character', { username: 'valid_name', password: PASSWORD, nickname: 'a\u0000b' }, 'nickname'],
  ])('%s is 400 invalid_request naming the field', async (_name, body, field) => {
    expectError(await call('POST', '/api/register', { body }), 400, 'invalid_request', field);
    expect(await count('SELECT COUNT(*) AS n FROM users WHERE username = ?', ['valid_name'])).toBe(0);
  });

  it('a nickname with a lone surrogate is 400 invalid_request', async () => {
    const raw = '{"username":"surrogate","password":"' + PASSWORD + '","nickname":"a\\ud800b"}';
    expectError(await call('POST', '/api/register', { raw, headers: { 'content-type': 'application/json' } }), 400, 'invalid_request', 'nickname');
  });

  it('boundary lengths are accepted (3/32-char username, 8/128-char password, 64-char nickname)', async () => {
    for (const [username, password, nickname] of [
      ['abc', 'p'.repeat(8), 'n'],
      ['u'.repeat(32), 'p'.repeat(128), '名'.repeat(64)],
    ] as const) {
      const res = await call('POST', '/api/register', { body: { username, password, nickname } });
      expect(res.statusCode).toBe(201);
      expect(res.json().nickname).toBe(nickname);
      expect((await call('POST', '/api/login', { body: { username, password } })).statusCode).toBe(200);
    }
  });
});

describe('POST /api/login', () => {
  it('answers {token, user_id, expires_at} and the token authenticates', async () => {
    const reg = await call('POST', '/api/register', { body: { username: 'login_ok', password: PASSWORD, nickname: 'L' } });
    const before = Date.now();
    const res = await call('POST', '/api/login', { body: { username: 'login_ok', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    secrets.add(body.token);
    expect(body).toEqual({ token: expect.any(String), user_id: reg.json().user_id, expires_at: expect.any(Number) });
    expect(body.expires_at).toBeGreaterThanOrEqual(before + config.jwt.ttl - 1000);
    expect(body.expires_at).toBeLessThanOrEqual(Date.now() + config.jwt.ttl);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await tokens.verify(body.token)).userId).toBe(body.user_id);
  });

  it('unknown user and wrong password get the same 401 invalid_credentials', async () => {
    await register('login_user');
    const wrong = await call('POST', '/api/login', { body: { username: 'login_user', password: 'wrong password' } });
    const unknown = await call('POST', '/api/login', { body: { username: 'nobody_here', password: PASSWORD } });
    const malformed = await call('POST', '/api/login', { body: { username: 'x', password: 'y' } });
    expectError(wrong, 401, 'invalid_credentials');
    expect([unknown.statusCode, unknown.json()]).toEqual([wrong.statusCode, wrong.json()]);
    expect([malformed.statusCode, malformed.json()]).toEqual([wrong.statusCode, wrong.json()]);
  });

  it.each([
    ['missing password', { username: 'login_user' }, 'password'],
    ['missing username', { password: PASSWORD }, 'username'],
    ['username not a string', { username: 1, password: PASSWORD }, 'username'],
    ['password not a string', { username: 'login_user', password: true }, 'password'],
    ['password too long', { username: 'login_user', password: 'p'.repeat(129) }, 'password'],
    ['username too long', { username: 'u'.repeat(33), password: PASSWORD }, 'username'],
  ])('%s is 400 invalid_request', async (_name, body, field) => {
    expectError(await call('POST', '/api/login', { body }), 400, 'invalid_request', field);
  });
});

describe('authentication (GET /api/users/me)', () => {
  it('answers the logged-in user', async () => {
    const u = await register('me_user', 'Me Myself');
    const res = await call('GET', '/api/users/me', { token: u.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user_id: u.id, username: 'me_user', nickname: 'Me Myself' });
  });

  it('no Authorization header is 401 token_missing', async () => {
    const res = await call('GET', '/api/users/me');
    expectError(res, 401, 'token_missing');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('a garbage token or a wrong scheme is 401 token_invalid', async () => {
    const u = await register('scheme_user');
    expectError(await call('GET', '/api/users/me', { token: 'not.a.jwt' }), 401, 'token_invalid');
    expectError(await call('GET', '/api/users/me', { headers: { authorization: `Basic ${u.token}` } }), 401, 'token_invalid');
    expectError(await call('GET', '/api/users/me', { headers: { authorization: 'Bearer' } }), 401, 'token_invalid');
  });

  it('a token signed with another secret is 401 token_invalid', async () => {
    const u = await register('forged_user');
    const forged = await new TokenService('another-secret-of-enough-length', config.jwt.ttl).issue(u.id);
    expectError(await call('GET', '/api/users/me', { token: forged.token }), 401, 'token_invalid');
  });

  it('an expired token is 401 token_expired', async () => {
    const u = await register('expired_user');
    const past = new TokenService(config.jwt.secret, config.jwt.ttl, () => Date.now() - config.jwt.ttl - 60_000);
    const { token } = await past.issue(u.id);
    expectError(await call('GET', '/api/users/me', { token }), 401, 'token_expired');
    expectError(await call('GET', '/api/friends', { token }), 401, 'token_expired');
  });

  it('a valid token of a user that does not exist is 401 token_invalid', async () => {
    const { token } = await tokens.issue(987_654_321);
    expectError(await call('GET', '/api/users/me', { token }), 401, 'token_invalid');
  });

  it('authentication is checked before the body', async () => {
    expectError(await call('POST', '/api/friends', { raw: '{bad json', headers: { 'content-type': 'application/json' } }), 401, 'token_missing');
  });
});

describe('GET /api/users?query= (username prefix search)', () => {
  let ann: TestUser;
  let bob: TestUser;
  let zed: TestUser;
  beforeAll(async () => {
    zed = await register('findme_zed', 'Zed');
    bob = await register('FindMe_Bob', 'Bob');
    ann = await register('findme_ann', 'Ann');
    await register('findmex');
    await register('findm3');
  });

  const search = (query: string, token = ann.token, on = app) => call('GET', `/api/users?query=${encodeURIComponent(query)}`, { token }, on);

  /** HttpApi (the SDK's HTTP client) over inject(): no socket. */
  const sdk = (token: string, on = app) =>
    new HttpApi({
      baseUrl: 'http://api.test',
      token,
      fetch: async (input, init) => {
        const u = new URL(input);
        const r = await on.inject({ method: init.method as 'GET', url: u.pathname + u.search, headers: init.headers, ...(init.body !== undefined ? { payload: init.body } : {}) });
        return { status: r.statusCode, ok: r.statusCode >= 200 && r.statusCode < 300, text: async () => r.body };
      },
    });

  it('answers {users: [{user_id, username, nickname}]} by username ascending, case-insensitively; "_" is literal', async () => {
    const res = await search('FINDME_');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      users: [
        { user_id: ann.id, username: 'findme_ann', nickname: 'Ann' },
        { user_id: bob.id, username: 'FindMe_Bob', nickname: 'Bob' },
        { user_id: zed.id, username: 'findme_zed', nickname: 'Zed' },
      ],
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((await search('findme')).json().users.map((u: { username: string }) => u.username)).toEqual(['findme_ann', 'FindMe_Bob', 'findme_zed', 'findmex']);
    expect((await search('fInDm')).json().users).toHaveLength(5);
    expect((await search('findme_b')).json().users).toEqual([{ user_id: bob.id, username: 'FindMe_Bob', nickname: 'Bob' }]);
    expect((await search('fi')).json().users.length).toBeGreaterThanOrEqual(5);
    expect((await search('nobody_by_this_name')).json()).toEqual({ users: [] });
    // other query parameters are ignored
    expect((await call('GET', '/api/users?query=findme_z&_=12345', { token: ann.token })).json().users).toEqual([{ user_id: zed.id, username: 'findme_zed', nickname: 'Zed' }]);
  });

  it('answers at most 20 of more matches: the first 20 by username', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `lots${String(i).padStart(2, '0')}`);
    for (const n of [...names].reverse()) await store.createUser(n, n, 'h');
    const res = await search('lots');
    expect(res.statusCode).toBe(200);
    expect(res.json().users.map((u: { username: string }) => u.username)).toEqual(names.slice(0, 20));
    expect((await search('LOTS2')).json().users.map((u: { username: string }) => u.username)).toEqual(['lots20', 'lots21', 'lots22']);
  });

  it('needs a token: 401 before the query is looked at', async () => {
    expectError(await call('GET', '/api/users?query=findme'), 401, 'token_missing');
    expectError(await call('GET', '/api/users?query=x'), 401, 'token_missing');
    expectError(await search('findme', 'not.a.jwt'), 401, 'token_invalid');
  });

  it('bad queries are 400 invalid_request naming query', async () => {
    expectError(await call('GET', '/api/users', { token: ann.token }), 400, 'invalid_request', 'query is required');
    expectError(await call('GET', '/api/users?other=1', { token: ann.token }), 400, 'invalid_request', 'query is required');
    expectError(await call('GET', '/api/users?query=', { token: ann.token }), 400, 'invalid_request', 'query must NOT have fewer than 2 characters');
    expectError(await search('f'), 400, 'invalid_request', 'query must NOT have fewer than 2 characters');
    expectError(await search('f'.repeat(33)), 400, 'invalid_request', 'query must NOT have more than 32 characters');
    for (const bad of ['fi%', '%%', 'f*', 'fi nd', "fi'--", 'fïnd', 'fi\\_', 'fi\u0000', '😀😀']) {
      expectError(await search(bad), 400, 'invalid_request', 'query may contain only letters, digits, "_", "." and "-"');
    }
    expectError(await call('GET', '/api/users?query=findme&query=fi', { token: ann.token }), 400, 'invalid_request', 'query must be string');
    // the longest valid query is answered
    expect((await search('f'.repeat(32))).json()).toEqual({ users: [] });
    expect((await search('.-')).statusCode).toBe(200);
  });

  it('over the per-IP budget (limits.auth_per_ip_per_sec) is 429 rate_limited; login keeps a budget of its own', async () => {
    // 0.1 per second, burst 10 s worth: one request, then 429
    const limited = buildHttpApi({ ...deps, config: { ...config, limits: { ...config.limits, auth_per_ip_per_sec: 0.1 } } });
    try {
      expect((await search('findme_a', ann.token, limited)).json()).toEqual({ users: [{ user_id: ann.id, username: 'findme_ann', nickname: 'Ann' }] });
      expectError(await search('findme_a', ann.token, limited), 429, 'rate_limited');
      // spent before the token and the query are looked at
      expectError(await call('GET', '/api/users?query=x', {}, limited), 429, 'rate_limited');
      // the SDK sees the same code
      const err = await sdk(ann.token, limited).searchUsers('findme').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'rate_limited', status: 429 });
      // search did not spend login's budget, nor the other routes'
      expect((await call('POST', '/api/login', { body: { username: 'findme_ann', password: PASSWORD } }, limited)).statusCode).toBe(200);
      expect((await call('GET', '/api/users/me', { token: ann.token }, limited)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('HttpApi.searchUsers (SDK) returns the users; a bad query is an ApiError with the API code', async () => {
    expect(await sdk(bob.token).searchUsers('FindMe_')).toEqual([
      { user_id: ann.id, username: 'findme_ann', nickname: 'Ann' },
      { user_id: bob.id, username: 'FindMe_Bob', nickname: 'Bob' },
      { user_id: zed.id, username: 'findme_zed', nickname: 'Zed' },
    ]);
    expect(await sdk(bob.token).searchUsers('zzzz')).toEqual([]);
    for (const bad of ['f', 'fi%', 'a&query=b']) {
      const err = await sdk(bob.token).searchUsers(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'invalid_request', status: 400 });
    }
    await expect(sdk('not.a.jwt').searchUsers('findme')).rejects.toMatchObject({ code: 'token_invalid', status: 401 });
  });
});

describe('friends', () => {
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  beforeAll(async () => {
    a = await register('fr_a', 'A');
    b = await register('fr_b', 'B');
    c = await register('fr_c', 'C');
  });

  it('POST /api/friends is 201 {user_id}; the friendship shows on both sides', async () => {
    const res = await call('POST', '/api/friends', { token: a.token, body: { user_id: b.id } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ user_id: b.id });
    expect((await call('POST', '/api/friends', { token: c.token, body: { user_id: a.id } })).statusCode).toBe(201);

    const ofA = await call('GET', '/api/friends', { token: a.token });
    expect(ofA.statusCode).toBe(200);
    expect(ofA.json()).toEqual({
      friends: [
        { user_id: b.id, username: 'fr_b', nickname: 'B', online: false, last_seen: 0 },
        { user_id: c.id, username: 'fr_c', nickname: 'C', online: false, last_seen: 0 },
      ],
    });
    expect((await call('GET', '/api/friends', { token: b.token })).json()).toEqual({ friends: [{ user_id: a.id, username: 'fr_a', nickname: 'A', online: false, last_seen: 0 }] }); // no presence wired: offline
  });

  it('no friends is an empty list', async () => {
    const loner = await register('fr_loner');
    expect((await call('GET', '/api/friends', { token: loner.token })).json()).toEqual({ friends: [] });
  });

  it('adding an existing friend, from either side, is 409 already_friends', async () => {
    expectError(await call('POST', '/api/friends', { token: a.token, body: { user_id: b.id } }), 409, 'already_friends');
    expectError(await call('POST', '/api/friends', { token: b.token, body: { user_id: a.id } }), 409, 'already_friends');
    expect(await count('SELECT COUNT(*) AS n FROM friends WHERE user_id IN (?, ?) AND friend_id IN (?, ?)', [a.id, b.id, a.id, b.id])).toBe(2);
  });

  it('two users adding each other at once: one 201, one 409, two rows', async () => {
    const x = await register('fr_x');
    const y = await register('fr_y');
    const res = await Promise.all([
      call('POST', '/api/friends', { token: x.token, body: { user_id: y.id } }),
      call('POST', '/api/friends', { token: y.token, body: { user_id: x.id } }),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('SELECT COUNT(*) AS n FROM friends WHERE user_id IN (?, ?)', [x.id, y.id])).toBe(2);
  });

  it('oneself is 400 cannot_add_self', async () => {
    expectError(await call('POST', '/api/friends', { token: a.token, body: { user_id: a.id } }), 400, 'cannot_add_self');
  });

  it('an unknown user is 404 user_not_found and writes nothing', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM friends');
    expectError(await call('POST', '/api/friends', { token: a.token, body: { user_id: 987_654_321 } }), 404, 'user_not_found');
    expect(await count('SELECT COUNT(*) AS n FROM friends')).toBe(before);
  });

  it.each([
    ['a string id', { user_id: '2' }],
    ['a zero id', { user_id: 0 }],
    ['a negative id', { user_id: -3 }],
    ['a fractional id', { user_id: 1.5 }],
    ['an id above 2^53', { user_id: 2 ** 53 + 2 }],
    ['a missing id', {}],
  ])('%s is 400 invalid_request naming user_id', async (_name, body) => {
    expectError(await call('POST', '/api/friends', { token: a.token, body }), 400, 'invalid_request', 'user_id');
  });

  it('needs a token', async () => {
    expectError(await call('GET', '/api/friends'), 401, 'token_missing');
    expectError(await call('POST', '/api/friends', { body: { user_id: b.id } }), 401, 'token_missing');
  });
});

describe('groups', () => {
  let owner: TestUser;
  let u: TestUser[];
  let outsider: TestUser;
  beforeAll(async () => {
    owner = await register('gr_owner');
    outsider = await register('gr_outsider');
    u = [];
    for (let i = 0; i < 6; i++) u.push(await register(`gr_u${i}`));
  });

  describe('POST /api/groups', () => {
    it('201 {group_id, name, owner_id, member_ids}: owner included, ascending, no duplicates', async () => {
      directory.invalidated.length = 0;
      const res = await call('POST', '/api/groups', { token: owner.token, body: { name: 'Team 🚀', member_ids: [u[1]!.id, u[0]!.id, u[1]!.id, owner.id] } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        group_id: expect.any(Number),
        name: 'Team 🚀',
        owner_id: owner.id,
        member_ids: [owner.id, u[0]!.id, u[1]!.id].sort((x, y) => x - y),
      });
      expect(directory.invalidated).toEqual([body.group_id]);
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [body.group_id])).toBe(3);
    });

    it('without member_ids the owner is the only member', async () => {
      const res = await call('POST', '/api/groups', { token: owner.token, body: { name: 'solo' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().member_ids).toEqual([owner.id]);
    });

    it('an unknown member id is 404 user_not_found and leaves no group row behind', async () => {
      const groups = await count('SELECT COUNT(*) AS n FROM `groups`');
      const members = await count('SELECT COUNT(*) AS n FROM group_members');
      directory.invalidated.length = 0;
      const res = await call('POST', '/api/groups', { token: owner.token, body: { name: 'half', member_ids: [u[0]!.id, 987_654_321] } });
      expectError(res, 404, 'user_not_found', '987654321');
      expect(await count('SELECT COUNT(*) AS n FROM `groups`')).toBe(groups);
      expect(await count('SELECT COUNT(*) AS n FROM group_members')).toBe(members);
      expect(await count('SELECT COUNT(*) AS n FROM `groups` WHERE name = ?', ['half'])).toBe(0);
      expect(directory.invalidated).toEqual([]);
    });

    it('more than limits.max_group_members is 400 group_too_large and writes nothing', async () => {
      const groups = await count('SELECT COUNT(*) AS n FROM `groups`');
      const ids = u.slice(0, MAX_MEMBERS).map((x) => x.id); // + owner = MAX_MEMBERS + 1
      expectError(await call('POST', '/api/groups', { token: owner.token, body: { name: 'big', member_ids: ids } }), 400, 'group_too_large');
      expect(await count('SELECT COUNT(*) AS n FROM `groups`')).toBe(groups);
      // exactly at the limit is fine
      const res = await call('POST', '/api/groups', { token: owner.token, body: { name: 'full', member_ids: ids.slice(1) } });
      expect(res.statusCode).toBe(201);
      expect(res.json().member_ids).toHaveLength(MAX_MEMBERS);
    });

    it('more ids than limits.max_ids_per_request is 400 invalid_request naming member_ids', async () => {
      const ids = Array.from({ length: MAX_IDS + 1 }, (_, i) => u[i % u.length]!.id);
      expectError(await call('POST', '/api/groups', { token: owner.token, body: { name: 'many', member_ids: ids } }), 400, 'invalid_request', 'member_ids');
    });

    it.each([
      ['a missing name', { member_ids: [] }, 'name'],
      ['an empty name', { name: '', member_ids: [] }, 'name'],
      ['a 65-char name', { name: 'n'.repeat(65), member_ids: [] }, 'name'],
      ['a name that is not a string', { name: 7, member_ids: [] }, 'name'],
      ['member_ids not an array', { name: 'g', member_ids: 5 }, 'member_ids'],
      ['a string member id', { name: 'g', member_ids: ['5'] }, 'member_ids[0]'],
      ['a negative member id', { name: 'g', member_ids: [1, -1] }, 'member_ids[1]'],
    ])('%s is 400 invalid_request', async (_name, body, field) => {
      expectError(await call('POST', '/api/groups', { token: owner.token, body }), 400, 'invalid_request', field);
    });

    it('a 64-char name is accepted', async () => {
      const res = await call('POST', '/api/groups', { token: owner.token, body: { name: 'n'.repeat(64) } });
      expect(res.statusCode).toBe(201);
    });

    it('needs a token', async () => {
      expectError(await call('POST', '/api/groups', { body: { name: 'x' } }), 401, 'token_missing');
    });
  });

  describe('GET /api/groups/:id', () => {
    it('a member gets {group_id, name, owner_id, member_ids}', async () => {
      const id = await createGroup(owner, [u[2]!.id], 'readable');
      const res = await call('GET', `/api/groups/${id}`, { token: u[2]!.token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ group_id: id, name: 'readable', owner_id: owner.id, member_ids: [owner.id, u[2]!.id].sort((x, y) => x - y) });
    });

    it('a non-member is 403 forbidden', async () => {
      const id = await createGroup(owner, [u[2]!.id]);
      expectError(await call('GET', `/api/groups/${id}`, { token: outsider.token }), 403, 'forbidden');
    });

    it('a missing group is 404 group_not_found', async () => {
      expectError(await call('GET', '/api/groups/987654321', { token: owner.token }), 404, 'group_not_found');
    });

    it.each(['abc', '0', '-1', '1.5', '01', '9007199254740992', '99999999999999999999'])('path id %s is 400 invalid_request', async (id) => {
      expectError(await call('GET', `/api/groups/${id}`, { token: owner.token }), 400, 'invalid_request', 'id');
    });

    it('needs a token', async () => {
      expectError(await call('GET', '/api/groups/1'), 401, 'token_missing');
    });
  });

  describe('POST /api/groups/:id/members', () => {
    it('a member adds users: 200 {member_ids}, existing members ignored, directory invalidated', async () => {
      const id = await createGroup(owner, [u[0]!.id]);
      directory.invalidated.length = 0;
      const res = await call('POST', `/api/groups/${id}/members`, { token: u[0]!.token, body: { user_ids: [u[1]!.id, u[0]!.id, u[1]!.id] } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ member_ids: [owner.id, u[0]!.id, u[1]!.id].sort((x, y) => x - y) });
      expect(directory.invalidated).toEqual([id]);
      expect((await call('GET', `/api/groups/${id}`, { token: u[1]!.token })).statusCode).toBe(200);
    });

    it('a non-member is 403 forbidden and adds nobody', async () => {
      const id = await createGroup(owner, []);
      expectError(await call('POST', `/api/groups/${id}/members`, { token: outsider.token, body: { user_ids: [outsider.id] } }), 403, 'forbidden');
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [id])).toBe(1);
    });

    it('an unknown user is 404 user_not_found and adds nobody', async () => {
      const id = await createGroup(owner, []);
      directory.invalidated.length = 0;
      const res = await call('POST', `/api/groups/${id}/members`, { token: owner.token, body: { user_ids: [u[3]!.id, 987_654_321] } });
      expectError(res, 404, 'user_not_found');
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [id])).toBe(1);
      expect(directory.invalidated).toEqual([]);
    });

    it('going over limits.max_group_members is 400 group_too_large and adds nobody', async () => {
      const id = await createGroup(owner, [u[0]!.id, u[1]!.id, u[2]!.id]);
      const res = await call('POST', `/api/groups/${id}/members`, { token: owner.token, body: { user_ids: [u[3]!.id, u[4]!.id] } });
      expectError(res, 400, 'group_too_large');
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [id])).toBe(4);
    });

    it('concurrent additions never exceed limits.max_group_members', async () => {
      const id = await createGroup(owner, [u[0]!.id, u[1]!.id]);
      const res = await Promise.all([
        call('POST', `/api/groups/${id}/members`, { token: owner.token, body: { user_ids: [u[2]!.id, u[3]!.id] } }),
        call('POST', `/api/groups/${id}/members`, { token: owner.token, body: { user_ids: [u[4]!.id, u[5]!.id] } }),
      ]);
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 400]);
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [id])).toBe(MAX_MEMBERS);
    });

    it('a missing group is 404 group_not_found', async () => {
      expectError(await call('POST', '/api/groups/987654321/members', { token: owner.token, body: { user_ids: [u[0]!.id] } }), 404, 'group_not_found');
    });

    it.each([
      ['an empty list', { user_ids: [] }, 'user_ids'],
      ['a missing list', {}, 'user_ids'],
      ['too many ids', { user_ids: Array.from({ length: MAX_IDS + 1 }, (_, i) => i + 1) }, 'user_ids'],
      ['a string id', { user_ids: ['1'] }, 'user_ids[0]'],
    ])('%s is 400 invalid_request', async (_name, body, field) => {
      const id = await createGroup(owner, []);
      expectError(await call('POST', `/api/groups/${id}/members`, { token: owner.token, body }), 400, 'invalid_request', field);
    });

    it('a bad path id is 400 invalid_request', async () => {
      expectError(await call('POST', '/api/groups/x/members', { token: owner.token, body: { user_ids: [1] } }), 400, 'invalid_request', 'id');
    });
  });

  describe('DELETE /api/groups/:id/members/:user_id', () => {
    it('the owner removes a member: 204, the member loses access, directory invalidated', async () => {
      const id = await createGroup(owner, [u[0]!.id, u[1]!.id]);
      directory.invalidated.length = 0;
      const res = await call('DELETE', `/api/groups/${id}/members/${u[0]!.id}`, { token: owner.token });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(directory.invalidated).toEqual([id]);
      expectError(await call('GET', `/api/groups/${id}`, { token: u[0]!.token }), 403, 'forbidden');
      expect((await call('GET', `/api/groups/${id}`, { token: owner.token })).json().member_ids).toEqual([owner.id, u[1]!.id].sort((x, y) => x - y));
    });

    it('a member removes itself: 204', async () => {
      const id = await createGroup(owner, [u[0]!.id, u[1]!.id]);
      directory.invalidated.length = 0;
      expect((await call('DELETE', `/api/groups/${id}/members/${u[1]!.id}`, { token: u[1]!.token })).statusCode).toBe(204);
      expect(directory.invalidated).toEqual([id]);
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND user_id = ?', [id, u[1]!.id])).toBe(0);
    });

    it('a member removing another member is 403 forbidden', async () => {
      const id = await createGroup(owner, [u[0]!.id, u[1]!.id]);
      expectError(await call('DELETE', `/api/groups/${id}/members/${u[1]!.id}`, { token: u[0]!.token }), 403, 'forbidden');
      expectError(await call('DELETE', `/api/groups/${id}/members/${owner.id}`, { token: u[0]!.token }), 403, 'forbidden');
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [id])).toBe(3);
    });

    it('a non-member removing someone is 403 forbidden', async () => {
      const id = await createGroup(owner, [u[0]!.id]);
      expectError(await call('DELETE', `/api/groups/${id}/members/${u[0]!.id}`, { token: outsider.token }), 403, 'forbidden');
    });

    it('the owner removing itself is 400 owner_cannot_leave', async () => {
      const id = await createGroup(owner, [u[0]!.id]);
      expectError(await call('DELETE', `/api/groups/${id}/members/${owner.id}`, { token: owner.token }), 400, 'owner_cannot_leave');
      expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND user_id = ?', [id, owner.id])).toBe(1);
    });

    it('removing a non-member is 404 not_member', async () => {
      const id = await createGroup(owner, [u[0]!.id]);
      directory.invalidated.length = 0;
      expectError(await call('DELETE', `/api/groups/${id}/members/${outsider.id}`, { token: owner.token }), 404, 'not_member');
      expectError(await call('DELETE', `/api/groups/${id}/members/987654321`, { token: owner.token }), 404, 'not_member');
      expect(directory.invalidated).toEqual([]);
    });

    it('a missing group is 404 group_not_found', async () => {
      expectError(await call('DELETE', `/api/groups/987654321/members/${u[0]!.id}`, { token: u[0]!.token }), 404, 'group_not_found');
    });

    it('bad path ids are 400 invalid_request', async () => {
      const id = await createGroup(owner, [u[0]!.id]);
      expectError(await call('DELETE', `/api/groups/${id}/members/abc`, { token: owner.token }), 400, 'invalid_request', 'user_id');
      expectError(await call('DELETE', `/api/groups/0/members/${u[0]!.id}`, { token: owner.token }), 400, 'invalid_request', 'id');
    });

    it('needs a token', async () => {
      expectError(await call('DELETE', '/api/groups/1/members/1'), 401, 'token_missing');
    });
  });
});

describe('SequelizeAccountStore', () => {
  it('existingUsers answers thousands of ids (chunked IN lists)', async () => {
    const real = [await register('many_a'), await register('many_b')].map((x) => x.id);
    const ids = [...Array.from({ length: 5000 }, (_, i) => 10_000_000 + i), ...real, 0, -1, 1.5];
    expect(await store.existingUsers(ids)).toEqual(new Set(real));
    expect(await store.existingUsers([])).toEqual(new Set());
  });

  it('createGroup with thousands of members writes them all (chunked inserts)', async () => {
    const names = Array.from({ length: 1200 }, (_, i) => `bulk_${i}`);
    await sequelize.query(`INSERT INTO users (username, nickname, password_hash) VALUES ${names.map(() => '(?, ?, ?)').join(', ')}`, {
      replacements: names.flatMap((n) => [n, n, 'x']),
    });
    const rows = await sequelize.query<{ id: number }>('SELECT id FROM users WHERE username LIKE ? ORDER BY id', { replacements: ['bulk\\_%'], type: QueryTypes.SELECT });
    const ids = rows.map((r) => Number(r.id));
    const group = await store.createGroup(ids[0]!, 'bulk', ids.slice(1), 2000);
    expect(group.memberIds).toEqual(ids);
    expect(await count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [group.groupId])).toBe(1200);
  });
});

describe('internal errors and logs', () => {
  it('an unexpected error is 500 internal, logged, without internals in the answer', async () => {
    const broken = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'listFriends') return async () => Promise.reject(new Error('SELECT exploded: secret-detail'));
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as AccountStore;
    const brokenApp = buildHttpApi({ ...deps, accounts: broken });
    try {
      const u = await register('broken_user');
      const before = logLines.length;
      const res = await call('GET', '/api/friends', { token: u.token }, brokenApp);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(res.body).not.toContain('secret-detail');
      const logged = logLines.slice(before).map((l) => JSON.parse(l) as { level: number; err?: { message?: string } });
      expect(logged.some((l) => l.level >= 50 && l.err?.message?.includes('secret-detail'))).toBe(true);
    } finally {
      await brokenApp.close();
    }
  });

  it('no password or token ever appears in the logs', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(secrets.size).toBeGreaterThan(10);
    for (const line of logLines) {
      for (const s of secrets) expect(line.includes(s), `log line leaks a secret: ${line.slice(0, 200)}`).toBe(false);
    }
  });
});

describe('node selection', () => {
  it('GET /api/nodes lists the live nodes; /api/nodes/pick names the least loaded', async () => {
    liveNodes.length = 0;
    let r = await app.inject({ method: 'GET', url: '/api/nodes/pick' });
    expect(r.statusCode).toBe(503);
    expect(r.json().error.code).toBe('no_node_available');
    liveNodes.push(
      { node_id: 'a', ws_url: 'ws://a/ws', http_url: 'http://a', rpc: ['a:1'], connections: 10, load: 1, updated_at: 1 },
      { node_id: 'b', ws_url: 'ws://b/ws', http_url: 'http://b', rpc: ['b:1'], connections: 3, load: 5, updated_at: 1 },
    );
    r = await app.inject({ method: 'GET', url: '/api/nodes' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      nodes: [
        { node_id: 'a', ws_url: 'ws://a/ws', http_url: 'http://a', connections: 10, load: 1 },
        { node_id: 'b', ws_url: 'ws://b/ws', http_url: 'http://b', connections: 3, load: 5 },
      ],
    });
    r = await app.inject({ method: 'GET', url: '/api/nodes/pick' });
    expect(r.json()).toEqual({ node_id: 'b', ws_url: 'ws://b/ws' });
  });
});
