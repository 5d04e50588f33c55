// Downlink reliability (DESIGN.md §2.6): every push is tracked until the
// device acknowledges it (AT_PUSH, cumulative), retransmitted with
// exponential back-off on timeout, and given up after maxRetries (the device
// will sync). One timing-wheel entry per pending push, no OS timer, no
// closure per push.
import type { TimerHandle, TimerScheduler, TimerTarget } from './timer-scheduler.js';

/** The connection side the tracker needs. */
export interface PushConnection {
  /** false once closed: pending pushes are dropped at once */
  readonly open: boolean;
  /** queues an encoded Output (same bytes as the first send) */
  send(output: Uint8Array): void;
  /** this connection's pending pushes by seq; owned by the tracker */
  readonly pending: Map<number, PendingPush>;
  /** called when too many pushes are pending: the device is too slow */
  overloaded(): void;
}

export class PendingPush {
  tries = 0;
  handle: TimerHandle | null = null;
  constructor(
    readonly conn: PushConnection,
    readonly seq: number,
    readonly output: Uint8Array,
    /** scheduler time of the first send */
    readonly sentAt: number,
  ) {}
}

export interface PushTrackerOptions {
  /** first wait for an ACK; doubles after every retransmit */
  ackTimeoutMs: number;
  /** retransmits before giving up */
  maxRetries: number;
  /** pending pushes a connection may hold before it is disconnected as too slow */
  maxPending: number;
}

export interface PushTrackerStats {
  tracked: number;
  acked: number;
  retransmits: number;
  giveUps: number;
  /** pushes currently awaiting an ACK */
  pending: number;
  /** ms from first send to ACK of acknowledged pushes (for the latency histogram) */
  onAckLatency?: (ms: number) => void;
}

export class PushTracker implements TimerTarget<PendingPush> {
  readonly stats: PushTrackerStats = { tracked: 0, acked: 0, retransmits: 0, giveUps: 0, pending: 0 };

  constructor(
    private readonly timers: TimerScheduler,
    private readonly o: PushTrackerOptions,
  ) {}

  /** Call right after the first send of a push to `conn`. */
  track(conn: PushConnection, seq: number, output: Uint8Array): void {
    if (!conn.open || conn.pending.has(seq)) return;
    if (conn.pending.size >= this.o.maxPending) {
      conn.overloaded();
      return;
    }
    const p = new PendingPush(conn, seq, output, this.timers.now());
    p.handle = this.timers.schedule(this.o.ackTimeoutMs, this, p);
    conn.pending.set(seq, p);
    this.stats.tracked++;
    this.stats.pending++;
  }

  /** AT_PUSH: acknowledges every pending push of `conn` with seq <= `seq`. */
  ack(conn: PushConnection, seq: number): void {
    const now = this.stats.onAckLatency ? this.timers.now() : 0;
    for (const [s, p] of conn.pending) {
      if (s > seq) continue;
      if (p.handle) this.timers.cancel(p.handle);
      conn.pending.delete(s);
      this.stats.acked++;
      this.stats.pending--;
      if (this.stats.onAckLatency) this.stats.onAckLatency(now - p.sentAt);
    }
  }

  /** The connection closed: forget its pending pushes. */
  drop(conn: PushConnection): void {
    for (const p of conn.pending.values()) if (p.handle) this.timers.cancel(p.handle);
    this.stats.pending -= conn.pending.size;
    conn.pending.clear();
  }

  onTimer(p: PendingPush): void {
    p.handle = null;
    const conn = p.conn;
    if (!conn.open || conn.pending.get(p.seq) !== p) return;
    if (p.tries >= this.o.maxRetries) {
      conn.pending.delete(p.seq);
      this.stats.giveUps++;
      this.stats.pending--;
      return;
    }
    p.tries++;
    this.stats.retransmits++;
    conn.send(p.output);
    p.handle = this.timers.schedule(this.o.ackTimeoutMs * 2 ** p.tries, this, p);
  }
}
