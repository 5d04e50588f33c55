import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { DedupEpoch, DeviceKey, UplinkCommit, UplinkDedupStore, UplinkOutcome } from './uplink-dedup.js';

// One hash per device: l = last client_id handled; o:<client_id> = outcome;
// p:<client_id> = handed to persistence, outcome not committed yet.
// <prefix>:up:epoch tells a device never seen from state Redis lost (epoch()).
// COMMIT: KEYS = device hashes; ARGV = window, ttl, then per key:
// first, n, outcome_1 … outcome_n. Applies only if l = first - 1 or l is unknown.
const COMMIT = `
local window = tonumber(ARGV[1]); local ttl = tonumber(ARGV[2])
local a = 3
for i = 1, #KEYS do
  local first = tonumber(ARGV[a]); local n = tonumber(ARGV[a + 1])
  local l = redis.call('HGET', KEYS[i], 'l')
  if (not l) or tonumber(l) == first - 1 then
    for j = 0, n - 1 do
      local cid = first + j
      redis.call('HSET', KEYS[i], 'o:' .. cid, ARGV[a + 2 + j])
      redis.call('HDEL', KEYS[i], 'p:' .. cid)
      if cid - window > 0 then redis.call('HDEL', KEYS[i], 'o:' .. (cid - window)) end
    end
    redis.call('HSET', KEYS[i], 'l', first + n - 1)
    redis.call('EXPIRE', KEYS[i], ttl)
  end
  a = a + 2 + n
end
return 1`;

// SETTLE: KEYS[1] = epoch key; ARGV[1] = the unsettled value seen. Marks it settled if unchanged.
const SETTLE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], string.sub(ARGV[1], 1, -10) .. ':settled')
end
return 1`;

type Cmds = Redis & {
  gochatUplinkCommit(keys: number, ...args: (string | number)[]): Promise<number>;
  gochatUplinkSettle(key: string, seen: string): Promise<number>;
};

/** Outcome <-> compact string: "s,<seq>,<msgId>" or "e,<code>,<msg>". */
export function encodeOutcome(o: UplinkOutcome): string {
  return 'seq' in o ? `s,${o.seq},${o.msgId}` : `e,${o.code},${o.msg}`;
}

export function decodeOutcome(s: string): UplinkOutcome | null {
  const i = s.indexOf(',');
  const j = s.indexOf(',', i + 1);
  if (i < 0 || j < 0) return null;
  const a = Number(s.slice(i + 1, j));
  if (s[0] === 's') return { seq: a, msgId: Number(s.slice(j + 1)) };
  if (s[0] === 'e') return { code: a, msg: s.slice(j + 1) };
  return null;
}

export interface RedisUplinkDedupOptions {
  redis: Redis;
  prefix: string;
  /** outcomes remembered per device */
  window: number;
  /** idle devices' state expires after this many seconds (then it is recovered from MySQL) */
  ttlSeconds: number;
}

export class RedisUplinkDedup implements UplinkDedupStore {
  private readonly r: Cmds;

  constructor(private readonly opts: RedisUplinkDedupOptions) {
    const r = opts.redis as Cmds;
    if (typeof r.gochatUplinkCommit !== 'function') r.defineCommand('gochatUplinkCommit', { lua: COMMIT });
    if (typeof r.gochatUplinkSettle !== 'function') r.defineCommand('gochatUplinkSettle', { lua: SETTLE, numberOfKeys: 1 });
    this.r = r;
  }

  private key(k: DeviceKey): string {
    return `${this.opts.prefix}:up:${k.userId}:${k.deviceId}`;
  }

  async load(k: DeviceKey): Promise<number | null> {
    const v = await this.r.hget(this.key(k), 'l');
    return v === null ? null : Number(v);
  }

  // The epoch key never expires: "<random>:settling" from the moment a
  // handle finds it missing (a fresh Redis, or one that lost its data) until
  // someone waited for the queue to drain, then "<random>:settled".
  async epoch(): Promise<DedupEpoch> {
    const key = `${this.opts.prefix}:up:epoch`;
    let v = await this.r.get(key);
    if (v === null) {
      await this.r.set(key, `${randomBytes(9).toString('base64url')}:settling`, 'NX');
      v = (await this.r.get(key)) ?? '';
    }
    return { intact: v.endsWith(':settled'), token: v };
  }

  async settled(token: string): Promise<void> {
    if (token.endsWith(':settling')) await this.r.gochatUplinkSettle(`${this.opts.prefix}:up:epoch`, token);
  }

  async seed(k: DeviceKey, last: number): Promise<void> {
    await this.r.hsetnx(this.key(k), 'l', last);
    await this.r.expire(this.key(k), this.opts.ttlSeconds);
  }

  async outcome(k: DeviceKey, clientId: number): Promise<UplinkOutcome | null> {
    const v = await this.r.hget(this.key(k), `o:${clientId}`);
    return v === null ? null : decodeOutcome(v);
  }

  async markPending(marks: readonly (DeviceKey & { clientIds: readonly number[] })[]): Promise<void> {
    const p = this.r.pipeline();
    let n = 0;
    for (const m of marks) {
      if (m.clientIds.length === 0) continue;
      const fields: string[] = [];
      for (const cid of m.clientIds) fields.push(`p:${cid}`, '1');
      p.hset(this.key(m), ...fields);
      p.expire(this.key(m), this.opts.ttlSeconds);
      n++;
    }
    if (n === 0) return;
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async pending(k: DeviceKey): Promise<number[]> {
    const fields = await this.r.hkeys(this.key(k));
    return fields
      .filter((f) => f.startsWith('p:'))
      .map((f) => Number(f.slice(2)))
      .sort((a, b) => a - b);
  }

  async commit(commits: readonly UplinkCommit[]): Promise<void> {
    if (commits.length === 0) return;
    const keys: string[] = [];
    const args: (string | number)[] = [this.opts.window, this.opts.ttlSeconds];
    for (const c of commits) {
      if (c.outcomes.length === 0) continue;
      keys.push(this.key(c));
      args.push(c.outcomes[0]!.clientId, c.outcomes.length, ...c.outcomes.map((o) => encodeOutcome(o.outcome)));
    }
    if (keys.length) await this.r.gochatUplinkCommit(keys.length, ...keys, ...args);
  }
}
