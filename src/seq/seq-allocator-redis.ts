import type { Redis } from 'ioredis';
import { UnavailableError } from '../chat/codes.js';
import type { SeqAllocator, SeqSegmentStore } from './seq-allocator.js';

// One hash per user: c = last seq handed out, m = end of the segments
// reserved durably (MySQL user_seq.max_seq at the time it was applied).
//
// ALLOCATE: KEYS = users' hashes, ARGV = counts. Per user returns two numbers:
//   (last, max) on success; (-1, 0) if the counter is unknown (Redis lost it:
//   the caller re-seeds from a fresh durable reservation); (-2, max) if the
//   counter would pass its reserved segment (the caller reserves, then retries).
const ALLOCATE = `
local out = {}
for i = 1, #KEYS do
  local n = tonumber(ARGV[i])
  local v = redis.call('HMGET', KEYS[i], 'c', 'm')
  if not v[1] or not v[2] then
    out[#out + 1] = -1; out[#out + 1] = 0
  else
    local c = tonumber(v[1]); local m = tonumber(v[2])
    if c + n > m then
      out[#out + 1] = -2; out[#out + 1] = m
    else
      out[#out + 1] = redis.call('HINCRBY', KEYS[i], 'c', n); out[#out + 1] = m
    end
  end
end
return out`;

// APPLY: KEYS = users' hashes, ARGV = (newMax, step, seed) triples. Raises m
// to newMax if higher. If the counter is unknown and seed = 1, seeds it at
// newMax - step: that reservation started after the loss was seen, so
// newMax - step is at or above every seq ever handed out (I4).
const APPLY = `
for i = 1, #KEYS do
  local m = tonumber(ARGV[3 * i - 2]); local step = tonumber(ARGV[3 * i - 1]); local seed = ARGV[3 * i]
  local v = redis.call('HMGET', KEYS[i], 'c', 'm')
  if not v[1] or not v[2] then
    if seed == '1' then redis.call('HSET', KEYS[i], 'c', m - step, 'm', m) end
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
}

type Cmds = Redis & {
  gochatSeqAllocate(keys: number, ...args: (string | number)[]): Promise<number[]>;
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
  readonly stats: SeqAllocatorStats = { allocations: 0, redisCalls: 0, segmentReservations: 0, backgroundReservations: 0 };
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
    const result = new Array<number>(userIds.length).fill(0);
    let todo = userIds.map((_, i) => i);
    for (let round = 0; todo.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw new UnavailableError('seq allocator (segments exhausted)');
      const keys = todo.map((i) => this.key(userIds[i]!));
      let raw: number[];
      try {
        this.stats.redisCalls++;
        raw = await this.r.gochatSeqAllocate(keys.length, ...keys, ...todo.map((i) => counts[i]!));
      } catch (err) {
        throw new UnavailableError('redis', err);
      }
      const unknown: number[] = [];
      const exhausted: number[] = [];
      const headroom = (1 - this.opts.threshold) * this.opts.step;
      todo.forEach((i, j) => {
        const last = raw[2 * j]!;
        const max = raw[2 * j + 1]!;
        if (last === -1) unknown.push(i);
        else if (last === -2) exhausted.push(i);
        else {
          result[i] = last;
          this.stats.allocations += counts[i]!;
          if (max - last < headroom) this.scheduleBackground(userIds[i]!);
        }
      });
      if (unknown.length === 0 && exhausted.length === 0) break;
      // Reserve synchronously: missing counters are seeded from this fresh
      // reservation, exhausted ones get their next segment.
      await this.reserveAndApply(
        unknown.map((i) => userIds[i]!),
        exhausted.map((i) => userIds[i]!),
        unknown.concat(exhausted).map((i) => counts[i]!),
      );
      todo = unknown.concat(exhausted);
    }
    return result;
  }

  /** `need` lets a batch bigger than one step reserve enough segments at once. */
  private async reserveAndApply(seed: number[], raise: number[], need: number[] = []): Promise<void> {
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
    const seedSet = new Set(seed);
    const args: (string | number)[] = [];
    for (const u of users) {
      const m = maxima.get(u);
      if (m === undefined) throw new UnavailableError('seq segment store (missing reservation)');
      args.push(m, step, seedSet.has(u) ? '1' : '0');
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
        await this.reserveAndApply([], users);
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
