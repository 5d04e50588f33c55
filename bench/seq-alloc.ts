// Seq allocation benchmark (DESIGN.md §4: "Measure: Redis round trips and
// MySQL writes per 1,000 allocations").
//
// RedisSeqAllocator over MySQL segments (MysqlSeqSegments on a scratch
// database), step 1000, threshold 0.8. For each batch size B (users per
// allocate() call, one seq each: B = 1 is a single chat's recipient, B = 500
// a 500-member group's fan-out) and a fixed set of B fresh users:
//   1. cold start: `--concurrency` first calls at once (no counters, no
//      user_seq rows), on a second set of B users: how many segment
//      reservations that costs;
//   2. steady state: one call seeds the counters, then `CALLS[B]` calls,
//      `--concurrency` in flight, crossing
//      several segments per user: allocations/s, Redis round trips and MySQL
//      segment reservations per 1,000 allocations (from the allocator's
//      .stats; "sync" are those a call waited for), call latency.
// Three runs per size (fresh users each), medians.
//
//   npx tsx bench/seq-alloc.ts [--concurrency 8] [--runs 3]
//
// Needs MariaDB/MySQL and Redis (TEST_MYSQL_URL, TEST_REDIS_URL, defaults
// root@127.0.0.1:3306 and 127.0.0.1:6379). Creates and drops its database and keys.
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { RedisSeqAllocator, type SeqAllocatorStats } from '../src/seq/seq-allocator-redis.js';
import { openDb } from '../src/store/db.js';
import { MysqlSeqSegments } from '../src/store/seq-segments-mysql.js';
import { createTestDb, dropRedisPrefix, REDIS_URL, uniqueName } from '../test/support/env.js';
import { orUsage, parseCommandLine } from './support/args.js';

const STEP = 1000;
const THRESHOLD = 0.8;
/** calls per run for each batch size: enough to cross several segments per user */
const CALLS: Record<number, number> = { 1: 20_000, 100: 5_000, 500: 3_000 };
const COLD_USER_OFFSET = 1_000_000;

const USAGE = 'usage: npx tsx bench/seq-alloc.ts [--concurrency 8] [--runs 3]\n';
const args = parseCommandLine(process.argv.slice(2), { concurrency: 'int', runs: 'int' }, USAGE);
const [CONCURRENCY, RUNS] = orUsage(() => [args.int('concurrency', 8, 1), args.int('runs', 3, 1)], USAGE);

interface RunResult {
  coldReservations: number;
  allocsPerSec: number;
  callsPerSec: number;
  redisPer1000: number;
  reservationsPer1000: number;
  syncReservationsPer1000: number;
  p50Ms: number;
  p99Ms: number;
  stats: SeqAllocatorStats;
}

function diff(a: SeqAllocatorStats, b: SeqAllocatorStats): SeqAllocatorStats {
  return {
    allocations: a.allocations - b.allocations,
    redisCalls: a.redisCalls - b.redisCalls,
    segmentReservations: a.segmentReservations - b.segmentReservations,
    backgroundReservations: a.backgroundReservations - b.backgroundReservations,
    reseeds: a.reseeds - b.reseeds,
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function runOnce(store: MysqlSeqSegments, batch: number, firstUser: number): Promise<RunResult> {
  const prefix = uniqueName('bench');
  const redis = new Redis(REDIS_URL);
  const alloc = new RedisSeqAllocator({ redis, prefix, segments: store, step: STEP, threshold: THRESHOLD });
  const users = Array.from({ length: batch }, (_, i) => firstUser + i);
  const counts = users.map(() => 1);
  const calls = CALLS[batch] ?? 2_000;
  const latencies: number[] = [];
  const lastSeen = new Map<number, number>();
  const check = (lasts: number[]) => {
    // Cheap sanity check: the highest seq seen per user only grows.
    lasts.forEach((s, i) => {
      const u = users[i]!;
      if (s > (lastSeen.get(u) ?? 0)) lastSeen.set(u, s);
    });
  };
  let issued = 0;
  try {
    // 1. Cold start: CONCURRENCY first calls at once, on other fresh users
    // (so that what they reserve does not feed the steady-state phase).
    const coldUsers = users.map((u) => u + COLD_USER_OFFSET);
    await Promise.all(Array.from({ length: CONCURRENCY }, () => alloc.allocate(coldUsers, counts)));
    const coldReservations = alloc.stats.segmentReservations;

    // 2. Steady state: one call seeds the users' counters, then the load.
    check(await alloc.allocate(users, counts));
    const before = { ...alloc.stats };

    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < calls) {
          issued++;
          const t = performance.now();
          const lasts = await alloc.allocate(users, counts);
          latencies.push(performance.now() - t);
          check(lasts);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await alloc.close(); // lets a background reservation in flight finish, so it is counted
    const stats = diff(alloc.stats, before);
    if (stats.allocations !== calls * batch) throw new Error(`allocations ${stats.allocations} != ${calls * batch}`);
    latencies.sort((a, b) => a - b);
    return {
      coldReservations,
      allocsPerSec: stats.allocations / seconds,
      callsPerSec: calls / seconds,
      redisPer1000: (stats.redisCalls * 1000) / stats.allocations,
      reservationsPer1000: (stats.segmentReservations * 1000) / stats.allocations,
      syncReservationsPer1000: ((stats.segmentReservations - stats.backgroundReservations) * 1000) / stats.allocations,
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      stats,
    };
  } finally {
    await alloc.close();
    redis.disconnect();
    await dropRedisPrefix(prefix);
  }
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

async function main(): Promise<void> {
  const db = await createTestDb();
  const sequelize = openDb({ url: db.url, pool: 10 });
  const store = new MysqlSeqSegments(sequelize);
  const rows: string[][] = [];
  try {
    let nextUser = 1;
    for (const batch of [1, 100, 500]) {
      const results: RunResult[] = [];
      for (let run = 0; run < RUNS; run++) {
        results.push(await runOnce(store, batch, nextUser));
        nextUser += batch; // fresh users: every run starts cold
        const r = results.at(-1)!;
        process.stderr.write(
          `  batch ${batch}, run ${run + 1}: ${fmt(r.allocsPerSec, 0)} allocs/s, stats ${JSON.stringify(r.stats)}\n`,
        );
      }
      const med = (f: (r: RunResult) => number) => median(results.map(f));
      rows.push([
        String(batch),
        fmt(CALLS[batch]! * batch, 0),
        fmt(med((r) => r.callsPerSec), 0),
        fmt(med((r) => r.allocsPerSec), 0),
        fmt(med((r) => r.redisPer1000), 2),
        fmt(med((r) => r.reservationsPer1000), 4),
        fmt(med((r) => r.syncReservationsPer1000), 4),
        fmt(med((r) => r.p50Ms), 2),
        fmt(med((r) => r.p99Ms), 2),
        fmt(med((r) => r.coldReservations), 0),
      ]);
    }
  } finally {
    await sequelize.close();
    await db.drop();
  }
  const head = [
    'users/call',
    'allocs/run',
    'calls/s',
    'allocs/s',
    'Redis RT/1k allocs',
    'MySQL resv/1k allocs',
    'of which sync',
    'p50 ms',
    'p99 ms',
    'cold-start resv',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(
    `\nRedisSeqAllocator over MySQL segments: step ${STEP}, threshold ${THRESHOLD}, ${CONCURRENCY} calls in flight, ` +
      `medians of ${RUNS} runs (steady state after the cold start; cold-start resv: reservations made by the first ${CONCURRENCY} concurrent calls)\n`,
  );
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
