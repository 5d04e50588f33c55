// Recalls through the message pipeline with in-memory parts (DESIGN.md
// §6a): where the originals are looked up (this worker's recent messages
// first, the message store for the rest, one call per tick), and what a
// failing store lookup does to the tick.
import { describe, expect, it } from 'vitest';
import { Code } from '../../src/errors.js';
import { MsgIdAllocator, type MsgIdSource } from '../../src/chat/msg-ids.js';
import { MessagePipeline, type Run } from '../../src/chat/pipeline.js';
import type { RunResult } from '../../src/chat/run.js';
import type { Fanout, UplinkMessage } from '../../src/chat/types.js';
import { MemoryUplinkDedup } from '../../src/dedup/uplink-dedup-memory.js';
import { PushTemplate } from '../../src/gateway/codec.js';
import { createLogger } from '../../src/log.js';
import { gochat } from '../../src/proto/index.js';
import type { MessageStore } from '../../src/store/message-store.js';
import { memorySeqs } from '../support/memory-seqs.js';
import type { MessageMeta, PersistBatch } from '../../src/store/types.js';

const WINDOW = 10_000;
const text = (to: number): UplinkMessage => ({ sessionType: 1, receiverId: to, messageType: 1, content: Buffer.from('hi') });
const recall = (to: number, msgId: number): UplinkMessage => ({ sessionType: 1, receiverId: to, messageType: 4, content: Buffer.from(gochat.RecallContent.encode({ msgId }).finish()) });

function setup() {
  const clock = { now: 1_800_000_000_000 };
  let nextMsgId = 1;
  const published: PersistBatch[] = [];
  const pushed: Fanout[] = [];
  /** what the fake message store holds, and every findMessages call */
  const stored = new Map<number, MessageMeta>();
  const finds: number[][] = [];
  const storeState = { fail: false };
  const dedup = new MemoryUplinkDedup({ window: 64, ttlSeconds: 60 });
  const store = {
    reserveMsgIds: async (n: number) => ((nextMsgId += n), nextMsgId - n),
    tombstone: async () => 0,
    findMessages: async (ids: readonly number[]) => {
      finds.push([...ids].sort((a, b) => a - b));
      if (storeState.fail) throw new Error('mysql down');
      return ids.flatMap((id) => (stored.has(id) ? [stored.get(id)!] : []));
    },
  } as unknown as MessageStore & MsgIdSource;
  const seqs = memorySeqs();
  const pipeline = new MessagePipeline({
    directory: { existingUsers: async (ids) => new Set(ids), groupMembers: async () => null, invalidateGroup: async () => undefined },
    seqs,
    msgIds: new MsgIdAllocator(store),
    queue: { publish: async (b: PersistBatch) => void published.push(b), consume: async () => undefined, depth: async () => 0, close: async () => undefined },
    store,
    dedup,
    local: { pushLocal: (f) => (pushed.push(f), 0) },
    encodePush: (m) => new PushTemplate(m),
    maxContentBytes: 1000,
    recallWindowMs: WINDOW,
    tickMs: 0,
    logger: createLogger('silent'),
    now: () => clock.now,
  });
  const owners = new Map<number, string>();
  const clientIds = new Map<number, number>();
  /** loads every user's device first, so that the sends of one call share a tick */
  const sendAll = async (msgs: [userId: number, msg: UplinkMessage][]): Promise<RunResult[]> => {
    for (const [u] of msgs) {
      if (owners.has(u)) continue;
      const l = await dedup.load({ userId: u, deviceId: 'd' });
      await dedup.seed({ userId: u, deviceId: 'd' }, l.owner, { last: 0, fence: 0 });
      owners.set(u, l.owner);
    }
    return Promise.all(
      msgs.map(([userId, msg]) => {
        const clientId = (clientIds.get(userId) ?? 0) + 1;
        clientIds.set(userId, clientId);
        return new Promise<RunResult>((done) => pipeline.enqueue({ userId, deviceId: 'd', owner: owners.get(userId)!, fence: 0, entries: [{ clientId, msg }], done } satisfies Run));
      }),
    );
  };
  const msgIdOf = (r: RunResult) => (r as { msgId: number }[])[0]!.msgId;
  return { pipeline, sendAll, msgIdOf, clock, published, pushed, stored, finds, storeState };
}

describe('MessagePipeline: recall', () => {
  it('a recall moments after its original finds it in this worker’s memory, without asking the store; it is stored and pushed like any message', async () => {
    const t = setup();
    const [sent] = await t.sendAll([[1, text(2)]]);
    const original = t.msgIdOf(sent!);
    const [r] = await t.sendAll([[1, recall(2, original)]]);
    expect(r).toEqual([{ seq: 2, msgId: expect.any(Number) }]);
    expect(t.finds).toEqual([]);
    const m = t.published[1]!.messages[0]!;
    expect([m.messageType, m.receiverId, Array.from(t.published[1]!.userIds)]).toEqual([4, 2, [2, 1]]);
    expect(t.pushed.map((f) => Array.from(f.userIds))).toEqual([
      [2, 1],
      [2, 1],
    ]);
    await t.pipeline.drain();
  });

  it('originals not in memory are looked up in the store, all of a tick in one call; one found nowhere is code 4', async () => {
    const t = setup();
    t.stored.set(500, { msgId: 500, senderId: 1, sessionType: 1, receiverId: 2, messageType: 1, sendTime: t.clock.now - 1000 });
    t.stored.set(600, { msgId: 600, senderId: 3, sessionType: 1, receiverId: 2, messageType: 1, sendTime: t.clock.now - 1000 });
    const [a, b, c] = await t.sendAll([
      [1, recall(2, 500)],
      [3, recall(2, 600)],
      [4, recall(2, 700)],
    ]);
    expect(t.finds).toEqual([[500, 600, 700]]);
    expect(a).toEqual([{ seq: 1, msgId: expect.any(Number) }]);
    expect(b).toEqual([{ seq: 1, msgId: expect.any(Number) }]);
    expect(c).toEqual([{ code: Code.NOT_FOUND, msg: 'message to recall not found' }]);
    await t.pipeline.drain();
  });

  it('past the window by the pipeline’s clock: code 3 (memory has dropped the original by then; the store has it)', async () => {
    const t = setup();
    const [sent] = await t.sendAll([[1, text(2)]]);
    const m = t.published[0]!.messages[0]!;
    t.stored.set(m.msgId, { msgId: m.msgId, senderId: 1, sessionType: 1, receiverId: 2, messageType: 1, sendTime: m.sendTime });
    t.clock.now += WINDOW + 1;
    expect(await t.sendAll([[1, recall(2, t.msgIdOf(sent!))]])).toEqual([[{ code: Code.FORBIDDEN, msg: `the recall window (${WINDOW} ms) has passed` }]]);
    expect(t.finds).toEqual([[m.msgId]]);
    await t.pipeline.drain();
  });

  it('when the store cannot be read, only the runs holding a recall get code 7 (retransmitted); the rest of the tick is accepted', async () => {
    const t = setup();
    t.storeState.fail = true;
    const [r, other] = await t.sendAll([
      [1, recall(2, 500)],
      [3, text(2)],
    ]);
    expect((r as { code: number }).code).toBe(Code.UNAVAILABLE);
    expect(other).toEqual([{ seq: 1, msgId: expect.any(Number) }]);
    expect(t.published.flatMap((b) => b.messages.map((m) => m.senderId))).toEqual([3]);
    expect(t.published.flatMap((b) => b.rejections ?? [])).toEqual([]); // code 7 is not a final outcome
    await t.pipeline.drain();
  });
});
