import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { UnavailableError } from '../errors.js';
import { REDIS_RUN_ID_LUA } from '../util/redis-run-id.js';
import type { SeqAllocator } from './seq-allocator.js';
import type { SeqSegmentStore } from './seq-segments.js';

// One hash per user: c = last seq handed out, m = end of the segments
// reserved durably (MySQL user_seq.max_seq at the time it was applied),
// e = run_id of the Redis process that validated the hash. A hash whose e
// differs from the running server's was written before Redis restarted
// (emptied, loaded from an older snapshot: its counter may be behind seqs
// already handed out) or comes from a promoted replica that may have
// lagged: it is treated as lost, and re-seeded above the durable mark (I4).
//
// ALLOCATE: KEYS = users' hashes, ARGV = counts, then a token unique to the
// call. All or nothing: if any counter is unknown (Redis lost it) or would
// pass its reserved segment, no counter moves and the reply is a status per
// user: (-1, token) unknown — the caller re-seeds from a fresh durable
// reservation, tied to the loss by the token planted in the hash (field p);
// (-2, max) exhausted — the caller reserves the next segment; (0, max) fine.
// Otherwise every counter advances and the reply is (last, max) per user.
// A failed call hands out nothing, so it leaves no seq to tombstone.
const ALLOCATE = `${REDIS_RUN_ID_LUA}
local n = #KEYS
local status = {}
local ok = true
for i = 1, n do
  local v = redis.call('HMGET', KEYS[i], 'c', 'm', 'p', 'e')
  if v[4] ~= rid then
    redis.call('DEL', KEYS[i])
    redis.call('HSET', KEYS[i], 'e', rid)
    v = {false, false, false, rid}
  end
  if not v[1] or not v[2] then
    local t = v[3]
    if not t then
      t = ARGV[n + 1] .. ':' .. i
      redis.call('HSET', KEYS[i], 'p', t)
    end
    status[#status + 1] = -1; status[#status + 1] = t; ok = false
  else
    local m = tonumber(v[2])
    if tonumber(v[1]) + tonumber(ARGV[i]) > m then
      status[#status + 1] = -2; ok = false
    else
      status[#status + 1] = 0
    end
    status[#status + 1] = m
  end
end
if not ok then return status end
local out = {}
for i = 1, n do
  out[#out + 1] = redis.call('HINCRBY', KEYS[i], 'c', tonumber(ARGV[i])); out[#out + 1] = status[2 * i]
end
return out`;

// APPLY: KEYS = users' hashes, ARGV = (newMax, step, token) triples. Raises m
// to newMax if higher. An unknown counter is seeded at newMax - step only if
// its hash still holds the token planted when the loss was seen (token ''
// never seeds): that reservation started after the loss, so newMax - step is
// at or above every seq ever handed out (I4). A reservation that answers after
// a second loss finds no token (or another) and seeds nothing.
const APPLY = `${REDIS_RUN_ID_LUA}
for i = 1, #KEYS do
  local m = tonumber(ARGV[3 * i - 2]); local step = tonumber(ARGV[3 * i - 1]); local token = ARGV[3 * i]
  local v = redis.call('HMGET', KEYS[i], 'c', 'm', 'p', 'e')
  if v[4] ~= rid then
    -- written before a restart: ALLOCATE starts it over (and plants a new token)
  elseif not v[1] or not v[2] then
    if token ~= '' and v[3] == token then
      redis.call('HSET', KEYS[i], 'c', m - step, 'm', m)
      redis.call('HDEL', KEYS[i], 'p')
    end
  elseif tonumber(v[2]) < m then
    redis.call('HSET', KEYS[i], 'm', m)
  end
end
return 1`;

export interface RedisSeqAllocatorOptions {
  redis: Redis;
  prefix: string;
  segments: SeqSegmentStore;
  /** seqs per durable segment */
  step: number;
  /** fraction of a segment after which the next one is reserved in the background */
  threshold: number;
  onError?: (err: unknown) => void;
}

/** Counters the allocator keeps, for the §4 measurement (round trips and MySQL writes per 1,000 allocations). */
export interface SeqAllocatorStats {
  allocations: number;
  redisCalls: number;
  segmentReservations: number;
  backgroundReservations: number;
  /** counters found unknown (new users, or Redis lost or rolled back its data) and seeded above the durable mark */
  reseeds: number;
}

type Cmds = Redis & {
  gochatSeqAllocate(keys: number, ...args: (string | number)[]): Promise<(number | string)[]>;
  gochatSeqApply(keys: number, ...args: (string | number)[]): Promise<number>;
};

const MAX_ROUNDS = 5;

/**
 * Double-buffered seq allocation (DESIGN.md §4): one Lua call allocates for
 * every user of a batch; the next durable segment is reserved in the
 * background once a counter passes `threshold` of its headroom, so steady
 * state never waits on MySQL.
 */
export class RedisSeqAllocator implements SeqAllocator {
  readonly stats: SeqAllocatorStats = { allocations: 0, redisCalls: 0, segmentReservations: 0, backgroundReservations: 0, reseeds: 0 };
  private readonly r: Cmds;
  private readonly pendingBackground = new Set<number>();
  private backgroundQueue: number[] = [];
  private backgroundRunning: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: RedisSeqAllocatorOptions) {
    const r = opts.redis as Cmds;
    if (typeof r.gochatSeqAllocate !== 'function') {
      r.defineCommand('gochatSeqAllocate', { lua: ALLOCATE });
      r.defineCommand('gochatSeqApply', { lua: APPLY });
    }
    this.r = r;
  }

  private key(userId: number): string {
    return `${this.opts.prefix}:seq:${userId}`;
  }

  async allocate(userIds: readonly number[], counts: readonly number[]): Promise<number[]> {
    const keys = userIds.map((u) => this.key(u));
    const headroom = (1 - this.opts.threshold) * this.opts.step;
    for (let round = 0; ; round++) {
      if (round >= MAX_ROUNDS) throw new UnavailableError('seq allocator (segments exhausted)');
      let reply: (number | string)[];
      try {
        this.stats.redisCalls++;
        reply = await this.r.gochatSeqAllocate(keys.length, ...keys, ...counts, randomUUID());
      } catch (err) {
        throw new UnavailableError('redis', err);
      }
      const unknown: number[] = [];
      const tokens: string[] = [];
      const exhausted: number[] = [];
      const need: number[] = [];
      for (let i = 0; i < userIds.length; i++) {
        const status = Number(reply[2 * i]);
        if (status === -1) {
          unknown.push(userIds[i]!);
          tokens.push(String(reply[2 * i + 1]));
        } else if (status === -2) exhausted.push(userIds[i]!);
        else continue;
        need.push(counts[i]!);
      }
      this.stats.reseeds += unknown.length;
      const raw = reply as number[];
      if (unknown.length === 0 && exhausted.length === 0) {
        const result = new Array<number>(userIds.length);
        for (let i = 0; i < userIds.length; i++) {
          const last = raw[2 * i]!;
          result[i] = last;
          this.stats.allocations += counts[i]!;
          if (raw[2 * i + 1]! - last < headroom) this.scheduleBackground(userIds[i]!);
        }
        return result;
      }
      // Nothing moved. Reserve synchronously (missing counters are seeded
      // from this fresh reservation, exhausted ones get their next segment),
      // then try the whole call again.
      await this.reserveAndApply(unknown, tokens, exhausted, need);
    }
  }

  /** An allocation of 0 seqs per user: unknown counters are seeded from a fresh reservation, nothing is handed out. */
  async prime(userIds: readonly number[]): Promise<void> {
    if (userIds.length) await this.allocate(userIds, userIds.map(() => 0));
  }

  /** A hint (sync's latest_seq): read without the restart check, so after a Redis restart it may be behind until the counter is re-seeded. */
  async peek(userId: number): Promise<number | null> {
    const c = await this.r.hget(this.key(userId), 'c');
    return c === null ? null : Number(c);
  }

  /** `need` lets a batch bigger than one step reserve enough segments at once. */
  private async reserveAndApply(seed: number[], seedTokens: string[], raise: number[], need: number[] = []): Promise<void> {
    const users = seed.concat(raise);
    if (users.length === 0) return;
    const maxNeed = need.reduce((a, b) => Math.max(a, b), 0);
    const step = this.opts.step * Math.max(1, Math.ceil(maxNeed / this.opts.step));
    let maxima: Map<number, number>;
    try {
      this.stats.segmentReservations++;
      maxima = await this.opts.segments.reserveSegments(users, step);
    } catch (err) {
      throw new UnavailableError('seq segment store', err);
    }
    const token = new Map(seed.map((u, i) => [u, seedTokens[i]!]));
    const args: (string | number)[] = [];
    for (const u of users) {
      const m = maxima.get(u);
      if (m === undefined) throw new UnavailableError('seq segment store (missing reservation)');
      args.push(m, step, token.get(u) ?? '');
    }
    try {
      this.stats.redisCalls++;
      await this.r.gochatSeqApply(users.length, ...users.map((u) => this.key(u)), ...args);
    } catch (err) {
      throw new UnavailableError('redis', err);
    }
  }

  private scheduleBackground(userId: number): void {
    if (this.closed || this.pendingBackground.has(userId)) return;
    this.pendingBackground.add(userId);
    this.backgroundQueue.push(userId);
    if (!this.backgroundRunning) this.backgroundRunning = this.runBackground();
  }

  private async runBackground(): Promise<void> {
    await Promise.resolve();
    while (this.backgroundQueue.length > 0 && !this.closed) {
      const users = this.backgroundQueue.splice(0, 1000);
      try {
        this.stats.backgroundReservations++;
        await this.reserveAndApply([], [], users);
      } catch (err) {
        this.opts.onError?.(err);
      } finally {
        for (const u of users) this.pendingBackground.delete(u);
      }
    }
    this.backgroundRunning = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.backgroundRunning;
  }
}
