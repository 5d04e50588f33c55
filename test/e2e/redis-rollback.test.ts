// Redis comes back older (DESIGN.md §4: "lost" includes going back in time;
// I1, I2, I4, I5), from outside: one node (`node src/main.ts`, 2 workers) on
// a private Redis with RDB persistence and the shared MariaDB / RabbitMQ,
// 12 users (4 with two devices, 2 groups) sending mixed traffic with
// connection cuts (test/support/scenarios.ts).
//
//  1. redis-rollback: SAVE under traffic at 3 s, more traffic, then Redis
//     restarts from that snapshot at 8 s (seq counters, uplink dedup state
//     and presence go back 5 s) and the traffic goes on;
//  2. redis-empty: the same, but Redis restarts from an empty data dir.
//
// Each: every message ACKed within the drain, 0 lost, 0 duplicated, order
// kept, no seq reused, sync never backwards. Longer runs: `npm run drill`.
import { afterAll, describe, it } from 'vitest';
import { stopAllPrivateServices } from '../support/private-services.js';
import { expectClean } from '../support/scenario-assert.js';
import { redisRollback } from '../support/scenarios.js';

afterAll(async () => {
  await stopAllPrivateServices();
}, 60_000);

describe('Redis restarts older than it was', () => {
  it('redis-rollback: restarted from an RDB snapshot taken 5 s earlier under traffic: 0 lost, 0 duplicated, no seq reused, sync never backwards', async () => {
    const row = await redisRollback({ mode: 'snapshot', saveAtMs: 3000, restartAtMs: 8000, sendMs: 12_000, drainMs: 15_000 });
    expectClean(row, 250);
  }, 120_000);

  it('redis-empty: restarted from an empty data dir under traffic: 0 lost, 0 duplicated, no seq reused, sync never backwards', async () => {
    const row = await redisRollback({ mode: 'empty', saveAtMs: 3000, restartAtMs: 8000, sendMs: 12_000, drainMs: 15_000 });
    expectClean(row, 250);
  }, 120_000);
});
