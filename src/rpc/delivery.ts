// gRPC delivery between workers and nodes: one long-lived client stream per
// target worker, one PushBatch per tick on it (in order, without the cost of
// a call per tick), carrying every message for that worker, each encoded
// once with its recipients' (user, seq) pairs. Messages are encoded with the
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

/**
 * An ephemeral Output (read state, receipt, typing, presence) for every
 * device of `userIds` on the target worker except `exceptDevice` of
 * `exceptUser` (internal.SignalPush): sent once, never tracked.
 */
export interface RemoteSignal {
  output: Uint8Array;
  userIds: ArrayLike<number>;
  exceptUser: number;
  exceptDevice: string;
}

/** What one write to a peer carries. */
export interface OutgoingBatch {
  fanouts: RemoteFanout[];
  signals?: RemoteSignal[];
}

/** A decoded batch: every fanout and signal, and old-style per-recipient pushes from workers of the previous version. */
export interface ReceivedPushes {
  fanouts: RemoteFanout[];
  signals: RemoteSignal[];
  legacy: { userId: number; exceptDevice: string; seq: number; output: Uint8Array; sendTime: number }[];
}

const pushMethod = {
  path: '/gochat.internal.Delivery/Push',
  requestStream: false,
  responseStream: false,
  requestSerialize: (b: OutgoingBatch) =>
    Buffer.from(
      internal.PushBatch.encode({
        fanouts: b.fanouts.map((f) => ({ body: f.body, sendTime: f.sendTime, senderId: f.senderId, senderDevice: f.senderDevice, userIdsF64: f64Bytes(f.userIds), seqsF64: f64Bytes(f.seqs) })),
        signals: (b.signals ?? []).map((s) => ({ output: s.output, userIdsF64: f64Bytes(s.userIds), exceptUser: s.exceptUser, exceptDevice: s.exceptDevice })),
      }).finish(),
    ),
  requestDeserialize: (buf: Buffer) => internal.PushBatch.decode(buf),
  responseSerialize: (r: { delivered: number }) => Buffer.from(internal.PushReply.encode(r).finish()),
  responseDeserialize: (buf: Buffer) => internal.PushReply.decode(buf),
};

export const deliveryService: grpc.ServiceDefinition = {
  push: pushMethod,
  pushStream: { ...pushMethod, path: '/gochat.internal.Delivery/PushStream', requestStream: true },
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
  const signals = (b.signals ?? []).map((s) => ({
    output: s.output ?? new Uint8Array(0),
    userIds: f64Array(s.userIdsF64 ?? new Uint8Array(0), 'SignalPush.user_ids_f64'),
    exceptUser: Number(s.exceptUser ?? 0),
    exceptDevice: s.exceptDevice ?? '',
  }));
  return { fanouts, signals, legacy };
}

/** Starts the Delivery server; resolves to the bound port. stopDeliveryServer ends its open streams. */
export function startDeliveryServer(host: string, port: number, onPush: PushHandler): Promise<{ port: number; server: grpc.Server }> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  const streams = new Set<() => void>();
  server.addService(deliveryService, {
    push: (call: grpc.ServerUnaryCall<PushBatch, PushReply>, cb: grpc.sendUnaryData<{ delivered: number }>) => {
      try {
        cb(null, { delivered: onPush(received(call.request)) });
      } catch (err) {
        cb({ code: grpc.status.INTERNAL, message: (err as Error).message });
      }
    },
    pushStream: (call: grpc.ServerReadableStream<PushBatch, PushReply>, cb: grpc.sendUnaryData<{ delivered: number }>) => {
      let delivered = 0;
      let done = false;
      const finish = (err: grpc.ServiceError | null) => {
        if (done) return;
        done = true;
        streams.delete(end);
        if (err) cb(err);
        else cb(null, { delivered });
      };
      const end = () => finish(null);
      streams.add(end);
      call.on('data', (batch: PushBatch) => {
        try {
          delivered += onPush(received(batch));
        } catch (err) {
          finish({ code: grpc.status.INTERNAL, message: (err as Error).message } as grpc.ServiceError);
        }
      });
      call.on('end', end);
      call.on('error', () => finish(null));
    },
  });
  (server as grpc.Server & { gochatEndStreams?: () => void }).gochatEndStreams = () => {
    for (const end of [...streams]) end();
  };
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve({ port: bound, server })));
  });
}

export function stopDeliveryServer(server: grpc.Server, graceMs = 2000): Promise<void> {
  (server as grpc.Server & { gochatEndStreams?: () => void }).gochatEndStreams?.();
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
  pushStream(cb: (err: grpc.ServiceError | null, res?: PushReply) => void): grpc.ClientWritableStream<OutgoingBatch>;
};

/**
 * Pushes travel on two streams per peer: a big group's fan-out ('bulk')
 * never holds a 1:1 push ('fast') behind it in a stream, and HTTP/2 flow
 * control is per stream, so a backlog of bulk batches leaves the fast
 * stream's window open.
 */
export type PushLane = 'fast' | 'bulk';

interface LaneStream {
  stream: grpc.ClientWritableStream<OutgoingBatch> | null;
  /** batches written and not yet handed to the transport */
  unflushed: number;
}

interface Peer {
  client: DeliveryClient;
  lanes: Record<PushLane, LaneStream>;
}

/** Batches a stream may hold unflushed before further ones are dropped (a stuck peer; its devices will sync). */
const MAX_UNFLUSHED = 256;

/** One channel and one push stream per remote worker address, opened on first use and again after a failure. */
export class DeliveryClientPool {
  private readonly peers = new Map<string, Peer>();

  /**
   * A dead peer is noticed by keepalive pings within about `deadlineMs`:
   * its stream fails and what was written to it is lost (those devices sync).
   */
  constructor(private readonly deadlineMs = 10_000) {}

  /** Writes one batch to the peer's stream of the lane; resolves once it is handed to the transport. */
  push(addr: string, fanouts: RemoteFanout[], lane: PushLane = 'fast', signals?: RemoteSignal[]): Promise<void> {
    let p = this.peers.get(addr);
    if (!p) {
      const client = new Client(addr, grpc.credentials.createInsecure(), {
        'grpc.max_send_message_length': 64 * 1024 * 1024,
        'grpc.initial_reconnect_backoff_ms': 200,
        'grpc.max_reconnect_backoff_ms': 2000,
        'grpc.keepalive_time_ms': Math.max(1000, Math.floor(this.deadlineMs / 2)),
        'grpc.keepalive_timeout_ms': Math.max(1000, Math.floor(this.deadlineMs / 2)),
        'grpc.keepalive_permit_without_calls': 1,
      }) as unknown as DeliveryClient;
      p = { client, lanes: { fast: { stream: null, unflushed: 0 }, bulk: { stream: null, unflushed: 0 } } };
      this.peers.set(addr, p);
    }
    const l = p.lanes[lane];
    if (l.unflushed >= MAX_UNFLUSHED) return Promise.reject(new Error(`${addr}: ${l.unflushed} ${lane} batches not flushed; dropped`));
    if (!l.stream) {
      const stream = p.client.pushStream(() => {
        // Ended (the peer stopped) or failed: the next batch opens a new stream.
        if (l.stream === stream) l.stream = null;
      });
      stream.on('error', () => undefined);
      l.stream = stream;
    }
    const stream = l.stream;
    l.unflushed++;
    return new Promise((resolve, reject) => {
      stream.write(signals ? { fanouts, signals } : { fanouts }, (err?: Error | null) => {
        l.unflushed--;
        if (err) reject(err);
        else resolve();
      });
    });
  }

  /** Closes the channel to an address that went away. */
  drop(addr: string): void {
    const p = this.peers.get(addr);
    p?.lanes.fast.stream?.end();
    p?.lanes.bulk.stream?.end();
    p?.client.close();
    this.peers.delete(addr);
  }

  close(): void {
    for (const addr of [...this.peers.keys()]) this.drop(addr);
  }
}
