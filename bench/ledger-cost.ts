// What the delivery ledger costs a worker (issue 20): the hook the pipeline
// calls once per tick, and the rounds that look messages up in MariaDB.
//
//   1. hook: DeliveryLedger.accepted() over ticks of 1:1 messages and of
//      500-member group messages, audit at the default rate (0.001) and at
//      rate 1 (capped by max_per_sec), persistence watch on: CPU per message.
//   2. audit: messages persisted in a scratch database (MysqlMessageStore),
//      every one sampled, then audited in rounds as the worker does: client
//      CPU per audited message, queries per round and their wall time.
//   3. watch: one row per published batch looked up in rounds.
// Then what that means at a given load (--msgs-per-sec per worker, recipients
// per message --recipients): queries per second and CPU share.
//
//   npx tsx bench/ledger-cost.ts [--runs 3] [--msgs-per-sec 250] [--recipients 500] [--ticks-per-sec 500]
//
// Needs MariaDB (TEST_MYSQL_URL, default root@127.0.0.1:3306); creates and drops its database.
import { performance } from 'node:perf_hooks';
import type { Fanout } from '../src/chat/types.js';
import { DeliveryLedger } from '../src/delivery/ledger.js';
import { createLogger } from '../src/log.js';
import { Metrics, type MetricSources } from '../src/metrics/metrics.js';
import { openDb } from '../src/store/db.js';
import { MysqlMessageStore } from '../src/store/message-store-mysql.js';
import type { PersistBatch } from '../src/store/types.js';
import { createTestDb } from '../test/support/env.js';
import { orUsage, parseCommandLine } from './support/args.js';

const USAGE = 'usage: npx tsx bench/ledger-cost.ts [--runs 3] [--msgs-per-sec 250] [--recipients 500] [--ticks-per-sec 500]\n';
const args = parseCommandLine(process.argv.slice(2), { runs: 'int', 'msgs-per-sec': 'num', recipients: 'int', 'ticks-per-sec': 'num' }, USAGE);
const [RUNS, LOAD_MSGS, LOAD_RCPT, LOAD_TICKS] = orUsage(
  () => [args.int('runs', 3, 1), args.num('msgs-per-sec', 250, 0), args.int('recipients', 500, 1), args.num('ticks-per-sec', 500, 0)],
  USAGE,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

let nextMsg = 1;
/** A message from user 1 to `n` recipients (users base..base+n-1), each at seq `seq`. */
function fanout(n: number, base: number, seq: number, sendTime: number): Fanout {
  const userIds = Array.from({ length: n }, (_, i) => base + i);
  return { push: null as never, sendTime, senderId: base, senderDevice: 'd', userIds, seqs: userIds.map(() => seq), msgId: nextMsg++ };
}

/** A worker's ledger over `store` on the clock `now`, and its audit_checked counter. */
function ledgerFor(store: Pick<MysqlMessageStore, 'inboxAt'>, o: { rate: number; maxPerSec: number; watch: boolean; now: () => number }): { ledger: DeliveryLedger; checked: () => Promise<number> } {
  const metrics = new Metrics({} as MetricSources);
  const ledger = new DeliveryLedger({ store, metrics: metrics.ledger, logger: createLogger('silent'), sampleRate: o.rate, maxPerSec: o.maxPerSec, boundMs: 0, watchPersistence: o.watch, now: o.now });
  const checked = async () => (await metrics.registry.getSingleMetric('gochat_audit_checked_total')!.get()).values[0]?.value ?? 0;
  return { ledger, checked };
}

/** 1. CPU of accepted() per message, ticks of `perTick` messages with `n` recipients. */
function hookCost(rate: number, n: number, perTick: number): number {
  let t = 0;
  const { ledger: l } = ledgerFor({ inboxAt: async () => [] }, { rate, maxPerSec: 20, watch: true, now: () => t });
  const ticks = Array.from({ length: 200 }, (_, k) => Array.from({ length: perTick }, (_, i) => fanout(n, 1 + i * n, k + 1, 0)));
  const rounds = 50;
  const c0 = cpuUs();
  for (let r = 0; r < rounds; r++) for (const tick of ticks) {
    t += 2; // a tick every 2 ms
    l.accepted(tick);
  }
  return (cpuUs() - c0) / (rounds * ticks.length * perTick); // µs per message
}

async function main(): Promise<void> {
  console.log('1. the hook (DeliveryLedger.accepted, per message; median of runs)');
  hookCost(1, 2, 20); // warm-up (JIT)
  let hookNs = 0;
  for (const [label, n, perTick] of [['1:1, 20 per tick', 2, 20], ['group of 500, 1 per tick', 500, 1]] as const) {
    for (const rate of [0.001, 1]) {
      const ns = 1000 * median(Array.from({ length: RUNS }, () => hookCost(rate, n, perTick)));
      if (rate === 0.001) hookNs = Math.max(hookNs, ns);
      console.log(`   ${label}, sample_rate ${rate} (max 20/s): ${ns.toFixed(0)} ns CPU per message`);
    }
  }
  let positionUs = 0;
  let watchUs = 0;

  const db = await createTestDb();
  const sql = openDb({ url: db.url, pool: 4 });
  const store = new MysqlMessageStore(sql);
  try {
    console.log('2. audit rounds on MariaDB (every message sampled, all due; per audited message)');
    for (const [label, n, count] of [['1:1 (2 rows)', 2, 2000], ['group of 500', 500, 40]] as const) {
      const cpu: number[] = [];
      const wall: number[] = [];
      let queries = 0;
      for (let run = 0; run < RUNS; run++) {
        const base = 1_000_000 * (run + 1) + n * 10;
        const fos = Array.from({ length: count }, (_, k) => fanout(n, base, k + 1, 0));
        const batches: PersistBatch[] = fos.map((f) => ({ messages: [], userIds: f.userIds, seqs: f.seqs, msgIds: Array.from(f.userIds, () => f.msgId!) }));
        for (let i = 0; i < batches.length; i += 50) await store.persist(batches.slice(i, i + 50));
        let calls = 0;
        const counted = { inboxAt: (u: ArrayLike<number>, s: ArrayLike<number>) => (calls++, store.inboxAt(u, s)) };
        const { ledger: l, checked } = ledgerFor(counted, { rate: 1, maxPerSec: 1e6, watch: false, now: () => 0 });
        l.accepted(fos);
        const c0 = cpuUs();
        const w0 = performance.now();
        // rounds until every sample is checked (each round's lookups capped at 20,000 positions)
        while ((await checked()) < count) await l.tick();
        wall.push((performance.now() - w0) / count);
        cpu.push((cpuUs() - c0) / count);
        queries = calls;
      }
      const chunkQueries = Math.ceil((count * n) / 1000);
      positionUs = Math.max(positionUs, median(cpu) / n);
      console.log(`   ${label}: ${median(cpu).toFixed(1)} µs client CPU and ${median(wall).toFixed(2)} ms wall per audited message; ${queries} round(s), ${chunkQueries} SELECTs of ≤1000 positions for ${count} messages`);
    }

    console.log('3. the persistence watch (one row per batch; 2,000 batches per round)');
    {
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const base = 50_000_000 + run * 10_000;
        const fos = Array.from({ length: 2000 }, (_, k) => fanout(1, base + k, 1, 0));
        await store.persist([{ messages: [], userIds: fos.map((f) => f.userIds[0]!), seqs: fos.map(() => 1), msgIds: fos.map((f) => f.msgId!) }]);
        const { ledger: l } = ledgerFor(store, { rate: 0, maxPerSec: 0, watch: true, now: () => 0 });
        for (const f of fos) l.accepted([f]);
        const c0 = cpuUs();
        const w0 = performance.now();
        await l.tick();
        wall.push(performance.now() - w0);
        cpu.push((cpuUs() - c0) / 1000);
      }
      watchUs = median(cpu) / 2; // ms per 2,000 → µs per batch
      console.log(`   one round over 2,000 batches (one SELECT of 2,000 positions in 2 chunks): ${median(cpu).toFixed(2)} ms client CPU, ${median(wall).toFixed(1)} ms wall`);
    }
  } finally {
    await sql.close();
    await db.drop();
  }

  const audited = Math.min(LOAD_MSGS * 0.001, 20);
  console.log(`\nAt ${LOAD_MSGS} messages/s per worker to ${LOAD_RCPT} recipients each, ${LOAD_TICKS} ticks/s, defaults (sample_rate 0.001, max_per_sec 20):`);
  console.log(`   audited: ${audited.toFixed(2)} messages/s → ${(audited * LOAD_RCPT).toFixed(0)} positions/s, in ≤1 round/s: ≤${Math.ceil(audited * LOAD_RCPT / 1000)} SELECT/s (0 in seconds with no sample due)`);
  console.log(`   watch: ${LOAD_TICKS} rows/s in 1 round/s: ${Math.ceil(LOAD_TICKS / 1000)} SELECT/s`);
  const cpu = { hook: (LOAD_MSGS * hookNs) / 1000, audit: audited * LOAD_RCPT * positionUs, watch: LOAD_TICKS * watchUs };
  const total = cpu.hook + cpu.audit + cpu.watch;
  console.log(`   client CPU: hook ${cpu.hook.toFixed(0)} µs/s + audit ${cpu.audit.toFixed(0)} µs/s + watch ${cpu.watch.toFixed(0)} µs/s = ${(total / 10_000).toFixed(2)}% of a core`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
