// The message pipeline with in-memory parts: what happens when one backend
// call of a tick fails, and when the answer is sent relative to the dedup
// commit.
import { describe, expect, it } from 'vitest';
import { Code } from '../../src/errors.js';
import { MsgIdAllocator, type MsgIdSource } from '../../src/chat/msg-ids.js';
import { MessagePipeline, type Run } from '../../src/chat/pipeline.js';
import { OwnershipLost, type RunResult } from '../../src/chat/run.js';
import type { Fanout } from '../../src/chat/types.js';
import { MemoryUplinkDedup } from '../../src/dedup/uplink-dedup-memory.js';
import type { UplinkCommit } from '../../src/dedup/uplink-dedup.js';
import { PushTemplate } from '../../src/gateway/codec.js';
import { createLogger } from '../../src/log.js';
import { Metrics, type MetricSources } from '../../src/metrics/metrics.js';
import type { MessageStore } from '../../src/store/message-store.js';
import { memorySeqs } from '../support/memory-seqs.js';
import type { PersistBatch } from '../../src/store/types.js';

function setup(opts: { failMarks?: boolean; holdCommit?: boolean } = {}) {
  /** while set, publishes of batches holding a message to group 9 (200 members) wait for releaseBig() */
  const hold = { big: false, release: () => undefined as void };
  let nextMsgId = 1;
  const tombstones: { userIds: number[]; seqs: number[] }[] = [];
  const published: PersistBatch[] = [];
  const pushed: Fanout[] = [];
  /** what the delivery ledger was told, tick by tick */
  const accepted: Fanout[][] = [];
  const metrics = new Metrics({} as MetricSources);
  const dedup = new MemoryUplinkDedup({ window: 64, ttlSeconds: 60 });
  let releaseCommit: () => void = () => undefined;
  const commits: UplinkCommit[][] = [];
  if (opts.failMarks) dedup.markPending = async () => Promise.reject(new Error('redis down'));
  if (opts.holdCommit) {
    const real = dedup.commit.bind(dedup);
    dedup.commit = (c) => {
      commits.push([...c]);
      return new Promise<boolean[]>((resolve) => (releaseCommit = () => void real(c).then(resolve)));
    };
  }
  const store = {
    reserveMsgIds: async (n: number) => {
      const first = nextMsgId;
      nextMsgId += n;
      return first;
    },
    tombstone: async (userIds: ArrayLike<number>, seqs: ArrayLike<number>) => {
      tombstones.push({ userIds: Array.from(userIds), seqs: Array.from(seqs) });
      return 0;
    },
  } as unknown as MessageStore & MsgIdSource;
  const seqs = memorySeqs();
  const pipeline = new MessagePipeline({
    directory: {
      existingUsers: async (ids) => new Set(ids),
      groupMembers: async (g) => (g === 7 ? [1, 2, 3] : g === 9 ? Array.from({ length: 200 }, (_, i) => i + 1) : null),
      invalidateGroup: async () => undefined,
    },
    seqs,
    msgIds: new MsgIdAllocator(store),
    queue: {
      publish: async (b: PersistBatch) => {
        if (hold.big && b.messages.some((m) => m.receiverId === 9)) await new Promise<void>((r) => (hold.release = r));
        published.push(b);
      },
      consume: async () => undefined,
      depth: async () => 0,
      close: async () => undefined,
    },
    store,
    dedup,
    local: { pushLocal: (f) => (pushed.push(f), 0) },
    ledger: { accepted: (f) => void accepted.push([...f]) },
    metrics,
    encodePush: (m) => new PushTemplate(m),
    maxContentBytes: 1000,
    tickMs: 0,
    logger: createLogger('silent'),
  });
  /** the device's owner token: loaded (and seeded at 0) on first use */
  const owners = new Map<number, string>();
  const ownerOf = async (userId: number) => {
    let o = owners.get(userId);
    if (!o) {
      const l = await dedup.load({ userId, deviceId: 'd' });
      if (!l.state) await dedup.seed({ userId, deviceId: 'd' }, l.owner, { last: 0, fence: 0 });
      owners.set(userId, (o = l.owner));
    }
    return o;
  };
  const send = async (userId: number, clientId: number, receiverId: number, sessionType = 2, fence = 0) => {
    const owner = await ownerOf(userId);
    return new Promise<RunResult>((resolve) => {
      const run: Run = {
        userId,
        deviceId: 'd',
        owner,
        fence,
        entries: [{ clientId, msg: { sessionType, receiverId, messageType: 1, content: Buffer.from('hi') } }],
        done: resolve,
      };
      pipeline.enqueue(run);
    });
  };
  const tombstoneCount = async () => (await metrics.registry.getSingleMetric('gochat_tombstones_total')!.get()).values[0]?.value ?? 0;
  return { pipeline, send, ownerOf, tombstones, published, pushed, accepted, tombstoneCount, commits, release: () => releaseCommit(), dedup, hold };
}

describe('MessagePipeline', () => {
  it('when the pending marks cannot be written, nothing is published, the sender gets code 7, and the seqs already handed out become tombstones', async () => {
    const t = setup({ failMarks: true });
    const err = await t.send(1, 1, 7);
    expect((err as { code: number }).code).toBe(Code.UNAVAILABLE);
    expect(t.published).toEqual([]);
    expect(t.pushed).toEqual([]);
    // one seq for each of the group's three members, all tombstoned
    expect(t.tombstones).toHaveLength(1);
    const rows = t.tombstones[0]!.userIds.map((u, i) => `${u}:${t.tombstones[0]!.seqs[i]}`).sort();
    expect(rows).toEqual(['1:1', '2:1', '3:1']);
    expect(await t.tombstoneCount()).toBe(3);
    expect(t.accepted.flat()).toEqual([]);
    await t.pipeline.drain();
  });

  it('a 1:1 message sent with a big group\'s message is answered without waiting for the group\'s tick (lanes); each keeps its own order', async () => {
    const t = setup();
    // the first message to group 9 tells this worker its size
    expect(await t.send(1, 1, 9)).toEqual([{ seq: 1, msgId: 1 }]);
    await t.ownerOf(2);
    await t.ownerOf(3);
    t.hold.big = true;
    let bulkDone = false;
    const bulk = t.send(2, 1, 9).then((r) => ((bulkDone = true), r));
    const one = t.send(3, 1, 5, 1); // the same turn: without lanes both would share one tick
    const r = await one;
    expect(r).toHaveLength(1);
    expect((r as { seq: number }[])[0]!.seq).toBeGreaterThan(0);
    expect(bulkDone).toBe(false); // the group's publish is still held
    expect(t.pushed.map((f) => f.userIds.length)).toEqual([200, 2]);
    t.hold.release();
    expect(await bulk).toEqual([{ seq: 2, msgId: expect.any(Number) }]);
    expect(t.published.map((b) => b.messages.map((m) => m.receiverId))).toEqual([[9], [5], [9]]);
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
    expect((await t.dedup.load({ userId: 1, deviceId: 'd' })).state!.last).toBe(1);
    expect(t.pushed.map((f) => Array.from(f.userIds))).toEqual([[1, 2, 3]]);
    await t.pipeline.drain();
  });

  it('final rejections are published with the tick (durable outcomes) before the answer', async () => {
    const t = setup();
    const r = await t.send(1, 1, 99); // no such group
    expect(r).toEqual([{ code: Code.NOT_FOUND, msg: 'group not found' }]);
    expect(t.published).toHaveLength(1);
    expect(t.published[0]!.messages).toEqual([]);
    expect(t.published[0]!.rejections).toEqual([{ senderId: 1, deviceId: 'd', clientId: 1, code: Code.NOT_FOUND, msg: 'group not found', fence: 0 }]);
    await t.pipeline.drain();
  });

  it('stamps every copy with its run\'s fence generation', async () => {
    const t = setup();
    expect(await t.send(1, 1, 7, 2, 3)).toEqual([{ seq: 1, msgId: 1 }]);
    expect(t.published[0]!.messages.map((m) => m.fence)).toEqual([3]);
    await t.pipeline.drain();
  });

  it('a run whose device moved before its marks (another owner loaded it) is not published, answered or pushed; its seqs become tombstones; the others of the tick go on', async () => {
    const t = setup();
    await t.ownerOf(1);
    await t.ownerOf(2);
    await t.dedup.load({ userId: 1, deviceId: 'd' }); // device 1 is taken over elsewhere
    const [a, b] = await Promise.all([t.send(1, 1, 7), t.send(2, 1, 7)]);
    expect(a).toBeInstanceOf(OwnershipLost);
    expect((a as OwnershipLost).afterPublish).toBe(false);
    expect(b).toEqual([{ seq: expect.any(Number), msgId: expect.any(Number) }]);
    expect(t.published.flatMap((x) => x.messages.map((m) => m.senderId))).toEqual([2]);
    expect(t.pushed.map((f) => f.senderId)).toEqual([2]);
    // the moved run's three seqs (one per member) are tombstoned, none of the other run's
    expect(t.tombstones.flatMap((x) => x.userIds).sort()).toEqual([1, 2, 3]);
    const published = new Set(Array.from(t.published[0]!.userIds, (u, i) => `${u}:${t.published[0]!.seqs[i]}`));
    for (const x of t.tombstones) x.userIds.forEach((u, i) => expect(published.has(`${u}:${x.seqs[i]}`)).toBe(false));
    await t.pipeline.drain();
  });

  it('a run whose device moved after its publish (the commit does not apply) is answered as not consumed and pushed to no one', async () => {
    const t = setup({ holdCommit: true });
    await t.ownerOf(1);
    await t.ownerOf(2);
    const both = Promise.all([t.send(1, 1, 7), t.send(2, 1, 7)]);
    const until = Date.now() + 2000;
    while (t.commits.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    await t.dedup.load({ userId: 1, deviceId: 'd' }); // taken over between the publish and the commit
    t.release();
    const [a, b] = await both;
    expect(a).toBeInstanceOf(OwnershipLost);
    expect((a as OwnershipLost).afterPublish).toBe(true);
    expect(Array.isArray(b)).toBe(true);
    expect(t.published.flatMap((x) => x.messages.map((m) => m.senderId)).sort()).toEqual([1, 2]);
    expect(t.pushed.map((f) => f.senderId)).toEqual([2]);
    // the delivery ledger hears of the ACKed message only, with its msg_id
    const acked = t.published.flatMap((x) => x.messages).find((m) => m.senderId === 2)!;
    expect(t.accepted.flat().map((f) => [f.senderId, f.msgId])).toEqual([[2, acked.msgId]]);
    await t.pipeline.drain();
  });

  it('a commit that fails outright counts as a lost ownership for every run of the tick: nothing answered as accepted, nothing pushed', async () => {
    const t = setup();
    await t.ownerOf(1);
    t.dedup.commit = async () => Promise.reject(new Error('redis down'));
    const r = await t.send(1, 1, 7);
    expect(r).toBeInstanceOf(OwnershipLost);
    expect((r as OwnershipLost).afterPublish).toBe(true);
    expect(t.pushed).toEqual([]);
    await t.pipeline.drain();
  });
});
