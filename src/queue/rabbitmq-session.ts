// The RabbitMQ queue's connection: connect, recover, and the publish channel
// of each connection. Publishing and consuming live in rabbitmq-publisher.ts
// and rabbitmq-consumer.ts and use the session this file keeps current.
//
// amqplib's recovering connection (connect with `recovery`) reconnects with
// exponential back-off and jitter, forever; `setup` runs on every new
// connection before it counts: it opens a confirm channel for publishing,
// declares the durable queue, makes the session current and lets the owner
// start its consumer. Any unexpected close of one of our channels closes the
// whole connection, so recovery always starts from a clean connection.
import { connect, type ChannelModel, type ConfirmChannel, type RecoveringChannelModel } from 'amqplib';
import type { Logger } from '../log.js';
import { withHeartbeat, type RabbitOptions } from './rabbitmq-options.js';
import { unavailable, Waiters, withTimeout } from './waiters.js';

/** One live connection and its publish channel. */
export interface Session {
  model: ChannelModel;
  pub: ConfirmChannel;
}

/** What the owner does at the session's turning points (all run synchronously with it, in this order). */
export interface SessionHooks {
  /** A new connection's publish channel, before anything is sent on it: attach listeners. */
  attach(pub: ConfirmChannel, model: ChannelModel): void;
  /**
   * The new session has just become current (ready() has not resolved yet).
   * A rejection drops the session and makes amqplib reconnect.
   */
  opened(model: ChannelModel): Promise<void>;
  /** The current session was forgotten (connection lost, channel closed, closing): give up what hangs on it. */
  dropped(): void;
}

/** 'open' until close() begins; 'closing' while it drains; 'closed' once it disconnects. */
export type QueueState = 'open' | 'closing' | 'closed';

/**
 * Contract:
 * - `current` is non-null exactly while a connection is up, its publish
 *   channel open and the queue declared on it; every change of it (either
 *   way) moves `changedAt` to now (except on the way to closed).
 * - `ready()` resolves once a session is current; after connectTimeoutMs it
 *   rejects with UnavailableError while reconnecting goes on.
 * - `blocked` is true while the broker has blocked the connection (a
 *   resource alarm); publishing then fails at once.
 * - After `finish()`, no new session is made and the connection is closed.
 */
export class RabbitSession {
  private readonly conn: Promise<RecoveringChannelModel>;
  private state: QueueState = 'open';
  private session: Session | null = null;
  private changed = 0;
  private isBlocked = false;
  private readonly readyWaiters = new Waiters();

  constructor(
    private readonly o: RabbitOptions,
    private readonly log: Logger,
    private readonly hooks: SessionHooks,
  ) {
    this.conn = connect(withHeartbeat(o.url, o.heartbeatSec), {
      clientProperties: { connection_name: o.connectionName },
      timeout: o.connectTimeoutMs,
      noDelay: true,
      recovery: {
        initialDelay: o.reconnectMinMs,
        maxDelay: o.reconnectMaxMs,
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
          this.drop();
        });
        c.on('connect-failed', (err: Error) => this.log.warn({ err }, 'rabbitmq connect failed'));
        c.on('reconnect-scheduled', (info: { attempt: number; delay: number }) =>
          this.log.debug({ attempt: info.attempt, delay: info.delay }, 'rabbitmq reconnect scheduled'),
        );
        c.on('blocked', (reason: string) => {
          this.log.warn({ reason }, 'rabbitmq connection blocked');
          this.isBlocked = true;
        });
        c.on('unblocked', () => {
          this.isBlocked = false;
        });
      },
      (err: unknown) => this.log.error({ err }, 'rabbitmq connection setup failed'),
    );
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get current(): Session | null {
    return this.session;
  }

  get blocked(): boolean {
    return this.isBlocked;
  }

  /** ms since the epoch of the last time the session came or went (0: never). */
  get changedAt(): number {
    return this.changed;
  }

  /** Resolves once connected; rejects with UnavailableError after connectTimeoutMs (reconnecting goes on). */
  ready(): Promise<void> {
    if (!this.isOpen) return Promise.reject(unavailable('queue closed'));
    if (this.session) return Promise.resolve();
    return this.readyWaiters.waitOrUnavailable(this.o.connectTimeoutMs, 'connect timeout');
  }

  /** Ready messages in the queue (not counting unacknowledged deliveries); null while disconnected or on any error. */
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

  /** Forgets the current session; unconfirmed publishes fail through amqplib's callbacks. */
  drop(): void {
    if (this.session) this.changed = Date.now();
    this.session = null;
    this.hooks.dropped();
  }

  /** Forgets the session and closes `model`, so that recovery starts over on a fresh connection. */
  restart(model: ChannelModel): void {
    this.drop();
    model.close().catch(() => undefined);
  }

  /** One of our channels on `model` closed: unless closing, start over from a fresh connection. */
  channelLost(model: ChannelModel): void {
    if (!this.isOpen) return;
    this.log.warn('rabbitmq channel closed, reconnecting');
    this.restart(model);
  }

  /** close(), first step: no new session from now on; what is current stays usable while the owner drains. */
  beginClose(): void {
    this.state = 'closing';
  }

  /**
   * close(), last step: forgets the session, closes `channels` (acks still
   * buffered in a channel are flushed before its channel.close, whereas
   * connection.close may overtake them), the publish channel, then the connection.
   */
  async finish(channels: (ConfirmChannel | null)[]): Promise<void> {
    this.state = 'closed';
    const all = [...channels, this.session?.pub].filter((x): x is ConfirmChannel => x != null);
    this.drop();
    for (const c of all) await withTimeout(c.close(), 1_000).catch(() => undefined);
    try {
      await (await this.conn).close();
    } catch (err) {
      this.log.debug({ err }, 'rabbitmq close');
    }
  }

  /** Runs on every new connection before it is handed out; a rejection makes amqplib retry. */
  private async setup(model: ChannelModel): Promise<void> {
    model.on('error', () => undefined); // reported through the recovering connection
    const pub = await model.createConfirmChannel();
    pub.on('error', (err: Error) => this.log.warn({ err }, 'rabbitmq publish channel error'));
    pub.on('close', () => {
      if (this.session?.pub === pub) this.channelLost(model);
    });
    this.hooks.attach(pub, model);
    await pub.assertQueue(this.o.queue, { durable: true });
    if (!this.isOpen) throw new Error('queue closed during connect');
    this.session = { model, pub };
    this.isBlocked = false;
    try {
      await this.hooks.opened(model);
    } catch (err) {
      if (this.session?.model === model) this.drop();
      throw err;
    }
    this.changed = Date.now();
    this.log.info('rabbitmq connected');
    this.readyWaiters.release();
  }
}
