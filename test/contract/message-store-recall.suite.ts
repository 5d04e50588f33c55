// The recall part of the MessageStore contract (src/store/message-store.ts;
// DESIGN.md §6a): findMessages, and what persisting an MT_RECALL message
// does to reads of its original, whatever the order the two are persisted
// in. Run by messageStoreContract against every implementation.
import { describe, expect, it } from 'vitest';
import { gochat } from '../../src/proto/index.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';
import type { MessageStoreHarness } from './message-store.suite.js';

const MT_RECALL = 4;
const MT_RECALLED = 5;

function msg(msgId: number, over: Partial<StoredMessage> = {}): StoredMessage {
  return { msgId, senderId: 1, deviceId: 'phone', clientId: msgId, sessionType: 2, receiverId: 7, messageType: 1, content: Buffer.from(`secret ${msgId}`), sendTime: 1_700_000_000_000 + msgId, senderSeq: msgId, ...over };
}

/** An MT_RECALL of `original`, by its sender to the same group. */
function recall(msgId: number, original: number, over: Partial<StoredMessage> = {}): StoredMessage {
  return msg(msgId, { messageType: MT_RECALL, content: Buffer.from(gochat.RecallContent.encode({ msgId: original }).finish()), ...over });
}

/** `m` in the inboxes of users 1, 2 and 3 at `seq`. */
function toAll(m: StoredMessage, seq: number): PersistBatch {
  return { messages: [m], userIds: [1, 2, 3], seqs: [seq, seq, seq], msgIds: [m.msgId, m.msgId, m.msgId] };
}

export function recallContract(name: string, harness: () => MessageStoreHarness): void {
  describe(`MessageStore recall: ${name}`, () => {
    /** user's inbox entry at seq, as sync reads it */
    const read = async (userId: number, seq: number) => (await harness().store.readInbox(userId, seq - 1, 1))[0]!;
    const expectRecalled = async (original: StoredMessage, seq: number) => {
      for (const u of [1, 2, 3]) {
        const e = await read(u, seq);
        expect(e.msgId).toBe(original.msgId);
        expect({ ...e.message!, content: Buffer.from(e.message!.content) }).toEqual({ ...original, messageType: MT_RECALLED, content: Buffer.alloc(0) });
      }
      // Not kept in the database either.
      expect(await harness().count('messages', `msg_id = ${original.msgId} AND LENGTH(content) = 0`)).toBe(1);
    };

    it('findMessages answers the envelopes of stored messages; unknown and abandoned ids are absent; many ids in chunks', async () => {
      const h = harness();
      await h.store.persist([toAll(msg(10), 1), toAll(msg(11, { sessionType: 1, receiverId: 2, messageType: 3 }), 2), toAll(msg(12), 3)]);
      await h.store.tombstone([], [], [12]);
      const found = await h.store.findMessages([11, 99, 10, 12, 10]);
      expect(found.sort((a, b) => a.msgId - b.msgId)).toEqual([
        { msgId: 10, senderId: 1, sessionType: 2, receiverId: 7, messageType: 1, sendTime: 1_700_000_000_010 },
        { msgId: 11, senderId: 1, sessionType: 1, receiverId: 2, messageType: 3, sendTime: 1_700_000_000_011 },
      ]);
      expect(await h.store.findMessages([])).toEqual([]);
      await h.store.persist(Array.from({ length: 20 }, (_, i) => toAll(msg(100 + i), 10 + i)));
      const many = await h.small().findMessages(Array.from({ length: 30 }, (_, i) => 100 + i));
      expect(many.map((m) => m.msgId).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    });

    it('a stored MT_RECALL makes every inbox serve its original as MT_RECALLED with empty content; the recall itself is served as sent', async () => {
      const h = harness();
      const original = msg(10);
      await h.store.persist([toAll(original, 1)]);
      const r = recall(11, 10);
      await h.store.persist([toAll(r, 2)]);
      await expectRecalled(original, 1);
      for (const u of [1, 2, 3]) {
        const e = await read(u, 2);
        expect({ ...e.message!, content: Buffer.from(e.message!.content) }).toEqual({ ...r, content: Buffer.from(r.content) });
      }
      // findMessages keeps the type the message was sent with.
      expect((await h.store.findMessages([10]))[0]!.messageType).toBe(1);
      expect(await h.count('recalled_messages', 'msg_id = 10 AND recall_msg_id = 11')).toBe(1);
    });

    it('reads do not depend on the order: a recall persisted before its original, or in the same call, recalls it, and its content is never stored', async () => {
      const h = harness();
      await h.store.persist([toAll(recall(21, 20), 2)]);
      expect(await read(1, 2)).toMatchObject({ msgId: 21, message: { messageType: MT_RECALL } });
      await h.store.persist([toAll(msg(20), 1)]);
      await expectRecalled(msg(20), 1);

      await h.store.persist([toAll(recall(31, 30), 4), toAll(msg(30), 3)]);
      await expectRecalled(msg(30), 3);
    });

    it('idempotent under redelivery; a second recall keeps the first; a recall that is not stored (abandoned, a duplicate) or names nothing recalls nothing', async () => {
      const h = harness();
      await h.store.persist([toAll(msg(10), 1), toAll(msg(20), 2), toAll(msg(30), 3), toAll(msg(40), 4)]);
      const first = toAll(recall(11, 10), 5);
      await h.store.persist([first]);
      await h.store.persist([first, first]);
      await h.store.persist([toAll(recall(12, 10), 6)]);
      expect(await h.count('recalled_messages')).toBe(1);
      expect(await h.count('recalled_messages', 'msg_id = 10 AND recall_msg_id = 11')).toBe(1);
      await expectRecalled(msg(10), 1);

      // Abandoned by its worker (code 7 to the sender): never stored, recalls nothing.
      await h.store.tombstone([], [], [21]);
      await h.store.persist([toAll(recall(21, 20), 7)]);
      // A second copy of client_id 11 under another msg_id: a duplicate, not stored.
      await h.store.persist([toAll(recall(31, 30, { clientId: 11 }), 8)]);
      // Content that is no RecallContent (the pipeline refuses it; the store must not choke on it).
      await h.store.persist([toAll(msg(41, { messageType: MT_RECALL, content: Buffer.from([0xff, 0xff]) }), 9)]);
      expect(await h.count('recalled_messages')).toBe(1);
      for (const [id, seq] of [[20, 2], [30, 3], [40, 4]] as const) {
        const e = await read(2, seq);
        expect(e.message!.messageType).toBe(1);
        expect(Buffer.from(e.message!.content).toString()).toBe(`secret ${id}`);
      }
    });
  });
}
