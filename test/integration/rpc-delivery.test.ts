// Delivery between workers over real gRPC on loopback: a message crosses
// once per target worker with the (user, seq) pairs of the recipients that
// worker holds; batches in the previous version's per-recipient form are
// still accepted (rolling upgrades).
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fanout } from '../../src/chat/types.js';
import { PushTemplate } from '../../src/gateway/codec.js';
import { createLogger } from '../../src/log.js';
import { MemoryPresence } from '../../src/presence/presence-memory.js';
import { internal } from '../../src/proto/index.js';
import { DeliveryClientPool, startDeliveryServer, stopDeliveryServer, type ReceivedPushes } from '../../src/rpc/delivery.js';
import { RpcRemotePush } from '../../src/rpc/remote-push.js';

type PushBatchInit = Parameters<typeof internal.PushBatch.encode>[0];
type PushReplyInit = ReturnType<typeof internal.PushReply.decode>;

const msg = { sessionType: 2, receiverId: 9, senderId: 1, messageType: 1, content: Buffer.from('hello'), sendTime: 1_700_000_000_000, msgId: 77 };

interface Worker {
  addr: string;
  got: ReceivedPushes[];
  server: grpc.Server;
}

async function worker(): Promise<Worker> {
  const got: ReceivedPushes[] = [];
  const { port, server } = await startDeliveryServer('127.0.0.1', 0, (r) => {
    got.push(r);
    return r.fanouts.reduce((n, f) => n + f.userIds.length, 0) + r.legacy.length;
  });
  return { addr: `127.0.0.1:${port}`, got, server };
}

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('gRPC delivery', () => {
  let a: Worker;
  let b: Worker;
  const pool = new DeliveryClientPool(5000);
  beforeAll(async () => {
    [a, b] = await Promise.all([worker(), worker()]);
  });
  afterAll(async () => {
    pool.close();
    await Promise.all([stopDeliveryServer(a.server), stopDeliveryServer(b.server)]);
  });

  it('sends each message once per target worker with the recipients it holds; never to itself or to the sending device', async () => {
    const presence = new MemoryPresence({ ttlMs: 60_000 });
    const self = '127.0.0.1:1'; // the sending worker
    await presence.add(1, 'phone', self); // the sending device, here
    await presence.add(1, 'laptop', a.addr); // the sender's other device: gets it
    await presence.add(2, 'd1', a.addr);
    await presence.add(2, 'd2', a.addr); // two devices on one worker: one (user, seq) pair
    await presence.add(3, 'd1', b.addr);
    await presence.add(4, 'd1', self); // local only: no remote push
    // user 5 offline
    const remote = new RpcRemotePush(presence, pool, () => self, createLogger('silent'));
    const push = new PushTemplate(msg);
    const f: Fanout = { push, sendTime: msg.sendTime, senderId: 1, senderDevice: 'phone', userIds: [1, 2, 3, 4, 5], seqs: [11, 12, 13, 14, 15] };
    const g: Fanout = { push: new PushTemplate({ ...msg, msgId: 78 }), sendTime: msg.sendTime, senderId: 3, senderDevice: 'd1', userIds: [1, 2, 3], seqs: [16, 17, 18] };
    remote.pushRemote([f, g]);
    await waitFor(() => a.got.length === 1 && b.got.length === 1 && remote.stats.calls === 2);

    expect(a.got[0]!.legacy).toEqual([]);
    expect(a.got[0]!.fanouts.map((x) => ({ userIds: Array.from(x.userIds), seqs: Array.from(x.seqs) }))).toEqual([
      { userIds: [1, 2], seqs: [11, 12] },
      { userIds: [1, 2], seqs: [16, 17] },
    ]);
    const first = a.got[0]!.fanouts[0]!;
    expect(Buffer.from(first.body)).toEqual(Buffer.from(push.body));
    expect(first).toMatchObject({ sendTime: msg.sendTime, senderId: 1, senderDevice: 'phone' });
    // user 3 is g's sender and d1 its sending device: b gets only f for user 3
    expect(b.got[0]!.fanouts.map((x) => ({ userIds: Array.from(x.userIds), seqs: Array.from(x.seqs) }))).toEqual([{ userIds: [3], seqs: [13] }]);
    expect(remote.stats).toMatchObject({ calls: 2, items: 5, failures: 0 });
    presence.close();
  });

  it('a body received from another worker rebuilds byte-identical pushes', async () => {
    const push = new PushTemplate(msg);
    const before = b.got.length;
    await pool.push(b.addr, [{ body: push.body, sendTime: 1, senderId: 1, senderDevice: 'x', userIds: [7], seqs: [2 ** 40] }]);
    await waitFor(() => b.got.length > before);
    const f = b.got.at(-1)!.fanouts[0]!;
    expect(Buffer.from(new PushTemplate(f.body).output(2 ** 40))).toEqual(Buffer.from(push.output(2 ** 40)));
  });

  it('accepts per-recipient pushes from a worker of the previous version', async () => {
    const Client = grpc.makeGenericClientConstructor(
      {
        push: {
          path: '/gochat.internal.Delivery/Push',
          requestStream: false,
          responseStream: false,
          requestSerialize: (x: PushBatchInit) => Buffer.from(internal.PushBatch.encode(x).finish()),
          requestDeserialize: (buf: Buffer) => internal.PushBatch.decode(buf),
          responseSerialize: (x: PushReplyInit) => Buffer.from(internal.PushReply.encode(x).finish()),
          responseDeserialize: (buf: Buffer) => internal.PushReply.decode(buf),
        },
      },
      'Delivery',
    );
    const c = new Client(a.addr, grpc.credentials.createInsecure()) as unknown as {
      push(req: PushBatchInit, cb: (err: Error | null, res?: PushReplyInit) => void): void;
      close(): void;
    };
    const output = new PushTemplate(msg).output(5);
    const reply = await new Promise<PushReplyInit>((resolve, reject) =>
      c.push({ pushes: [{ userId: 4, exceptDevice: 'd9', seq: 5, output, sendTime: 3 }] }, (err, res) => (err ? reject(err) : resolve(res!))),
    );
    c.close();
    expect(reply.delivered).toBe(1);
    expect(a.got.at(-1)!.legacy).toEqual([{ userId: 4, exceptDevice: 'd9', seq: 5, output: expect.anything(), sendTime: 3 }]);
    expect(Buffer.from(a.got.at(-1)!.legacy[0]!.output)).toEqual(Buffer.from(output));
  });

  it('a fast push written after a backlog of big bulk batches to the same worker arrives before the backlog is through (two streams, each in order)', async () => {
    const c = await worker();
    const big = Buffer.alloc(512 * 1024, 1); // a big group's fan-out: many recipients' seqs
    const bulkSeqs = Array.from({ length: big.length / 8 }, (_, i) => i + 1);
    const N = 40;
    for (let i = 1; i <= N; i++) void pool.push(c.addr, [{ body: big, sendTime: 1, senderId: 1, senderDevice: 'x', userIds: bulkSeqs.map(() => 5), seqs: bulkSeqs.map((q) => q + i * 1e6) }], 'bulk');
    const body = new PushTemplate(msg).body;
    for (let i = 1; i <= 3; i++) void pool.push(c.addr, [{ body, sendTime: 1, senderId: 1, senderDevice: 'x', userIds: [6], seqs: [i] }], 'fast');
    await waitFor(() => c.got.length === N + 3, 30_000);
    const order = c.got.map((r) => (r.fanouts[0]!.userIds[0] === 6 ? `f${r.fanouts[0]!.seqs[0]}` : 'b'));
    expect(order.filter((x) => x !== 'b')).toEqual(['f1', 'f2', 'f3']); // each lane in order
    const bulkSeen = c.got.filter((r) => r.fanouts[0]!.userIds[0] === 5).map((r) => Math.floor(r.fanouts[0]!.seqs[0]! / 1e6));
    expect(bulkSeen).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    // the last fast push arrived while bulk batches were still to come
    expect(order.indexOf('f3')).toBeLessThan(N);
    await stopDeliveryServer(c.server);
  });

  it('batches to one worker travel on one stream, in the order written; stopping the server ends its streams at once and the next batch opens a new one', async () => {
    const c = await worker();
    const body = new PushTemplate(msg).body;
    for (let i = 1; i <= 200; i++) void pool.push(c.addr, [{ body, sendTime: 1, senderId: 1, senderDevice: 'x', userIds: [5], seqs: [i] }]);
    await waitFor(() => c.got.length === 200);
    expect(c.got.map((r) => r.fanouts[0]!.seqs[0])).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const t0 = Date.now();
    await stopDeliveryServer(c.server, 5000);
    expect(Date.now() - t0).toBeLessThan(1000); // not held open by the stream
    // The peer is back on the same port: the pool opens a new stream.
    const port = Number(c.addr.split(':')[1]);
    const got: ReceivedPushes[] = [];
    const again = await startDeliveryServer('127.0.0.1', port, (r) => (got.push(r), 1));
    try {
      const end = Date.now() + 10_000;
      while (got.length === 0 && Date.now() < end) {
        await pool.push(c.addr, [{ body, sendTime: 1, senderId: 1, senderDevice: 'x', userIds: [5], seqs: [999] }]).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(got.length).toBeGreaterThan(0);
      expect(got[0]!.fanouts[0]!.seqs[0]).toBe(999);
    } finally {
      await stopDeliveryServer(again.server);
    }
  });
});
