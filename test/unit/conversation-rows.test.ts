// The pure part of keeping conversations in a persist: which rows count,
// in which conversation, in which order, and what position checks decide.
import { describe, expect, it } from 'vitest';
import { ConversationDeltas, conversationOf, conversationUpsertSql, updateValuesSql, foldDeltas, countUnread, unreadKeysSql, readSeqsSql, envelopeOf, type MessageEnvelope } from '../../src/store/conversation-rows.js';
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

describe('folding a persist into one update per conversation', () => {
  const d = (userId: number, peerId: number, seq: number, msgId: number, unread: 0 | 1) => ({ userId, sessionType: 2, peerId, seq, msgId, unread });
  it('one update per (user, conversation) with its newest row, the unread seqs kept', () => {
    const ups = foldDeltas([d(1, 9, 3, 30, 1), d(1, 9, 5, 50, 0), d(1, 9, 7, 70, 1), d(2, 9, 4, 30, 1), d(2, 10, 6, 80, 0)]);
    expect(ups.map((u) => [u.userId, u.peerId, u.lastSeq, u.lastMsgId, u.unreadSeqs])).toEqual([
      [1, 9, 7, 70, [3, 7]],
      [2, 9, 4, 30, [4]],
      [2, 10, 6, 80, []],
    ]);
    // only conversations with unread rows need their read_seq
    expect(unreadKeysSql(ups)).toBe('(1,2,9),(2,2,9)');
    expect(unreadKeysSql(foldDeltas([d(2, 10, 6, 80, 0)]))).toBeNull();
  });
  it('counts the unread rows above the read_seq found; a conversation not yet in the table has read nothing', () => {
    const ups = foldDeltas([d(1, 9, 3, 30, 1), d(1, 9, 5, 50, 1), d(1, 9, 7, 70, 1), d(2, 9, 4, 30, 1)]);
    countUnread(ups, [{ user_id: '1', session_type: '2', peer_id: '9', read_seq: '5' }]);
    expect(ups.map((u) => u.unread)).toEqual([1, 1]);
    countUnread(ups, []);
    expect(ups.map((u) => u.unread)).toEqual([3, 1]);
  });
});

describe('upsert statements', () => {
  const updates = [{ userId: 1, sessionType: 1, peerId: 2, lastSeq: 8, lastMsgId: 11, unreadSeqs: [7], unread: 1 }];
  it('one VALUES row per conversation, as literals; the read_seq read locks on MySQL', () => {
    expect(updateValuesSql(updates)).toBe('(1,1,2,8,11,1)');
    expect(readSeqsSql('mysql', '(1,1,2)')).toMatch(/IN \(\(1,1,2\)\) FOR UPDATE$/);
    expect(readSeqsSql('sqlite', '(1,1,2)')).not.toContain('FOR UPDATE');
  });
  it('MySQL moves last_msg_id before last_seq (assignments run left to right); SQLite compares with the old row', () => {
    const my = conversationUpsertSql('mysql', updates);
    expect(my).toContain('ON DUPLICATE KEY UPDATE');
    expect(my.indexOf('last_msg_id =')).toBeLessThan(my.indexOf('last_seq = GREATEST'));
    expect(my).toContain('unread = unread + VALUES(unread)');
    const lite = conversationUpsertSql('sqlite', updates);
    expect(lite).toContain('ON CONFLICT (user_id, session_type, peer_id) DO UPDATE');
    expect(lite).toContain('unread = unread + excluded.unread');
  });
});
