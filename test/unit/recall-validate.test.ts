// The rules of a recall (src/chat/recall.ts through src/chat/validate.ts;
// DESIGN.md §6a), pure: what checkFields refuses without a lookup, which
// originals it asks for, and what acceptMessages decides from them.
import { describe, expect, it } from 'vitest';
import { Code } from '../../src/errors.js';
import type { Run } from '../../src/chat/run.js';
import type { UplinkMessage } from '../../src/chat/types.js';
import type { RecallAnswers } from '../../src/chat/recall.js';
import { acceptMessages, checkFields, SessionType, type DirectoryAnswers } from '../../src/chat/validate.js';
import { gochat } from '../../src/proto/index.js';
import type { MessageMeta } from '../../src/store/types.js';

const WINDOW = 120_000;
const NOW = 1_800_000_000_000;
const recallContent = (msgId: number) => Buffer.from(gochat.RecallContent.encode({ msgId }).finish());
const recall = (receiverId: number, msgId: number, sessionType: number = SessionType.SINGLE): UplinkMessage => ({ sessionType, receiverId, messageType: 4, content: recallContent(msgId) });
function run(userId: number, msgs: UplinkMessage[]): Run {
  return { userId, deviceId: 'd', owner: 'o', fence: 0, entries: msgs.map((msg, i) => ({ clientId: i + 1, msg })), done: () => undefined };
}
const directory: DirectoryAnswers = { existing: new Set([1, 2, 3]), members: new Map([[7, [1, 2, 3]]]) };
/** user 1's message 100 to user 2, 200 to group 7, 300 a recall; user 2's message 400 to user 1; all sent at `sentAgo` ms before NOW */
function originals(sentAgo = 1000, over: Record<number, Partial<MessageMeta>> = {}): RecallAnswers {
  const list: MessageMeta[] = [
    { msgId: 100, senderId: 1, sessionType: 1, receiverId: 2, messageType: 1, sendTime: NOW - sentAgo },
    { msgId: 200, senderId: 1, sessionType: 2, receiverId: 7, messageType: 2, sendTime: NOW - sentAgo },
    { msgId: 300, senderId: 1, sessionType: 1, receiverId: 2, messageType: 4, sendTime: NOW - sentAgo },
    { msgId: 400, senderId: 2, sessionType: 1, receiverId: 1, messageType: 1, sendTime: NOW - sentAgo },
  ].map((m) => ({ ...m, ...over[m.msgId] }));
  return { originals: new Map(list.map((m) => [m.msgId, m])), now: NOW, windowMs: WINDOW };
}
const decide = (runs: Run[], answers?: RecallAnswers) => {
  const c = checkFields(runs, 100);
  const accepted = acceptMessages(runs, c.outcomes, directory, answers);
  return { c, accepted, outcomes: c.outcomes };
};

describe('recall: checkFields', () => {
  it('refuses malformed recalls with code 1 (no RecallContent, msg_id 0 or at 2^53, MT_RECALLED from a client) and names each original to look up once', () => {
    const runs = [
      run(1, [
        { ...recall(2, 100), content: Buffer.from([0x0a, 0xff]) }, // not a RecallContent (field 1 as bytes, truncated)
        { ...recall(2, 100), content: Buffer.alloc(0) }, // msg_id 0
        { ...recall(2, 100), content: Buffer.from(gochat.RecallContent.encode({ msgId: 2 ** 53 }).finish()) },
        { ...recall(2, 100), messageType: 5 },
        recall(2, 100),
        recall(7, 200, SessionType.GROUP),
      ]),
      run(2, [recall(1, 100), recall(1, 400)]),
    ];
    const c = checkFields(runs, 100);
    const bad = { code: Code.BAD_REQUEST, msg: 'MT_RECALL content must be a RecallContent with a msg_id' };
    expect(c.outcomes[0]).toEqual([bad, bad, bad, { code: Code.BAD_REQUEST, msg: 'invalid message_type' }, undefined, undefined]);
    expect(c.outcomes[1]).toEqual([undefined, undefined]);
    expect(c.recalls.sort()).toEqual([100, 200, 400]);
  });
});

describe('recall: acceptMessages', () => {
  it('the sender recalling its own message in the same conversation within the window: accepted, to the recipients of any message there', () => {
    const { accepted, outcomes } = decide([run(1, [recall(2, 100), recall(7, 200, SessionType.GROUP)])], originals());
    expect(outcomes[0]).toEqual([undefined, undefined]);
    expect(accepted.map((a) => [a.index, a.recipients])).toEqual([
      [0, [2, 1]],
      [1, [1, 2, 3]],
    ]);
  });

  it('code 4 when the original was found nowhere; code 3 for another sender, another conversation, a recall of a recall', () => {
    const { accepted, outcomes } = decide(
      [
        run(1, [recall(2, 999), recall(2, 400), recall(3, 100), recall(2, 100, SessionType.GROUP), recall(7, 100, SessionType.GROUP), recall(2, 300)]),
        run(2, [recall(1, 100)]),
      ],
      originals(),
    );
    expect(accepted).toEqual([]);
    const forbidden = (msg: string) => ({ code: Code.FORBIDDEN, msg });
    expect(outcomes[0]).toEqual([
      { code: Code.NOT_FOUND, msg: 'message to recall not found' },
      forbidden('only its sender may recall a message'),
      forbidden('the message to recall is in another conversation'), // to user 3, not 2
      { code: Code.NOT_FOUND, msg: 'group not found' }, // group 2 does not exist: the receiver is checked first
      forbidden('the message to recall is in another conversation'), // group 7, but 100 went to user 2
      forbidden('a recall cannot be recalled'),
    ]);
    expect(outcomes[1]).toEqual([forbidden('only its sender may recall a message')]);
  });

  it('the window: exactly recall_window after the original is still in time, one ms later is code 3', () => {
    expect(decide([run(1, [recall(2, 100)])], originals(WINDOW)).outcomes[0]).toEqual([undefined]);
    expect(decide([run(1, [recall(2, 100)])], originals(WINDOW + 1)).outcomes[0]).toEqual([{ code: Code.FORBIDDEN, msg: `the recall window (${WINDOW} ms) has passed` }]);
    // A message stamped slightly ahead of this node's clock (another node's) is in time.
    expect(decide([run(1, [recall(2, 100)])], originals(-500)).outcomes[0]).toEqual([undefined]);
  });

  it('a recall is not found without lookup answers; a sender no longer in the group cannot recall there', () => {
    expect(decide([run(1, [recall(2, 100)])]).outcomes[0]).toEqual([{ code: Code.NOT_FOUND, msg: 'message to recall not found' }]);
    const outcomes: ({ code: number; msg: string } | undefined)[][] = [[undefined]];
    expect(acceptMessages([run(1, [recall(7, 200, SessionType.GROUP)])], outcomes, { ...directory, members: new Map([[7, [2, 3]]]) }, originals())).toEqual([]);
    expect(outcomes[0]).toEqual([{ code: Code.FORBIDDEN, msg: 'not a member of the group' }]);
  });

  it('other messages of the tick are decided as before, in order, around the recalls', () => {
    const text: UplinkMessage = { sessionType: 1, receiverId: 2, messageType: 1, content: Buffer.from('hi') };
    const { accepted, outcomes } = decide([run(1, [text, recall(2, 999), text, recall(2, 100)])], originals());
    expect(accepted.map((a) => a.index)).toEqual([0, 2, 3]);
    expect(outcomes[0]![1]).toEqual({ code: Code.NOT_FOUND, msg: 'message to recall not found' });
  });
});
