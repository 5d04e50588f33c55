// The persistence queue's batch encoding: rows as float64 columns, and the
// previous version's varint columns still read (batches left in the queue
// across an upgrade). The hex fixtures pin the bytes on the wire: a change
// to them is a change of the queue's message format (batches already in the
// queue must still decode).
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

  // One message, two inbox rows, one rejection. Field by field (proto/internal.proto):
  const small: PersistBatch = {
    messages: [{ msgId: 9, senderId: 3, deviceId: 'd1', clientId: 4, sessionType: 1, receiverId: 5, messageType: 1, content: Buffer.from('hi'), sendTime: 1_700_000_000_000, senderSeq: 2 }],
    rejections: [{ senderId: 3, deviceId: 'd1', clientId: 5, code: 3, msg: 'no', fence: 1 }],
    userIds: [3, 5],
    seqs: [2, 7],
    msgIds: [9, 9],
  };
  const smallHex = [
    '0a1d', //                 1 messages, 29 bytes:
    '0809', //                   msg_id 9
    '1003', //                   sender_id 3
    '1a026431', //               device_id "d1"
    '2004', //                   client_id 4
    '2801', //                   session_type 1
    '3005', //                   receiver_id 5
    '3801', //                   message_type 1
    '42026869', //               content "hi"
    '4880d095ffbc31', //         send_time 1_700_000_000_000 (varint)
    '5002', //                   sender_seq 2 (fence 0: absent)
    '2a10' + '0000000000000840' + '0000000000001440', // 5 user_ids_f64: 3.0, 5.0 (little-endian float64)
    '3210' + '0000000000000040' + '0000000000001c40', // 6 seqs_f64: 2.0, 7.0
    '3a10' + '0000000000002240' + '0000000000002240', // 7 msg_ids_f64: 9.0, 9.0
    '4210', //                 8 rejections, 16 bytes:
    '0803', //                   sender_id 3
    '12026431', //               device_id "d1"
    '1805', //                   client_id 5
    '2003', //                   code 3
    '2a026e6f', //               msg "no"
    '3001', //                   fence 1
  ].join('');
  const rejectionOnlyHex = '4210' + '0803' + '12026431' + '1805' + '2003' + '2a026e6f' + '3001';

  it('encodes a small batch to exactly the fixture bytes, and decodes them back', () => {
    expect(encodePersistBatch(small).toString('hex')).toBe(smallHex);
    const d = decodePersistBatch(Buffer.from(smallHex, 'hex'));
    expect(rows(d)).toEqual(rows(small));
    expect(d.messages).toHaveLength(1);
    expect({ ...d.messages[0]!, content: Buffer.from(d.messages[0]!.content).toString() }).toEqual({ ...small.messages[0]!, content: 'hi' });
    expect(d.messages[0]!.fence).toBeUndefined();
    expect(d.rejections).toEqual(small.rejections);
  });

  it('encodes the empty batch to zero bytes, and zero bytes decode to the empty batch (no rejections key)', () => {
    const empty: PersistBatch = { messages: [], userIds: [], seqs: [], msgIds: [] };
    expect(encodePersistBatch(empty).length).toBe(0);
    expect(encodePersistBatch({ ...empty, rejections: [] }).length).toBe(0);
    const d = decodePersistBatch(new Uint8Array(0));
    expect(d.messages).toEqual([]);
    expect(rows(d)).toEqual({ userIds: [], seqs: [], msgIds: [] });
    expect('rejections' in d).toBe(false);
  });

  it('encodes a batch of rejections only (no rows, no messages) to exactly the fixture bytes, and back', () => {
    const b: PersistBatch = { messages: [], rejections: small.rejections!, userIds: [], seqs: [], msgIds: [] };
    expect(encodePersistBatch(b).toString('hex')).toBe(rejectionOnlyHex);
    const d = decodePersistBatch(Buffer.from(rejectionOnlyHex, 'hex'));
    expect(d).toEqual({ messages: [], rejections: small.rejections, userIds: [], seqs: [], msgIds: [] });
  });

  it("decodes the previous version's varint columns from fixture bytes", () => {
    // 2 user_ids [3, 5], 3 seqs [2, 7], 4 msg_ids [9, 9]: packed varints
    const d = decodePersistBatch(Buffer.from('1202' + '0305' + '1a02' + '0207' + '2202' + '0909', 'hex'));
    expect(rows(d)).toEqual(rows(small));
    expect(d.messages).toEqual([]);
  });

  it('rejects malformed bytes with an error that says PersistBatch and what is wrong', () => {
    const bad = (hex: string) => () => decodePersistBatch(Buffer.from(hex, 'hex'));
    // a length-delimited field longer than what follows (the contract test's garbage)
    expect(bad('0affff0102')).toThrow(/^PersistBatch: not a protobuf PersistBatch \(index out of range/);
    // the small fixture cut short inside its first message
    expect(bad(smallHex.slice(0, 20))).toThrow(/^PersistBatch: not a protobuf PersistBatch/);
    // wire type 7 does not exist
    expect(bad('0f')).toThrow(/^PersistBatch: not a protobuf PersistBatch \(invalid wire type 7/);
    // user_ids_f64 torn: 7 bytes
    expect(bad('2a07' + '00000000000008' + '3208' + '0000000000000040' + '3a08' + '0000000000002240')).toThrow(
      /^PersistBatch\.user_ids_f64: 7 bytes is not a whole number of float64s/,
    );
    // one row in user_ids_f64, none in the other columns
    expect(bad('2a08' + '0000000000000840')).toThrow(/^PersistBatch: userIds, seqs and msgIds differ in length/);
    // a NaN user id (float64 column): not a safe integer
    expect(bad('2a08' + '000000000000f87f' + '3208' + '0000000000000040' + '3a08' + '0000000000002240')).toThrow(/^PersistBatch: id out of range: NaN/);
    // varint column holding 2^53 (beyond what a double holds exactly)
    expect(bad('1208' + '8080808080808010' + '1a01' + '02' + '2201' + '09')).toThrow(/^PersistBatch: id out of range: 9007199254740992/);
    // a message whose msg_id is 2^53, and one whose send_time is 2^53
    expect(bad('0a09' + '08' + '8080808080808010')).toThrow(/^PersistBatch: id out of range: 9007199254740992/);
    expect(bad('0a09' + '48' + '8080808080808010')).toThrow(/^PersistBatch: bad send_time/);
    // a rejection with fence 2^53
    expect(bad('4209' + '30' + '8080808080808010')).toThrow(/^PersistBatch: id out of range: 9007199254740992/);
  });
});
