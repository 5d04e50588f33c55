import { describe, expect, it } from 'vitest';
import { idListSql, inboxValuesSql, prepareRows, rowOrder } from '../../src/store/persist-rows.js';
import { mulberry32 } from '../support/prng.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';

const message = (msgId: number): StoredMessage => ({
  msgId,
  senderId: 1,
  deviceId: 'd',
  clientId: msgId,
  sessionType: 1,
  receiverId: 2,
  messageType: 1,
  content: new Uint8Array(0),
  sendTime: 1,
  senderSeq: 1,
});
const batch = (rows: [number, number, number][], msgIds: number[] = []): PersistBatch => ({
  messages: msgIds.map(message),
  userIds: rows.map((r) => r[0]),
  seqs: rows.map((r) => r[1]),
  msgIds: rows.map((r) => r[2]),
});
const rowsOf = (p: NonNullable<ReturnType<typeof prepareRows>>) =>
  Array.from({ length: p.rows.length }, (_, i) => [p.rows.users[i], p.rows.seqs[i], p.rows.msgIds[i]]);

describe('rowOrder', () => {
  const reference = (users: Float64Array, seqs: Float64Array) =>
    Array.from(users, (_, i) => i).sort((a, b) => users[a]! - users[b]! || seqs[a]! - seqs[b]! || a - b);

  it('orders indices by (user, seq, arrival) exactly as a stable comparator sort, for random, presorted, reversed and run-structured input', () => {
    const rnd = mulberry32(7);
    const shapes: [string, (n: number) => [number[], number[]]][] = [
      ['random with repeats', (n) => [Array.from({ length: n }, () => Math.floor(rnd() * 20)), Array.from({ length: n }, () => Math.floor(rnd() * 5))]],
      ['sorted', (n) => [Array.from({ length: n }, (_, i) => i >> 2), Array.from({ length: n }, (_, i) => i & 3)]],
      ['reversed', (n) => [Array.from({ length: n }, (_, i) => n - i), Array.from({ length: n }, () => 1)]],
      // k messages to the same members: k sorted runs, seqs rising per user
      ['runs', (n) => {
        const members = 13;
        const u: number[] = [];
        const q: number[] = [];
        for (let i = 0; i < n; i++) {
          u.push(1000 + (i % members));
          q.push(Math.floor(i / members) + 1);
        }
        return [u, q];
      }],
    ];
    for (const [name, make] of shapes) {
      for (const n of [0, 1, 2, 3, 7, 64, 65, 1000]) {
        const [u, q] = make(n);
        const users = Float64Array.from(u);
        const seqs = Float64Array.from(q);
        expect(Array.from(rowOrder(users, seqs)), `${name}, n=${n}`).toEqual(reference(users, seqs));
      }
    }
  });
});

describe('prepareRows', () => {
  it('sorts rows by (user, seq), keeps the first of repeated positions (as INSERT IGNORE would) and lists referenced msg_ids', () => {
    const p = prepareRows([
      batch([[9, 2, 100], [3, 7, 100], [9, 1, 0]], [100]),
      batch([[3, 7, 200], [3, 5, 200], [9, 2, 300]], [200, 300, 100]),
    ])!;
    expect(rowsOf(p)).toEqual([[3, 5, 200], [3, 7, 100], [9, 1, 0], [9, 2, 100]]);
    expect(p.referenced).toEqual([100, 200]);
    expect(p.messages.map((m) => m.msgId)).toEqual([100, 200, 300]);
  });

  it('a redelivered batch adds nothing', () => {
    const b = batch([[1, 1, 5], [2, 1, 5]], [5]);
    expect(rowsOf(prepareRows([b, b])!)).toEqual(rowsOf(prepareRows([b])!));
  });

  it('rejects ids that are not safe integers and rows whose arrays differ in length', () => {
    expect(() => prepareRows([batch([[2 ** 53, 1, 1]])])).toThrow(/out of range/);
    expect(() => prepareRows([batch([[1, -1, 1]])])).toThrow(/out of range/);
    expect(() => prepareRows([{ ...batch([[1, 1, 1]]), seqs: [] }])).toThrow(/differ in length/);
    expect(() => idListSql([1, 0.5])).toThrow(/out of range/);
  });

  it('builds SQL literals, with a tombstone (0) for a message not present', () => {
    const p = prepareRows([batch([[1, 1, 5], [1, 2, 6], [2, 1, 2 ** 53 - 1]])])!;
    expect(inboxValuesSql(p.rows, 0, 3, new Set([5, 2 ** 53 - 1]))).toBe('(1,1,5),(1,2,0),(2,1,9007199254740991)');
    expect(inboxValuesSql(p.rows, 1, 2, new Set())).toBe('(1,2,0)');
    expect(idListSql([3, 2 ** 53 - 1])).toBe('3,9007199254740991');
  });
});
