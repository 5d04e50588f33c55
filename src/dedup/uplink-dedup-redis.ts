import type { Redis } from 'ioredis';
import type { DeviceKey, LoadedDevice, PendingMark, UplinkCommit, UplinkDedupStore, UplinkOutcome } from './uplink-dedup.js';
import { REDIS_RUN_ID_LUA } from '../util/redis-run-id.js';

// One hash per device: l = last client_id handled; f = fence generation;
// g = owner token (the last load); e = run_id of the Redis process that
// validated the hash; o:<client_id> = outcome; p:<client_id> = handed to
// persistence, outcome not committed yet.
//
// Every script first reads the server's run_id: a hash whose e differs was
// written before Redis restarted (emptied, loaded from an older snapshot, or
// replaced by a promoted replica) and is not trusted: LOAD answers it as
// unknown (and starts the hash over), every write to it fails.

// <prefix>:up:epoch = "<run_id>:<ms>": when this Redis process was first
// seen holding device state (a restart or a fresh Redis starts it over);
// ms 0 for the Redis a deployment first started on (FIRST_START): it lost
// nothing, so an unknown device's loss age is "since 1970", past any bound.
//
// LOAD: KEYS = hash, epoch key; ARGV = owner, ttl. Answers
// {'k', l, f, pending client_ids…} or {'u', ms since the epoch began};
// takes ownership either way.
const LOAD = `${REDIS_RUN_ID_LUA}
local v = redis.call('HMGET', KEYS[1], 'l', 'e', 'f')
if v[1] and v[2] == rid then
  redis.call('HSET', KEYS[1], 'g', ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  local out = {'k', v[1], v[3] or '0'}
  for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(f, 1, 2) == 'p:' then out[#out + 1] = string.sub(f, 3) end
  end
  return out
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'g', ARGV[1], 'e', rid)
redis.call('EXPIRE', KEYS[1], ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local epoch = redis.call('GET', KEYS[2])
local since = now
if epoch and string.sub(epoch, 1, #rid + 1) == rid .. ':' then
  since = tonumber(string.sub(epoch, #rid + 2))
else
  redis.call('SET', KEYS[2], rid .. ':' .. now)
end
return {'u', tostring(now - since)}`;

// SEED: KEYS[1] = hash; ARGV = owner, last, fence, ttl. Only for the
// current owner of a hash LOAD started over (no l yet).
const SEED = `${REDIS_RUN_ID_LUA}
local v = redis.call('HMGET', KEYS[1], 'g', 'e', 'l')
if v[1] ~= ARGV[1] or v[2] ~= rid or v[3] then return 0 end
redis.call('HSET', KEYS[1], 'l', ARGV[2], 'f', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

// MARK: KEYS = hashes; ARGV = ttl, then per key: owner, n, client_id_1 … _n.
const MARK = `${REDIS_RUN_ID_LUA}
local ttl = ARGV[1]
local a = 2
local out = {}
for i = 1, #KEYS do
  local n = tonumber(ARGV[a + 1])
  local v = redis.call('HMGET', KEYS[i], 'g', 'e', 'l')
  if v[1] == ARGV[a] and v[2] == rid and v[3] then
    for j = 1, n do redis.call('HSET', KEYS[i], 'p:' .. ARGV[a + 1 + j], '1') end
    redis.call('EXPIRE', KEYS[i], ttl)
    out[i] = 1
  else
    out[i] = 0
  end
  a = a + 2 + n
end
return out`;

// COMMIT: KEYS = hashes; ARGV = window, ttl, then per key: owner, fence,
// first, n, outcome_1 … outcome_n. Applies only for the owner, and only if
// l = first - 1.
const COMMIT = `${REDIS_RUN_ID_LUA}
local window = tonumber(ARGV[1]); local ttl = ARGV[2]
local a = 3
local out = {}
for i = 1, #KEYS do
  local first = tonumber(ARGV[a + 2]); local n = tonumber(ARGV[a + 3])
  local v = redis.call('HMGET', KEYS[i], 'g', 'e', 'l')
  if v[1] == ARGV[a] and v[2] == rid and v[3] and tonumber(v[3]) == first - 1 then
    for j = 0, n - 1 do
      local cid = first + j
      redis.call('HSET', KEYS[i], 'o:' .. cid, ARGV[a + 4 + j])
      redis.call('HDEL', KEYS[i], 'p:' .. cid)
      if cid - window > 0 then redis.call('HDEL', KEYS[i], 'o:' .. (cid - window)) end
    end
    redis.call('HSET', KEYS[i], 'l', first + n - 1, 'f', ARGV[a + 1])
    redis.call('EXPIRE', KEYS[i], ttl)
    out[i] = 1
  else
    out[i] = 0
  end
  a = a + 4 + n
end
return out`;

// RUN_ID: the server's run_id. FIRST_START: KEYS[1] = epoch key; ARGV[1] =
// the run_id read before the deployment's first start was claimed: the
// epoch becomes "<run_id>:0" unless Redis restarted since (then whatever
// was served meanwhile may have been lost with it, and the loss stands).
const RUN_ID = `${REDIS_RUN_ID_LUA}
return rid`;
const FIRST_START = `${REDIS_RUN_ID_LUA}
if rid ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], rid .. ':0')
return 1`;

// OUTCOME: KEYS[1] = hash; ARGV[1] = client_id. nil unless the hash is trusted.
const OUTCOME = `${REDIS_RUN_ID_LUA}
if redis.call('HGET', KEYS[1], 'e') ~= rid then return false end
return redis.call('HGET', KEYS[1], 'o:' .. ARGV[1])`;

type Cmds = Redis & {
  gochatUplinkLoad(key: string, epochKey: string, owner: string, ttl: number): Promise<string[]>;
  gochatUplinkSeed(key: string, owner: string, last: number, fence: number, ttl: number): Promise<number>;
  gochatUplinkMark(keys: number, ...args: (string | number)[]): Promise<number[]>;
  gochatUplinkCommit(keys: number, ...args: (string | number)[]): Promise<number[]>;
  gochatUplinkOutcome(key: string, clientId: number): Promise<string | null>;
  gochatRunId(): Promise<string>;
  gochatUplinkFirstStart(epochKey: string, runId: string): Promise<number>;
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
  /** owner tokens (default: random); tests pass a deterministic one */
  newOwner?: () => string;
}

export class RedisUplinkDedup implements UplinkDedupStore {
  private readonly r: Cmds;
  private readonly newOwner: () => string;

  constructor(private readonly opts: RedisUplinkDedupOptions) {
    const r = opts.redis as Cmds;
    if (typeof r.gochatUplinkLoad !== 'function') {
      r.defineCommand('gochatUplinkLoad', { lua: LOAD, numberOfKeys: 2 });
      r.defineCommand('gochatUplinkSeed', { lua: SEED, numberOfKeys: 1 });
      r.defineCommand('gochatUplinkMark', { lua: MARK });
      r.defineCommand('gochatUplinkCommit', { lua: COMMIT });
      r.defineCommand('gochatUplinkOutcome', { lua: OUTCOME, numberOfKeys: 1 });
      r.defineCommand('gochatRunId', { lua: RUN_ID, numberOfKeys: 0 });
      r.defineCommand('gochatUplinkFirstStart', { lua: FIRST_START, numberOfKeys: 1 });
    }
    this.r = r;
    this.newOwner = opts.newOwner ?? randomOwner;
  }

  private key(k: DeviceKey): string {
    return `${this.opts.prefix}:up:${k.userId}:${k.deviceId}`;
  }

  private get epochKey(): string {
    return `${this.opts.prefix}:up:epoch`;
  }

  async markFirstStart(isFirst: () => Promise<boolean>): Promise<boolean> {
    const rid = await this.r.gochatRunId();
    if (!(await isFirst())) return false;
    return (await this.r.gochatUplinkFirstStart(this.epochKey, rid)) === 1;
  }

  async load(k: DeviceKey): Promise<LoadedDevice> {
    const owner = this.newOwner();
    const v = await this.r.gochatUplinkLoad(this.key(k), this.epochKey, owner, this.opts.ttlSeconds);
    if (v[0] !== 'k') return { owner, state: null, lossAgeMs: Number(v[1]) };
    const pending = v
      .slice(3)
      .map(Number)
      .sort((a, b) => a - b);
    return { owner, state: { last: Number(v[1]), fence: Number(v[2]), pending }, lossAgeMs: Infinity };
  }

  async seed(k: DeviceKey, owner: string, state: { last: number; fence: number }): Promise<boolean> {
    return (await this.r.gochatUplinkSeed(this.key(k), owner, state.last, state.fence, this.opts.ttlSeconds)) === 1;
  }

  async outcome(k: DeviceKey, clientId: number): Promise<UplinkOutcome | null> {
    const v = await this.r.gochatUplinkOutcome(this.key(k), clientId);
    return v === null ? null : decodeOutcome(v);
  }

  async markPending(marks: readonly PendingMark[]): Promise<boolean[]> {
    const keys: string[] = [];
    const args: (string | number)[] = [this.opts.ttlSeconds];
    const index: number[] = [];
    marks.forEach((m, i) => {
      if (m.clientIds.length === 0) return;
      keys.push(this.key(m));
      args.push(m.owner, m.clientIds.length, ...m.clientIds);
      index.push(i);
    });
    const out = marks.map(() => true);
    if (keys.length === 0) return out;
    const res = await this.r.gochatUplinkMark(keys.length, ...keys, ...args);
    index.forEach((i, j) => (out[i] = res[j] === 1));
    return out;
  }

  async commit(commits: readonly UplinkCommit[]): Promise<boolean[]> {
    const keys: string[] = [];
    const args: (string | number)[] = [this.opts.window, this.opts.ttlSeconds];
    const index: number[] = [];
    commits.forEach((c, i) => {
      if (c.outcomes.length === 0) return;
      keys.push(this.key(c));
      args.push(c.owner, c.fence, c.outcomes[0]!.clientId, c.outcomes.length, ...c.outcomes.map((o) => encodeOutcome(o.outcome)));
      index.push(i);
    });
    const out = commits.map(() => true);
    if (keys.length === 0) return out;
    const res = await this.r.gochatUplinkCommit(keys.length, ...keys, ...args);
    index.forEach((i, j) => (out[i] = res[j] === 1));
    return out;
  }
}

let ownerCounter = 0;
/** Unique across processes and Redis restarts: the pid, a counter and random bits. */
function randomOwner(): string {
  return `${process.pid.toString(36)}.${(++ownerCounter).toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}
