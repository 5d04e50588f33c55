// Users and groups for a load run, through the public HTTP API.
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { TokenService } from '../../src/auth/token.js';
import { log } from './report.js';
import type { Target } from './server.js';

export interface BenchUser {
  userId: number;
  token: string;
}

async function http(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; text: string }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    // 429 (auth budget per IP) and 503: back off and retry.
    if ((res.status === 429 || res.status === 503) && attempt < 50) {
      await sleep(Math.min(2000, 50 * 2 ** attempt));
      continue;
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, text };
  }
}

/**
 * Registers `n` users over HTTP (POST /api/register), `concurrency` at a
 * time. Tokens are minted with the server's signing secret when it is known
 * (the same HS256 tokens POST /api/login returns, without a second password
 * hash per user), else fetched with POST /api/login.
 */
export async function registerUsers(t: Target, n: number, concurrency: number): Promise<BenchUser[]> {
  const out: BenchUser[] = new Array(n);
  const tag = randomBytes(3).toString('hex');
  const minter = t.jwtSecret ? new TokenService(t.jwtSecret, 7 * 86_400_000) : null;
  let next = 0;
  let done = 0;
  const t0 = Date.now();
  let lastLog = t0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const username = `b${tag}_${i}`;
        const password = 'bench-password';
        const reg = await http(t.httpUrl, 'POST', '/api/register', { username, password, nickname: username });
        if (reg.status !== 201) throw new Error(`register ${username}: HTTP ${reg.status} ${reg.text}`);
        const userId = reg.body.user_id as number;
        if (minter) out[i] = { userId, token: (await minter.issue(userId)).token };
        else {
          const login = await http(t.httpUrl, 'POST', '/api/login', { username, password });
          if (login.status !== 200) throw new Error(`login ${username}: HTTP ${login.status} ${login.text}`);
          out[i] = { userId, token: login.body.token };
        }
        done++;
        if (Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          log(`registered ${done}/${n} users`);
        }
      }
    }),
  );
  log(`registered ${n} users in ${((Date.now() - t0) / 1000).toFixed(1)} s (${minter ? 'tokens minted with the server secret' : 'tokens from POST /api/login'})`);
  return out;
}

/** Synthetic users for the baseline server (it checks no token). */
export function fakeUsers(n: number): BenchUser[] {
  return Array.from({ length: n }, (_, i) => ({ userId: i + 1, token: `baseline-${i + 1}` }));
}

/** POST /api/groups by users[0] with everyone, in chunks of the ids-per-request limit. */
export async function createGroup(t: Target, users: BenchUser[], name: string): Promise<number> {
  const owner = users[0]!;
  const chunk = Math.max(1, t.maxIdsPerRequest);
  const rest = users.slice(1).map((u) => u.userId);
  const first = rest.slice(0, chunk);
  const res = await http(t.httpUrl, 'POST', '/api/groups', { name, member_ids: first }, owner.token);
  if (res.status !== 201) throw new Error(`create group: HTTP ${res.status} ${res.text}`);
  const groupId = res.body.group_id as number;
  for (let i = first.length; i < rest.length; i += chunk) {
    const add = await http(t.httpUrl, 'POST', `/api/groups/${groupId}/members`, { user_ids: rest.slice(i, i + chunk) }, owner.token);
    if (add.status !== 200) throw new Error(`add members: HTTP ${add.status} ${add.text}`);
  }
  const check = await http(t.httpUrl, 'GET', `/api/groups/${groupId}`, undefined, owner.token);
  const ids = (check.body?.member_ids ?? []) as number[];
  if (ids.length !== users.length) throw new Error(`group ${groupId} has ${ids.length} members, expected ${users.length}`);
  return groupId;
}
