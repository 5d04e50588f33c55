// MessageStore contract (src/store/message-store.ts; DESIGN.md §2, §2.1,
// invariants I1–I5) as one suite run against every implementation (MySQL
// and SQLite: message-store.test.ts). Persistence (idempotence, duplicates,
// collisions, tombstones and abandonment, concurrent copies), sync reads,
// and the uplink side (claims, fences, rejections, first start); recall in
// message-store-recall.suite.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageStore } from '../../src/store/message-store.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';
import { recallContract } from './message-store-recall.suite.js';

/** One test's store on a fresh database, and what the suite needs to look behind it. */
export interface MessageStoreHarness {
  store: MessageStore;
  /** another handle on the same database (another process's pool or connection) */
  second(): MessageStore;
  /** a store on the same database writing in small chunks (chunkRows 7, chunkContentBytes 1000) */
  small(): MessageStore;
  /** rows of a table matching a WHERE clause */
  count(table: string, where?: string): Promise<number>;
  /** makes the inbox row (userId, seq) `ms` older by the database clock */
  backdate(userId: number, seq: number, ms: number): Promise<void>;
  /**
   * Runs `persist` (given a store and a user) while every inbox write for
   * that user fails, after the messages were written; asserts the
   * implementation's error and removes the cause.
   */
  failInboxWrite(persist: (store: MessageStore, user: number) => Promise<unknown>): Promise<void>;
}

function msg(msgId: number, over: Partial<StoredMessage> = {}): StoredMessage {
  const content = new Uint8Array(256);
  for (let i = 0; i < content.length; i++) content[i] = (i + msgId) & 0xff;
  return {
    msgId,
    senderId: 1,
    deviceId: 'phone',
    clientId: msgId,
    sessionType: 1,
    receiverId: 2,
    messageType: 1,
    content,
    sendTime: 1_700_000_000_000 + msgId,
    senderSeq: msgId,
    ...over,
  };
}

/** One message to `to` (and the sender's own inbox), with the given seqs. */
function batch(m: StoredMessage, rows: [userId: number, seq: number][]): PersistBatch {
  return { messages: [m], userIds: rows.map((r) => r[0]), seqs: rows.map((r) => r[1]), msgIds: rows.map(() => m.msgId) };
}

export function messageStoreContract(name: string, open: () => Promise<[MessageStoreHarness, () => Promise<void>]>): void {
  let h: MessageStoreHarness;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    [h, cleanup] = await open();
  });
  afterEach(async () => {
    await cleanup();
  });
  recallContract(name, () => h);

  describe(`MessageStore persistence and sync reads: ${name}`, () => {
      it('persist is idempotent: the same batch twice leaves one set of rows', async () => {
        const b = batch(msg(10), [
          [1, 1],
          [2, 1],
        ]);
        await h.store.persist([b]);
        await h.store.persist([b]);
        await h.store.persist([b, b]);
        expect(await h.count('messages')).toBe(1);
        expect(await h.count('inbox')).toBe(2);
        const [e] = await h.store.readInbox(2, 0, 10);
        expect(e!.msgId).toBe(10);
        expect(e!.message).toEqual({ ...msg(10), content: Buffer.from(msg(10).content) });
      });

      it('keeps 64-bit fields below 2^53 and binary content byte for byte', async () => {
        const content = new Uint8Array(70_000);
        for (let i = 0; i < content.length; i++) content[i] = (i * 7) & 0xff;
        const big = 2 ** 53 - 1;
        const m = msg(2 ** 50, { senderId: 2 ** 40, clientId: 2 ** 45, receiverId: big, senderSeq: 2 ** 52, sendTime: 1_799_999_999_999, content });
        await h.store.persist([batch(m, [[2 ** 41, 2 ** 51]])]);
        const [e] = await h.store.readInbox(2 ** 41, 0, 1);
        expect(e!.seq).toBe(2 ** 51);
        expect({ ...e!.message!, content: null }).toEqual({ ...m, content: null });
        expect(Buffer.from(e!.message!.content).equals(Buffer.from(content))).toBe(true);
      });

      it('writes many messages and rows of several batches in one call (multi-row chunks)', async () => {
        const small = h.small();
        const batches: PersistBatch[] = [];
        for (let i = 1; i <= 50; i++) {
          batches.push(
            batch(msg(i, { clientId: i }), [
              [1, i],
              [100 + (i % 3), i],
            ]),
          );
        }
        await small.persist(batches);
        expect(await h.count('messages')).toBe(50);
        expect(await h.count('inbox')).toBe(100);
        expect((await h.store.readInbox(1, 0, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      });

      it('a duplicate (sender, device, client_id) under a new msg_id gets tombstones for its inbox rows', async () => {
        await h.store.persist([
          batch(msg(10, { clientId: 5 }), [
            [1, 1],
            [2, 1],
          ]),
        ]);
        // The same uplink accepted again (dedup state lost) under msg_id 11 and new seqs.
        await h.store.persist([
          batch(msg(11, { clientId: 5 }), [
            [1, 2],
            [2, 2],
          ]),
        ]);
        expect(await h.count('messages')).toBe(1);
        const inbox2 = await h.store.readInbox(2, 0, 10);
        expect(inbox2.map((e) => [e.seq, e.msgId])).toEqual([
          [1, 10],
          [2, 0],
        ]);
        expect(inbox2[1]!.message).toBeNull();
        expect(await h.store.findUplink(1, 'phone', 5)).toEqual({ senderSeq: 10, msgId: 10 });
      });

      it('a duplicate inside one call: the first message wins, the other one’s rows are tombstones', async () => {
        await h.store.persist([batch(msg(20, { clientId: 9 }), [[3, 1]]), batch(msg(21, { clientId: 9 }), [[3, 2]])]);
        expect((await h.store.readInbox(3, 0, 10)).map((e) => [e.seq, e.msgId])).toEqual([
          [1, 20],
          [2, 0],
        ]);
      });

      it('a tombstone wins over a late real row; tombstone() never replaces a stored message (a collision, counted)', async () => {
        await h.store.tombstone([5, 5], [1, 2]);
        await h.store.persist([
          batch(msg(30), [
            [5, 1],
            [5, 3],
          ]),
        ]);
        let inbox = await h.store.readInbox(5, 0, 10);
        expect(inbox.map((e) => [e.seq, e.msgId])).toEqual([
          [1, 0],
          [2, 0],
          [3, 30],
        ]);
        expect(await h.store.tombstone([5, 5], [3, 4])).toBe(1); // 3 holds message 30: kept
        expect(await h.store.tombstone([5], [4])).toBe(0); // idempotent
        inbox = await h.store.readInbox(5, 0, 10);
        expect(inbox.map((e) => [e.seq, e.msgId])).toEqual([
          [1, 0],
          [2, 0],
          [3, 30],
          [4, 0],
        ]);
        expect(inbox[2]!.message?.msgId).toBe(30);
        expect(await h.store.maxInboxSeq(5)).toBe(4);
      });

      it('an abandoned message is removed if stored, never stored later, and frees its (sender, device, client_id)', async () => {
        await h.store.persist([batch(msg(40, { clientId: 4 }), [[6, 1]])]);
        await h.store.tombstone([6], [1], [40, 41]);
        expect(await h.count('messages')).toBe(0);
        await h.store.persist([batch(msg(41, { clientId: 5 }), [[6, 2]])]); // a late copy of an abandoned one
        expect(await h.count('messages')).toBe(0);
        expect((await h.store.readInbox(6, 0, 10)).map((e) => [e.seq, e.msgId])).toEqual([
          [1, 0],
          [2, 0],
        ]);
        await h.store.persist([batch(msg(42, { clientId: 4 }), [[6, 3]])]); // the retransmit of client_id 4
        expect(await h.store.findUplink(1, 'phone', 4)).toEqual({ senderSeq: 42, msgId: 42 });
      });

      it('readInbox: seq order above afterSeq, limit, tombstones included, age by the database clock', async () => {
        // Inserted out of order, with a gap at 4 and a tombstone at 3.
        await h.store.persist([batch(msg(45), [[7, 5]])]);
        await h.store.persist([batch(msg(41), [[7, 1]]), batch(msg(42), [[7, 2]]), batch(msg(46), [[7, 6]])]);
        await h.store.tombstone([7], [3]);
        await h.store.persist([batch(msg(99), [[8, 1]])]); // another user

        const all = await h.store.readInbox(7, 0, 100);
        expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 5, 6]);
        expect(all.map((e) => e.msgId)).toEqual([41, 42, 0, 45, 46]);
        expect(all[2]!.message).toBeNull();
        expect(all[0]!.message!.msgId).toBe(41);
        expect(Buffer.from(all[0]!.message!.content).equals(Buffer.from(msg(41).content))).toBe(true);
        expect((await h.store.readInbox(7, 2, 2)).map((e) => e.seq)).toEqual([3, 5]);
        expect(await h.store.readInbox(7, 6, 10)).toEqual([]);
        expect(await h.store.readInbox(7, 0, 0)).toEqual([]);

        for (const e of all) {
          expect(e.ageMs).toBeGreaterThanOrEqual(0);
          expect(e.ageMs).toBeLessThan(10_000);
        }
        // Age grows with the database clock: make a row 5 s old.
        await h.backdate(7, 1, 5_000);
        const [old] = await h.store.readInbox(7, 0, 1);
        expect(old!.ageMs).toBeGreaterThanOrEqual(5_000);
        expect(old!.ageMs).toBeLessThan(15_000);
      });

      it('uplinkState and findUplink recover the dedup state of a device', async () => {
        expect(await h.store.uplinkState(1, 'phone')).toEqual({ last: null, fence: 0 });
        await h.store.persist([
          batch(msg(51, { clientId: 1, senderSeq: 7 }), [[1, 7]]),
          batch(msg(53, { clientId: 3, senderSeq: 9 }), [[1, 9]]),
          batch(msg(52, { clientId: 2, senderSeq: 8 }), [[1, 8]]),
          batch(msg(60, { clientId: 10, deviceId: 'laptop', senderSeq: 10 }), [[1, 10]]),
          batch(msg(70, { clientId: 20, senderId: 2, senderSeq: 1 }), [[2, 1]]),
        ]);
        expect(await h.store.uplinkState(1, 'phone')).toEqual({ last: { clientId: 3, senderSeq: 9, msgId: 53 }, fence: 0 });
        expect(await h.store.uplinkState(1, 'laptop')).toEqual({ last: { clientId: 10, senderSeq: 10, msgId: 60 }, fence: 0 });
        expect(await h.store.uplinkState(1, 'tablet')).toEqual({ last: null, fence: 0 });
        expect(await h.store.findUplink(1, 'phone', 2)).toEqual({ senderSeq: 8, msgId: 52 });
        expect(await h.store.findUplink(1, 'phone', 4)).toBeNull();
        expect(await h.store.findUplink(2, 'phone', 3)).toBeNull();
        expect(await h.store.maxInboxSeq(1)).toBe(10);
        expect(await h.store.maxInboxSeq(99)).toBe(0);
      });

      it('a persist that fails part-way leaves nothing behind (one transaction)', async () => {
        // The inbox insert fails after the messages insert succeeded (how: see failInboxWrite of each harness).
        await h.failInboxWrite((store, user) =>
          store.persist([
            batch(msg(81), [
              [1, 2],
              [user, 2],
            ]),
          ]),
        );
        expect(await h.count('messages')).toBe(0);
        expect(await h.count('inbox')).toBe(0);
      });

      it('rejects ids that are not safe integers before writing anything', async () => {
        await expect(h.store.persist([batch(msg(90), [[1, Number.NaN]])])).rejects.toThrow(RangeError);
        await expect(h.store.persist([batch(msg(2 ** 53), [[1, 1]])])).rejects.toThrow(RangeError);
        expect(await h.count('messages')).toBe(0);
      });

    it('two copies of the same batches persisted at once through two handles (a redelivery racing the first delivery): one set of rows, no collision', async () => {
      const other = h.second();
      // Separate objects, as two decodings of one queue message would be.
      const copy = () =>
        Array.from({ length: 12 }, (_, i) =>
          batch(msg(200 + i, { clientId: 200 + i }), [
            [1, 200 + i],
            [20 + (i % 3), 200 + i],
          ]),
        );
      for (let round = 0; round < 4; round++) {
        const results = await Promise.all([h.store.persist(copy()), other.persist(copy().reverse())]);
        expect(results).toEqual([
          { collisions: 0, fenced: 0 },
          { collisions: 0, fenced: 0 },
        ]);
      }
      expect(await h.count('messages')).toBe(12);
      expect(await h.count('inbox')).toBe(24);
      expect((await h.store.readInbox(1, 0, 100)).map((e) => [e.seq, e.msgId])).toEqual(Array.from({ length: 12 }, (_, i) => [200 + i, 200 + i]));
      expect((await h.store.readInbox(20, 0, 100)).map((e) => e.msgId)).toEqual([200, 203, 206, 209]);
    });

    it('two copies of one uplink under different msg_ids persisted at once: exactly one is stored, the other’s rows are tombstones', async () => {
      const other = h.second();
      for (let i = 0; i < 8; i++) {
        const a = batch(msg(300 + 2 * i, { clientId: 50 + i }), [[30, 1 + 2 * i]]);
        const b = batch(msg(301 + 2 * i, { clientId: 50 + i }), [[30, 2 + 2 * i]]);
        await Promise.all([(i % 2 ? h.store : other).persist([a]), (i % 2 ? other : h.store).persist([b])]);
        const found = await h.store.findUplink(1, 'phone', 50 + i);
        const stored = [300 + 2 * i, 301 + 2 * i];
        expect(found && 'msgId' in found && stored.includes(found.msgId)).toBe(true);
        const rows = (await h.store.readInbox(30, 2 * i, 2)).map((e) => e.msgId);
        expect(rows.filter((id) => id !== 0)).toEqual([(found as { msgId: number }).msgId]);
        expect(rows).toHaveLength(2);
      }
      expect(await h.count('messages')).toBe(8);
    });
  });

  describe(`MessageStore uplink claims, fences and collisions: ${name}`, () => {
    it('claimUplink answers the stored copy if there is one, else raises the fence to a new generation', async () => {
      const { store } = h;
      await store.persist([batch(msg(10, { clientId: 1, senderSeq: 4 }), [[1, 4], [2, 1]])]);
      expect(await store.claimUplink(1, 'phone', 1)).toEqual({ stored: { senderSeq: 4, msgId: 10 } });
      expect(await store.claimUplink(1, 'phone', 2)).toEqual({ fence: 1 });
      expect(await store.claimUplink(1, 'phone', 2)).toEqual({ fence: 2 });
      expect(await store.claimUplink(1, 'laptop', 2)).toEqual({ fence: 1 }); // per device
      expect(await store.uplinkState(1, 'phone')).toEqual({ last: { clientId: 1, senderSeq: 4, msgId: 10 }, fence: 2 });
      expect(await store.uplinkState(1, 'laptop')).toEqual({ last: null, fence: 1 });
    });

    it('uplinkStates answers each device as uplinkState does, in the order asked, across senders and devices', async () => {
      const { store } = h;
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
      const { store, second } = h;
      const other = second();
      const answers = await Promise.all([store.claimFirstStart(), other.claimFirstStart(), store.claimFirstStart()]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await store.claimFirstStart()).toBe(false);
    });

    it('claimFirstStart on a database that already holds messages (one written before the mark existed) answers false', async () => {
      const { store } = h;
      await store.persist([batch(msg(10), [[1, 1], [2, 1]])]);
      expect(await store.claimFirstStart()).toBe(false);
      expect(await store.claimFirstStart()).toBe(false);
    });

    it('a copy made under an older generation than a fence covering its client_id is refused (rows become tombstones); others are stored', async () => {
      const { store, count } = h;
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
      const { store } = h;
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
      const { store, second } = h;
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
      const { store } = h;
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
      const { store, count } = h;
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
      const { store, count } = h;
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

  describe(`MessageStore inboxAt (the delivery ledger's lookups): ${name}`, () => {
    it('answers each position with its msg_id, 0 for a tombstone, null for no row, in the order asked', async () => {
      const { store } = h;
      await store.persist([batch(msg(80, { clientId: 1 }), [[1, 1], [2, 5]]), batch(msg(81, { clientId: 2 }), [[1, 2], [3, 7]])]);
      await store.tombstone([2], [6]);
      expect(await store.inboxAt([], [])).toEqual([]);
      // (2, 5) twice: both indexes answered; (9, 9) was never written
      expect(await store.inboxAt([3, 1, 2, 2, 9, 1, 2], [7, 1, 5, 6, 9, 2, 5])).toEqual([81, 80, 80, 0, null, 81, 80]);
      // a collision keeps the first message: inboxAt shows what is really there
      await store.persist([batch(msg(82, { clientId: 3 }), [[3, 7]])]);
      expect(await store.inboxAt([3], [7])).toEqual([81]);
      await expect(store.inboxAt([1, 2], [1])).rejects.toThrow(/differ in length/);
      await expect(store.inboxAt([-1], [1])).rejects.toThrow(RangeError);
    });

    it('looks up many positions in chunks', async () => {
      const users = Array.from({ length: 40 }, (_, i) => 100 + i);
      await h.store.persist([batch(msg(90), users.map((u) => [u, 3] as [number, number]))]);
      const small = h.small();
      const asked = [...users.map(() => 3), ...users.map(() => 4)];
      expect(await small.inboxAt([...users, ...users], asked)).toEqual([...users.map(() => 90), ...users.map(() => null)]);
    });
  });
}
