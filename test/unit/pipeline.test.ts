// The message pipeline with in-memory parts: what happens when one backend
// call of a tick fails, and when the answer is sent relative to the dedup
// commit.
import { describe, expect, it } from 'vitest';
import { Code } from '../../src/chat/codes.js';
import { MsgIdAllocator } from '../../src/chat/msg-ids.js';
import { MessagePipeline, type Run } from '../../src/chat/pipeline.js';
import type { Fanout, UplinkOutcome } from '../../src/chat/types.js';
import { MemoryUplinkDedup } from '../../src/dedup/uplink-dedup-memory.js';
import type { UplinkCommit } from '../../src/dedup/uplink-dedup.js';
import { PushTemplate } from '../../src/gateway/codec.js';
import { createLogger } from '../../src/log.js';
import { MemorySeqAllocator } from '../../src/seq/seq-allocator-memory.js';
import type { MessageStore } from '../../src/store/message-store.js';
import type { PersistBatch } from '../../src/store/types.js';

function setup(opts: { failMarks?: boolean; holdCommit?: boolean; stored?: Map<string, { senderSeq: number; msgId: number }> } = {}) {
  const maxSeq = new Map<number, number>();
  let nextMsgId = 1;
  const tombstones: { userIds: number[]; seqs: number[] }[] = [];
  const published: PersistBatch[] = [];
  const pushed: Fanout[] = [];
  const dedup = new MemoryUplinkDedup({ window: 64, ttlSeconds: 60 });
  let releaseCommit: () => void = () => undefined;
  const commits: UplinkCommit[][] = [];
  if (opts.failMarks) dedup.markPending = async () => Promise.reject(new Error('redis down'));
  if (opts.holdCommit) {
    const real = dedup.commit.bind(dedup);
    dedup.commit = (c) => {
      commits.push([...c]);
      return new Promise<void>((resolve) => (releaseCommit = () => void real(c).then(resolve)));
    };
  }
  // (sender:device:client_id) -> the copy that holds it: first persisted wins, as in MySQL
  const stored = opts.stored ?? new Map<string, { senderSeq: number; msgId: number }>();
  const persistedDirect: PersistBatch[] = [];
  const store = {
    persist: async (batches: PersistBatch[]) => {
      for (const b of batches) {
        persistedDirect.push(b);
        for (const m of b.messages) {
          const k = `${m.senderId}:${m.deviceId}:${m.clientId}`;
          if (!stored.has(k)) stored.set(k, { senderSeq: m.senderSeq, msgId: m.msgId });
        }
      }
    },
    findUplink: async (userId: number, deviceId: string, clientId: number) => stored.get(`${userId}:${deviceId}:${clientId}`) ?? null,
    reserveMsgIds: async (n: number) => {
      const first = nextMsgId;
      nextMsgId += n;
      return first;
    },
    tombstone: async (userIds: readonly number[], seqs: readonly number[]) => {
      tombstones.push({ userIds: [...userIds], seqs: [...seqs] });
    },
  } as unknown as MessageStore;
  const seqs = new MemorySeqAllocator({
    segments: {
      reserveSegments: async (users: readonly number[], step: number) => {
        for (const u of users) maxSeq.set(u, (maxSeq.get(u) ?? 0) + step);
        return new Map(users.map((u) => [u, maxSeq.get(u)!]));
      },
    },
    step: 100,
    threshold: 0.5,
  });
  const pipeline = new MessagePipeline({
    directory: {
      existingUsers: async (ids) => new Set(ids),
      groupMembers: async (g) => (g === 7 ? [1, 2, 3] : null),
      invalidateGroup: async () => undefined,
    },
    seqs,
    msgIds: new MsgIdAllocator(store),
    queue: {
      publish: async (b: PersistBatch) => void published.push(b),
      consume: async () => undefined,
      depth: async () => 0,
      close: async () => undefined,
    },
    store,
    dedup,
    local: { pushLocal: (f) => (pushed.push(f), 0) },
    encodePush: (m) => new PushTemplate(m),
    maxContentBytes: 1000,
    tickMs: 0,
    logger: createLogger('silent'),
  });
  const send = (userId: number, clientId: number, receiverId: number, sessionType = 2, claim = false) =>
    new Promise<UplinkOutcome[]>((resolve, reject) => {
      const run: Run = {
        userId,
        deviceId: 'd',
        entries: [{ clientId, msg: { sessionType, receiverId, messageType: 1, content: Buffer.from('hi') }, claim }],
        done: (r) => (Array.isArray(r) ? resolve(r) : reject(r)),
      };
      pipeline.enqueue(run);
    });
  return { pipeline, send, tombstones, published, pushed, commits, release: () => releaseCommit(), dedup, stored, persistedDirect };
}

describe('MessagePipeline', () => {
  it('when the pending marks cannot be written, nothing is published, the sender gets code 7, and the seqs already handed out become tombstones', async () => {
    const t = setup({ failMarks: true });
    const err = await t.send(1, 1, 7).then(
      () => null,
      (e: { code: number }) => e,
    );
    expect(err?.code).toBe(Code.UNAVAILABLE);
    expect(t.published).toEqual([]);
    expect(t.pushed).toEqual([]);
    // one seq for each of the group's three members, all tombstoned
    expect(t.tombstones).toHaveLength(1);
    const rows = t.tombstones[0]!.userIds.map((u, i) => `${u}:${t.tombstones[0]!.seqs[i]}`).sort();
    expect(rows).toEqual(['1:1', '2:1', '3:1']);
    await t.pipeline.drain();
  });

  it('answers the sender only once the dedup commit is applied (a restarted worker must never find `last` below an ACKed client_id)', async () => {
    const t = setup({ holdCommit: true });
    let answered = false;
    const sent = t.send(1, 1, 7).then((o) => ((answered = true), o));
    const until = Date.now() + 2000;
    while (t.commits.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect(t.commits).toHaveLength(1); // the batch is published, the commit issued …
    expect(t.published).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false); // … and the sender waits for it
    expect(t.pushed).toEqual([]);
    t.release();
    expect(await sent).toEqual([{ seq: 1, msgId: 1 }]);
    expect(await t.dedup.load({ userId: 1, deviceId: 'd' })).toBe(1);
    expect(t.pushed.map((f) => Array.from(f.userIds))).toEqual([[1, 2, 3]]);
    await t.pipeline.drain();
  });

  describe('a client_id a crashed worker left pending (claim)', () => {
    it('when the crashed worker\'s copy is stored, the sender gets its seq, and the new copy is pushed to no one (its rows become tombstones in the store)', async () => {
      const t = setup({ stored: new Map([['1:d:5', { senderSeq: 40, msgId: 900 }]]) });
      expect(await t.send(1, 5, 7, 2, true)).toEqual([{ seq: 40, msgId: 900 }]);
      expect(t.pushed).toEqual([]);
      // the new copy was written through the store before the answer, and published too (idempotent)
      expect(t.persistedDirect).toHaveLength(1);
      expect(t.persistedDirect[0]!.messages.map((m) => m.clientId)).toEqual([5]);
      expect(Array.from(t.persistedDirect[0]!.userIds).sort()).toEqual([1, 2, 3]);
      expect(t.published).toHaveLength(1);
      expect(t.stored.get('1:d:5')).toEqual({ senderSeq: 40, msgId: 900 });
      await t.pipeline.drain();
    });

    it('when nothing is stored, the new copy is stored before the answer and wins: a copy of the crashed worker arriving later loses', async () => {
      const t = setup();
      const [o] = await t.send(1, 5, 7, 2, true);
      const won = t.stored.get('1:d:5')!;
      expect(o).toEqual({ seq: won.senderSeq, msgId: won.msgId });
      expect(t.persistedDirect).toHaveLength(1);
      expect(t.pushed.map((f) => Array.from(f.userIds))).toEqual([[1, 2, 3]]);
      await t.pipeline.drain();
    });

    it('only claimed entries go to the store directly; others in the same tick are published only', async () => {
      const t = setup();
      const [a, b] = await Promise.all([t.send(1, 5, 7, 2, true), t.send(2, 1, 7, 2, false)]);
      const won = t.stored.get('1:d:5')!;
      expect(a[0]).toEqual({ seq: won.senderSeq, msgId: won.msgId });
      expect(b[0]).toMatchObject({ seq: expect.any(Number) });
      expect(t.persistedDirect.flatMap((x) => x.messages.map((m) => m.senderId))).toEqual([1]);
      expect(t.pushed).toHaveLength(2);
      await t.pipeline.drain();
    });

    it('a claimed client_id rejected now (the group is gone) is answered with the stored copy, if any', async () => {
      const t = setup({ stored: new Map([['1:d:5', { senderSeq: 40, msgId: 900 }]]) });
      expect(await t.send(1, 5, 99, 2, true)).toEqual([{ seq: 40, msgId: 900 }]);
      expect((await t.send(1, 6, 99, 2, true))[0]).toMatchObject({ code: Code.NOT_FOUND });
      await t.pipeline.drain();
    });
  });
});
