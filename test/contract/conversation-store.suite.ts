// ConversationStore contract (src/store/conversation-store.ts; DESIGN.md
// §6a) as one suite run against every implementation (MySQL and SQLite:
// conversation-store.test.ts), together with the conversation side of
// MessageStore.persist: exact unread counts under redelivery, duplicates,
// collisions, tombstones and concurrent persisters; read state; receipts;
// the conversation list; group read lists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/store/conversation-store.js';
import type { MessageStore } from '../../src/store/message-store.js';
import type { PersistBatch, StoredMessage } from '../../src/store/types.js';

export interface ConversationStoreHarness {
  store: ConversationStore;
  /** the message store on the same database */
  messages: MessageStore;
  /** a message store on another handle of the same database (another process) */
  second(): MessageStore;
  /** a message store on the same database writing in chunks of 7 rows */
  small(): MessageStore;
  /** adds a group member who joined at `joinedAt` (ms since the epoch) */
  addMember(groupId: number, userId: number, joinedAt: number): Promise<void>;
  /** runs a statement (the same in both dialects) and resolves to its rows */
  sql(query: string, replacements?: unknown[]): Promise<Record<string, unknown>[]>;
}

const T0 = 1_700_000_000_000;
let clientIds = 0;

function msg(msgId: number, over: Partial<StoredMessage> = {}): StoredMessage {
  return { msgId, senderId: 1, deviceId: 'phone', clientId: ++clientIds, sessionType: 1, receiverId: 2, messageType: 1, content: Buffer.from(`m${msgId}`), sendTime: T0 + msgId, senderSeq: 0, ...over };
}

/** A 1:1 message from `from` (its seq fromSeq) to `to` (toSeq). */
function direct(msgId: number, from: number, fromSeq: number, to: number, toSeq: number, over: Partial<StoredMessage> = {}): PersistBatch {
  const m = msg(msgId, { senderId: from, receiverId: to, senderSeq: fromSeq, ...over });
  return { messages: [m], userIds: [from, to], seqs: [fromSeq, toSeq], msgIds: [msgId, msgId] };
}

/** A message of `from` to group `groupId`, rows [user, seq] (the sender's among them). */
function toGroup(msgId: number, from: number, groupId: number, rows: [number, number][], over: Partial<StoredMessage> = {}): PersistBatch {
  const own = rows.find((r) => r[0] === from)![1];
  const m = msg(msgId, { senderId: from, receiverId: groupId, sessionType: 2, senderSeq: own, ...over });
  return { messages: [m], userIds: rows.map((r) => r[0]), seqs: rows.map((r) => r[1]), msgIds: rows.map(() => msgId) };
}

export function conversationStoreContract(name: string, open: () => Promise<[ConversationStoreHarness, () => Promise<void>]>): void {
  let h: ConversationStoreHarness;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    [h, cleanup] = await open();
  });
  afterEach(async () => {
    await cleanup();
  });

  /** unread recounted from the inbox (DESIGN.md §6a), to compare with the maintained one */
  const recount = async (userId: number, sessionType: number, peerId: number) => {
    const filter = sessionType === 2 ? 'm.session_type = 2 AND m.receiver_id = ? AND m.sender_id <> ?' : 'm.session_type = 1 AND m.sender_id = ? AND m.receiver_id = ? AND m.sender_id <> m.receiver_id';
    const rows = await h.sql(
      `SELECT COUNT(*) AS n FROM inbox i JOIN messages m ON m.msg_id = i.msg_id
        WHERE i.user_id = ? AND i.msg_id <> 0 AND m.message_type <> 4 AND ${filter}
          AND i.seq > COALESCE((SELECT read_seq FROM conversations WHERE user_id = ? AND session_type = ? AND peer_id = ?), 0)`,
      [userId, peerId, userId, userId, sessionType, peerId],
    );
    return Number(rows[0]!.n);
  };
  const one = async (userId: number, sessionType: number, peerId: number) => (await h.store.list(userId, 500)).find((c) => c.sessionType === sessionType && c.peerId === peerId);

  describe(`conversations kept by MessageStore.persist: ${name}`, () => {
    it('each side of a 1:1 gets its conversation: last message, unread from the peer only', async () => {
      await h.messages.persist([direct(10, 1, 1, 2, 1), direct(11, 1, 2, 2, 2), direct(12, 2, 3, 1, 3)]);
      await h.messages.persist([direct(13, 1, 4, 2, 4)]);
      const b = await one(2, 1, 1);
      expect(b).toMatchObject({ lastSeq: 4, readSeq: 0, unread: 3, peerReadSeq: 0 });
      expect(b!.lastMessage).toMatchObject({ msgId: 13, senderId: 1, receiverId: 2, sessionType: 1 });
      expect(Buffer.from(b!.lastMessage!.content).toString()).toBe('m13');
      expect(await one(1, 1, 2)).toMatchObject({ lastSeq: 4, unread: 1 });
    });

    it('a batch persisted again, alone or with new rows, in chunks or not, never counts a row twice', async () => {
      const first = [direct(20, 1, 1, 2, 1), direct(21, 1, 2, 2, 2)];
      await h.messages.persist(first);
      await h.messages.persist(first);
      await h.messages.persist([...first, ...first]);
      const more = Array.from({ length: 20 }, (_, i) => direct(22 + i, 1, 3 + i, 2, 3 + i));
      await h.small().persist([...first, ...more]); // redelivered rows and new ones, several chunks
      await h.small().persist(more);
      expect(await one(2, 1, 1)).toMatchObject({ lastSeq: 22, unread: 22 });
      expect(await recount(2, 1, 1)).toBe(22);
      expect((await one(2, 1, 1))!.lastMessage!.msgId).toBe(41);
    });

    it('the same batch persisted by two handles at once counts once', async () => {
      const batches = Array.from({ length: 30 }, (_, i) => direct(100 + i, 3, 1 + i, 4, 1 + i));
      const second = h.second();
      await Promise.all([h.messages.persist(batches), second.persist(batches), h.messages.persist(batches.slice(10))]);
      expect(await one(4, 1, 3)).toMatchObject({ lastSeq: 30, unread: 30 });
    });

    it('tombstones, duplicates, collisions and abandoned messages do not count', async () => {
      await h.messages.persist([direct(30, 1, 1, 2, 1, { clientId: 777 })]);
      // A batch's own tombstone (an unused seq) beside a real row.
      const withTombstone = direct(31, 1, 2, 2, 2);
      await h.messages.persist([{ ...withTombstone, userIds: [1, 2, 2], seqs: [2, 2, 3], msgIds: [31, 31, 0] }]);
      // The uplink of message 30 stored again under msg_id 32: a duplicate, its rows tombstones.
      await h.messages.persist([direct(32, 1, 4, 2, 4, { clientId: 777 })]);
      // A collision: (2, 1) already holds message 30.
      await h.messages.persist([direct(33, 1, 5, 2, 1)]);
      // Abandoned before it was persisted.
      await h.messages.tombstone([], [], [34]);
      await h.messages.persist([direct(34, 1, 6, 2, 6)]);
      const b = await one(2, 1, 1);
      expect(b).toMatchObject({ lastSeq: 2, unread: 2 });
      expect(await recount(2, 1, 1)).toBe(2);
    });

    it('a recall is the last message but never unread; a recalled last message is served as MT_RECALLED without content', async () => {
      await h.messages.persist([direct(40, 1, 1, 2, 1), direct(41, 1, 2, 2, 2, { messageType: 4 })]);
      expect(await one(2, 1, 1)).toMatchObject({ lastSeq: 2, unread: 1 });
      expect((await one(2, 1, 1))!.lastMessage).toMatchObject({ msgId: 41, messageType: 4 });
      await h.messages.persist([direct(42, 1, 3, 2, 3)]);
      await h.sql('INSERT INTO recalled_messages (msg_id, recall_msg_id) VALUES (42, 43)');
      const b = await one(2, 1, 1);
      expect(b!.lastMessage).toMatchObject({ msgId: 42, messageType: 5 });
      expect(b!.lastMessage!.content.length).toBe(0);
    });

    it('a group message moves every member’s conversation (2, group); the sender’s copy is not unread', async () => {
      await h.messages.persist([
        toGroup(50, 1, 900, [
          [1, 1],
          [2, 1],
          [3, 7],
        ]),
        toGroup(51, 2, 900, [
          [1, 2],
          [2, 2],
          [3, 8],
        ]),
      ]);
      expect(await one(1, 2, 900)).toMatchObject({ lastSeq: 2, unread: 1 });
      expect(await one(2, 2, 900)).toMatchObject({ lastSeq: 2, unread: 1 });
      expect(await one(3, 2, 900)).toMatchObject({ lastSeq: 8, unread: 2 });
      expect((await one(3, 2, 900))!.lastMessage).toMatchObject({ msgId: 51, senderId: 2, receiverId: 900 });
    });
  });

  describe(`ConversationStore read state: ${name}`, () => {
    it('markRead raises read_seq, recounts unread; a lower or equal seq is a no-op', async () => {
      await h.messages.persist(Array.from({ length: 5 }, (_, i) => direct(60 + i, 1, 1 + i, 2, 1 + i)));
      expect(await h.store.markRead(2, 1, 1, 3)).toEqual({ readSeq: 3, previousReadSeq: 0, raised: true });
      expect(await one(2, 1, 1)).toMatchObject({ readSeq: 3, unread: 2, lastSeq: 5 });
      expect(await h.store.markRead(2, 1, 1, 2)).toEqual({ readSeq: 3, previousReadSeq: 3, raised: false });
      expect(await h.store.markRead(2, 1, 1, 3)).toEqual({ readSeq: 3, previousReadSeq: 3, raised: false });
      expect(await one(2, 1, 1)).toMatchObject({ readSeq: 3, unread: 2 });
      expect(await h.store.markRead(2, 1, 1, 5)).toMatchObject({ readSeq: 5, raised: true });
      expect(await one(2, 1, 1)).toMatchObject({ readSeq: 5, unread: 0 });
    });

    it('unread counts only the conversation’s messages from others, whatever else the inbox holds', async () => {
      await h.messages.persist([
        direct(70, 1, 1, 2, 1),
        direct(71, 3, 1, 2, 2), // another peer
        direct(72, 2, 3, 1, 2), // B's own message to A
        toGroup(73, 1, 900, [
          [1, 3],
          [2, 4],
        ]),
        direct(74, 1, 4, 2, 5, { messageType: 4 }), // a recall
        direct(75, 1, 5, 2, 6),
      ]);
      await h.store.markRead(2, 1, 1, 1);
      expect(await one(2, 1, 1)).toMatchObject({ readSeq: 1, unread: 1 });
      expect(await one(2, 1, 3)).toMatchObject({ readSeq: 0, unread: 1 });
      expect(await one(2, 2, 900)).toMatchObject({ readSeq: 0, unread: 1 });
    });

    it('a read above what is persisted (write-behind): rows persisted later count only above read_seq', async () => {
      await h.messages.persist([direct(80, 1, 1, 2, 1)]);
      expect(await h.store.markRead(2, 1, 1, 3)).toMatchObject({ readSeq: 3, raised: true });
      expect(await one(2, 1, 1)).toMatchObject({ readSeq: 3, unread: 0, lastSeq: 1 });
      await h.messages.persist([direct(82, 1, 3, 2, 3), direct(81, 1, 2, 2, 2), direct(83, 1, 4, 2, 4)]);
      expect(await one(2, 1, 1)).toMatchObject({ readSeq: 3, unread: 1, lastSeq: 4 });
      // A conversation read before any of its messages is persisted.
      expect(await h.store.markRead(5, 2, 901, 9)).toMatchObject({ readSeq: 9, raised: true });
      expect(await one(5, 2, 901)).toMatchObject({ readSeq: 9, unread: 0, lastSeq: 0, lastMessage: null });
    });

    it('reads racing persists of the same conversation leave unread exact', async () => {
      const second = h.second();
      const persists = Array.from({ length: 40 }, (_, i) => (i % 2 ? h.messages : second).persist([direct(200 + i, 1, 1 + i, 2, 1 + i)]));
      const reads = Array.from({ length: 9 }, (_, i) => h.store.markRead(2, 1, 1, 4 * (i + 1)));
      await Promise.all([...persists, ...reads]);
      const c = await one(2, 1, 1);
      expect(c).toMatchObject({ readSeq: 36, lastSeq: 40, unread: 4 });
      expect(await recount(2, 1, 1)).toBe(4);
    });

    it('translateRead: the newest message from the peer read, in the peer’s numbering; bounded below by afterSeq', async () => {
      // A (1) and B (2): A's seqs 1,2,4 for its messages, B's inbox 1..5 with one of B's own and one of C (3).
      await h.messages.persist([direct(90, 1, 1, 2, 1), direct(91, 1, 2, 2, 2), direct(92, 2, 3, 1, 3), direct(93, 3, 1, 2, 4), direct(94, 1, 4, 2, 5)]);
      expect(await h.store.translateRead(2, 1, 4, 0)).toBe(2); // B read up to 4: A's newest there is 91, A's seq 2
      expect(await one(1, 1, 2)).toMatchObject({ peerReadSeq: 2 });
      expect(await h.store.translateRead(2, 1, 4, 2)).toBe(0); // nothing of A's in (2, 4]
      expect(await h.store.translateRead(2, 1, 1, 0)).toBe(1);
      expect(await one(1, 1, 2)).toMatchObject({ peerReadSeq: 2 }); // never lowered
      expect(await h.store.translateRead(2, 1, 9, 0)).toBe(4);
      expect(await one(1, 1, 2)).toMatchObject({ peerReadSeq: 4 });
      expect(await h.store.translateRead(2, 3, 3, 0)).toBe(0);
    });
  });

  describe(`ConversationStore.list and groupReads: ${name}`, () => {
    it('list: newest first, at most limit, conversations without messages last', async () => {
      await h.messages.persist(Array.from({ length: 12 }, (_, i) => direct(300 + i, 10 + i, 1, 1, 1 + ((i * 5) % 12))));
      await h.store.markRead(1, 2, 55, 1);
      const all = await h.store.list(1, 500);
      expect(all.map((c) => c.lastSeq)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(all[12]).toMatchObject({ sessionType: 2, peerId: 55, lastMessage: null });
      for (const c of all.slice(0, 12)) expect(c.lastMessage!.senderId).toBe(c.peerId);
      expect((await h.store.list(1, 3)).map((c) => c.lastSeq)).toEqual([12, 11, 10]);
      expect(await h.store.list(99, 10)).toEqual([]);
      await expect(h.store.list(1, 0)).rejects.toThrow(RangeError);
    });

    it('groupReads: read and unread members, those who joined later and the sender in neither; null for another group’s or an unknown message', async () => {
      for (const u of [1, 2, 3, 4]) await h.addMember(900, u, T0 - 60_000);
      await h.addMember(900, 5, T0 + 10_000); // joined after the message
      await h.messages.persist([
        toGroup(400, 1, 900, [
          [1, 1],
          [2, 3],
          [3, 1],
          [4, 1],
        ]),
        toGroup(401, 2, 900, [
          [1, 2],
          [2, 4],
          [3, 2],
          [4, 2],
          [5, 1],
        ], { sendTime: T0 + 20_000 }),
        direct(402, 1, 3, 2, 5),
      ]);
      await h.store.markRead(2, 2, 900, 3);
      await h.store.markRead(4, 2, 900, 2);
      expect(await h.store.groupReads(900, 400)).toEqual({ read: [2, 4], unread: [3] });
      expect(await h.store.groupReads(900, 401)).toEqual({ read: [4], unread: [1, 3, 5] });
      expect(await h.store.groupReads(901, 400)).toBeNull();
      expect(await h.store.groupReads(900, 402)).toBeNull();
      expect(await h.store.groupReads(900, 999)).toBeNull();
    });

    it('groupReads of a large group (several statements): every member in the right list', async () => {
      const members = Array.from({ length: 450 }, (_, i) => 1000 + i);
      for (const u of members) await h.addMember(901, u, T0 - 1000);
      // Each member got the message at seq 5, behind 4 older rows (the sender at 1).
      await h.messages.persist([toGroup(500, 1000, 901, members.map((u) => [u, u === 1000 ? 1 : 5]))]);
      const older = members.flatMap((u) => [1, 2, 3, 4].map((seq) => [u, seq] as [number, number])).filter(([u]) => u !== 1000);
      await h.messages.persist([{ messages: [msg(501, { senderId: 9, receiverId: 902, sessionType: 2, senderSeq: 1 })], userIds: older.map((r) => r[0]), seqs: older.map((r) => r[1]), msgIds: older.map(() => 501) }]);
      for (const u of members.filter((u) => u % 3 === 0)) await h.store.markRead(u, 2, 901, u % 2 ? 5 : 9);
      const readers = members.filter((u) => u !== 1000 && u % 3 === 0);
      expect(await h.store.groupReads(901, 500)).toEqual({ read: readers, unread: members.filter((u) => u !== 1000 && u % 3 !== 0) });
    });
  });
}
