// Consuming the RabbitMQ persistence queue: one consumer channel per
// session, deliveries gathered into handler calls, acked (multiple) when the
// handler resolves, nacked and requeued after a back-off when it rejects.
//
// Undecodable messages can never be handled: they are moved to the durable
// queue `<queue>.dead` (declared on first use, for inspection) and acked.
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../log.js';
import type { PersistBatch } from '../store/types.js';
import { decodePersistBatch } from './persist-batch-codec.js';
import type { RabbitSession } from './rabbitmq-session.js';
import { unavailable, Waiters, withTimeout } from './waiters.js';

export type Handler = (batches: PersistBatch[]) => Promise<void>;

export interface ConsumerOptions {
  queue: string;
  prefetch: number;
  maxBatchesPerCall: number;
  gatherMs: number;
  connectTimeoutMs: number;
  closeTimeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
}

interface Delivery {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  /** null: undecodable */
  batch: PersistBatch | null;
}

/**
 * Contract:
 * - Once `consume` was called, every session gets one consumer (prefetch
 *   unacknowledged deliveries); if starting it fails, the connection is
 *   closed and recovery tries again.
 * - The handler runs one call at a time, with up to maxBatchesPerCall
 *   batches of one channel in delivery order; the first delivery waits up to
 *   gatherMs for more. A call's batches are acked together when it resolves;
 *   when it rejects they are nacked and requeued after a back-off (doubling
 *   from retryMinMs to retryMaxMs, reset by a success). Nothing is discarded.
 * - Deliveries not acked when their channel goes are requeued by the broker
 *   (and delivered again: the handler must be idempotent).
 * - A broker-side cancel (queue deleted) closes the connection; recovery
 *   declares the queue again and consumes from it.
 */
export class RabbitConsumer {
  private handler: Handler | null = null;
  /** set before basic.consume (deliveries may arrive before its reply is handled) */
  private ch: ConfirmChannel | null = null;
  /** set once the broker confirmed the consumer */
  private tag: string | null = null;
  private starting: Promise<void> | null = null;
  private readonly started = new Waiters();
  private buffer: Delivery[] = [];
  private gatherTimer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private retryDelay: number;
  private wakeBackoff: (() => void) | null = null;
  private readonly deadDeclared = new WeakSet<ConfirmChannel>();
  private readonly deadQueue: string;

  constructor(
    private readonly session: RabbitSession,
    private readonly o: ConsumerOptions,
    private readonly log: Logger,
  ) {
    this.retryDelay = o.retryMinMs;
    this.deadQueue = `${o.queue}.dead`;
  }

  /**
   * Registers the handler (once) and resolves once the consumer is active.
   * If that takes longer than connectTimeoutMs it rejects with
   * UnavailableError, but the handler stays registered: consuming starts
   * whenever the connection comes back.
   */
  async consume(handler: Handler): Promise<void> {
    if (!this.session.isOpen) throw unavailable('queue closed');
    if (this.handler) throw new Error('RabbitPersistQueue: consume() was already called');
    this.handler = handler;
    const waiting = this.started.waitOrUnavailable(this.o.connectTimeoutMs, 'consumer not started');
    this.ensure().catch(() => undefined); // logged; retried on reconnect
    if (this.tag !== null) this.started.release();
    await waiting;
  }

  /** Whether this consumer holds no delivery (none buffered, none being handled). */
  get idle(): boolean {
    return this.buffer.length === 0 && this.loop === null;
  }

  /** The consumer channel of the current session, if any (closed last by close()). */
  get channel(): ConfirmChannel | null {
    return this.ch;
  }

  /** Starts the consumer on the current session if a handler is registered and none runs. */
  ensure(): Promise<void> {
    const s = this.session.current;
    if (!this.handler || !s || this.ch || !this.session.isOpen) return Promise.resolve();
    this.starting ??= this.start(s.model)
      .catch((err: unknown) => {
        this.log.warn({ err }, 'rabbitmq consumer start failed, reconnecting');
        if (this.session.current?.model === s.model) this.session.restart(s.model);
        throw err;
      })
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }

  /** The session is gone: forget its channel and what was delivered on it (the broker requeues that). */
  dropped(): void {
    this.ch = null;
    this.tag = null;
    this.buffer = [];
    this.clearGather();
  }

  /**
   * close(), draining step: no new handler call, back-off cut short, the
   * consumer cancelled (bounded by closeTimeoutMs), then the handler call in
   * progress awaited until `deadline` (ms since the epoch).
   */
  async stop(deadline: number): Promise<void> {
    this.clearGather();
    this.wakeBackoff?.();
    const ch = this.ch;
    const tag = this.tag;
    if (ch && tag !== null) await withTimeout(ch.cancel(tag), this.o.closeTimeoutMs).catch(() => undefined);
    if (this.loop) await withTimeout(this.loop, Math.max(0, deadline - Date.now())).catch(() => undefined);
  }

  private async start(model: ChannelModel): Promise<void> {
    const ch = await model.createConfirmChannel();
    ch.on('error', (err: Error) => this.log.warn({ err }, 'rabbitmq consumer channel error'));
    ch.on('close', () => {
      if (this.ch !== ch) return;
      this.ch = null;
      this.tag = null;
      this.buffer = this.buffer.filter((d) => d.ch !== ch);
      this.session.channelLost(model);
    });
    await ch.prefetch(this.o.prefetch);
    if (!this.session.isOpen) throw new Error('queue closed');
    this.ch = ch;
    const { consumerTag } = await ch.consume(this.o.queue, (msg) => this.onDelivery(ch, model, msg), { noAck: false });
    if (this.ch !== ch) return; // lost meanwhile
    this.tag = consumerTag;
    this.started.release();
  }

  private onDelivery(ch: ConfirmChannel, model: ChannelModel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // Cancelled by the broker (the queue was deleted): reconnect, which declares it again.
      if (this.ch === ch && this.session.isOpen) {
        this.log.warn('rabbitmq consumer cancelled by the broker, reconnecting');
        this.session.restart(model);
      }
      return;
    }
    if (!this.session.isOpen || this.ch !== ch) return; // left unacked: requeued when the channel closes
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
    if (this.loop || this.buffer.length === 0 || !this.session.isOpen) return;
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
      while (this.buffer.length > 0 && this.session.isOpen) {
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
      const delay = this.session.isOpen ? this.retryDelay : 0;
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
}
