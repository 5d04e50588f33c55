// The persistence queue's batch encoding: rows as float64 columns, and the
// previous version's varint columns still read (batches left in the queue
// across an upgrade).
import { describe, expect, it } from 'vitest';
import { internal } from '../../src/proto/index.js';
import { decodePersistBatch, encodePersistBatch } from '../../src/queue/persist-batch-codec.js';
import type { PersistBatch } from '../../src/store/types.js';

const batch: PersistBatch = {
  messages: [
    { msgId: 2 ** 52 + 1, senderId: 3, deviceId: 'd', clientId: 4, sessionType: 2, receiverId: 9, messageType: 1, content: Buffer.from('x'), sendTime: 1_700_000_000_123, senderSeq: 5 },
  ],
  userIds: [3, 7, 2 ** 53 - 1],
  seqs: [5, 1, 2 ** 40],
  msgIds: [2 ** 52 + 1, 2 ** 52 + 1, 0],
};
const rows = (b: PersistBatch) => ({ userIds: Array.from(b.userIds), seqs: Array.from(b.seqs), msgIds: Array.from(b.msgIds) });

describe('PersistBatch codec', () => {
  it('round-trips every id up to 2^53 - 1 exactly', () => {
    const d = decodePersistBatch(encodePersistBatch(batch));
    expect(rows(d)).toEqual(rows(batch));
    expect(d.messages[0]).toMatchObject({ msgId: 2 ** 52 + 1, sendTime: 1_700_000_000_123, senderSeq: 5 });
  });

  it('reads a batch in the previous version\'s form (varint columns)', () => {
    const old = internal.PersistBatch.encode({ messages: batch.messages, userIds: [...batch.userIds as number[]], seqs: [...batch.seqs as number[]], msgIds: [...batch.msgIds as number[]] }).finish();
    expect(rows(decodePersistBatch(old))).toEqual(rows(batch));
  });

  it('rejects columns of different lengths, a torn float64 column and ids that are not safe integers', () => {
    const enc = (b: Partial<Record<'userIdsF64' | 'seqsF64' | 'msgIdsF64', Uint8Array>>) => internal.PersistBatch.encode({ messages: [], ...b }).finish();
    const f = (xs: number[]) => new Uint8Array(new Float64Array(xs).buffer);
    expect(() => decodePersistBatch(enc({ userIdsF64: f([1, 2]), seqsF64: f([1]), msgIdsF64: f([1, 2]) }))).toThrow(/differ in length/);
    expect(() => decodePersistBatch(enc({ userIdsF64: f([1]).subarray(0, 7), seqsF64: f([1]), msgIdsF64: f([1]) }))).toThrow(/float64/);
    expect(() => decodePersistBatch(enc({ userIdsF64: f([1.5]), seqsF64: f([1]), msgIdsF64: f([1]) }))).toThrow(/out of range/);
    expect(() => decodePersistBatch(enc({ userIdsF64: f([2 ** 53]), seqsF64: f([1]), msgIdsF64: f([1]) }))).toThrow(/out of range/);
  });
});
