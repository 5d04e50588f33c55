// Publishing to the RabbitMQ persistence queue: one persistent, mandatory
// message per PersistBatch on the session's confirm channel, settled by the
// broker's confirm.
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../log.js';
import type { PersistBatch } from '../store/types.js';
import { encodePersistBatch, PERSIST_BATCH_CONTENT_TYPE, PERSIST_BATCH_MESSAGE_TYPE } from './persist-batch-codec.js';
import type { RabbitSession } from './rabbitmq-session.js';
import { asUnavailable, unavailable, Waiters } from './waiters.js';

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

export interface PublisherOptions {
  queue: string;
  publishTimeoutMs: number;
}

/**
 * Contract:
 * - `publish` resolves only on the broker's confirm of a persistent message
 *   on the durable queue. It rejects with UnavailableError, at once, while
 *   there is no session, the broker blocks the connection or the queue is
 *   closing; and later on a nack, an unroutable return (the queue was
 *   deleted: the queue is then declared again), the loss of the channel, or
 *   after publishTimeoutMs. A rejected batch may still have been stored.
 *   A batch that cannot be encoded rejects with the codec's error.
 * - Back-pressure: while the channel's write buffer is full, publishes wait
 *   in order (within their timeout) and go out on its `drain`.
 * - Every publish settles exactly once.
 */
export class RabbitPublisher {
  private nextId = 0;
  private backpressure = false;
  private readonly waiting: PendingPublish[] = [];
  private readonly inflight = new Map<string, PendingPublish>();
  private readonly inflightEmpty = new Waiters();

  constructor(
    private readonly session: RabbitSession,
    private readonly o: PublisherOptions,
    private readonly log: Logger,
  ) {}

  publish(batch: PersistBatch): Promise<void> {
    if (!this.session.isOpen) return Promise.reject(unavailable('queue closed'));
    if (!this.session.current) return Promise.reject(unavailable('not connected'));
    if (this.session.blocked) return Promise.reject(unavailable('connection blocked by the broker'));
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

  /** Listens on a new session's publish channel (before it becomes current). */
  attach(pub: ConfirmChannel): void {
    pub.on('drain', () => {
      if (this.session.current?.pub !== pub) return;
      this.backpressure = false;
      this.flushWaiting();
    });
    pub.on('return', (msg: ConsumeMessage) => {
      const p = this.inflight.get(String(msg.properties.messageId));
      if (p) p.returned = true;
      this.log.error('persist batch returned unroutable: queue missing, declaring it again');
      pub.assertQueue(this.o.queue, { durable: true }).catch(() => undefined);
    });
  }

  /** A new session is current: its channel's buffer is empty. */
  opened(): void {
    this.backpressure = false;
  }

  /** The session is gone: publishes waiting for back-pressure fail now; those sent fail through amqplib's callbacks. */
  dropped(): void {
    this.backpressure = false;
    this.failWaiting(unavailable('connection lost'));
  }

  /** Fails every publish not yet sent with `err`. */
  failWaiting(err: Error): void {
    for (const p of this.waiting.splice(0)) this.settle(p, err);
  }

  /** Resolves once no sent publish awaits its confirm, or after ms (without error). */
  async drained(ms: number): Promise<void> {
    if (this.inflight.size > 0) await this.inflightEmpty.wait(ms).catch(() => undefined);
  }

  private send(p: PendingPublish): void {
    if (p.settled) return;
    const s = this.session.current;
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
        { persistent: true, mandatory: true, messageId: p.id, contentType: PERSIST_BATCH_CONTENT_TYPE, type: PERSIST_BATCH_MESSAGE_TYPE },
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
    if (this.inflight.size === 0) this.inflightEmpty.release();
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
    p.reject(asUnavailable(err));
  }
}
