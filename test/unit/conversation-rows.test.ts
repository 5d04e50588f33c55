// The pure part of keeping conversations in a persist: which rows count,
// in which conversation, in which order, and what position checks decide.
import { describe, expect, it } from 'vitest';
import { ConversationDeltas, conversationOf, conversationUpsertSql, deltaValuesSql, envelopeOf, type MessageEnvelope } from '../../src/store/conversation-rows.js';
import { countMismatches, heldPositions, mismatchAt, type InboxRows } from '../../src/store/persist-rows.js';

const rows = (r: [user: number, seq: number, msgId: number][]): InboxRows => ({
  length: r.length,
  users: Float64Array.from(r.map((x) => x[0])),
  seqs: Float64Array.from(r.map((x) => x[1])),
  msgIds: Float64Array.from(r.map((x) => x[2])),
});

const envelopes = new Map<number, MessageEnvelope>([
  [10, { senderId: 1, sessionType: 1, receiverId: 2, messageType: 1 }], // 1 → 2
  [11, { senderId: 2, sessionType: 1, receiverId: 1, messageType: 1 }], // 2 → 1
  [12, { senderId: 1, sessionType: 2, receiverId: 900, messageType: 1 }], // 1 → group 900
  [13, { senderId: 1, sessionType: 1, receiverId: 2, messageType: 4 }], // a recall
  [14, { senderId: 3, sessionType: 1, receiverId: 3, messageType: 1 }], // to oneself
]);

describe('conversationOf', () => {
  it('a 1:1 is named by the other user on both sides, a group by the group, a note to oneself by oneself', () => {
    expect(conversationOf(1, envelopes.get(10)!)).toEqual({ sessionType: 1, peerId: 2 });
    expect(conversationOf(2, envelopes.get(10)!)).toEqual({ sessionType: 1, peerId: 1 });
    expect(conversationOf(2, envelopes.get(12)!)).toEqual({ sessionType: 2, peerId: 900 });
    expect(conversationOf(1, envelopes.get(12)!)).toEqual({ sessionType: 2, peerId: 900 });
    expect(conversationOf(3, envelopes.get(14)!)).toEqual({ sessionType: 1, peerId: 3 });
  });

  it('envelopeOf reads a messages row (numbers may come back as strings)', () => {
    expect(envelopeOf({ msg_id: '5', sender_id: '7', session_type: 2, receiver_id: '900', message_type: '1' })).toEqual({ senderId: 7, sessionType: 2, receiverId: 900, messageType: 1 });
  });
});

describe('ConversationDeltas', () => {
  const r = rows([
    [1, 1, 10],
    [2, 1, 10],
    [2, 2, 11],
    [1, 2, 11],
    [5, 1, 12],
    [1, 3, 12],
    [2, 3, 13],
    [2, 4, 0], // a tombstone of the batch
    [2, 5, 99], // a message not present (duplicate or abandoned): written as a tombstone
    [3, 1, 14],
  ]);
  const present = new Set([10, 11, 12, 13, 14]);

  it('counts unread only for copies from someone else that are not recalls, and skips rows without a present message', () => {
    const d = new ConversationDeltas((id) => envelopes.get(id));
    d.add(r, 0, r.length, present);
    expect(d.sorted().map((x) => [x.userId, x.sessionType, x.peerId, x.seq, x.msgId, x.unread])).toEqual([
      [1, 1, 2, 1, 10, 0],
      [1, 1, 2, 2, 11, 1],
      [1, 2, 900, 3, 12, 0],
      [2, 1, 1, 1, 10, 1],
      [2, 1, 1, 2, 11, 0],
      [2, 1, 1, 3, 13, 0],
      [3, 1, 3, 1, 14, 0],
      [5, 2, 900, 1, 12, 1],
    ]);
  });

  it('leaves out the rows `skip` names, across several chunks', () => {
    const d = new ConversationDeltas((id) => envelopes.get(id));
    d.add(r, 0, 4, present, (i) => i === 1);
    d.add(r, 4, r.length, present, (i) => i >= 6);
    expect(d.length).toBe(5);
    expect(d.sorted().map((x) => [x.userId, x.seq])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 2],
      [5, 1],
    ]);
  });

  it('refuses a present message it cannot name (a store bug, not a silent miscount)', () => {
    const d = new ConversationDeltas(() => undefined);
    expect(() => d.add(rows([[1, 1, 10]]), 0, 1, new Set([10]))).toThrow(/unknown/);
  });
});

describe('position checks', () => {
  const r = rows([
    [1, 1, 10],
    [1, 2, 11],
    [2, 1, 0],
    [2, 2, 12],
  ]);
  const present = new Set([10, 12]); // 11 absent: written as a tombstone

  it('a position holding what the batch puts there (its message, or a tombstone for an absent one) is no mismatch; another message or a tombstone is', () => {
    const held = heldPositions([
      { user_id: 1, seq: 1, msg_id: 10 },
      { user_id: '1', seq: '2', msg_id: '0' },
      { user_id: 2, seq: 1, msg_id: 77 },
      { user_id: 2, seq: 2, msg_id: 0 },
    ]);
    expect([0, 1, 2, 3].map((i) => mismatchAt(r, i, present, held))).toEqual([false, false, true, true]);
    expect(countMismatches(r, 0, 4, present, held)).toBe(2);
    expect(countMismatches(r, 0, 2, present, held)).toBe(0);
    expect(countMismatches(r, 0, 4, present, new Map())).toBe(0);
  });
});

describe('upsert statements', () => {
  const deltas = [
    { userId: 1, sessionType: 1, peerId: 2, seq: 7, msgId: 10, unread: 1 as const },
    { userId: 1, sessionType: 1, peerId: 2, seq: 8, msgId: 11, unread: 0 as const },
  ];
  it('one VALUES row per delta, as literals', () => {
    expect(deltaValuesSql(deltas)).toBe('(1,1,2,7,10,1),(1,1,2,8,11,0)');
  });
  it('MySQL moves last_msg_id before last_seq (assignments run left to right); SQLite compares with the old row', () => {
    const my = conversationUpsertSql('mysql', deltas);
    expect(my).toContain('ON DUPLICATE KEY UPDATE');
    expect(my.indexOf('last_msg_id =')).toBeLessThan(my.indexOf('last_seq = GREATEST'));
    expect(my.indexOf('unread =')).toBeLessThan(my.indexOf('last_seq = GREATEST'));
    const lite = conversationUpsertSql('sqlite', deltas);
    expect(lite).toContain('ON CONFLICT (user_id, session_type, peer_id) DO UPDATE');
    expect(lite).toContain('excluded.last_seq > read_seq');
  });
});
