// PersistQueue over RabbitMQ (DESIGN.md §2.4): one durable queue, persistent
// messages, publisher confirms; each message is one protobuf
// gochat.internal.PersistBatch. This file composes the parts:
//
//   rabbitmq-options.ts     defaults, validation of the options
//   rabbitmq-session.ts     connection, recovery, the publish channel
//   rabbitmq-publisher.ts   publish and wait for the confirm
//   rabbitmq-consumer.ts    consume, gather, ack / nack + requeue, dead-letter
//   persist-batch-codec.ts  the bytes of one message
import { pino } from 'pino';
import type { Logger } from '../log.js';
import type { PersistBatch } from '../store/types.js';
import type { PersistQueue } from './persist-queue.js';
import { RabbitConsumer, type Handler } from './rabbitmq-consumer.js';
import { parseOptions, type RabbitOptions, type RabbitPersistQueueOptions } from './rabbitmq-options.js';
import { RabbitPublisher } from './rabbitmq-publisher.js';
import { RabbitSession } from './rabbitmq-session.js';
import { unavailable } from './waiters.js';

export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_GATHER_MS,
  DEFAULT_HEARTBEAT_SEC,
  DEFAULT_MAX_BATCHES_PER_CALL,
  DEFAULT_PREFETCH,
  DEFAULT_PUBLISH_TIMEOUT_MS,
  DEFAULT_RECONNECT_MAX_MS,
  DEFAULT_RECONNECT_MIN_MS,
  DEFAULT_RETRY_MAX_MS,
  DEFAULT_RETRY_MIN_MS,
  type RabbitPersistQueueOptions,
} from './rabbitmq-options.js';

/**
 * The PersistQueue contract (persist-queue.ts), plus: `ready()`, `idle`, and
 * bounded waits everywhere (connectTimeoutMs, publishTimeoutMs,
 * closeTimeoutMs), so that a dead broker never hangs a caller; while the
 * broker is unreachable every call fails at once with UnavailableError and
 * reconnecting goes on in the background.
 */
export class RabbitPersistQueue implements PersistQueue {
  private readonly o: RabbitOptions;
  private readonly session: RabbitSession;
  private readonly publisher: RabbitPublisher;
  private readonly consumer: RabbitConsumer;
  private closing: Promise<void> | null = null;

  constructor(opts: RabbitPersistQueueOptions) {
    this.o = parseOptions(opts);
    const log: Logger = (opts.logger ?? pino({ enabled: false })).child({ component: 'persist-queue', queue: opts.queue });
    // The hooks run from the first connection attempt on, which amqplib defers
    // to setImmediate: publisher and consumer exist by then.
    this.session = new RabbitSession(this.o, log, {
      attach: (pub) => this.publisher.attach(pub),
      opened: async () => {
        this.publisher.opened();
        await this.consumer.ensure();
      },
      dropped: () => {
        this.consumer.dropped();
        this.publisher.dropped();
      },
    });
    this.publisher = new RabbitPublisher(this.session, this.o, log);
    this.consumer = new RabbitConsumer(this.session, this.o, log);
  }

  /** Resolves once connected; rejects with UnavailableError after connectTimeoutMs (reconnecting goes on). */
  ready(): Promise<void> {
    return this.session.ready();
  }

  /**
   * Resolves on the publisher confirm. Rejects with UnavailableError at once
   * while disconnected, blocked by the broker or closed, and after
   * publishTimeoutMs, on a nack, an unroutable return or a channel loss.
   */
  publish(batch: PersistBatch): Promise<void> {
    return this.publisher.publish(batch);
  }

  /**
   * Registers the handler (once) and resolves once the consumer is active.
   * If that takes longer than connectTimeoutMs it rejects with
   * UnavailableError, but the handler stays registered: consuming starts
   * whenever the connection comes back.
   */
  consume(handler: Handler): Promise<void> {
    return this.consumer.consume(handler);
  }

  /**
   * While the connection is down, now: batches the broker confirmed before
   * the break wait there unpersisted for as long as it lasts, so no gap below
   * a row can be taken for old until the connection is back.
   */
  connectionChangedAt(): number {
    return this.session.current || !this.session.isOpen ? this.session.changedAt : Date.now();
  }

  /** Whether this consumer holds no delivery (none buffered, none being handled). */
  get idle(): boolean {
    return this.consumer.idle;
  }

  /** Ready messages in the queue (not counting unacknowledged deliveries); null if unknown. */
  depth(): Promise<number | null> {
    return this.session.depth();
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
    this.session.beginClose();
    this.publisher.failWaiting(unavailable('queue closed'));
    const deadline = Date.now() + this.o.closeTimeoutMs;
    await this.consumer.stop(deadline);
    await this.publisher.drained(Math.max(0, deadline - Date.now()));
    await this.session.finish([this.consumer.channel]);
  }
}
