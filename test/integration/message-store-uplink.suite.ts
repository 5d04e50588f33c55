// What the message store does for exactly-once uplink across owners
// (MessageStore.claimUplink, fences, collisions, tombstones; DESIGN.md §2.1,
// I1–I4), as one suite run against every implementation.
import { describe, expect, it } from 'vitest';
import type { MessageStore } from '../../src/store/message-store.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';

/** Opens a store on the test's database; `second` opens another handle (another process's pool) on the same database. */
export interface UplinkStoreHarness {
  store: MessageStore;
  second(): MessageStore;
  /** rows of a table matching a WHERE clause */
  count(table: string, where?: string): Promise<number>;
}

function msg(msgId: number, over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId,
    senderId: 1,
    deviceId: 'phone',
    clientId: msgId,
    sessionType: 1,
    receiverId: 2,
    messageType: 1,
    content: Buffer.from(`m${msgId}`),
    sendTime: 1_700_000_000_000 + msgId,
    senderSeq: msgId,
    ...over,
  };
}

function batch(m: StoredMessage, rows: [userId: number, seq: number][]): PersistBatch {
  return { messages: [m], userIds: rows.map((r) => r[0]), seqs: rows.map((r) => r[1]), msgIds: rows.map(() => m.msgId) };
}

export function messageStoreUplinkContract(name: string, harness: () => UplinkStoreHarness): void {
  describe(`MessageStore uplink claims, fences and collisions: ${name}`, () => {
    it('claimUplink answers the stored copy if there is one, else raises the fence to a new generation', async () => {
      const { store } = harness();
      await store.persist([batch(msg(10, { clientId: 1, senderSeq: 4 }), [[1, 4], [2, 1]])]);
      expect(await store.claimUplink(1, 'phone', 1)).toEqual({ stored: { senderSeq: 4, msgId: 10 } });
      expect(await store.claimUplink(1, 'phone', 2)).toEqual({ fence: 1 });
      expect(await store.claimUplink(1, 'phone', 2)).toEqual({ fence: 2 });
      expect(await store.claimUplink(1, 'laptop', 2)).toEqual({ fence: 1 }); // per device
      expect(await store.uplinkState(1, 'phone')).toEqual({ last: { clientId: 1, senderSeq: 4, msgId: 10 }, fence: 2 });
      expect(await store.uplinkState(1, 'laptop')).toEqual({ last: null, fence: 1 });
    });

    it('uplinkStates answers each device as uplinkState does, in the order asked, across senders and devices', async () => {
      const { store } = harness();
      await store.persist([
        batch(msg(10, { clientId: 1, senderSeq: 1 }), [[1, 1], [2, 1]]),
        batch(msg(11, { clientId: 5, senderSeq: 2 }), [[1, 2], [2, 2]]),
        batch(msg(12, { deviceId: 'laptop', clientId: 2, senderSeq: 3 }), [[1, 3], [2, 3]]),
        batch(msg(13, { senderId: 2, receiverId: 1, clientId: 7, senderSeq: 4 }), [[2, 4], [1, 4]]),
        { messages: [], userIds: [], seqs: [], msgIds: [], rejections: [{ senderId: 2, deviceId: 'phone', clientId: 8, code: 3, msg: 'no' }, { senderId: 1, deviceId: 'laptop', clientId: 1, code: 4, msg: 'old' }] },
      ]);
      expect(await store.claimUplink(3, 'tablet', 1)).toEqual({ fence: 1 });
      const asked = [
        { userId: 2, deviceId: 'phone' },
        { userId: 1, deviceId: 'phone' },
        { userId: 3, deviceId: 'tablet' },
        { userId: 1, deviceId: 'laptop' },
        { userId: 4, deviceId: 'phone' },
        { userId: 1, deviceId: 'phone' },
      ];
      const one = await Promise.all(asked.map((d) => store.uplinkState(d.userId, d.deviceId)));
      expect(await store.uplinkStates(asked)).toEqual(one);
      expect(one).toEqual([
        { last: { clientId: 8, code: 3, msg: 'no' }, fence: 0 },
        { last: { clientId: 5, senderSeq: 2, msgId: 11 }, fence: 0 },
        { last: null, fence: 1 },
        { last: { clientId: 2, senderSeq: 3, msgId: 12 }, fence: 0 },
        { last: null, fence: 0 },
        { last: { clientId: 5, senderSeq: 2, msgId: 11 }, fence: 0 },
      ]);
      expect(await store.uplinkStates([])).toEqual([]);
    });

    it('claimFirstStart answers true once, to one of several callers, and only while nothing was stored', async () => {
      const { store, second } = harness();
      const other = second();
      const answers = await Promise.all([store.claimFirstStart(), other.claimFirstStart(), store.claimFirstStart()]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await store.claimFirstStart()).toBe(false);
    });

    it('claimFirstStart on a database that already holds messages (one written before the mark existed) answers false', async () => {
      const { store } = harness();
      await store.persist([batch(msg(10), [[1, 1], [2, 1]])]);
      expect(await store.claimFirstStart()).toBe(false);
      expect(await store.claimFirstStart()).toBe(false);
    });

    it('a copy made under an older generation than a fence covering its client_id is refused (rows become tombstones); others are stored', async () => {
      const { store, count } = harness();
      expect(await store.claimUplink(1, 'phone', 5)).toEqual({ fence: 1 });
      const r = await store.persist([
        batch(msg(20, { clientId: 4 }), [[2, 1]]), // below the fence: an older copy is fine
        batch(msg(21, { clientId: 5 }), [[2, 2]]), // the claimed one, old generation: refused
        batch(msg(22, { clientId: 6 }), [[2, 3]]), // after it, old generation: refused
        batch(msg(23, { clientId: 5, senderId: 9 }), [[2, 4]]), // another sender: fine
      ]);
      expect(r).toEqual({ collisions: 0, fenced: 2 });
      expect((await store.readInbox(2, 0, 10)).map((e) => [e.seq, e.msgId])).toEqual([
        [1, 20],
        [2, 0],
        [3, 0],
        [4, 23],
      ]);
      // The new copies, stamped with the fence, are stored.
      expect(await store.persist([batch(msg(31, { clientId: 5, fence: 1 }), [[2, 5]]), batch(msg(32, { clientId: 6, fence: 1 }), [[2, 6]])])).toEqual({ collisions: 0, fenced: 0 });
      expect(await store.findUplink(1, 'phone', 5)).toEqual({ senderSeq: 31, msgId: 31 });
      expect(await count('messages')).toBe(4);
    });

    it('every fence keeps refusing what it covered: a later fence starting higher does not let an older copy in', async () => {
      const { store } = harness();
      expect(await store.claimUplink(1, 'phone', 5)).toEqual({ fence: 1 });
      expect(await store.claimUplink(1, 'phone', 8)).toEqual({ fence: 2 });
      const r = await store.persist([
        batch(msg(40, { clientId: 6, fence: 0 }), [[3, 1]]), // fence 1 covers it
        batch(msg(41, { clientId: 7, fence: 1 }), [[3, 2]]), // made after fence 1, below fence 2: fine
        batch(msg(42, { clientId: 9, fence: 1 }), [[3, 3]]), // fence 2 covers it
        batch(msg(43, { clientId: 10, fence: 2 }), [[3, 4]]),
      ]);
      expect(r.fenced).toBe(2);
      expect((await store.readInbox(3, 0, 10)).map((e) => e.msgId)).toEqual([0, 41, 0, 43]);
    });

    it('a claim racing the persist of an older copy: either the claim finds that copy stored, or the copy is refused — never both, never neither', async () => {
      const { store, second } = harness();
      const other = second();
      for (let i = 0; i < 24; i++) {
        const device = `race-${i}`;
        const old = msg(100 + i, { deviceId: device, clientId: 1, senderSeq: 100 + i });
        const [claim, persisted] = await Promise.all([
          (i % 2 ? store : other).claimUplink(1, device, 1),
          (i % 2 ? other : store).persist([batch(old, [[4, 100 + i]])]),
        ]);
        const found = await store.findUplink(1, device, 1);
        if ('stored' in claim) {
          expect(claim.stored, device).toEqual({ senderSeq: 100 + i, msgId: 100 + i });
          expect(persisted.fenced, device).toBe(0);
          expect(found, device).toEqual({ senderSeq: 100 + i, msgId: 100 + i });
        } else {
          expect(persisted.fenced, device).toBe(1);
          expect(found, device).toBeNull();
          expect((await store.readInbox(4, 99 + i, 1))[0]?.msgId, device).toBe(0);
        }
      }
    });

    it('a row that lands where another message is stored is a collision: counted, the stored one kept; a batch delivered again is not', async () => {
      const { store } = harness();
      const b = batch(msg(50), [[5, 1], [6, 1]]);
      expect(await store.persist([b])).toEqual({ collisions: 0, fenced: 0 });
      expect(await store.persist([b])).toEqual({ collisions: 0, fenced: 0 }); // redelivered
      // A reused seq: another message at (5, 1).
      expect(await store.persist([batch(msg(51), [[5, 1], [6, 2]])])).toEqual({ collisions: 1, fenced: 0 });
      expect((await store.readInbox(5, 0, 10)).map((e) => e.msgId)).toEqual([50]);
      expect((await store.readInbox(6, 0, 10)).map((e) => e.msgId)).toEqual([50, 51]);
      // A message landing on a tombstone is one too (its seq was abandoned).
      expect(await store.tombstone([7], [1])).toBe(0);
      expect(await store.persist([batch(msg(52), [[7, 1]])])).toEqual({ collisions: 1, fenced: 0 });
      expect((await store.readInbox(7, 0, 10)).map((e) => e.msgId)).toEqual([0]);
    });

    it('final rejections are stored with the messages: found, recovered as the last answered client_id, claimed, and refused by a fence like messages', async () => {
      const { store, count } = harness();
      await store.persist([
        { ...batch(msg(70, { clientId: 1, senderSeq: 3 }), [[9, 3]]), rejections: [{ senderId: 1, deviceId: 'phone', clientId: 2, code: 3, msg: 'not a member' }] },
        { messages: [], userIds: [], seqs: [], msgIds: [], rejections: [{ senderId: 1, deviceId: 'phone', clientId: 2, code: 3, msg: 'not a member' }] }, // redelivered
      ]);
      expect(await count('uplink_rejections')).toBe(1);
      expect(await store.findUplink(1, 'phone', 2)).toEqual({ code: 3, msg: 'not a member' });
      expect(await store.findUplink(1, 'phone', 1)).toEqual({ senderSeq: 3, msgId: 70 });
      expect(await store.uplinkState(1, 'phone')).toEqual({ last: { clientId: 2, code: 3, msg: 'not a member' }, fence: 0 });
      expect(await store.claimUplink(1, 'phone', 2)).toEqual({ stored: { code: 3, msg: 'not a member' } });
      expect(await store.claimUplink(1, 'phone', 3)).toEqual({ fence: 1 });
      const r = await store.persist([{ messages: [], userIds: [], seqs: [], msgIds: [], rejections: [{ senderId: 1, deviceId: 'phone', clientId: 3, code: 4, msg: 'old' }, { senderId: 1, deviceId: 'phone', clientId: 4, code: 4, msg: 'new', fence: 1 }] }]);
      expect(r.fenced).toBe(1);
      expect(await store.findUplink(1, 'phone', 3)).toBeNull();
      expect(await store.findUplink(1, 'phone', 4)).toEqual({ code: 4, msg: 'new' });
    });

    it('tombstone() clears the rows of the messages it abandons, never those of another stored message', async () => {
      const { store, count } = harness();
      await store.persist([batch(msg(60, { clientId: 1 }), [[8, 1]]), batch(msg(61, { clientId: 2 }), [[8, 2]])]);
      // The publish of 60 timed out, yet it was persisted: abandon it. 61 at (8, 2) is another message.
      expect(await store.tombstone([8, 8, 8], [1, 2, 3], [60])).toBe(1);
      expect((await store.readInbox(8, 0, 10)).map((e) => [e.seq, e.msgId])).toEqual([
        [1, 0],
        [2, 61],
        [3, 0],
      ]);
      expect(await count('messages')).toBe(1);
    });
  });
}
