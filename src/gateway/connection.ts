import type { WebSocket } from 'ws';

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
export class Connection {
  state: ConnState = ConnState.OPEN;
  userId = 0;
  deviceId = '';
  lastSeen: number;
  /** highest seq the device acknowledged with AT_PUSH */
  ackedSeq = 0;
  private out: Uint8Array[] = [];

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    /** the user named by the token in the connect URL */
    readonly urlUserId: number,
    private readonly flusher: FlushScheduler,
    private readonly encodeBatch: (outputs: Uint8Array[]) => Uint8Array,
    now: number,
  ) {
    this.lastSeen = now;
  }

  /** Queues one encoded Output. */
  send(output: Uint8Array): void {
    if (this.state === ConnState.CLOSED) return;
    if (this.out.length === 0) this.flusher.mark(this);
    this.out.push(output);
  }

  flush(): void {
    if (this.out.length === 0 || this.state === ConnState.CLOSED) return;
    const batch = this.encodeBatch(this.out);
    this.out = [];
    this.ws.send(batch, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.state === ConnState.CLOSED) return;
    this.flush();
    this.state = ConnState.CLOSED;
    this.ws.close(code, reason);
  }
}
