import type { WebSocket } from 'ws';
import type { EncodedPush } from '../chat/types.js';
import { DownlinkState, type PushConnection } from '../delivery/push-tracker.js';
import type { TokenBuckets } from '../util/token-bucket.js';

export const ConnState = { OPEN: 0, LOGGED_IN: 1, CLOSED: 2 } as const;
export type ConnState = (typeof ConnState)[keyof typeof ConnState];

/** WebSocket close codes the gateway uses. */
export const CloseCode = {
  GOING_AWAY: 1001,
  UNSUPPORTED_DATA: 1003,
  POLICY: 1008,
  TOO_BIG: 1009,
  /** heartbeat timeout */
  IDLE: 4000,
  /** login failed */
  UNAUTHENTICATED: 4001,
  /** the same (user, device) logged in again elsewhere */
  REPLACED: 4002,
  /** the client does not drain its downlink fast enough (it will sync) */
  SLOW: 4003,
} as const;

/** Flushes every connection that has queued output, once per event-loop turn. */
export class FlushScheduler {
  private dirty: Connection[] = [];
  private scheduled = false;

  mark(c: Connection): void {
    this.dirty.push(c);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const list = this.dirty;
    this.dirty = [];
    for (const c of list) c.flush();
  }
}

/**
 * One client WebSocket. Outputs queued during a turn of the event loop leave
 * as one OutputBatch frame (coalescing). close() is idempotent.
 */
export class Connection implements PushConnection {
  state: ConnState = ConnState.OPEN;
  /** pushes awaiting AT_PUSH and their retransmit timer (owned by the PushTracker) */
  readonly downlink = new DownlinkState();
  userId = 0;
  deviceId = '';
  lastSeen: number;
  /** highest seq the device acknowledged with AT_PUSH */
  ackedSeq = 0;
  /** rate limits of this connection (set by the gateway) */
  limits: TokenBuckets | null = null;
  /** reading is paused until this time (inbound byte rate exceeded) */
  pausedUntil = 0;
  // Queued this turn: encoded Outputs, or push templates with the seq to patch in (index-aligned).
  private readonly out: (Uint8Array | EncodedPush)[] = [];
  private readonly outSeqs: number[] = [];
  private readonly outLens: number[] = [];
  private outBytes = 0;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    /** the user named by the token in the connect URL */
    readonly urlUserId: number,
    private readonly flusher: FlushScheduler,
    /** one OutputBatch frame of the queued items (codec.encodeQueued) */
    private readonly encodeBatch: (items: (Uint8Array | EncodedPush)[], seqs: number[], lens: number[]) => Uint8Array,
    now: number,
    /** unsent bytes (queued here + buffered in the socket) before the connection is closed as too slow */
    private readonly maxQueueBytes = 4 * 1024 * 1024,
  ) {
    this.lastSeen = now;
  }

  get open(): boolean {
    return this.state !== ConnState.CLOSED;
  }

  /** bytes written to the socket that the kernel has not taken yet */
  get backlog(): number {
    return this.ws.bufferedAmount;
  }

  /** Queues one encoded Output. A client that lets too much pile up is disconnected (I6). */
  send(output: Uint8Array): void {
    this.queue(output, 0, output.length);
  }

  /** Queues a push: written into the frame at flush, with this recipient's seq. */
  sendPush(push: EncodedPush, seq: number): void {
    this.queue(push, seq, push.outputLength(seq));
  }

  private queue(item: Uint8Array | EncodedPush, seq: number, len: number): void {
    if (this.state === ConnState.CLOSED) return;
    if (this.outBytes + len + this.ws.bufferedAmount > this.maxQueueBytes) {
      this.overloaded();
      return;
    }
    if (this.out.length === 0) this.flusher.mark(this);
    this.out.push(item);
    this.outSeqs.push(seq);
    this.outLens.push(len);
    this.outBytes += len;
  }

  flush(): void {
    if (this.out.length === 0 || this.state === ConnState.CLOSED) return;
    const batch = this.encodeBatch(this.out, this.outSeqs, this.outLens);
    this.clearQueue();
    this.ws.send(batch, { binary: true });
  }

  /** Empties the queue, keeping its arrays (encodeQueued is done with them). */
  private clearQueue(): void {
    this.out.length = 0;
    this.outSeqs.length = 0;
    this.outLens.length = 0;
    this.outBytes = 0;
  }

  /** Too slow to drain: drop what is queued and disconnect; the device will sync. */
  overloaded(): void {
    if (this.state === ConnState.CLOSED) return;
    this.clearQueue();
    this.state = ConnState.CLOSED;
    this.ws.close(CloseCode.SLOW, 'too slow');
    // A client that does not read will not complete the closing handshake either.
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }

  close(code: number, reason: string): void {
    if (this.state === ConnState.CLOSED) return;
    this.flush();
    this.state = ConnState.CLOSED;
    this.ws.close(code, reason);
  }

  /**
   * close(), then resolves once the socket is closed. A client that does not
   * answer the closing handshake within `graceMs` is cut off (terminate)
   * instead of being waited for as long as ws would (30 s).
   */
  closeWithin(code: number, reason: string, graceMs: number): Promise<void> {
    const ws = this.ws;
    if (ws.readyState === ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => ws.terminate(), graceMs).unref();
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.close(code, reason);
    });
  }
}
