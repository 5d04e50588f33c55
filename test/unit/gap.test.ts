import { describe, expect, it } from 'vitest';
import { selectSyncable } from '../../src/chat/gap.js';
import type { InboxEntry, StoredMessage } from '../../src/store/types.js';

const msg = (id: number): StoredMessage => ({
  msgId: id, senderId: 1, deviceId: 'd', clientId: id, sessionType: 1, receiverId: 2, messageType: 1,
  content: new Uint8Array([id]), sendTime: 0, senderSeq: 0,
});
const row = (seq: number, ageMs = 0, tombstone = false): InboxEntry => ({ seq, msgId: tombstone ? 0 : seq, ageMs, message: tombstone ? null : msg(seq) });

describe('selectSyncable (I5 hold-back)', () => {
  it('returns a contiguous run', () => {
    const d = selectSyncable([row(1), row(2), row(3)], 0, 1000);
    expect(d.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(d).toMatchObject({ lastSeq: 3, blocked: false });
  });

  it('holds back everything above a young gap', () => {
    const d = selectSyncable([row(1), row(2), row(4, 10), row(5)], 0, 1000);
    expect(d.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(d).toMatchObject({ lastSeq: 2, blocked: true });
  });

  it('holds back a young gap right at the start', () => {
    const d = selectSyncable([row(7, 5)], 5, 1000);
    expect(d.messages).toEqual([]);
    expect(d).toMatchObject({ lastSeq: 5, blocked: true });
  });

  it('passes over a gap older than the bound', () => {
    const d = selectSyncable([row(1), row(4, 5000), row(5, 10), row(6, 10)], 0, 1000);
    expect(d.messages.map((m) => m.seq)).toEqual([1, 4, 5, 6]);
    expect(d.blocked).toBe(false);
  });

  it('the bound is exclusive: a gap exactly as old as the bound still holds', () => {
    expect(selectSyncable([row(3, 1000)], 1, 1000).blocked).toBe(true);
    expect(selectSyncable([row(3, 1001)], 1, 1000).blocked).toBe(false);
  });

  it('tombstones fill their position and are not returned', () => {
    const d = selectSyncable([row(1), row(2, 0, true), row(3)], 0, 1000);
    expect(d.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(d.lastSeq).toBe(3);
  });

  it('a page of tombstones only still advances lastSeq', () => {
    const d = selectSyncable([row(11, 0, true), row(12, 0, true)], 10, 1000);
    expect(d.messages).toEqual([]);
    expect(d).toMatchObject({ lastSeq: 12, blocked: false });
  });

  it('ignores rows at or below afterSeq', () => {
    const d = selectSyncable([row(3), row(4)], 3, 1000);
    expect(d.messages.map((m) => m.seq)).toEqual([4]);
  });
});
