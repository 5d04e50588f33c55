// ReadService (src/chat/reads.ts) on a fake clock, over an in-memory
// conversation store: what CT_READ refuses, what it signals to whom, and how
// a 1:1 receipt waits for the write-behind persistence of the rows read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECEIPT_ATTEMPTS, ReadService, type ReadSignal } from '../../src/chat/reads.js';
import type { Directory } from '../../src/directory/directory.js';
import { createLogger } from '../../src/log.js';
import type { ConversationRecord, ConversationStore, MarkReadResult } from '../../src/store/conversation-store.js';

const A = 1;
const B = 2;
const GROUP = 900;
const WAIT_MS = 5000;

class FakeConversations implements ConversationStore {
  readSeqs = new Map<string, number>();
  translations: [number, number, number, number][] = [];
  peerSeq = 7;
  failTranslations = 0;
  failMarks = false;
  records: ConversationRecord[] = [];
  async markRead(u: number, st: number, p: number, seq: number): Promise<MarkReadResult> {
    if (this.failMarks) throw new Error('db down');
    const k = `${u}:${st}:${p}`;
    const prev = this.readSeqs.get(k) ?? 0;
    if (seq <= prev) return { readSeq: prev, previousReadSeq: prev, raised: false };
    this.readSeqs.set(k, seq);
    return { readSeq: seq, previousReadSeq: prev, raised: true };
  }
  async translateRead(reader: number, peer: number, seq: number, after: number): Promise<number> {
    this.translations.push([reader, peer, seq, after]);
    if (this.failTranslations-- > 0) throw new Error('db down');
    return this.peerSeq;
  }
  async list(): Promise<ConversationRecord[]> {
    return this.records;
  }
  async groupReads(): Promise<null> {
    return null;
  }
}

const directory: Directory = {
  existingUsers: async (ids) => new Set(ids.filter((id) => id === A || id === B)),
  groupMembers: async (id) => (id === GROUP ? [A, B] : null),
  invalidateGroup: async () => undefined,
};

let conv: FakeConversations;
let persisted: number;
let peeked: number | null;
let sent: { kind: string; users: readonly number[]; m: ReadSignal; except?: { userId: number; deviceId: string } }[];
let reads: ReadService;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  conv = new FakeConversations();
  persisted = 100;
  peeked = 100;
  sent = [];
  reads = new ReadService({
    conversations: conv,
    store: { maxInboxSeq: async () => persisted },
    directory,
    seqs: { peek: async () => peeked },
    signals: { send: (kind, users, output, except) => sent.push({ kind, users, m: JSON.parse(Buffer.from(output).toString()) as ReadSignal, except }) },
    encodeRead: (m) => Buffer.from(JSON.stringify(m)),
    receiptWaitMs: WAIT_MS,
    logger: createLogger('silent'),
  });
});
afterEach(() => {
  reads.close();
  vi.useRealTimers();
});

const codeOf = (p: Promise<unknown>) => p.then(() => 0, (e: { code: number }) => e.code);

describe('ReadService.read', () => {
  it('refuses an unknown peer or group (4), a group without the user (3), a seq above the last allocated one (1)', async () => {
    expect(await codeOf(reads.read(A, 'd', { sessionType: 1, peerId: 55, seq: 1 }))).toBe(4);
    expect(await codeOf(reads.read(A, 'd', { sessionType: 2, peerId: 55, seq: 1 }))).toBe(4);
    expect(await codeOf(reads.read(3, 'd', { sessionType: 2, peerId: GROUP, seq: 1 }))).toBe(3);
    expect(await codeOf(reads.read(A, 'd', { sessionType: 1, peerId: B, seq: 101 }))).toBe(1);
    expect(await codeOf(reads.read(A, 'd', { sessionType: 1, peerId: B, seq: 100 }))).toBe(0);
    // The counter unknown (Redis lost it): allowed.
    for (const p of [null, 0]) {
      peeked = p;
      expect(await codeOf(reads.read(A, 'd', { sessionType: 2, peerId: GROUP, seq: 5000 }))).toBe(0);
    }
    conv.failMarks = true;
    expect(await codeOf(reads.read(A, 'd', { sessionType: 2, peerId: GROUP, seq: 6000 }))).toBe(7);
  });

  it('a raised read goes to the reader’s other devices; a group read sends no receipt; a read not raised sends nothing', async () => {
    await reads.read(A, 'phone', { sessionType: 2, peerId: GROUP, seq: 10 });
    expect(sent).toEqual([{ kind: 'read', users: [A], m: { sessionType: 2, peerId: GROUP, seq: 10, readerId: A }, except: { userId: A, deviceId: 'phone' } }]);
    await reads.read(A, 'laptop', { sessionType: 2, peerId: GROUP, seq: 9 });
    await reads.read(A, 'laptop', { sessionType: 2, peerId: GROUP, seq: 0 });
    await vi.advanceTimersByTimeAsync(WAIT_MS * 2);
    expect(sent).toHaveLength(1);
    expect(conv.translations).toEqual([]);
  });

  it('a 1:1 receipt waits (backing off) until the reader’s inbox is persisted up to the seq read, then goes to the peer in its numbering', async () => {
    persisted = 40;
    await reads.read(B, 'phone', { sessionType: 1, peerId: A, seq: 42 });
    expect(sent.map((s) => s.kind)).toEqual(['read']);
    await vi.advanceTimersByTimeAsync(300);
    expect(conv.translations).toEqual([]);
    persisted = 42;
    await vi.advanceTimersByTimeAsync(1000);
    expect(conv.translations).toEqual([[B, A, 42, 0]]);
    expect(sent[1]).toEqual({ kind: 'receipt', users: [A], m: { sessionType: 1, peerId: B, seq: 7, readerId: B }, except: undefined });
    // The next read covers only what it newly read.
    persisted = 60;
    await reads.read(B, 'phone', { sessionType: 1, peerId: A, seq: 50 });
    await vi.advanceTimersByTimeAsync(10);
    expect(conv.translations[1]).toEqual([B, A, 50, 42]);
  });

  it('after receiptWaitMs the receipt is translated from what is persisted; none when the peer’s messages are not among it', async () => {
    persisted = 1;
    conv.peerSeq = 0;
    await reads.read(B, 'phone', { sessionType: 1, peerId: A, seq: 42 });
    await vi.advanceTimersByTimeAsync(WAIT_MS - 50);
    expect(conv.translations).toEqual([]);
    await vi.advanceTimersByTimeAsync(1100);
    expect(conv.translations).toHaveLength(1);
    expect(sent.map((s) => s.kind)).toEqual(['read']);
  });

  it('a failing translation is retried, then given up; close() stops a waiting receipt', async () => {
    conv.failTranslations = RECEIPT_ATTEMPTS - 1;
    await reads.read(B, 'phone', { sessionType: 1, peerId: A, seq: 42 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(conv.translations).toHaveLength(RECEIPT_ATTEMPTS);
    expect(sent.map((s) => s.kind)).toEqual(['read', 'receipt']);

    conv.failTranslations = RECEIPT_ATTEMPTS;
    await reads.read(B, 'phone', { sessionType: 1, peerId: A, seq: 43 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(conv.translations).toHaveLength(2 * RECEIPT_ATTEMPTS);
    expect(sent.map((s) => s.kind)).toEqual(['read', 'receipt', 'read']);

    persisted = 0;
    await reads.read(B, 'phone', { sessionType: 1, peerId: A, seq: 44 });
    reads.close();
    await vi.advanceTimersByTimeAsync(WAIT_MS * 2);
    expect(conv.translations).toHaveLength(2 * RECEIPT_ATTEMPTS);
  });
});

describe('ReadService.conversations', () => {
  it('serves each last message as the wire’s Message in the user’s numbering', async () => {
    const m = { msgId: 9, senderId: A, deviceId: 'x', clientId: 3, sessionType: 1, receiverId: B, messageType: 1, content: Buffer.from('hi'), sendTime: 5, senderSeq: 77 };
    conv.records = [
      { sessionType: 1, peerId: A, lastSeq: 12, lastMessage: m, readSeq: 10, unread: 2, peerReadSeq: 4 },
      { sessionType: 2, peerId: GROUP, lastSeq: 0, lastMessage: null, readSeq: 3, unread: 0, peerReadSeq: 0 },
    ];
    expect(await reads.conversations(B, 100)).toEqual([
      { sessionType: 1, peerId: A, lastMessage: { sessionType: 1, receiverId: B, senderId: A, messageType: 1, content: m.content, seq: 12, sendTime: 5, msgId: 9 }, readSeq: 10, unread: 2, peerReadSeq: 4 },
      { sessionType: 2, peerId: GROUP, lastMessage: null, readSeq: 3, unread: 0, peerReadSeq: 0 },
    ]);
  });
});
