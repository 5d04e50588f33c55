// Downlink reliability (DESIGN.md §2.6): every push is tracked until the
// device acknowledges it (AT_PUSH, cumulative), retransmitted with
// exponential back-off on timeout, and given up after maxRetries (the device
// will sync).
//
// Retransmission is head-of-line, like TCP's: a cumulative ACK stops at the
// first push the device lacks, and a device holding later pushes cannot
// acknowledge them until that one arrives. So only the oldest unacknowledged
// push of a connection is ever retransmitted; the ones behind it are, as far
// as anyone can tell, already on the device. Each connection therefore has at
// most one timing-wheel entry, not one per push. The timeout runs from the
// later of the head's last send and the connection's last ACK progress: a
// device that is acknowledging is slow, not missing pushes. It adapts to the
// connection's measured ACK round trip (never below ackTimeoutMs), and a
// connection whose socket still holds unsent bytes is not retransmitted to:
// its pushes have not left yet, and resending would only add to the backlog.
import type { EncodedPush } from '../chat/types.js';
import type { TimerHandle, TimerScheduler, TimerTarget } from './timer-scheduler.js';

/** One push awaiting its ACK. */
export class PendingPush {
  /** retransmits so far */
  tries = 0;
  constructor(
    readonly seq: number,
    /** the message; the Output is rebuilt with this seq for a retransmit */
    readonly push: EncodedPush,
    /** scheduler time of the first send */
    readonly sentAt: number,
    /** scheduler time of the latest (re)send */
    public lastSent: number,
  ) {}
}

/** The tracker's state for one connection (owned by the tracker). */
export class DownlinkState {
  /** pending pushes by seq, in the order they were first sent */
  readonly pending = new Map<number, PendingPush>();
  /** the connection's one timing-wheel entry, while anything is pending */
  handle: TimerHandle | null = null;
  /** smoothed ACK round trip and its mean deviation (ms); 0 = no sample yet */
  srtt = 0;
  rttvar = 0;
  /** scheduler time of the last ACK that acknowledged anything */
  progressAt = 0;
}

/** The connection side the tracker needs. */
export interface PushConnection {
  /** false once closed: pending pushes are dropped at once */
  readonly open: boolean;
  /** queues the push of `push` with `seq` (same bytes as the first send) */
  sendPush(push: EncodedPush, seq: number): void;
  /** bytes handed to the socket that the kernel has not taken yet */
  readonly backlog: number;
  /** this connection's tracking state */
  readonly downlink: DownlinkState;
  /** called when too many pushes are pending: the device is too slow */
  overloaded(): void;
}

export interface PushTrackerOptions {
  /** first wait for an ACK (and the least the adaptive timeout goes down to); doubles after every retransmit */
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
  /** pushes given up (the device will sync) */
  giveUps: number;
  /** pushes currently awaiting an ACK */
  pending: number;
  /** ms from first send to ACK of acknowledged pushes (for the latency histogram) */
  onAckLatency?: (ms: number) => void;
}

/** The adaptive timeout never grows past this (ms). */
const MAX_RTO_MS = 30_000;

export class PushTracker implements TimerTarget<PushConnection> {
  readonly stats: PushTrackerStats = { tracked: 0, acked: 0, retransmits: 0, giveUps: 0, pending: 0 };

  constructor(
    private readonly timers: TimerScheduler,
    private readonly o: PushTrackerOptions,
  ) {}

  /** The connection's current retransmit timeout before back-off (ms): from the measured ACK round trip, never below ackTimeoutMs. */
  rto(conn: PushConnection): number {
    const d = conn.downlink;
    if (d.srtt === 0) return this.o.ackTimeoutMs;
    // Twice the smoothed round trip: a late retransmit costs little on a live
    // connection (TCP loses nothing), a spurious one adds load where there is most.
    return Math.max(this.o.ackTimeoutMs, Math.min(MAX_RTO_MS, 2 * d.srtt + 4 * d.rttvar));
  }

  /** Call right after the first send of a push to `conn`. */
  track(conn: PushConnection, seq: number, push: EncodedPush): void {
    const d = conn.downlink;
    if (!conn.open || d.pending.has(seq)) return;
    if (d.pending.size >= this.o.maxPending) {
      conn.overloaded();
      return;
    }
    const now = this.timers.now();
    d.pending.set(seq, new PendingPush(seq, push, now, now));
    d.handle ??= this.timers.schedule(this.rto(conn), this, conn);
    this.stats.tracked++;
    this.stats.pending++;
  }

  /** AT_PUSH: acknowledges every pending push of `conn` with seq <= `seq`. */
  ack(conn: PushConnection, seq: number): void {
    const d = conn.downlink;
    if (d.pending.size === 0) return;
    const now = this.timers.now();
    const onLatency = this.stats.onAckLatency;
    // Round-trip sample: the newest acknowledged push never retransmitted (Karn).
    let sampleAt = -1;
    let removed = 0;
    for (const [s, p] of d.pending) {
      if (s > seq) continue;
      d.pending.delete(s);
      removed++;
      this.stats.acked++;
      this.stats.pending--;
      if (p.tries === 0 && p.sentAt > sampleAt) sampleAt = p.sentAt;
      if (onLatency) onLatency(now - p.sentAt);
    }
    if (sampleAt >= 0) this.sample(d, now - sampleAt);
    if (removed === 0) return;
    d.progressAt = now;
    if (d.handle) this.timers.cancel(d.handle);
    d.handle = null;
    // Re-arm for the oldest push still pending.
    const head = d.pending.values().next().value as PendingPush | undefined;
    if (head) d.handle = this.timers.schedule(this.rto(conn) * 2 ** head.tries, this, conn);
  }

  /** The connection closed: forget its pending pushes. */
  drop(conn: PushConnection): void {
    const d = conn.downlink;
    if (d.handle) this.timers.cancel(d.handle);
    d.handle = null;
    this.stats.pending -= d.pending.size;
    d.pending.clear();
  }

  onTimer(conn: PushConnection): void {
    const d = conn.downlink;
    d.handle = null;
    if (!conn.open) return;
    const head = d.pending.values().next().value as PendingPush | undefined;
    if (!head) return;
    const now = this.timers.now();
    const wait = this.rto(conn) * 2 ** head.tries;
    const due = Math.max(head.lastSent, d.progressAt) + wait;
    if (now < due) {
      // ACKs arrived (or the timeout grew) since this entry was scheduled.
      d.handle = this.timers.schedule(due - now, this, conn);
      return;
    }
    if (conn.backlog > 0) {
      // Its bytes have not even left: wait for the socket, do not count a try.
      d.handle = this.timers.schedule(wait, this, conn);
      return;
    }
    if (head.tries >= this.o.maxRetries) {
      // The device acknowledges nothing past the head, so nothing behind it
      // either: give all of them up; the device will sync.
      this.stats.giveUps += d.pending.size;
      this.stats.pending -= d.pending.size;
      d.pending.clear();
      return;
    }
    head.tries++;
    head.lastSent = now;
    this.stats.retransmits++;
    conn.sendPush(head.push, head.seq);
    d.handle = this.timers.schedule(this.rto(conn) * 2 ** head.tries, this, conn);
  }

  private sample(d: DownlinkState, rtt: number): void {
    if (d.srtt === 0) {
      d.srtt = Math.max(1, rtt);
      d.rttvar = rtt / 2;
    } else {
      d.rttvar += (Math.abs(d.srtt - rtt) - d.rttvar) / 4;
      d.srtt += (rtt - d.srtt) / 8;
    }
  }
}
