// PersistQueue over RabbitMQ (DESIGN.md §2.4): one durable queue, persistent
// messages, publisher confirms; each message is one protobuf
// gochat.internal.PersistBatch.
//
// Connection handling: amqplib's recovering connection (connect with
// `recovery`) reconnects with exponential back-off; our `setup` re-creates the
// publishing channel and, once consume() was called, the consumer on every
// new connection. Any unexpected channel close closes the connection, so
// recovery always starts from a clean connection.
//
// Undecodable messages can never be handled: they are moved to the durable
// queue `<queue>.dead` (declared on first use, for inspection) and acked.
import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type RecoveringChannelModel } from 'amqplib';
import { pino } from 'pino';
import { UnavailableError } from '../chat/codes.js';
import type { Logger } from '../log.js';
import { internal } from '../proto/index.js';
import { f64Array, f64Bytes } from '../util/f64-bytes.js';
import type { PersistBatch, StoredMessage, StoredRejection } from '../store/types.js';
import type { PersistQueue } from './persist-queue.js';

export const DEFAULT_PREFETCH = 64;
export const DEFAULT_MAX_BATCHES_PER_CALL = 64;
export const DEFAULT_GATHER_MS = 20;
export const DEFAULT_PUBLISH_TIMEOUT_MS = 5_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY_MIN_MS = 200;
export const DEFAULT_RETRY_MAX_MS = 5_000;
export const DEFAULT_RECONNECT_MIN_MS = 200;
export const DEFAULT_RECONNECT_MAX_MS = 5_000;
export const DEFAULT_HEARTBEAT_SEC = 10;

const CONTENT_TYPE = 'application/x-protobuf';
const MESSAGE_TYPE = 'gochat.internal.PersistBatch';
const WHAT = 'rabbitmq';

export interface RabbitPersistQueueOptions {
  url: string;
  /** the queue name; callers pass `${prefix}.persist` */
  queue: string;
  /** unacknowledged deliveries per consumer */
  prefetch?: number;
  /** most batches handed to one handler call */
  maxBatchesPerCall?: number;
  /** how long the first delivery waits for more before the handler runs */
  gatherMs?: number;
  /** bound on one publish (back-pressure wait + confirm) */
  publishTimeoutMs?: number;
  /** bound on ready() and on consume() waiting for its consumer */
  connectTimeoutMs?: number;
  /** bound on close() waiting for the handler in progress and unconfirmed publishes */
  closeTimeoutMs?: number;
  /** handler failure back-off before the batches are requeued, doubling up to max */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** reconnect back-off, doubling up to max (with jitter) */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** AMQP heartbeat unless the URL sets one; 0 disables */
  heartbeatSec?: number;
  /** shown by the broker (rabbitmqctl list_connections client_properties) */
  connectionName?: string;
  logger?: Logger;
}

type Handler = (batches: PersistBatch[]) => Promise<void>;

interface PendingPublish {
  id: string;
  content: Buffer;
  resolve(): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  settled: boolean;
  /** the broker returned it as unroutable (queue missing); fails at its confirm */
  returned: boolean;
}

interface Delivery {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  /** null: undecodable */
  batch: PersistBatch | null;
}

interface Session {
  model: ChannelModel;
  pub: ConfirmChannel;
}

type State = 'open' | 'closing' | 'closed';

export class RabbitPersistQueue implements PersistQueue {
  private readonly o: Required<Omit<RabbitPersistQueueOptions, 'logger'>>;
  private readonly log: Logger;
  private readonly deadQueue: string;
  private readonly conn: Promise<RecoveringChannelModel>;
  private state: State = 'open';
  private closing: Promise<void> | null = null;

  private session: Session | null = null;
  private changedAt = 0;
  private blocked = false;
  private readyWaiters: (() => void)[] = [];

  // publishing
  private nextId = 0;
  private backpressure = false;
  private readonly waiting: PendingPublish[] = [];
  private readonly inflight = new Map<string, PendingPublish>();
  private inflightEmpty: (() => void)[] = [];

  // consuming
  private handler: Handler | null = null;
  /** set before basic.consume (deliveries may arrive before its reply is handled) */
  private consumerCh: ConfirmChannel | null = null;
  /** set once the broker confirmed the consumer */
  private consumerTag: string | null = null;
  private consumerStarting: Promise<void> | null = null;
  private consumerWaiters: (() => void)[] = [];
  private buffer: Delivery[] = [];
  private gatherTimer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private retryDelay: number;
  private wakeBackoff: (() => void) | null = null;
  private deadDeclared = new WeakSet<ConfirmChannel>();

  constructor(opts: RabbitPersistQueueOptions) {
    this.o = parseOptions(opts);
    this.log = (opts.logger ?? pino({ enabled: false })).child({ component: 'persist-queue', queue: opts.queue });
    this.deadQueue = `${this.o.queue}.dead`;
    this.retryDelay = this.o.retryMinMs;
    this.conn = connect(withHeartbeat(this.o.url, this.o.heartbeatSec), {
      clientProperties: { connection_name: this.o.connectionName },
      timeout: this.o.connectTimeoutMs,
      noDelay: true,
      recovery: {
        initialDelay: this.o.reconnectMinMs,
        maxDelay: this.o.reconnectMaxMs,
        factor: 2,
        jitter: 0.2,
        maxRetries: Infinity,
        waitForConnect: false,
        setup: (model: ChannelModel) => this.setup(model),
      },
    });
    // Listeners go on before the first attempt, which amqplib defers to setImmediate.
    this.conn.then(
      (c) => {
        c.on('error', (err: Error) => this.log.debug({ err }, 'rabbitmq connection error'));
        c.on('disconnect', (err: Error) => {
          this.log.warn({ err }, 'rabbitmq connection lost');
          this.dropSession();
        });
        c.on('connect-failed', (err: Error) => this.log.warn({ err }, 'rabbitmq connect failed'));
        c.on('reconnect-scheduled', (info: { attempt: number; delay: number }) =>
          this.log.debug({ attempt: info.attempt, delay: info.delay }, 'rabbitmq reconnect scheduled'),
        );
        c.on('blocked', (reason: string) => {
          this.log.warn({ reason }, 'rabbitmq connection blocked');
          this.blocked = true;
        });
        c.on('unblocked', () => {
          this.blocked = false;
        });
      },
      (err: unknown) => this.log.error({ err }, 'rabbitmq connection setup failed'),
    );
  }

  /** Resolves once connected; rejects with UnavailableError after connectTimeoutMs (reconnecting goes on). */
  ready(): Promise<void> {
    if (this.state !== 'open') return Promise.reject(new UnavailableError(WHAT, new Error('queue closed')));
    if (this.session) return Promise.resolve();
    return this.waitFor(this.readyWaiters, this.o.connectTimeoutMs, 'connect timeout');
  }

  /**
   * Resolves on the publisher confirm. Rejects with UnavailableError at once
   * while disconnected, blocked by the broker or closed, and after
   * publishTimeoutMs, on a nack, an unroutable return or a channel loss.
   */
  publish(batch: PersistBatch): Promise<void> {
    if (this.state !== 'open') return Promise.reject(new UnavailableError(WHAT, new Error('queue closed')));
    if (!this.session) return Promise.reject(new UnavailableError(WHAT, new Error('not connected')));
    if (this.blocked) return Promise.reject(new UnavailableError(WHAT, new Error('connection blocked by the broker')));
    let content: Buffer;
    try {
      content = encodePersistBatch(batch);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      const p: PendingPublish = {
        id: String(++this.nextId),
        content,
        resolve,
        reject,
        settled: false,
        returned: false,
        timer: setTimeout(() => this.settle(p, new Error('publish timed out')), this.o.publishTimeoutMs),
      };
      // Respect back-pressure: while the channel's buffer is full, queue in order.
      if (this.backpressure || this.waiting.length > 0) this.waiting.push(p);
      else this.send(p);
    });
  }

  /**
   * Registers the handler (once) and resolves once the consumer is active.
   * If that takes longer than connectTimeoutMs it rejects with
   * UnavailableError, but the handler stays registered: consuming starts
   * whenever the connection comes back.
   */
  async consume(handler: Handler): Promise<void> {
    if (this.state !== 'open') throw new UnavailableError(WHAT, new Error('queue closed'));
    if (this.handler) throw new Error('RabbitPersistQueue: consume() was already called');
    this.handler = handler;
    const waiting = this.waitFor(this.consumerWaiters, this.o.connectTimeoutMs, 'consumer not started');
    this.ensureConsumer().catch(() => undefined); // logged; retried on reconnect
    if (this.consumerTag !== null) this.resolveAll('consumerWaiters');
    await waiting;
  }

  connectionChangedAt(): number {
    return this.changedAt;
  }

  /** Whether this consumer holds no delivery (none buffered, none being handled). */
  get idle(): boolean {
    return this.buffer.length === 0 && this.loop === null;
  }

  /** Ready messages in the queue (not counting unacknowledged deliveries); null if unknown. */
  async depth(): Promise<number | null> {
    const s = this.session;
    if (!s) return null;
    try {
      // A throwaway channel: checkQueue on a missing queue closes its channel.
      const ch = await withTimeout(s.model.createChannel(), this.o.connectTimeoutMs);
      ch.on('error', () => undefined);
      try {
        return (await withTimeout(ch.checkQueue(this.o.queue), this.o.connectTimeoutMs)).messageCount;
      } finally {
        ch.close().catch(() => undefined);
      }
    } catch (err) {
      this.log.debug({ err }, 'depth unavailable');
      return null;
    }
  }

  /**
   * Stops consuming, waits (up to closeTimeoutMs) for the handler in progress
   * and for unconfirmed publishes, then disconnects. Deliveries not acked by
   * then go back to the queue. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.state = 'closing';
    const closed = new UnavailableError(WHAT, new Error('queue closed'));
    for (const p of this.waiting.splice(0)) this.settle(p, closed);
    this.clearGather();
    this.wakeBackoff?.();
    const deadline = Date.now() + this.o.closeTimeoutMs;
    const ch = this.consumerCh;
    const tag = this.consumerTag;
    if (ch && tag !== null) await withTimeout(ch.cancel(tag), this.o.closeTimeoutMs).catch(() => undefined);
    if (this.loop) await withTimeout(this.loop, Math.max(0, deadline - Date.now())).catch(() => undefined);
    if (this.inflight.size > 0) {
      await withTimeout(new Promise<void>((r) => this.inflightEmpty.push(r)), Math.max(0, deadline - Date.now())).catch(
        () => undefined,
      );
    }
    this.state = 'closed';
    // Close the channels first: acks still buffered in a channel are flushed
    // before its channel.close, whereas connection.close may overtake them.
    const channels = [this.consumerCh, this.session?.pub].filter((x): x is ConfirmChannel => x != null);
    this.dropSession();
    for (const c of channels) await withTimeout(c.close(), 1_000).catch(() => undefined);
    try {
      await (await this.conn).close();
    } catch (err) {
      this.log.debug({ err }, 'rabbitmq close');
    }
  }

  // --- connection lifecycle -------------------------------------------------

  /** Runs on every new connection before it is handed out; a rejection makes amqplib retry. */
  private async setup(model: ChannelModel): Promise<void> {
    model.on('error', () => undefined); // reported through the recovering connection
    const pub = await model.createConfirmChannel();
    pub.on('error', (err: Error) => this.log.warn({ err }, 'rabbitmq publish channel error'));
    pub.on('close', () => this.channelClosed(pub, model));
    pub.on('drain', () => {
      if (this.session?.pub !== pub) return;
      this.backpressure = false;
      this.flushWaiting();
    });
    pub.on('return', (msg: ConsumeMessage) => {
      const p = this.inflight.get(String(msg.properties.messageId));
      if (p) p.returned = true;
      this.log.error('persist batch returned unroutable: queue missing, declaring it again');
      pub.assertQueue(this.o.queue, { durable: true }).catch(() => undefined);
    });
    await pub.assertQueue(this.o.queue, { durable: true });
    if (this.state !== 'open') throw new Error('queue closed during connect');
    this.session = { model, pub };
    this.backpressure = false;
    this.blocked = false;
    try {
      await this.ensureConsumer();
    } catch (err) {
      if (this.session?.model === model) this.dropSession();
      throw err;
    }
    this.changedAt = Date.now();
    this.log.info('rabbitmq connected');
    this.resolveAll('readyWaiters');
  }

  /** Forgets the current connection's channels; unconfirmed publishes fail through amqplib's callbacks. */
  private dropSession(): void {
    if (this.session) this.changedAt = Date.now();
    this.session = null;
    this.consumerCh = null;
    this.consumerTag = null;
    this.backpressure = false;
    this.buffer = [];
    this.clearGather();
    const err = new UnavailableError(WHAT, new Error('connection lost'));
    for (const p of this.waiting.splice(0)) this.settle(p, err);
  }

  private channelClosed(ch: ConfirmChannel, model: ChannelModel): void {
    const ours = this.session?.pub === ch || this.consumerCh === ch;
    if (this.consumerCh === ch) {
      this.consumerCh = null;
      this.consumerTag = null;
      this.buffer = this.buffer.filter((d) => d.ch !== ch);
    }
    if (!ours || this.state !== 'open') return;
    // A channel died on a live connection (or the connection is going):
    // start over from a fresh connection; recovery reconnects.
    this.log.warn('rabbitmq channel closed, reconnecting');
    this.dropSession();
    model.close().catch(() => undefined);
  }

  // --- publishing -------------------------------------------------------------

  private send(p: PendingPublish): void {
    if (p.settled) return;
    const s = this.session;
    if (!s) {
      this.settle(p, new Error('not connected'));
      return;
    }
    this.inflight.set(p.id, p);
    let ok: boolean;
    try {
      ok = s.pub.sendToQueue(
        this.o.queue,
        p.content,
        { persistent: true, mandatory: true, messageId: p.id, contentType: CONTENT_TYPE, type: MESSAGE_TYPE },
        (err: unknown) => this.confirmed(p, err),
      );
    } catch (err) {
      this.confirmed(p, err);
      return;
    }
    if (!ok) this.backpressure = true;
  }

  private flushWaiting(): void {
    while (!this.backpressure && this.waiting.length > 0) this.send(this.waiting.shift()!);
  }

  private confirmed(p: PendingPublish, err: unknown): void {
    this.inflight.delete(p.id);
    if (err) this.settle(p, err);
    else if (p.returned) this.settle(p, new Error(`queue ${this.o.queue} missing: message returned`));
    else this.settle(p, null);
    if (this.inflight.size === 0) this.resolveAll('inflightEmpty');
  }

  private settle(p: PendingPublish, err: unknown): void {
    if (p.settled) return;
    p.settled = true;
    clearTimeout(p.timer);
    if (err === null) {
      p.resolve();
      return;
    }
    const i = this.waiting.indexOf(p);
    if (i >= 0) this.waiting.splice(i, 1);
    p.reject(err instanceof UnavailableError ? err : new UnavailableError(WHAT, err));
  }

  // --- consuming ----------------------------------------------------------------

  private ensureConsumer(): Promise<void> {
    const s = this.session;
    if (!this.handler || !s || this.consumerCh || this.state !== 'open') return Promise.resolve();
    this.consumerStarting ??= this.startConsumer(s.model)
      .catch((err: unknown) => {
        this.log.warn({ err }, 'rabbitmq consumer start failed, reconnecting');
        if (this.session?.model === s.model) {
          this.dropSession();
          s.model.close().catch(() => undefined);
        }
        throw err;
      })
      .finally(() => {
        this.consumerStarting = null;
      });
    return this.consumerStarting;
  }

  private async startConsumer(model: ChannelModel): Promise<void> {
    const ch = await model.createConfirmChannel();
    ch.on('error', (err: Error) => this.log.warn({ err }, 'rabbitmq consumer channel error'));
    ch.on('close', () => this.channelClosed(ch, model));
    await ch.prefetch(this.o.prefetch);
    if (this.state !== 'open') throw new Error('queue closed');
    this.consumerCh = ch;
    const { consumerTag } = await ch.consume(this.o.queue, (msg) => this.onDelivery(ch, model, msg), { noAck: false });
    if (this.consumerCh !== ch) return; // lost meanwhile
    this.consumerTag = consumerTag;
    this.resolveAll('consumerWaiters');
  }

  private onDelivery(ch: ConfirmChannel, model: ChannelModel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // Cancelled by the broker (the queue was deleted): reconnect, which declares it again.
      if (this.consumerCh === ch && this.state === 'open') {
        this.log.warn('rabbitmq consumer cancelled by the broker, reconnecting');
        this.dropSession();
        model.close().catch(() => undefined);
      }
      return;
    }
    if (this.state !== 'open' || this.consumerCh !== ch) return; // left unacked: requeued when the channel closes
    let batch: PersistBatch | null = null;
    try {
      batch = decodePersistBatch(msg.content);
    } catch (err) {
      this.log.error({ err, bytes: msg.content.length }, 'undecodable persist batch');
    }
    this.buffer.push({ ch, msg, batch });
    this.schedule();
  }

  private schedule(): void {
    if (this.loop || this.buffer.length === 0 || this.state !== 'open') return;
    if (this.buffer.length >= this.o.maxBatchesPerCall) this.startLoop();
    else this.gatherTimer ??= setTimeout(() => this.startLoop(), this.o.gatherMs);
  }

  private clearGather(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
  }

  /**
   * Handles the buffer in delivery order, one handler call at a time. Every
   * delivery before a group is settled when the group is, so a multiple ack
   * (or nack) of the group's last tag covers exactly the group.
   */
  private startLoop(): void {
    this.clearGather();
    if (this.loop) return;
    this.loop = (async () => {
      while (this.buffer.length > 0 && this.state === 'open') {
        const head = this.buffer[0]!;
        if (head.batch === null) {
          this.buffer.shift();
          await this.deadLetter(head);
          continue;
        }
        let n = 1;
        while (
          n < this.buffer.length &&
          n < this.o.maxBatchesPerCall &&
          this.buffer[n]!.ch === head.ch &&
          this.buffer[n]!.batch !== null
        )
          n++;
        await this.handleGroup(this.buffer.splice(0, n));
      }
    })()
      .catch((err: unknown) => this.log.error({ err }, 'persist consumer loop failed'))
      .finally(() => {
        this.loop = null;
        this.schedule();
      });
  }

  private async handleGroup(group: Delivery[]): Promise<void> {
    const { ch } = group[0]!;
    const last = group[group.length - 1]!.msg;
    try {
      await this.handler!(group.map((d) => d.batch!));
    } catch (err) {
      const delay = this.state === 'open' ? this.retryDelay : 0;
      this.retryDelay = Math.min(this.retryDelay * 2, this.o.retryMaxMs);
      this.log.warn({ err, batches: group.length, retryInMs: delay }, 'persist handler failed, requeueing after back-off');
      if (delay > 0) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, delay);
          this.wakeBackoff = () => {
            clearTimeout(t);
            r();
          };
        });
        this.wakeBackoff = null;
      }
      try {
        ch.nack(last, true, true);
      } catch {
        // channel gone: the broker requeues them itself
      }
      return;
    }
    this.retryDelay = this.o.retryMinMs;
    try {
      ch.ack(last, true);
    } catch {
      // channel gone: redelivered, and the handler is idempotent
    }
  }

  /** Moves an undecodable message to `<queue>.dead` (confirmed), then acks it. */
  private async deadLetter(d: Delivery): Promise<void> {
    try {
      if (!this.deadDeclared.has(d.ch)) {
        await d.ch.assertQueue(this.deadQueue, { durable: true });
        this.deadDeclared.add(d.ch);
      }
      await new Promise<void>((resolve, reject) =>
        d.ch.sendToQueue(
          this.deadQueue,
          d.msg.content,
          { persistent: true, headers: { 'x-gochat-reason': 'undecodable', 'x-gochat-queue': this.o.queue } },
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
        ),
      );
      this.log.error({ deadQueue: this.deadQueue }, 'undecodable persist batch dead-lettered');
    } catch (err) {
      // It can never succeed; acking loses nothing a retry could save.
      this.log.error({ err }, 'undecodable persist batch could not be dead-lettered; dropping it');
    }
    try {
      d.ch.ack(d.msg);
    } catch {
      // channel gone: redelivered and dead-lettered again
    }
  }

  // --- helpers --------------------------------------------------------------------

  private waitFor(list: (() => void)[], ms: number, why: string): Promise<void> {
    return withTimeout(new Promise<void>((r) => list.push(r)), ms).catch((err: unknown) => {
      throw new UnavailableError(WHAT, new Error(why, { cause: err }));
    });
  }

  private resolveAll(which: 'readyWaiters' | 'consumerWaiters' | 'inflightEmpty'): void {
    const list = this[which];
    this[which] = [];
    for (const r of list) r();
  }
}

/** Deletes a queue and its dead-letter queue (tests clean up with it). Missing queues are fine. */
export async function deleteRabbitQueue(url: string, queue: string): Promise<void> {
  const conn = await connect(url);
  try {
    conn.on('error', () => undefined);
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    await ch.deleteQueue(queue);
    await ch.deleteQueue(`${queue}.dead`);
    await ch.close();
  } finally {
    await conn.close().catch(() => undefined);
  }
}

// --- codec ----------------------------------------------------------------------------

/** PersistBatch → protobuf gochat.internal.PersistBatch bytes (ids of the rows as float64 columns). */
export function encodePersistBatch(batch: PersistBatch): Buffer {
  const u8 = internal.PersistBatch.encode({
    messages: batch.messages,
    rejections: batch.rejections ?? [],
    userIdsF64: f64Bytes(batch.userIds),
    seqsF64: f64Bytes(batch.seqs),
    msgIdsF64: f64Bytes(batch.msgIds),
  }).finish();
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** Decodes (either form of the rows) and validates; throws on bytes that are no PersistBatch. */
export function decodePersistBatch(bytes: Uint8Array): PersistBatch {
  const d = internal.PersistBatch.decode(bytes);
  const f64 = d.userIdsF64?.length || d.seqsF64?.length || d.msgIdsF64?.length;
  const userIds: ArrayLike<number> = f64 ? f64Array(d.userIdsF64 ?? new Uint8Array(0), 'PersistBatch.user_ids_f64') : (d.userIds ?? []);
  const seqs: ArrayLike<number> = f64 ? f64Array(d.seqsF64 ?? new Uint8Array(0), 'PersistBatch.seqs_f64') : (d.seqs ?? []);
  const msgIds: ArrayLike<number> = f64 ? f64Array(d.msgIdsF64 ?? new Uint8Array(0), 'PersistBatch.msg_ids_f64') : (d.msgIds ?? []);
  if (userIds.length !== seqs.length || userIds.length !== msgIds.length) {
    throw new Error('PersistBatch: userIds, seqs and msgIds differ in length');
  }
  for (let i = 0; i < userIds.length; i++) {
    checkId(userIds[i]!);
    checkId(seqs[i]!);
    checkId(msgIds[i]!);
  }
  const messages = (d.messages ?? []).map((m): StoredMessage => {
    const s: StoredMessage = {
      msgId: m.msgId ?? 0,
      senderId: m.senderId ?? 0,
      deviceId: m.deviceId ?? '',
      clientId: m.clientId ?? 0,
      sessionType: m.sessionType ?? 0,
      receiverId: m.receiverId ?? 0,
      messageType: m.messageType ?? 0,
      content: m.content ?? new Uint8Array(0),
      sendTime: m.sendTime ?? 0,
      senderSeq: m.senderSeq ?? 0,
    };
    if (m.fence) s.fence = m.fence;
    for (const v of [s.msgId, s.senderId, s.clientId, s.receiverId, s.senderSeq, s.fence ?? 0]) checkId(v);
    if (!Number.isSafeInteger(s.sendTime)) throw new Error('PersistBatch: bad send_time');
    return s;
  });
  const rejections = (d.rejections ?? []).map((r): StoredRejection => {
    const x: StoredRejection = { senderId: r.senderId ?? 0, deviceId: r.deviceId ?? '', clientId: r.clientId ?? 0, code: r.code ?? 0, msg: r.msg ?? '', fence: r.fence ?? 0 };
    for (const v of [x.senderId, x.clientId, x.code, x.fence!]) checkId(v);
    return x;
  });
  return rejections.length ? { messages, rejections, userIds, seqs, msgIds } : { messages, userIds, seqs, msgIds };
}

function checkId(v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`PersistBatch: id out of range: ${v}`);
}

// --- options -------------------------------------------------------------------------

function parseOptions(o: RabbitPersistQueueOptions): Required<Omit<RabbitPersistQueueOptions, 'logger'>> {
  if (!o.url) throw new Error('RabbitPersistQueue: url is required');
  if (!o.queue) throw new Error('RabbitPersistQueue: queue is required');
  const int = (name: string, v: number | undefined, def: number, min: number): number => {
    const x = v ?? def;
    if (!Number.isSafeInteger(x) || x < min) throw new RangeError(`RabbitPersistQueue: ${name} must be an integer >= ${min}, got ${x}`);
    return x;
  };
  const prefetch = int('prefetch', o.prefetch, DEFAULT_PREFETCH, 1);
  const retryMinMs = int('retryMinMs', o.retryMinMs, DEFAULT_RETRY_MIN_MS, 1);
  const reconnectMinMs = int('reconnectMinMs', o.reconnectMinMs, DEFAULT_RECONNECT_MIN_MS, 1);
  return {
    url: o.url,
    queue: o.queue,
    prefetch,
    // more than prefetch can never be outstanding at once
    maxBatchesPerCall: Math.min(prefetch, int('maxBatchesPerCall', o.maxBatchesPerCall, DEFAULT_MAX_BATCHES_PER_CALL, 1)),
    gatherMs: int('gatherMs', o.gatherMs, DEFAULT_GATHER_MS, 0),
    publishTimeoutMs: int('publishTimeoutMs', o.publishTimeoutMs, DEFAULT_PUBLISH_TIMEOUT_MS, 1),
    connectTimeoutMs: int('connectTimeoutMs', o.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 1),
    closeTimeoutMs: int('closeTimeoutMs', o.closeTimeoutMs, DEFAULT_CLOSE_TIMEOUT_MS, 0),
    retryMinMs,
    retryMaxMs: int('retryMaxMs', o.retryMaxMs, Math.max(DEFAULT_RETRY_MAX_MS, retryMinMs), retryMinMs),
    reconnectMinMs,
    reconnectMaxMs: int('reconnectMaxMs', o.reconnectMaxMs, Math.max(DEFAULT_RECONNECT_MAX_MS, reconnectMinMs), reconnectMinMs),
    heartbeatSec: int('heartbeatSec', o.heartbeatSec, DEFAULT_HEARTBEAT_SEC, 0),
    connectionName: o.connectionName ?? `gochat persist-queue ${o.queue}`,
  };
}

/** Adds `heartbeat=N` to the URL unless it names one already. */
function withHeartbeat(url: string, sec: number): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', String(sec));
  return u.toString();
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(t);
        reject(err);
      },
    );
  });
}
