// The rules of a recall (DESIGN.md §6a), pure: an MT_RECALL message is an
// ordinary message (its own seq in every inbox, pushed like any other)
// whose content, RecallContent{msg_id}, names a message its sender sent to
// the same conversation within recall_window. The pipeline looks the
// originals up (RecentMessages, then the message store) and validate.ts
// applies these rules with the other checks of a tick.
//
// Recalling a message twice is accepted: the second MT_RECALL is stored and
// pushed like the first and changes nothing (the store keeps the first
// recall). Refusing it would need a check-and-set across every node's
// concurrent ticks that write-behind persistence does not give, so it could
// only be refused sometimes; clients apply a recall idempotently anyway.
import { Code } from '../errors.js';
import { MT_RECALL, MT_RECALLED, recalledMsgId } from '../store/recall-content.js';
import type { MessageMeta } from '../store/types.js';
import type { Run } from './run.js';
import type { UplinkMessage, UplinkOutcome } from './types.js';

export { MT_RECALL, MT_RECALLED, recalledMsgId };

/** What the pipeline found for a tick's recalls, and the clock and window they are judged by. */
export interface RecallAnswers {
  /** the envelopes of the originals that exist (RecentMessages or the message store) */
  originals: ReadonlyMap<number, MessageMeta>;
  /** ms since epoch, when the tick validates */
  now: number;
  /** recall_window, ms */
  windowMs: number;
}

export function isRecall(m: UplinkMessage | null): boolean {
  return m?.messageType === MT_RECALL;
}

/** A malformed recall, found without a lookup (code 1): content that is no RecallContent naming a msg_id. */
export function recallFieldError(m: UplinkMessage): UplinkOutcome | null {
  return recalledMsgId(m.content) === null ? { code: Code.BAD_REQUEST, msg: 'MT_RECALL content must be a RecallContent with a msg_id' } : null;
}

/**
 * Why `senderId` may not recall with `m` (a well-formed MT_RECALL), or null
 * if it may: the original is not found (code 4); it was sent by someone
 * else, to another conversation (session type and receiver), is itself a
 * recall, or was sent longer than the window before `now` (code 3).
 */
export function recallRefusal(senderId: number, m: UplinkMessage, a: RecallAnswers | undefined): UplinkOutcome | null {
  const id = recalledMsgId(m.content)!;
  const o = a?.originals.get(id);
  if (!a || !o) return { code: Code.NOT_FOUND, msg: 'message to recall not found' };
  if (o.senderId !== senderId) return { code: Code.FORBIDDEN, msg: 'only its sender may recall a message' };
  if (o.sessionType !== m.sessionType || o.receiverId !== m.receiverId) return { code: Code.FORBIDDEN, msg: 'the message to recall is in another conversation' };
  if (o.messageType === MT_RECALL || o.messageType === MT_RECALLED) return { code: Code.FORBIDDEN, msg: 'a recall cannot be recalled' };
  if (a.now - o.sendTime > a.windowMs) return { code: Code.FORBIDDEN, msg: `the recall window (${a.windowMs} ms) has passed` };
  return null;
}

/** Recall results of the named runs of a tick, for metrics: 0 accepted, else the code it was refused with. */
export function recallCodes(runs: readonly Run[], outcomes: readonly (UplinkOutcome | undefined)[][], include: (runIndex: number) => boolean): number[] {
  const codes: number[] = [];
  runs.forEach((r, i) => {
    if (!include(i)) return;
    r.entries.forEach((e, j) => {
      const o = outcomes[i]![j];
      if (isRecall(e.msg) && o) codes.push('code' in o ? o.code : 0);
    });
  });
  return codes;
}
