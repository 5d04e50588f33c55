// Pure batch building of a tick (src/chat/batch.ts): pending marks, seq
// demand, and the rows, fan-outs, outcomes and unused seqs built from the
// backends' answers (DESIGN.md §2 steps 3–4, I3, I5).
import { describe, expect, it } from 'vitest';
import { allocatedRows, buildBatch, commitsOf, pendingMarks, seqDemand, type BatchInput } from '../../src/chat/batch.js';
import { Code } from '../../src/errors.js';
import type { Run } from '../../src/chat/run.js';
import type { UplinkMessage } from '../../src/chat/types.js';
import { acceptMessages, checkFields, SessionType, type TickOutcomes } from '../../src/chat/validate.js';
import { PushTemplate } from '../../src/gateway/codec.js';

const single = (to: number): UplinkMessage => ({ sessionType: SessionType.SINGLE, receiverId: to, messageType: 1, content: Buffer.from(`to ${to}`) });
const group = (g: number): UplinkMessage => ({ sessionType: SessionType.GROUP, receiverId: g, messageType: 1, content: Buffer.from(`to group ${g}`) });
function run(userId: number, msgs: (UplinkMessage | null)[], opts: { first?: number; fence?: number; deviceId?: string } = {}): Run {
  const first = opts.first ?? 1;
  return { userId, deviceId: opts.deviceId ?? `d${userId}`, owner: `owner-${userId}`, fence: opts.fence ?? 0, entries: msgs.map((msg, i) => ({ clientId: first + i, msg })), done: () => undefined };
}
const GROUP_7 = [1, 2, 3];

/** A tick validated against users 1–9 and group 7 = {1, 2, 3}, its seqs allocated from `start` (user → first seq). */
function tick(runs: Run[], opts: { moved?: number[]; start?: Record<number, number> } = {}) {
  const check = checkFields(runs, 100);
  const outcomes: TickOutcomes = check.outcomes;
  const accepted = acceptMessages(runs, outcomes, { existing: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]), members: new Map([[7, GROUP_7]]) });
  const demand = seqDemand(accepted);
  const lasts = demand.users.map((u, i) => (opts.start?.[u] ?? 1) + demand.counts[i]! - 1);
  const input: BatchInput = {
    runs,
    accepted,
    msgIds: accepted.map((_, k) => 500 + k),
    demand,
    lasts,
    moved: new Set(opts.moved ?? []),
    sendTime: 1_700_000_000_000,
    encodePush: (m) => new PushTemplate(m),
  };
  return { accepted, demand, lasts, outcomes, built: buildBatch(input, outcomes) };
}
/** The batch's inbox rows as 'user:seq→msgId'. */
const rows = (b: { userIds: ArrayLike<number>; seqs: ArrayLike<number>; msgIds: ArrayLike<number> }) => Array.from(b.userIds, (u, i) => `${u}:${b.seqs[i]}→${b.msgIds[i]}`);

describe('seqDemand and pendingMarks', () => {
  it('counts one seq per recipient per accepted message, and marks each run\'s accepted client_ids in order', () => {
    const runs = [run(1, [single(2), null, group(7)], { first: 4 }), run(2, [single(1)])];
    const { accepted, demand } = tick(runs);
    expect(Object.fromEntries(demand.users.map((u, i) => [u, demand.counts[i]]))).toEqual({ 1: 3, 2: 3, 3: 1 });
    const { runIndexes, marks } = pendingMarks(accepted);
    expect(runIndexes).toEqual([0, 1]);
    expect(marks).toEqual([
      { userId: 1, deviceId: 'd1', owner: 'owner-1', clientIds: [4, 6] },
      { userId: 2, deviceId: 'd2', owner: 'owner-2', clientIds: [1] },
    ]);
  });

  it('allocatedRows lists every seq of every range', () => {
    expect(allocatedRows({ users: [1, 2], counts: [3, 1] }, [12, 5])).toEqual({ userIds: [1, 1, 1, 2], seqs: [10, 11, 12, 5] });
  });
});

describe('buildBatch', () => {
  it('gives each recipient consecutive seqs in the order sent (I3): one sender\'s messages keep their order in every inbox', () => {
    const runs = [run(1, [single(2), group(7), single(2)], { first: 10 }), run(3, [group(7)])];
    const { built, outcomes } = tick(runs, { start: { 1: 41, 2: 7, 3: 100 } });
    const b = built.batch!;
    expect(b.messages.map((m) => [m.senderId, m.clientId, m.msgId, m.senderSeq])).toEqual([
      [1, 10, 500, 41],
      [1, 11, 501, 42],
      [1, 12, 502, 43],
      [3, 1, 503, 101],
    ]);
    expect(rows(b)).toEqual(['2:7→500', '1:41→500', '1:42→501', '2:8→501', '3:100→501', '2:9→502', '1:43→502', '1:44→503', '2:10→503', '3:101→503']);
    // per user, seqs strictly increase along the batch, with no gap and no repeat
    for (const u of [1, 2, 3]) {
      const seqs = Array.from(b.userIds, (x, i) => (x === u ? b.seqs[i]! : -1)).filter((s) => s >= 0);
      expect(seqs).toEqual(seqs.map((_, k) => seqs[0]! + k));
    }
    expect(outcomes).toEqual([
      [
        { seq: 41, msgId: 500 },
        { seq: 42, msgId: 501 },
        { seq: 43, msgId: 502 },
      ],
      [{ seq: 101, msgId: 503 }],
    ]);
    expect(built.unused).toEqual({ userIds: [], seqs: [] });
  });

  it('stored messages carry the run\'s device, fence, the tick\'s send time and the message as sent', () => {
    const { built } = tick([run(4, [single(5)], { fence: 3, deviceId: 'tab' })]);
    expect(built.batch!.messages).toEqual([
      { msgId: 500, senderId: 4, deviceId: 'tab', clientId: 1, sessionType: 1, receiverId: 5, messageType: 1, content: Buffer.from('to 5'), sendTime: 1_700_000_000_000, senderSeq: 1, fence: 3 },
    ]);
  });

  it('one fan-out per stored message with each recipient\'s seq, and the run it came from', () => {
    const { built } = tick([run(1, [group(7)]), run(2, [single(1)])], { start: { 1: 20, 2: 30, 3: 40 } });
    expect(built.fanouts.map((f) => [f.senderId, f.senderDevice, Array.from(f.userIds), Array.from(f.seqs), f.sendTime])).toEqual([
      [1, 'd1', [1, 2, 3], [20, 30, 40], 1_700_000_000_000],
      [2, 'd2', [1, 2], [21, 31], 1_700_000_000_000],
    ]);
    expect(built.fanoutRuns).toEqual([0, 1]);
    expect(built.fanouts[0]!.push.body.length).toBeGreaterThan(0);
  });

  it('a moved run\'s messages store nothing, push nothing, decide no outcome, and their seqs come back as unused; the others keep theirs', () => {
    const runs = [run(1, [group(7)]), run(2, [single(1), single(3)]), run(3, [group(7)])];
    const { built, outcomes } = tick(runs, { moved: [1], start: { 1: 1, 2: 1, 3: 1 } });
    // run 1 (user 2) took 1:2, 2:2 and 3:2, 2:3 between run 0 and run 2
    expect(built.unused).toEqual({ userIds: [1, 2, 3, 2], seqs: [2, 2, 2, 3] });
    expect(rows(built.batch!)).toEqual(['1:1→500', '2:1→500', '3:1→500', '1:3→503', '2:4→503', '3:3→503']);
    expect(built.batch!.messages.map((m) => m.senderId)).toEqual([1, 3]);
    expect(built.fanoutRuns).toEqual([0, 2]);
    expect(outcomes[1]).toEqual([undefined, undefined]);
    expect(outcomes[2]).toEqual([{ seq: 3, msgId: 503 }]);
    // the unused seqs and the stored rows never share a position
    const stored = new Set(rows(built.batch!).map((r) => r.split('→')[0]));
    built.unused.userIds.forEach((u, i) => expect(stored.has(`${u}:${built.unused.seqs[i]}`)).toBe(false));
  });

  it('final rejections of live runs are stored with the batch (with the run\'s fence); a moved run\'s are not', () => {
    const runs = [run(1, [single(2), null], { fence: 2 }), run(2, [group(8)])];
    const { built } = tick(runs);
    expect(built.batch!.rejections).toEqual([
      { senderId: 1, deviceId: 'd1', clientId: 2, code: Code.BAD_REQUEST, msg: 'message missing', fence: 2 },
      { senderId: 2, deviceId: 'd2', clientId: 1, code: Code.NOT_FOUND, msg: 'group not found', fence: 0 },
    ]);
    const moved = tick([run(1, [single(2), null]), run(2, [null])], { moved: [0] });
    expect(moved.built.batch!.rejections).toEqual([{ senderId: 2, deviceId: 'd2', clientId: 1, code: Code.BAD_REQUEST, msg: 'message missing', fence: 0 }]);
    expect(moved.built.batch!.messages).toEqual([]);
  });

  it('a tick of rejections only is a batch without rows; a tick with nothing to store (all moved, no rejection) is none', () => {
    const rejected = tick([run(1, [single(99)])]).built;
    expect(rejected.batch).toEqual({ messages: [], userIds: [], seqs: [], msgIds: [], rejections: [{ senderId: 1, deviceId: 'd1', clientId: 1, code: Code.NOT_FOUND, msg: 'receiver not found', fence: 0 }] });
    const allMoved = tick([run(1, [single(2)])], { moved: [0] }).built;
    expect(allMoved.batch).toBeNull();
    expect(allMoved.fanouts).toEqual([]);
    expect(allMoved.unused).toEqual({ userIds: [2, 1], seqs: [1, 1] });
  });
});

describe('commitsOf', () => {
  it('commits every outcome of each live run, in client_id order; moved runs are left out', () => {
    const runs = [run(1, [single(2), null], { first: 3, fence: 1 }), run(2, [single(1)]), run(3, [single(1)])];
    const { outcomes } = tick(runs, { moved: [1] });
    const { live, commits } = commitsOf(runs, outcomes, new Set([1]));
    expect(live).toEqual([0, 2]);
    expect(commits).toEqual([
      { userId: 1, deviceId: 'd1', owner: 'owner-1', fence: 1, outcomes: [{ clientId: 3, outcome: { seq: 1, msgId: 500 } }, { clientId: 4, outcome: { code: Code.BAD_REQUEST, msg: 'message missing' } }] },
      { userId: 3, deviceId: 'd3', owner: 'owner-3', fence: 0, outcomes: [{ clientId: 1, outcome: { seq: 1, msgId: 502 } }] },
    ]);
  });
});
