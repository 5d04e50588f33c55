// A device that moves between the nodes of one cluster (DESIGN.md §2.1: the
// uplink dedup state is cluster-wide; I1–I5), from outside: nodes are
// `node src/main.ts` child processes in one etcd, clients are plain
// WebSocket clients (test/support/scenarios.ts).
//
//  1. roaming-3-nodes: one user's two devices move n1 → n2 → n3 → n1 within
//     seconds, each arrival resending client_ids already ACKed (the last one;
//     or each one ACKed since the device last left that node) and then new
//     ones: every resend gets its FIRST seq, no new id stalls (ACK within
//     3 s), each recipient's inbox and device hold each message once, in order.
//  2. blips-2-nodes: 40 devices reconnecting through GET /api/nodes/pick of a
//     random node, mixed 1:1 and group traffic (50 msg/s) for 30 s, a
//     connection cut every 100–200 ms: every message ACKed within the drain,
//     0 lost, 0 duplicated, order kept, sync never backwards, no seq reused.
//
// The same scenarios run longer in `npm run drill`.
import { afterAll, describe, it } from 'vitest';
import { stopAllPrivateServices } from '../support/private-services.js';
import { expectClean } from '../support/scenario-assert.js';
import { blips, roaming3Nodes } from '../support/scenarios.js';

afterAll(async () => {
  await stopAllPrivateServices();
}, 60_000);

describe('roaming between nodes', () => {
  it('roaming-3-nodes: devices move n1 → n2 → n3 → n1 resending ACKed client_ids: each resend gets its first seq, no new id stalls, each inbox holds each message once, in order', async () => {
    const row = await roaming3Nodes({ path: [0, 1, 2, 0], perStint: 3, ackTimeoutMs: 3000, drainMs: 8000 });
    expectClean(row, 24);
  }, 120_000);

  it('blips-2-nodes: 40 devices via /api/nodes/pick, 50 msg/s mixed for 30 s, a cut every 100–200 ms: all ACKed within the drain, 0 lost, 0 duplicated, order kept, sync never backwards', async () => {
    const row = await blips({ nodes: 2, sendMs: 30_000, ratePerSec: 50, cutMinMs: 100, cutMaxMs: 200, drainMs: 15_000 });
    expectClean(row, 1000);
  }, 180_000);
});
