// Assertions on a scenario row (test/support/scenarios.ts) for the e2e tests.
import { expect } from 'vitest';
import { describeRow, type ScenarioRow } from './scenarios.js';

/**
 * Every message ACKed within the drain; nothing lost, duplicated, reordered,
 * handed backwards; no seq reused; no other problem; at least `minSent` sent.
 */
export function expectClean(row: ScenarioRow, minSent: number): void {
  const info = describeRow(row);
  if (process.env.TEST_VERBOSE) console.log(info);
  expect(
    { unanswered: row.unanswered, lost: row.lost, duplicated: row.duplicated, outOfOrder: row.outOfOrder, syncBackwards: row.syncBackwards, seqReused: row.seqReused },
    info,
  ).toEqual({ unanswered: 0, lost: 0, duplicated: 0, outOfOrder: 0, syncBackwards: 0, seqReused: 0 });
  expect(row.acked, info).toBe(row.sent);
  expect(row.problems, info).toEqual([]);
  expect(row.sent, info).toBeGreaterThanOrEqual(minSent);
}
