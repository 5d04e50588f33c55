// Pure validation of a tick (src/chat/validate.ts): field checks, the ids
// to look up, and what the directory's answers decide (DESIGN.md §2.2).
import { describe, expect, it } from 'vitest';
import { Code } from '../../src/errors.js';
import type { Run } from '../../src/chat/run.js';
import type { UplinkMessage } from '../../src/chat/types.js';
import { acceptMessages, checkFields, SessionType, type DirectoryAnswers } from '../../src/chat/validate.js';

const text = (receiverId: number, sessionType: number = SessionType.SINGLE, content = 'hi'): UplinkMessage => ({ sessionType, receiverId, messageType: 1, content: Buffer.from(content) });
function run(userId: number, msgs: (UplinkMessage | null)[], firstClientId = 1): Run {
  return { userId, deviceId: 'd', owner: 'o', fence: 0, entries: msgs.map((msg, i) => ({ clientId: firstClientId + i, msg })), done: () => undefined };
}
const answers = (existing: number[], members: Record<number, number[] | null>): DirectoryAnswers => ({
  existing: new Set(existing),
  members: new Map(Object.entries(members).map(([g, l]) => [Number(g), l])),
});

describe('checkFields', () => {
  it('rejects malformed entries with their final code and names each receiver and group to look up once', () => {
    const runs = [
      run(1, [
        null,
        { ...text(2), sessionType: 0 },
        { ...text(2), messageType: 6 },
        text(0),
        text(2.5),
        text(2, SessionType.SINGLE, 'x'.repeat(11)),
        text(2),
        text(7, SessionType.GROUP),
      ]),
      run(3, [text(2), text(7, SessionType.GROUP), text(8, SessionType.GROUP), text(2, SessionType.SINGLE, 'x'.repeat(10))]),
    ];
    const c = checkFields(runs, 10);
    expect(c.outcomes[0]).toEqual([
      { code: Code.BAD_REQUEST, msg: 'message missing' },
      { code: Code.BAD_REQUEST, msg: 'invalid session_type' },
      { code: Code.BAD_REQUEST, msg: 'invalid message_type' },
      { code: Code.BAD_REQUEST, msg: 'invalid receiver_id' },
      { code: Code.BAD_REQUEST, msg: 'invalid receiver_id' },
      { code: Code.TOO_LARGE, msg: 'content exceeds 10 bytes' },
      undefined,
      undefined,
    ]);
    expect(c.outcomes[1]).toEqual([undefined, undefined, undefined, undefined]); // 10 bytes is within the limit
    expect(c.users).toEqual([2]);
    expect(c.groups).toEqual([7, 8]);
  });

  it('a receiver named only by a rejected entry is not looked up', () => {
    const c = checkFields([run(1, [text(5, SessionType.SINGLE, 'too long'), text(6, SessionType.GROUP, 'too long')])], 3);
    expect(c.users).toEqual([]);
    expect(c.groups).toEqual([]);
  });
});

describe('acceptMessages', () => {
  it('1:1: the receiver and the sender get a copy (the sender once when writing to itself); an unknown receiver is code 4', () => {
    const runs = [run(1, [text(2), text(1), text(9)])];
    const c = checkFields(runs, 100);
    const accepted = acceptMessages(runs, c.outcomes, answers([1, 2], {}));
    expect(accepted.map((a) => [a.index, a.recipients])).toEqual([
      [0, [2, 1]],
      [1, [1]],
    ]);
    expect(c.outcomes[0]).toEqual([undefined, undefined, { code: Code.NOT_FOUND, msg: 'receiver not found' }]);
  });

  it('groups: every member gets a copy, a non-member is code 3, an unknown group code 4', () => {
    const runs = [run(1, [text(7, SessionType.GROUP), text(8, SessionType.GROUP)]), run(4, [text(7, SessionType.GROUP)]), run(5, [text(6, SessionType.GROUP)])];
    const c = checkFields(runs, 100);
    const accepted = acceptMessages(runs, c.outcomes, answers([], { 7: [1, 2, 3], 8: [], 6: null }));
    expect(accepted.map((a) => [a.runIndex, a.index, a.recipients])).toEqual([[0, 0, [1, 2, 3]]]);
    expect(c.outcomes).toEqual([
      [undefined, { code: Code.FORBIDDEN, msg: 'not a member of the group' }],
      [{ code: Code.FORBIDDEN, msg: 'not a member of the group' }],
      [{ code: Code.NOT_FOUND, msg: 'group not found' }],
    ]);
  });

  it('keeps what checkFields rejected, and answers accepted messages in run order, then client_id order (the order seqs are handed out in)', () => {
    const runs = [run(1, [text(2), null, text(2)], 5), run(2, [text(1)], 1)];
    const c = checkFields(runs, 100);
    const accepted = acceptMessages(runs, c.outcomes, answers([1, 2], {}));
    expect(accepted.map((a) => `${a.run.userId}:${a.run.entries[a.index]!.clientId}`)).toEqual(['1:5', '1:7', '2:1']);
    expect(accepted.map((a) => a.runIndex)).toEqual([0, 0, 1]);
    expect(c.outcomes[0]![1]).toEqual({ code: Code.BAD_REQUEST, msg: 'message missing' });
    expect(accepted[0]!.msg).toBe(runs[0]!.entries[0]!.msg);
  });
});
