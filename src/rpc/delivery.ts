// gRPC delivery between workers and nodes: one unary call per target worker
// per tick carrying every message for it, each encoded once with its
// recipients' (user, seq) pairs. Messages are encoded with the
// project's generated protobuf code (no proto-loader at run time).
import * as grpc from '@grpc/grpc-js';
import { internal } from '../proto/index.js';
import { f64Array, f64Bytes } from '../util/f64-bytes.js';

export type PushBatch = ReturnType<typeof internal.PushBatch.decode>;
export type PushReply = ReturnType<typeof internal.PushReply.decode>;

/** One message for some of its recipients on the target worker (internal.FanoutPush). */
export interface RemoteFanout {
  /** gochat.Message without its seq (PushTemplate.body) */
  body: Uint8Array;
  sendTime: number;
  senderId: number;
  senderDevice: string;
  userIds: ArrayLike<number>;
  seqs: ArrayLike<number>;
}

/** A decoded batch: every fanout, and old-style per-recipient pushes from workers of the previous version. */
export interface ReceivedPushes {
  fanouts: RemoteFanout[];
  legacy: { userId: number; exceptDevice: string; seq: number; output: Uint8Array; sendTime: number }[];
}

export const deliveryService: grpc.ServiceDefinition = {
  push: {
    path: '/gochat.internal.Delivery/Push',
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: { fanouts: RemoteFanout[] }) =>
      Buffer.from(
        internal.PushBatch.encode({
          fanouts: b.fanouts.map((f) => ({ body: f.body, sendTime: f.sendTime, senderId: f.senderId, senderDevice: f.senderDevice, userIdsF64: f64Bytes(f.userIds), seqsF64: f64Bytes(f.seqs) })),
        }).finish(),
      ),
    requestDeserialize: (buf: Buffer) => internal.PushBatch.decode(buf),
    responseSerialize: (r: { delivered: number }) => Buffer.from(internal.PushReply.encode(r).finish()),
    responseDeserialize: (buf: Buffer) => internal.PushReply.decode(buf),
  },
};

/** What the receiving side does with a batch: push to local devices; returns how many devices got a push. */
export type PushHandler = (received: ReceivedPushes) => number;

function received(b: PushBatch): ReceivedPushes {
  const fanouts = (b.fanouts ?? []).map((f) => {
    const userIds = f64Array(f.userIdsF64 ?? new Uint8Array(0), 'FanoutPush.user_ids_f64');
    const seqs = f64Array(f.seqsF64 ?? new Uint8Array(0), 'FanoutPush.seqs_f64');
    if (userIds.length !== seqs.length) throw new Error('FanoutPush: user_ids and seqs differ in length');
    return { body: f.body ?? new Uint8Array(0), sendTime: Number(f.sendTime ?? 0), senderId: Number(f.senderId ?? 0), senderDevice: f.senderDevice ?? '', userIds, seqs };
  });
  const legacy = (b.pushes ?? []).map((p) => ({
    userId: Number(p.userId),
    exceptDevice: p.exceptDevice ?? '',
    seq: Number(p.seq),
    output: p.output ?? new Uint8Array(0),
    sendTime: Number(p.sendTime ?? 0),
  }));
  return { fanouts, legacy };
}

/** Starts the Delivery server; resolves to the bound port. */
export function startDeliveryServer(host: string, port: number, onPush: PushHandler): Promise<{ port: number; server: grpc.Server }> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  server.addService(deliveryService, {
    push: (call: grpc.ServerUnaryCall<PushBatch, PushReply>, cb: grpc.sendUnaryData<{ delivered: number }>) => {
      try {
        cb(null, { delivered: onPush(received(call.request)) });
      } catch (err) {
        cb({ code: grpc.status.INTERNAL, message: (err as Error).message });
      }
    },
  });
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve({ port: bound, server })));
  });
}

export function stopDeliveryServer(server: grpc.Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

const Client = grpc.makeGenericClientConstructor(deliveryService, 'Delivery');
type DeliveryClient = grpc.Client & {
  push(req: { fanouts: RemoteFanout[] }, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: PushReply) => void): grpc.ClientUnaryCall;
};

/** One channel per remote worker address, created on first use. */
export class DeliveryClientPool {
  private readonly clients = new Map<string, DeliveryClient>();

  /** A slow call is better than a dropped push: the deadline only bounds a dead peer. */
  constructor(private readonly deadlineMs = 10_000) {}

  push(addr: string, fanouts: RemoteFanout[]): Promise<number> {
    let c = this.clients.get(addr);
    if (!c) {
      c = new Client(addr, grpc.credentials.createInsecure(), {
        'grpc.max_send_message_length': 64 * 1024 * 1024,
        'grpc.initial_reconnect_backoff_ms': 200,
        'grpc.max_reconnect_backoff_ms': 2000,
      }) as unknown as DeliveryClient;
      this.clients.set(addr, c);
    }
    const client = c;
    return new Promise((resolve, reject) => {
      client.push({ fanouts }, { deadline: Date.now() + this.deadlineMs }, (err, res) => (err ? reject(err) : resolve(res?.delivered ?? 0)));
    });
  }

  /** Closes the channel to an address that went away. */
  drop(addr: string): void {
    this.clients.get(addr)?.close();
    this.clients.delete(addr);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
