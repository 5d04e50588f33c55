// The pipeline's lane scheduler (src/chat/lanes.ts) on a fake clock: which
// lane a run takes, when a tick starts, how many run at once, and drain.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BULK_GROUP_MEMBERS, FLUSH_AT, LaneScheduler, MAX_TICKS_IN_FLIGHT, laneOf } from '../../src/chat/lanes.js';
import type { Run } from '../../src/chat/run.js';
import type { UplinkMessage } from '../../src/chat/types.js';
import { SessionType } from '../../src/chat/validate.js';

const msg = (sessionType: number, receiverId: number): UplinkMessage => ({ sessionType, receiverId, messageType: 1, content: Buffer.from('x') });
function run(userId: number, msgs: (UplinkMessage | null)[]): Run {
  return { userId, deviceId: 'd', owner: 'o', fence: 0, entries: msgs.map((m, i) => ({ clientId: i + 1, msg: m })), done: () => undefined };
}

describe('laneOf', () => {
  const sizes = new Map([
    [7, BULK_GROUP_MEMBERS + 1],
    [8, BULK_GROUP_MEMBERS],
  ]);
  it('bulk only for a run holding a message to a group known to have more than BULK_GROUP_MEMBERS members', () => {
    expect(laneOf(run(1, [msg(SessionType.GROUP, 7)]), sizes)).toBe('bulk');
    expect(laneOf(run(1, [msg(SessionType.SINGLE, 2), null, msg(SessionType.GROUP, 7)]), sizes)).toBe('bulk');
    expect(laneOf(run(1, [msg(SessionType.GROUP, 8)]), sizes)).toBe('fast'); // exactly the bound
    expect(laneOf(run(1, [msg(SessionType.GROUP, 9)]), sizes)).toBe('fast'); // not seen yet
    expect(laneOf(run(1, [msg(SessionType.SINGLE, 7)]), sizes)).toBe('fast'); // user 7, not group 7
    expect(laneOf(run(1, [null]), sizes)).toBe('fast');
  });
});

describe('LaneScheduler', () => {
  let ticks: { runs: Run[]; finish: () => void; fail: (e: unknown) => void }[];
  let errors: unknown[];
  let lanes: LaneScheduler;
  beforeEach(() => {
    vi.useFakeTimers();
    ticks = [];
    errors = [];
    lanes = new LaneScheduler({
      tick: (runs) => new Promise<void>((resolve, reject) => ticks.push({ runs, finish: resolve, fail: reject })),
      onError: (e) => errors.push(e),
      tickMs: 5,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('gathers runs for tickMs, then starts one tick per lane; the group sizes a tick noted send later runs to the bulk lane', async () => {
    lanes.enqueue(run(1, [msg(SessionType.GROUP, 7)]));
    lanes.enqueue(run(2, [msg(SessionType.SINGLE, 3), msg(SessionType.SINGLE, 3)]));
    expect(lanes.waiting).toBe(3);
    await vi.advanceTimersByTimeAsync(4);
    expect(ticks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks.map((t) => t.runs.map((r) => r.userId))).toEqual([[1, 2]]); // group 7's size not known yet: one lane
    expect(lanes.waiting).toBe(0);
    lanes.noteGroups(new Map([[7, Array.from({ length: BULK_GROUP_MEMBERS + 1 }, (_, i) => i + 1)]]));
    lanes.enqueue(run(3, [msg(SessionType.GROUP, 7)]));
    lanes.enqueue(run(4, [msg(SessionType.SINGLE, 3)]));
    await vi.advanceTimersByTimeAsync(5);
    expect(ticks.slice(1).map((t) => t.runs.map((r) => r.userId))).toEqual([[3], [4]]); // bulk, fast: separate ticks (each lane's timer in the order its first run came)
    // a group that shrank (or vanished) goes back to the fast lane
    lanes.noteGroups(new Map([[7, null]]));
    lanes.enqueue(run(5, [msg(SessionType.GROUP, 7)]));
    lanes.enqueue(run(6, [msg(SessionType.SINGLE, 3)]));
    await vi.advanceTimersByTimeAsync(5);
    expect(ticks.slice(3).map((t) => t.runs.map((r) => r.userId))).toEqual([[5, 6]]);
  });

  it('starts a tick at once when FLUSH_AT messages wait', async () => {
    lanes.enqueue(run(1, Array.from({ length: FLUSH_AT - 1 }, () => msg(SessionType.SINGLE, 2))));
    expect(ticks).toHaveLength(0);
    lanes.enqueue(run(2, [msg(SessionType.SINGLE, 2)]));
    expect(ticks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(ticks).toHaveLength(1); // the timer was cleared
  });

  it('runs at most MAX_TICKS_IN_FLIGHT ticks of a lane at once; the next starts when one ends; a failed tick is reported', async () => {
    for (let i = 0; i < MAX_TICKS_IN_FLIGHT + 2; i++) {
      lanes.enqueue(run(i + 1, [msg(SessionType.SINGLE, 2)]));
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(ticks).toHaveLength(MAX_TICKS_IN_FLIGHT);
    expect(lanes.waiting).toBe(2);
    ticks[0]!.fail(new Error('boom'));
    await vi.advanceTimersByTimeAsync(5);
    expect(errors).toEqual([new Error('boom')]);
    expect(ticks).toHaveLength(MAX_TICKS_IN_FLIGHT + 1);
    expect(ticks.at(-1)!.runs.map((r) => r.userId)).toEqual([MAX_TICKS_IN_FLIGHT + 1, MAX_TICKS_IN_FLIGHT + 2]);
  });

  it('drain: starts what waits without waiting for the timer, resolves once every tick has ended, and closes', async () => {
    lanes.enqueue(run(1, [msg(SessionType.SINGLE, 2)]));
    let drained = false;
    const d = lanes.drain().then(() => (drained = true));
    expect(lanes.isClosed).toBe(true);
    expect(ticks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(drained).toBe(false);
    ticks[0]!.finish();
    await d;
    expect(drained).toBe(true);
  });
});
