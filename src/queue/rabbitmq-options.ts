// Options of the RabbitMQ persistence queue: defaults, and the one place they
// are validated (Partial in, Required inside).
import type { Logger } from '../log.js';

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

/** Every option set and checked; maxBatchesPerCall is at most prefetch, each max at least its min. */
export type RabbitOptions = Required<Omit<RabbitPersistQueueOptions, 'logger'>>;

/** Fills in the defaults; throws (naming the option) on a missing url or queue or an out-of-range number. */
export function parseOptions(o: RabbitPersistQueueOptions): RabbitOptions {
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
export function withHeartbeat(url: string, sec: number): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', String(sec));
  return u.toString();
}
