// Seeded fuzzing of the HTTP API (issue #10, DESIGN.md §7) over a real
// socket: every route with wrong types, missing and extra fields, huge
// bodies, deeply nested JSON, unicode (emoji, RTL, NUL, lone surrogates), SQL
// metacharacters, wrong content types, bad path ids and bad credentials.
// Every answer must be a 2xx for a request the contract accepts or a 4xx
// with the {"error": {"code", "message"}} envelope (never a 5xx, never a
// hang); a rejected request writes no row (users, groups, group_members and
// friends are counted around every request), and valid requests still work
// afterwards. Plus the register/login budget per IP (429 rate_limited).
//
// Reproduce a run: FUZZ_SEED=<seed printed by the test> npx vitest run test/e2e/fuzz-http.test.ts
// Scale: FUZZ_HTTP_CASES (default 1200).
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/auth/token.js';
import { HTTP_ERRORS } from '../../src/http/errors.js';
import { seededRng, type Rng } from '../support/prng.js';
import { api, createGroup, createUsers, sql, startTestServer, type TestServer, type TestUser } from '../support/server.js';

const MAX_BODY = 32_768;
const MAX_IDS = 20;
const MAX_MEMBERS = 30;
const CASES = Number(process.env.FUZZ_HTTP_CASES ?? 1200);
const PASSWORD = 'password123';

const rng = seededRng('fuzz-http');

// ---------------------------------------------------------------------------
// A raw HTTP client: any method, path, header and body bytes.

interface Res {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Res> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer in 15 s: ${method} ${path}`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A problem with the error envelope of a 4xx, or null. */
function envelopeProblem(res: Res): string | null {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `not JSON: ${JSON.stringify(res.text.slice(0, 200))}`;
  }
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || Object.keys(body as object).length !== 1) return `not an error envelope: ${res.text.slice(0, 200)}`;
  const status = (HTTP_ERRORS as Record<string, number>)[e.code];
  if (status === undefined) return `unknown error code ${e.code}`;
  if (status !== res.status) return `error code ${e.code} is documented as ${status}, sent with ${res.status}`;
  if (/\bat .*\.[jt]s:\d+/.test(res.text) || /\bSELECT\b|\bINSERT\b|\bsequelize\b|\bER_[A-Z_]+|sqlMessage/.test(res.text)) return `internals leak: ${res.text.slice(0, 200)}`;
  return null;
}

// ---------------------------------------------------------------------------
// Row counts, one round trip.

interface Counts {
  users: number;
  groups: number;
  members: number;
  friends: number;
}

let countConn: { query(q: string): Promise<[unknown, unknown]>; end(): Promise<void> } | null = null;
const COUNT_SQL =
  'SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM `groups`) AS `groups`, (SELECT COUNT(*) FROM group_members) AS members, (SELECT COUNT(*) FROM friends) AS friends';

async function counts(s: TestServer): Promise<Counts> {
  let row: Record<string, unknown>;
  if (s.db.sqlitePath) row = (await sql(s, COUNT_SQL.replace(/`/g, '"')))[0];
  else {
    if (!countConn) {
      const mysql = (await import('mysql2/promise')).default;
      countConn = await mysql.createConnection({ uri: s.db.url });
    }
    row = ((await countConn.query(COUNT_SQL))[0] as Record<string, unknown>[])[0]!;
  }
  return { users: Number(row.users), groups: Number(row.groups), members: Number(row.members), friends: Number(row.friends) };
}

// ---------------------------------------------------------------------------
// Hostile values

const UNICODE = [
  '😀',
  '👩‍👩‍👧‍👦',
  '\u202eevil\u202c',
  'مرحبا',
  'שלום',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '\ufeffbom',
  '\u0007bell',
  'tab\there',
  'new\nline',
  'Ω≈ç√∫',
  'e\u0301',
  '\uffff',
];
const SQLISH = ["'", '"', "' OR '1'='1", "'; DROP TABLE users; --", 'Robert"); DROP TABLE `groups`;--', '%', '_', '\\', '\\0', '`', '0x41', '/*', '*/', 'NULL', 'a\' UNION SELECT password_hash FROM users --'];

function hostileString(r: Rng): string {
  switch (r.int(8)) {
    case 0:
      return '';
    case 1:
      return r.pick(UNICODE);
    case 2:
      return r.pick(SQLISH);
    case 3:
      return r.pick(UNICODE).repeat(r.range(2, 70));
    case 4:
      return 'x'.repeat(r.pick([31, 32, 33, 63, 64, 65, 127, 128, 129, 5000]));
    case 5:
      return r.pick(['5', '1e3', '-1', 'true', 'null', '[]', '{}', '0x10', ' 7 ']);
    case 6:
      return `${r.pick(SQLISH)}${r.pick(UNICODE)}${r.int(1e6)}`;
    default:
      return Array.from({ length: r.range(1, 40) }, () => String.fromCharCode(r.int(0x10000))).join('');
  }
}

function hostileValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, 1.5, -0, 2 ** 31, 2 ** 53, 2 ** 53 - 1, 2 ** 64, 1e308, -1e308, 5e-324, 3]);
    case 3:
    case 4:
      return hostileString(r);
    case 5:
      return r.pick([[], {}, [1], [null], ['1'], [1.5], [-1], [2 ** 53], { $gt: '' }]);
    case 6:
      return Array.from({ length: r.pick([0, 1, 2, MAX_IDS, MAX_IDS + 1, 200]) }, () => r.range(1, 50));
    case 7:
      return Array.from({ length: r.range(1, 5) }, () => hostileValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.range(0, 4); i > 0; i--) o[r.pick(['a', 'username', 'user_id', 'name', '__proto__x', ''])] = hostileValue(r, depth + 1);
      return o;
    }
  }
}

function deepJson(r: Rng, levels: number): string {
  return r.chance(0.5) ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

// ---------------------------------------------------------------------------
// The contract's validators (DESIGN.md §7 + src/http/schemas.ts), written
// independently: which bodies must be refused with a 400.

const codePoints = (s: string) => [...s].length;
const isId = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= Number.MAX_SAFE_INTEGER;
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// eslint-disable-next-line no-control-regex
const printable = (s: string) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s) && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const idList = (v: unknown, min: number) => Array.isArray(v) && v.length >= min && v.length <= MAX_IDS && v.every(isId);

type Route = 'register' | 'login' | 'me' | 'addFriend' | 'friends' | 'createGroup' | 'getGroup' | 'addMembers' | 'removeMember' | 'nodes' | 'pick' | 'healthz';

const BODY_VALID: Partial<Record<Route, (b: unknown) => boolean>> = {
  register: (b) =>
    isObj(b) &&
    typeof b.username === 'string' &&
    /^[A-Za-z0-9_.-]{3,32}$/.test(b.username) &&
    typeof b.password === 'string' &&
    codePoints(b.password) >= 8 &&
    codePoints(b.password) <= 128 &&
    (b.nickname === undefined || (typeof b.nickname === 'string' && codePoints(b.nickname) <= 64 && printable(b.nickname))),
  login: (b) => isObj(b) && typeof b.username === 'string' && codePoints(b.username) <= 32 && typeof b.password === 'string' && codePoints(b.password) <= 128,
  addFriend: (b) => isObj(b) && isId(b.user_id),
  createGroup: (b) => isObj(b) && typeof b.name === 'string' && codePoints(b.name) <= 64 && printable(b.name) && (b.member_ids === undefined || idList(b.member_ids, 0)),
  addMembers: (b) => isObj(b) && idList(b.user_ids, 1),
};

const AUTHED: ReadonlySet<Route> = new Set(['me', 'addFriend', 'friends', 'createGroup', 'getGroup', 'addMembers', 'removeMember']);
const WITH_BODY: ReadonlySet<Route> = new Set(['register', 'login', 'addFriend', 'createGroup', 'addMembers']);

// ---------------------------------------------------------------------------

let s: TestServer;
let users: TestUser[];
let group: number;
let expiredToken: string;
let nameCounter = 0;
const uniq = (r: Rng) => `fz${rng.seed.toString(36)}_${++nameCounter}_${r.int(1e6)}`;

beforeAll(async () => {
  s = await startTestServer({
    'limits.max_body_bytes': MAX_BODY,
    'limits.max_ids_per_request': MAX_IDS,
    'limits.max_group_members': MAX_MEMBERS,
  });
  users = await createUsers(s, 4);
  group = await createGroup(s, users[0]!, [users[1]!.userId], 'base');
  expiredToken = (await new TokenService(s.cfg.jwt.secret, 60_000, () => Date.now() - 3_600_000).issue(users[0]!.userId)).token;
}, 120_000);

afterAll(async () => {
  await countConn?.end().catch(() => undefined);
  agent.destroy();
  await s?.stop();
});

interface Gen {
  route: Route;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** what the contract says must happen, when it says so */
  must?: { status: number[]; why: string };
  label: string;
}

function validBody(r: Rng, route: Route): Record<string, unknown> {
  const someIds = () => Array.from({ length: r.range(1, 3) }, () => r.pick(users).userId);
  switch (route) {
    case 'register':
      return { username: uniq(r), password: PASSWORD, ...(r.chance(0.5) ? { nickname: `${r.pick(SQLISH)} ${r.pick(UNICODE.filter(printable))}` } : {}) };
    case 'login':
      return { username: r.pick(users).username, password: r.chance(0.5) ? PASSWORD : 'wrong-password' };
    case 'addFriend':
      return { user_id: r.pick([...users.map((u) => u.userId), 999_999]) };
    case 'createGroup':
      return { name: `${r.pick(SQLISH)}${r.pick(UNICODE.filter(printable))}`.slice(0, 30), ...(r.chance(0.7) ? { member_ids: someIds() } : {}) };
    case 'addMembers':
      return { user_ids: someIds() };
    default:
      return {};
  }
}

const GOOD_TYPES = ['application/json', 'application/json; charset=utf-8'];
const BAD_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'text/html', 'application/octet-stream', 'image/png', 'json'];
const ODD_TYPES = ['APPLICATION/JSON', 'application/json; charset=latin1', 'application/json;', 'application/jsonx', 'application/json-patch+json', 'application/problem+json', 'application/json, text/plain'];

const BAD_IDS = ['0', '-1', '00', '01', 'abc', '1e3', '1.5', '+1', '0x10', '%20', '18446744073709551616', '9007199254740993', '99999999999999999', '1'.repeat(300), '%00', '%F0%9F%98%80', '%E0%A4%A', '1;DROP', "1'--", 'null', '%2e%2e'];

function pathId(r: Rng, valid: number): { id: string; good: boolean } {
  if (r.chance(0.5)) return { id: String(r.chance(0.7) ? valid : r.pick([999_999, Number.MAX_SAFE_INTEGER])), good: true };
  return { id: r.pick(BAD_IDS), good: false };
}

function authHeader(r: Rng, me: TestUser): { value?: string; good: boolean } {
  const u = r.next();
  if (u < 0.7) return { value: `Bearer ${me.token}`, good: true };
  if (u < 0.73) return { value: `bearer   ${me.token}`, good: true };
  return {
    value: r.pick([undefined, '', 'Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer garbage', `Bearer ${expiredToken}`, `Bearer ${me.token}x`, `Bearer ${me.token} ${me.token}`, `Token ${me.token}`, `Bearer ${'a'.repeat(5000)}`, 'Bearer \u00ff']),
    good: false,
  };
}

function genRequest(r: Rng): Gen {
  const route = r.pick<Route>(['register', 'register', 'login', 'me', 'addFriend', 'addFriend', 'friends', 'createGroup', 'createGroup', 'getGroup', 'addMembers', 'addMembers', 'removeMember', 'nodes', 'pick', 'healthz']);
  const me = r.pick(users);
  const headers: Record<string, string> = {};
  let path = '';
  let method = 'GET';
  let pathGood = true;
  switch (route) {
    case 'register':
      [method, path] = ['POST', '/api/register'];
      break;
    case 'login':
      [method, path] = ['POST', '/api/login'];
      break;
    case 'me':
      path = '/api/users/me';
      break;
    case 'addFriend':
      [method, path] = ['POST', '/api/friends'];
      break;
    case 'friends':
      path = '/api/friends';
      break;
    case 'createGroup':
      [method, path] = ['POST', '/api/groups'];
      break;
    case 'getGroup': {
      const p = pathId(r, group);
      path = `/api/groups/${p.id}`;
      pathGood = p.good;
      break;
    }
    case 'addMembers': {
      const p = pathId(r, group);
      [method, path] = ['POST', `/api/groups/${p.id}/members`];
      pathGood = p.good;
      break;
    }
    case 'removeMember': {
      const p = pathId(r, group);
      const q = pathId(r, r.pick(users).userId);
      [method, path] = ['DELETE', `/api/groups/${p.id}/members/${q.id}`];
      pathGood = p.good && q.good;
      break;
    }
    case 'nodes':
      path = '/api/nodes';
      break;
    case 'pick':
      path = '/api/nodes/pick';
      break;
    case 'healthz':
      path = '/healthz';
      break;
  }
  if (r.chance(0.05)) path += r.pick(['?x=1', '?token=abc', '?a[b]=1&a[c]=2', '?' + 'q'.repeat(3000), '?%ff', '?x=%00']);
  let authGood = true;
  if (AUTHED.has(route)) {
    const a = authHeader(r, me);
    if (a.value !== undefined) headers.authorization = a.value;
    authGood = a.good;
  }
  let label = route;
  let must: Gen['must'];
  let body: string | Buffer | undefined;
  let bodyGood = true;
  if (WITH_BODY.has(route)) {
    // the body
    const u = r.next();
    let value: unknown;
    let raw: string | Buffer | undefined;
    if (u < 0.2) {
      value = validBody(r, route);
      label += ':valid';
    } else if (u < 0.55) {
      const b = validBody(r, route);
      const keys = Object.keys(b);
      const k = r.pick([...keys, 'extra']);
      const m = r.int(4);
      if (m === 0 && k in b) delete b[k];
      else if (m === 1) b[r.pick(['extra', 'is_admin', 'user_id', 'owner_id', 'password_hash'])] = hostileValue(r);
      else b[k] = hostileValue(r);
      value = b;
      label += ':mutated';
    } else if (u < 0.68) {
      value = hostileValue(r);
      label += ':random';
    } else if (u < 0.78) {
      raw = r.pick([
        '',
        ' ',
        '{',
        '{"a":',
        '{"username": "x",',
        "{'username': 'x'}",
        '{"a":1,}',
        '[1,]',
        'NaN',
        '{"a": NaN}',
        '{"a": Infinity}',
        '\ufeff{}',
        '// c\n{}',
        '{"a":1}{"b":2}',
        'undefined',
        '{"a":"\\ud800"}',
        '{"user_id": 1e400}',
        '{"user_id": -0}',
        '{"user_id": 01}',
        '{"username":"a","username":"b"}',
      ]);
      if (r.chance(0.3)) raw = Buffer.from(Array.from({ length: r.range(1, 200) }, () => r.int(256)));
      label += ':garbage';
    } else if (u < 0.84) {
      raw = r.chance(0.5) ? deepJson(r, r.pick([100, 1000, 5000])) : `{"username":${deepJson(r, 3000)},"password":${deepJson(r, 3000)}}`;
      label += ':deep';
    } else if (u < 0.9) {
      raw = r.pick([
        '{"__proto__": {"isAdmin": true}}',
        '{"constructor": {"prototype": {"isAdmin": true}}}',
        `{"username":"${uniq(r)}","password":"${PASSWORD}","__proto__":{"x":1}}`,
        `{"name":"g","member_ids":[1],"constructor":{"prototype":{"x":1}}}`,
      ]);
      label += ':proto';
    } else if (u < 0.95) {
      const b = validBody(r, route);
      b[r.pick(Object.keys(b).length ? Object.keys(b) : ['pad'])] = 'x'.repeat(MAX_BODY + r.int(MAX_BODY));
      raw = JSON.stringify(b);
      label += ':huge';
    } else {
      // 10,000 levels deep: over the body limit only if the limit is small; parsed otherwise
      raw = deepJson(r, 10_000).slice(0, r.chance(0.5) ? undefined : 20_000);
      label += ':deep10k';
    }
    body = raw ?? (value === undefined ? undefined : JSON.stringify(value));
    const bytes = body === undefined ? 0 : Buffer.byteLength(body);
    // the content type
    const t = r.next();
    let typeGood = true;
    let typeOdd = false;
    if (t < 0.85) headers['content-type'] = r.pick(GOOD_TYPES);
    else if (t < 0.93) {
      typeGood = false;
      const bad = r.pick([...BAD_TYPES, '']);
      if (bad) headers['content-type'] = bad;
    } else {
      typeOdd = true;
      headers['content-type'] = r.pick(ODD_TYPES);
    }
    if (r.chance(0.05)) body = undefined; // no body at all
    let parsed: unknown;
    let parses = false;
    if (body !== undefined && typeof body === 'string') {
      try {
        parsed = JSON.parse(body);
        parses = true;
      } catch {
        parses = false;
      }
    }
    const poisoned = /"__proto__"\s*:/.test(String(body)) || /"constructor"\s*:\s*\{[^}]*"prototype"/.test(String(body));
    bodyGood = body !== undefined && parses && !poisoned && BODY_VALID[route]!(parsed);
    if (!authGood && !pathGood) must = { status: [400, 401, 404], why: 'bad credentials and a bad path' };
    else if (!authGood) must = { status: [401], why: 'bad credentials' };
    else if (!pathGood) must = { status: [400, 404, 413, 415], why: 'bad path id' };
    else if (body !== undefined && bytes > MAX_BODY) must = { status: typeGood && !typeOdd ? [413] : [413, 415], why: 'body over the limit' };
    // (without a body, node sends an empty chunked one: a 415 is fine then too)
    else if (!typeGood) must = { status: [415, 400], why: 'not JSON' };
    else if (!bodyGood && !typeOdd) must = { status: [400], why: 'invalid body' };
    else if (!bodyGood) must = { status: [400, 415], why: 'invalid body (odd type)' };
  } else {
    if (r.chance(0.1)) {
      headers['content-type'] = r.pick([...GOOD_TYPES, ...BAD_TYPES]);
      body = r.chance(0.5) ? '{"x":1}' : 'garbage';
    }
    if (!authGood && !pathGood) must = { status: [400, 401, 404], why: 'bad credentials and a bad path' };
    else if (!authGood) must = { status: [401], why: 'bad credentials' };
    else if (!pathGood) must = { status: [400, 404, 413, 415], why: 'bad path id' };
  }
  if (r.chance(0.02)) {
    // a method the route does not have
    method = r.pick(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']);
    if (!(route === 'removeMember' && method === 'DELETE')) must = { status: [404, 400, 405, 413, 415], why: 'no such method' };
  }
  return { route, method, path, headers, body, must, label };
}

// ---------------------------------------------------------------------------

describe('fuzzing the HTTP API', () => {
  it(`${CASES} seeded requests: 2xx only for valid requests, otherwise a 4xx envelope; never a 5xx; no row from a rejected request`, async () => {
    const r = rng.fork();
    const problems: string[] = [];
    const byStatus = new Map<string, number>();
    const t0 = Date.now();
    let before = await counts(s);
    for (let i = 0; i < CASES && problems.length < 20; i++) {
      const g = genRequest(r);
      let res: Res;
      try {
        res = await send(s.httpUrl, g.method, g.path, g.headers, g.body);
      } catch (e) {
        problems.push(`${g.label} ${g.method} ${g.path.slice(0, 80)}: ${(e as Error).message}`);
        break;
      }
      const key = `${g.route} ${res.status}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      const after = await counts(s);
      const where = `${g.label} ${g.method} ${g.path.slice(0, 80)} ${JSON.stringify(g.headers).slice(0, 160)} body ${JSON.stringify(String(g.body ?? '').slice(0, 160))}`;
      const delta = { users: after.users - before.users, groups: after.groups - before.groups, members: after.members - before.members, friends: after.friends - before.friends };
      before = after;
      if (res.status >= 500 || res.status < 200) {
        problems.push(`${where}: status ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      if (g.must && !g.must.status.includes(res.status)) problems.push(`${where}: ${g.must.why} must be ${g.must.status.join('/')}, got ${res.status} ${res.text.slice(0, 200)}`);
      if (res.status >= 400) {
        const p = envelopeProblem(res);
        if (p) problems.push(`${where}: ${p}`);
        if (delta.users || delta.groups || delta.members || delta.friends) problems.push(`${where}: rejected with ${res.status} but rows changed ${JSON.stringify(delta)}`);
        continue;
      }
      // 2xx: the change must be exactly what the answer says
      let body: Record<string, unknown> = {};
      try {
        body = res.status === 204 ? {} : JSON.parse(res.text);
      } catch {
        problems.push(`${where}: ${res.status} with a body that is not JSON`);
      }
      const want = { users: 0, groups: 0, members: 0, friends: 0 };
      if (g.route === 'register' && res.status === 201) want.users = 1;
      else if (g.route === 'addFriend' && res.status === 201) want.friends = 2;
      else if (g.route === 'createGroup' && res.status === 201) {
        want.groups = 1;
        want.members = (body.member_ids as unknown[]).length;
      } else if (g.route === 'addMembers' && res.status === 200) want.members = delta.members >= 0 && delta.members <= MAX_IDS ? delta.members : -1;
      else if (g.route === 'removeMember' && res.status === 204) want.members = -1;
      if (JSON.stringify(delta) !== JSON.stringify(want)) problems.push(`${where}: ${res.status}, rows changed ${JSON.stringify(delta)}, expected ${JSON.stringify(want)}`);
      if (g.route === 'register' && res.status === 201) {
        const sent = JSON.parse(String(g.body)) as { username: string; nickname?: string };
        const row = await sql<{ username: string; nickname: string }>(s, 'SELECT username, nickname FROM users WHERE id = ?', [body.user_id]);
        if (row[0]?.username !== sent.username || row[0]?.nickname !== (sent.nickname ?? sent.username)) problems.push(`${where}: stored ${JSON.stringify(row[0])}`);
      }
      if (g.route === 'createGroup' && res.status === 201) {
        const sent = JSON.parse(String(g.body)) as { name: string };
        const row = await sql<{ name: string }>(s, 'SELECT name FROM `groups` WHERE id = ?', [body.group_id]);
        if (row[0]?.name !== sent.name) problems.push(`${where}: stored group name ${JSON.stringify(row[0]?.name)}`);
      }
    }
    console.log(`[fuzz-http] seed ${rng.seed}: ${CASES} requests in ${Date.now() - t0} ms: ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`);
    expect(problems, `seed ${rng.seed}`).toEqual([]);
    // the generator reaches successes and refusals on the write routes
    for (const k of ['register 201', 'register 400', 'createGroup 201', 'createGroup 400', 'addFriend 400', 'addMembers 400', 'me 401']) expect(byStatus.get(k) ?? 0, k).toBeGreaterThan(0);
  }, 120_000);

  it('SQL metacharacters and unicode: refused where the contract refuses them, stored verbatim where it accepts them', async () => {
    const before = await counts(s);
    // usernames are [A-Za-z0-9_.-]: anything else is a 400 and no row
    for (const username of ["a' OR '1'='1", "x'; DROP TABLE users; --", 'rob`ert', 'ünïcödé', '😀😀😀', 'a\u0000b', '\ud800ab', 'abc def', '%_%']) {
      const res = await api(s.httpUrl, 'POST', '/api/register', { username, password: PASSWORD });
      expect(res.status, username).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    // nickname: NUL, control characters and lone surrogates refused …
    for (const nickname of ['a\u0000b', '\u0007', 'x\ud800', '\udc00', '', 'n'.repeat(65), '😀'.repeat(65)]) {
      const res = await api(s.httpUrl, 'POST', '/api/register', { username: `nick${++nameCounter}`, password: PASSWORD, nickname });
      expect(res.status, JSON.stringify(nickname)).toBe(400);
    }
    expect(await counts(s)).toEqual(before);
    // … SQL metacharacters, emoji, RTL and combining marks stored verbatim
    const me = users[0]!;
    for (const nickname of ["'; DROP TABLE users; --", 'Robert"); DELETE FROM friends;--', '😀'.repeat(64), '\u202eevil\u202c', 'مرحبا بالعالم', 'e\u0301\u0301', '%_\\']) {
      const username = `ok${++nameCounter}_${rng.seed % 1000}`;
      const reg = await api(s.httpUrl, 'POST', '/api/register', { username, password: PASSWORD, nickname });
      expect(reg.status, JSON.stringify(nickname)).toBe(201);
      expect(reg.body.nickname).toBe(nickname);
      const login = await api(s.httpUrl, 'POST', '/api/login', { username, password: PASSWORD });
      expect(login.status).toBe(200);
      const mine = await api(s.httpUrl, 'GET', '/api/users/me', undefined, login.body.token);
      expect(mine.body).toEqual({ user_id: reg.body.user_id, username, nickname });
    }
    for (const name of ["g'; DROP TABLE `groups`; --", '😀'.repeat(64), '\u202eRTL', '%', '\\']) {
      const res = await api(s.httpUrl, 'POST', '/api/groups', { name, member_ids: [users[1]!.userId] }, me.token);
      expect(res.status, name).toBe(201);
      const got = await api(s.httpUrl, 'GET', `/api/groups/${res.body.group_id}`, undefined, me.token);
      expect(got.body.name).toBe(name);
    }
    const beforeBad = await counts(s);
    for (const name of ['a\u0000', '\ud83d', '😀'.repeat(65), '', '\n']) {
      const res = await api(s.httpUrl, 'POST', '/api/groups', { name }, me.token);
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    expect(await counts(s)).toEqual(beforeBad);
    // and the tables are all still there
    const tables = await sql(s, 'SELECT COUNT(*) AS n FROM users');
    expect(Number(tables[0].n)).toBeGreaterThan(4);
  }, 60_000);

  it('bad path ids are 400 (or 404), never a 5xx, and change nothing', async () => {
    const me = users[0]!;
    const before = await counts(s);
    for (const id of BAD_IDS) {
      for (const [method, path] of [
        ['GET', `/api/groups/${id}`],
        ['POST', `/api/groups/${id}/members`],
        ['DELETE', `/api/groups/${id}/members/${users[1]!.userId}`],
        ['DELETE', `/api/groups/${group}/members/${id}`],
      ] as const) {
        const res = await send(s.httpUrl, method, path, { authorization: `Bearer ${me.token}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, method === 'POST' ? JSON.stringify({ user_ids: [users[2]!.userId] }) : undefined);
        expect([400, 404], `${method} ${path}: ${res.status} ${res.text}`).toContain(res.status);
        expect(envelopeProblem(res), `${method} ${path}`).toBeNull();
      }
    }
    expect(await counts(s)).toEqual(before);
  });

  it('10,000 levels of nesting are a 400 (or a 413 over the body limit) on every body route, and change nothing', async () => {
    const me = users[0]!;
    const before = await counts(s);
    const arrays = '['.repeat(10_000) + ']'.repeat(10_000); // 20,000 bytes: under the limit, parsed
    const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000); // 60,001 bytes: over it
    const inField = (field: string) => `{"${field}":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const [path, auth] of [
      ['/api/register', false],
      ['/api/login', false],
      ['/api/friends', true],
      ['/api/groups', true],
      [`/api/groups/${group}/members`, true],
    ] as const) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${me.token}` } : {}) };
      for (const [body, want] of [
        [arrays, 400],
        [objects, 413],
        [inField('username'), 400],
        [inField('user_id'), 400],
        [inField('member_ids'), 400],
        [inField('user_ids'), 400],
      ] as const) {
        const res = await send(s.httpUrl, 'POST', path, headers, body);
        expect(res.status, `${path} ${body.slice(0, 30)}…`).toBe(want);
        expect(envelopeProblem(res)).toBeNull();
      }
    }
    expect(await counts(s)).toEqual(before);
    expect((await fetch(`${s.httpUrl}/healthz`)).status).toBe(200);
  });

  it('valid requests still work afterwards', async () => {
    const [a, b, c] = users as [TestUser, TestUser, TestUser];
    const name = `after${rng.seed % 100000}`;
    const reg = await api(s.httpUrl, 'POST', '/api/register', { username: name, password: PASSWORD, nickname: 'After' });
    expect(reg.status).toBe(201);
    const login = await api(s.httpUrl, 'POST', '/api/login', { username: name, password: PASSWORD });
    expect(login.status).toBe(200);
    const t = login.body.token as string;
    expect((await api(s.httpUrl, 'GET', '/api/users/me', undefined, t)).body).toEqual({ user_id: reg.body.user_id, username: name, nickname: 'After' });
    expect((await api(s.httpUrl, 'POST', '/api/friends', { user_id: a.userId }, t)).status).toBe(201);
    expect((await api(s.httpUrl, 'GET', '/api/friends', undefined, t)).body.friends.map((f: { user_id: number }) => f.user_id)).toEqual([a.userId]);
    const g = await api(s.httpUrl, 'POST', '/api/groups', { name: 'after', member_ids: [b.userId] }, t);
    expect(g.status).toBe(201);
    expect((await api(s.httpUrl, 'POST', `/api/groups/${g.body.group_id}/members`, { user_ids: [c.userId] }, t)).body.member_ids).toEqual([reg.body.user_id, b.userId, c.userId].sort((x, y) => x - y));
    expect((await api(s.httpUrl, 'DELETE', `/api/groups/${g.body.group_id}/members/${c.userId}`, undefined, t)).status).toBe(204);
    expect((await api(s.httpUrl, 'GET', `/api/groups/${g.body.group_id}`, undefined, t)).body.member_ids).toEqual([reg.body.user_id, b.userId].sort((x, y) => x - y));
    expect((await fetch(`${s.adminUrl}/healthz`)).status).toBe(200);
  });
});

describe('register/login budget per IP', () => {
  let rl: TestServer;
  afterAll(async () => {
    await rl?.stop();
  });

  it('a burst of register/login gets 429 rate_limited; an earlier token keeps working for the other routes', async () => {
    // 0.3 per second, burst 10 s worth = 3 requests; createUsers spends 2 of them
    rl = await startTestServer({ 'limits.auth_per_ip_per_sec': 0.3 });
    const [u] = await createUsers(rl, 1);
    const before = await counts(rl);
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? send(rl.httpUrl, 'POST', '/api/login', { 'content-type': 'application/json' }, JSON.stringify({ username: u!.username, password: 'wrong-password' }))
          : send(rl.httpUrl, 'POST', '/api/register', { 'content-type': 'application/json' }, JSON.stringify({ username: `rl_${i}_${rng.seed % 100000}`, password: PASSWORD })),
      ),
    );
    const limited = burst.filter((res) => res.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(27);
    for (const res of limited) {
      expect(envelopeProblem(res)).toBeNull();
      expect(JSON.parse(res.text).error.code).toBe('rate_limited');
    }
    for (const res of burst) expect([201, 401, 429], res.text).toContain(res.status);
    // rows only for the registrations that got a 201
    const created = burst.filter((res) => res.status === 201).length;
    expect((await counts(rl)).users - before.users).toBe(created);
    // a correct password is refused too while the budget is spent
    const again = await api(rl.httpUrl, 'POST', '/api/login', { username: u!.username, password: PASSWORD });
    expect(again.status).toBe(429);
    // the token issued before keeps working everywhere else
    expect((await api(rl.httpUrl, 'GET', '/api/users/me', undefined, u!.token)).status).toBe(200);
    expect((await api(rl.httpUrl, 'GET', '/api/friends', undefined, u!.token)).status).toBe(200);
    const g = await api(rl.httpUrl, 'POST', '/api/groups', { name: 'during-429' }, u!.token);
    expect(g.status).toBe(201);
    expect((await api(rl.httpUrl, 'GET', `/api/groups/${g.body.group_id}`, undefined, u!.token)).status).toBe(200);
    // and the budget refills
    await new Promise((res) => setTimeout(res, 3700));
    expect((await api(rl.httpUrl, 'POST', '/api/login', { username: u!.username, password: PASSWORD })).status).toBe(200);
  }, 60_000);
});
