// SeqAllocator contract against RedisSeqAllocator over MySQL segments
// (MysqlSeqSegments on a fresh database), plus what only the Redis
// implementation has: its keys and its round-trip counters.
import { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startPrivateRedis, stopAllPrivateServices } from '../support/private-services.js';
import type { SeqSegmentStore } from '../../src/seq/seq-segments.js';
import { RedisSeqAllocator } from '../../src/seq/seq-allocator-redis.js';
import { openDb } from '../../src/store/db.js';
import { MysqlSeqSegments } from '../../src/store/seq-segments-mysql.js';
import { createTestDb, dropRedisPrefix, REDIS_URL, uniqueName } from '../support/env.js';
import { ProbeSegments, seqAllocatorContract, type SeqAllocatorHarness, type SeqAllocatorTuning } from './seq-allocator.suite.js';

interface RedisHarness extends SeqAllocatorHarness {
  prefix: string;
  redis: Redis;
  opened: RedisSeqAllocator[];
  errors: unknown[];
  open(segments: SeqSegmentStore, tuning: SeqAllocatorTuning): Promise<RedisSeqAllocator>;
}

async function redisHarness(): Promise<[RedisHarness, () => Promise<void>]> {
  const db = await createTestDb();
  const sequelize = openDb({ url: db.url, pool: 8 });
  const store = new MysqlSeqSegments(sequelize);
  const prefix = uniqueName('seq');
  const connections: Redis[] = [];
  const opened: RedisSeqAllocator[] = [];
  const errors: unknown[] = [];
  const admin = new Redis(REDIS_URL);
  connections.push(admin);
  const h: RedisHarness = {
    prefix,
    redis: admin,
    opened,
    errors,
    segments: store,
    async durableMax(userIds) {
      const out = new Map<number, number>();
      if (userIds.length === 0) return out;
      const rows = await sequelize.query<{ user_id: number | string; max_seq: number | string }>(
        'SELECT user_id, max_seq FROM user_seq WHERE user_id IN (?)',
        { replacements: [userIds], type: QueryTypes.SELECT },
      );
      for (const r of rows) out.set(Number(r.user_id), Number(r.max_seq));
      return out;
    },
    async open(segments, { step, threshold }) {
      // Each allocator has its own connection, as each worker does.
      const redis = new Redis(REDIS_URL);
      connections.push(redis);
      const a = new RedisSeqAllocator({ redis, prefix, segments, step, threshold, onError: (err) => errors.push(err) });
      opened.push(a);
      return a;
    },
    async resetFastState() {
      await dropRedisPrefix(`${prefix}:seq`);
    },
  };
  const cleanup = async () => {
    for (const a of opened) await a.close();
    for (const r of connections) r.disconnect();
    await sequelize.close();
    await dropRedisPrefix(prefix);
    await db.drop();
  };
  return [h, cleanup];
}

seqAllocatorContract('redis', redisHarness);

describe('RedisSeqAllocator', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const setup = async () => {
    const [h, cleanup] = await redisHarness();
    cleanups.push(cleanup);
    return h;
  };

  it('keeps its counters under `${prefix}:seq:` (what the contract suite resets)', async () => {
    const h = await setup();
    const a = await h.open(h.segments, { step: 100, threshold: 0.8 });
    await a.allocate([7, 8], [1, 2]);
    const keys = (await h.redis.keys(`${h.prefix}:*`)).sort();
    expect(keys).toEqual([`${h.prefix}:seq:7`, `${h.prefix}:seq:8`]);
    await h.resetFastState();
    expect(await h.redis.keys(`${h.prefix}:*`)).toEqual([]);
  });

  it('in steady state, one Redis round trip per call whatever the batch, and reservations counted in .stats', async () => {
    const h = await setup();
    const probe = new ProbeSegments(h.segments);
    const a = await h.open(probe, { step: 1000, threshold: 0.8 });
    const us = Array.from({ length: 500 }, (_, i) => 1 + i);
    await a.allocate(us, us.map(() => 1)); // seeds: ALLOCATE, reserve, APPLY, ALLOCATE
    expect(a.stats).toEqual({ allocations: 500, redisCalls: 3, segmentReservations: 1, backgroundReservations: 0, reseeds: 500 });
    for (let i = 0; i < 100; i++) await a.allocate(us, us.map(() => 1));
    expect(a.stats).toEqual({ allocations: 50_500, redisCalls: 103, segmentReservations: 1, backgroundReservations: 0, reseeds: 500 });
    expect(probe.calls).toBe(1);
    // Past 80% of the segment: one background reservation for all 500 users, one APPLY.
    for (let i = 0; i < 750; i++) await a.allocate(us, us.map(() => 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(a.stats.backgroundReservations).toBe(1);
    expect(a.stats.segmentReservations).toBe(2);
    expect(a.stats.redisCalls).toBe(3 + 850 + 1);
    expect(probe.calls).toBe(2);
    expect(h.errors).toEqual([]);
  });

  it('reports background reservation failures through onError, without failing calls', async () => {
    const h = await setup();
    const probe = new ProbeSegments(h.segments);
    const a = await h.open(probe, { step: 10, threshold: 0.5 });
    await a.allocate([1], [1]);
    probe.failing = new Error('mysql down');
    await a.allocate([1], [6]); // 7 of 10: background reservation starts and fails
    await new Promise((r) => setTimeout(r, 50));
    expect(h.errors.length).toBeGreaterThan(0);
  });

  for (const how of ['from an older snapshot', 'empty'] as const) {
    it(`Redis restarted ${how} (a crash with RDB persistence, a lagging replica promoted): no seq is handed out twice, counters resume above the durable mark`, async () => {
      const h = await setup();
      const priv = await startPrivateRedis();
      const redis = new Redis(priv.url, { maxRetriesPerRequest: 20 });
      try {
        const a = new RedisSeqAllocator({ redis, prefix: h.prefix, segments: h.segments, step: 100, threshold: 0.8 });
        const users = [1, 2, 3];
        const seen = new Map<number, number>(users.map((u) => [u, 0]));
        const take = async (n: number) => {
          for (let i = 0; i < n; i++) {
            const lasts = await a.allocate(users, [1, 2, 3]);
            users.forEach((u, k) => {
              const first = lasts[k]! - [1, 2, 3][k]! + 1;
              expect(first, `user ${u}`).toBeGreaterThan(seen.get(u)!);
              seen.set(u, lasts[k]!);
            });
          }
        };
        await take(20);
        if (how === 'from an older snapshot') expect(await redis.save()).toBe('OK');
        await take(30); // past the first segment of user 3 (3 per call): the snapshot's m is stale too
        const before = new Map(seen);
        await priv.restart();
        if (how === 'from an older snapshot') expect(Number(await redis.hget(`${h.prefix}:seq:3`, 'c'))).toBe(60); // the snapshot's counter is back
        await take(5);
        for (const u of users) expect(seen.get(u)!, `user ${u}`).toBeGreaterThan(before.get(u)!);
        expect(a.stats.reseeds).toBeGreaterThanOrEqual(6); // 3 new users, 3 after the restart
        await a.close();
      } finally {
        redis.disconnect();
        await priv.destroy();
      }
    });
  }
  afterAll(async () => {
    await stopAllPrivateServices();
  });
});
