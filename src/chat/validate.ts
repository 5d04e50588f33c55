// Step 2 of the message path (DESIGN.md §2): who may send what to whom.
// Pure: the directory's answers come in as data, so the rules are tested
// without a backend. The pipeline asks the directory about the ids
// `checkFields` names (and looks up the messages its recalls name), then
// hands the answers to `acceptMessages`.
import { Code } from '../errors.js';
import { isRecall, recallFieldError, recalledMsgId, recallRefusal, type RecallAnswers } from './recall.js';
import type { Run } from './run.js';
import type { UplinkMessage, UplinkOutcome } from './types.js';

export const SessionType = { SINGLE: 1, GROUP: 2 } as const;
/** MT_TEXT, MT_PICTURE, MT_VOICE, MT_RECALL (MT_RECALLED is the server's only) */
const MESSAGE_TYPES = new Set([1, 2, 3, 4]);

/**
 * Outcomes of a tick, index-aligned with its runs and each run's entries
 * (outcomes[runIndex][entryIndex]); undefined until decided.
 */
export type TickOutcomes = (UplinkOutcome | undefined)[][];

/** A message that passed validation, with who gets a copy of it. */
export interface AcceptedMessage {
  run: Run;
  /** position of `run` in the tick's runs */
  runIndex: number;
  /** position of the message among the run's entries */
  index: number;
  msg: UplinkMessage;
  /**
   * Every inbox that gets a copy, the sender's own included, each once:
   * [receiver, sender] for a 1:1 ([sender] to oneself), the member list for
   * a group (the sender is one of them).
   */
  recipients: readonly number[];
}

/** What the checks that need no lookup decided, and what must be looked up for the rest. */
export interface FieldCheck {
  /** final rejections of malformed entries (code 1 or 5); undefined for the others */
  outcomes: TickOutcomes;
  /** receivers of 1:1 messages still to be looked up, each once */
  users: number[];
  /** groups still to be looked up, each once */
  groups: number[];
  /** msg_ids named by the MT_RECALL entries still undecided, each once: the originals to look up */
  recalls: number[];
}

/** The directory's answers to a FieldCheck's questions. */
export interface DirectoryAnswers {
  /** the users among FieldCheck.users that exist */
  existing: ReadonlySet<number>;
  /** each group of FieldCheck.groups: its member ids, or null when there is no such group */
  members: ReadonlyMap<number, readonly number[] | null>;
}

/** Checks every entry's fields (missing message, session and message type, receiver id, size); collects the ids to look up. */
export function checkFields(runs: readonly Run[], maxContentBytes: number): FieldCheck {
  const outcomes: TickOutcomes = runs.map((r) => new Array<UplinkOutcome | undefined>(r.entries.length));
  const users = new Set<number>();
  const groups = new Set<number>();
  const recalls = new Set<number>();
  runs.forEach((r, i) =>
    r.entries.forEach((e, j) => {
      const reason = fieldError(e.msg, maxContentBytes);
      if (reason) return (outcomes[i]![j] = reason);
      (e.msg!.sessionType === SessionType.SINGLE ? users : groups).add(e.msg!.receiverId);
      if (isRecall(e.msg)) recalls.add(recalledMsgId(e.msg!.content)!);
    }),
  );
  return { outcomes, users: [...users], groups: [...groups], recalls: [...recalls] };
}

function fieldError(m: UplinkMessage | null, maxContentBytes: number): UplinkOutcome | null {
  if (!m) return { code: Code.BAD_REQUEST, msg: 'message missing' };
  if (m.sessionType !== SessionType.SINGLE && m.sessionType !== SessionType.GROUP) return { code: Code.BAD_REQUEST, msg: 'invalid session_type' };
  if (!MESSAGE_TYPES.has(m.messageType)) return { code: Code.BAD_REQUEST, msg: 'invalid message_type' };
  if (!Number.isSafeInteger(m.receiverId) || m.receiverId <= 0) return { code: Code.BAD_REQUEST, msg: 'invalid receiver_id' };
  if (m.content.length > maxContentBytes) return { code: Code.TOO_LARGE, msg: `content exceeds ${maxContentBytes} bytes` };
  return isRecall(m) ? recallFieldError(m) : null;
}

/**
 * Decides every entry `outcomes` leaves undefined: a 1:1 receiver that does
 * not exist is rejected with code 4, a group that does not exist with code
 * 4, a sender who is not a member of the group with code 3, a recall that
 * recallRefusal refuses with its code (written into `outcomes`; a recall
 * with no `recalls` answers is not found). Answers the others in the order
 * of the runs and, within a run, of its client_ids: the order seqs are
 * handed out in (I3).
 */
export function acceptMessages(runs: readonly Run[], outcomes: TickOutcomes, answers: DirectoryAnswers, recalls?: RecallAnswers): AcceptedMessage[] {
  const memberSets = new Map<number, Set<number>>();
  const isMember = (g: number, list: readonly number[], u: number) => {
    let set = memberSets.get(g);
    if (!set) memberSets.set(g, (set = new Set(list)));
    return set.has(u);
  };
  const accepted: AcceptedMessage[] = [];
  runs.forEach((r, i) =>
    r.entries.forEach((e, j) => {
      if (outcomes[i]![j]) return;
      const m = e.msg!;
      const reject = (code: number, msg: string) => (outcomes[i]![j] = { code, msg });
      let recipients: readonly number[];
      if (m.sessionType === SessionType.SINGLE) {
        if (!answers.existing.has(m.receiverId)) return reject(Code.NOT_FOUND, 'receiver not found');
        recipients = m.receiverId === r.userId ? [r.userId] : [m.receiverId, r.userId];
      } else {
        const list = answers.members.get(m.receiverId);
        if (!list) return reject(Code.NOT_FOUND, 'group not found');
        if (!isMember(m.receiverId, list, r.userId)) return reject(Code.FORBIDDEN, 'not a member of the group');
        recipients = list;
      }
      const refusal = isRecall(m) ? recallRefusal(r.userId, m, recalls) : null;
      if (refusal) return (outcomes[i]![j] = refusal);
      accepted.push({ run: r, runIndex: i, index: j, msg: m, recipients });
    }),
  );
  return accepted;
}
