// Steps 3–4 of the message path (DESIGN.md §2) as data: what a tick asks
// the backends for (pending marks, seqs), and the rows, fan-outs and
// outcomes it builds from their answers. Pure: the pipeline makes the calls.
import type { PendingMark, UplinkCommit } from '../dedup/uplink-dedup.js';
import type { PersistBatch, StoredMessage, StoredRejection } from '../store/types.js';
import type { Run } from './run.js';
import type { EncodedPush, Fanout, PushMessage, UplinkOutcome } from './types.js';
import type { AcceptedMessage, TickOutcomes } from './validate.js';

/** The pending marks of a tick: one per run holding accepted messages, with their client_ids in order. */
export function pendingMarks(accepted: readonly AcceptedMessage[]): { runIndexes: number[]; marks: PendingMark[] } {
  const byRun = new Map<number, { run: Run; clientIds: number[] }>();
  for (const a of accepted) {
    const cid = a.run.entries[a.index]!.clientId;
    const m = byRun.get(a.runIndex);
    if (m) m.clientIds.push(cid);
    else byRun.set(a.runIndex, { run: a.run, clientIds: [cid] });
  }
  const runIndexes = [...byRun.keys()];
  const marks = runIndexes.map((i) => {
    const { run, clientIds } = byRun.get(i)!;
    return { userId: run.userId, deviceId: run.deviceId, owner: run.owner, clientIds };
  });
  return { runIndexes, marks };
}

/** How many seqs each recipient inbox needs for a tick: one allocation call for all of them. */
export interface SeqDemand {
  users: number[];
  /** index-aligned with users */
  counts: number[];
}

export function seqDemand(accepted: readonly AcceptedMessage[]): SeqDemand {
  const counts = new Map<number, number>();
  for (const a of accepted) for (const u of a.recipients) counts.set(u, (counts.get(u) ?? 0) + 1);
  return { users: [...counts.keys()], counts: [...counts.values()] };
}

/** Inbox positions as parallel arrays, (userIds[i], seqs[i]). */
export interface SeqRows {
  userIds: number[];
  seqs: number[];
}

/** Every seq an allocation handed out (lasts[i]: the last of users[i]'s counts[i] seqs), as rows. */
export function allocatedRows(demand: SeqDemand, lasts: readonly number[]): SeqRows {
  const userIds: number[] = [];
  const seqs: number[] = [];
  demand.users.forEach((u, i) => {
    for (let q = lasts[i]! - demand.counts[i]! + 1; q <= lasts[i]!; q++) {
      userIds.push(u);
      seqs.push(q);
    }
  });
  return { userIds, seqs };
}

export interface BatchInput {
  runs: readonly Run[];
  /** in the order seqs are handed out (acceptMessages keeps each device's client_id order) */
  accepted: readonly AcceptedMessage[];
  /** one msg_id per accepted message, index-aligned */
  msgIds: readonly number[];
  demand: SeqDemand;
  /** the allocation's answer for `demand`: the last seq of each user's range */
  lasts: readonly number[];
  /** runs whose dedup ownership was gone when marked: nothing of them is stored, answered or pushed */
  moved: ReadonlySet<number>;
  /** ms, the send_time of every message of the tick */
  sendTime: number;
  /** encodes a message once for all its recipients */
  encodePush: (m: Omit<PushMessage, 'seq'>) => EncodedPush;
}

export interface BuiltBatch {
  /** what to publish: null when the tick has neither a message nor a final rejection to store */
  batch: PersistBatch | null;
  /** one per stored message, in batch order */
  fanouts: Fanout[];
  /** the run each fan-out's message came from, index-aligned with fanouts */
  fanoutRuns: number[];
  /** seqs handed out for the messages of moved runs: to be tombstoned (I5) */
  unused: SeqRows;
}

/**
 * Gives every accepted message of a live run its msg_id and one seq per
 * recipient, taking each user's range from its first seq upwards in the
 * order of `accepted`: every recipient gets one sender's messages in the
 * order sent (I3), and no seq is used twice. A moved run's messages use
 * their seqs up as well (so nobody else's shift), as `unused`. Writes each
 * stored message's outcome (the sender's own seq and the msg_id) into
 * `outcomes`, and adds the final rejections of live runs to the batch:
 * they are durable outcomes too.
 */
export function buildBatch(input: BatchInput, outcomes: TickOutcomes): BuiltBatch {
  const { runs, accepted, msgIds, demand, lasts, moved, sendTime } = input;
  const nextSeq = new Map<number, number>();
  demand.users.forEach((u, i) => nextSeq.set(u, lasts[i]! - demand.counts[i]! + 1));
  const take = (u: number) => {
    const seq = nextSeq.get(u)!;
    nextSeq.set(u, seq + 1);
    return seq;
  };
  let rows = 0;
  for (const a of accepted) if (!moved.has(a.runIndex)) rows += a.recipients.length;
  let batch: PersistBatch | null = null;
  const fanouts: Fanout[] = [];
  const fanoutRuns: number[] = [];
  const unused: SeqRows = { userIds: [], seqs: [] };
  if (accepted.length > 0) {
    const rowUsers = new Float64Array(rows);
    const rowSeqs = new Float64Array(rows);
    const rowMsgIds = new Float64Array(rows);
    batch = { messages: [], userIds: rowUsers, seqs: rowSeqs, msgIds: rowMsgIds };
    let row = 0;
    accepted.forEach((a, k) => {
      const recipients = a.recipients;
      if (moved.has(a.runIndex)) {
        for (const u of recipients) {
          unused.userIds.push(u);
          unused.seqs.push(take(u));
        }
        return;
      }
      const msgId = msgIds[k]!;
      const seqs = new Array<number>(recipients.length);
      let senderSeq = 0;
      recipients.forEach((u, i) => {
        const seq = take(u);
        if (u === a.run.userId) senderSeq = seq;
        seqs[i] = seq;
        rowUsers[row] = u;
        rowSeqs[row] = seq;
        rowMsgIds[row++] = msgId;
      });
      const sm: StoredMessage = {
        msgId,
        senderId: a.run.userId,
        deviceId: a.run.deviceId,
        clientId: a.run.entries[a.index]!.clientId,
        sessionType: a.msg.sessionType,
        receiverId: a.msg.receiverId,
        messageType: a.msg.messageType,
        content: a.msg.content,
        sendTime,
        senderSeq,
        fence: a.run.fence,
      };
      batch!.messages.push(sm);
      outcomes[a.runIndex]![a.index] = { seq: senderSeq, msgId };
      const push = input.encodePush({ sessionType: sm.sessionType, receiverId: sm.receiverId, senderId: sm.senderId, messageType: sm.messageType, content: sm.content, sendTime, msgId });
      fanouts.push({ push, sendTime, senderId: sm.senderId, senderDevice: sm.deviceId, userIds: recipients, seqs, msgId });
      fanoutRuns.push(a.runIndex);
    });
  }
  const rejections = rejectionsOf(runs, outcomes, moved);
  if (rejections.length) (batch ??= { messages: [], userIds: [], seqs: [], msgIds: [] }).rejections = rejections;
  if (batch && batch.messages.length === 0 && rejections.length === 0) batch = null;
  return { batch, fanouts, fanoutRuns, unused };
}

/** The final rejections decided for the live runs of a tick, as stored. */
function rejectionsOf(runs: readonly Run[], outcomes: TickOutcomes, moved: ReadonlySet<number>): StoredRejection[] {
  const rejections: StoredRejection[] = [];
  runs.forEach((r, i) => {
    if (moved.has(i)) return;
    r.entries.forEach((e, j) => {
      const o = outcomes[i]![j];
      if (o && 'code' in o) rejections.push({ senderId: r.userId, deviceId: r.deviceId, clientId: e.clientId, code: o.code, msg: o.msg, fence: r.fence });
    });
  });
  return rejections;
}

/** The dedup commits of the live runs (each run's outcomes, all decided by now), and which runs they are. */
export function commitsOf(runs: readonly Run[], outcomes: TickOutcomes, moved: ReadonlySet<number>): { live: number[]; commits: UplinkCommit[] } {
  const live = runs.map((_, i) => i).filter((i) => !moved.has(i));
  const commits = live.map((i) => {
    const r = runs[i]!;
    return { userId: r.userId, deviceId: r.deviceId, owner: r.owner, fence: r.fence, outcomes: r.entries.map((e, j) => ({ clientId: e.clientId, outcome: outcomes[i]![j] as UplinkOutcome })) };
  });
  return { live, commits };
}
