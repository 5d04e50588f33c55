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

/**
 * The tracker's state for one connection (owned by the tracker): pushes in
 * the order they were sent, as parallel arrays from index `head` on (no
 * object per push). A push whose seq is at or below `acked` is acknowledged;
 * it leaves when it reaches the front.
 */
export class DownlinkState {
  seqs: number[] = [];
  pushes: (EncodedPush | undefined)[] = [];
  sentAt: number[] = [];
  head = 0;
  /** the device's cumulative ACK */
  acked = 0;
  /** retransmits of the front push, and when it was last (re)sent */
  headTries = 0;
  headLastSent = 0;
  /** the connection's one timing-wheel entry, while anything is pending */
  handle: TimerHandle | null = null;
  /** smoothed ACK round trip and its mean deviation (ms); 0 = no sample yet */
  srtt = 0;
  rttvar = 0;
  /** scheduler time of the last ACK that acknowledged anything */
  progressAt = 0;

  /** pushes tracked and not yet removed (a few may be acknowledged already, behind an older one) */
  get size(): number {
    return this.seqs.length - this.head;
  }

  /** Forgets every push, keeping the arrays for the next ones. */
  clear(): void {
    this.seqs.length = 0;
    this.pushes.length = 0;
    this.sentAt.length = 0;
    this.head = 0;
  }
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
  /** connections that held pending pushes at some point since the last oldestUnackedMs() (it prunes the others) */
  private readonly busy = new Set<PushConnection>();

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
    if (!conn.open || seq <= d.acked) return;
    if (d.size >= this.o.maxPending) {
      conn.overloaded();
      return;
    }
    const now = this.timers.now();
    if (d.size === 0) {
      d.headTries = 0;
      d.headLastSent = now;
      this.busy.add(conn);
    }
    d.seqs.push(seq);
    d.pushes.push(push);
    d.sentAt.push(now);
    d.handle ??= this.timers.schedule(this.rto(conn), this, conn);
    this.stats.tracked++;
    this.stats.pending++;
  }

  /** AT_PUSH: acknowledges every pending push of `conn` with seq <= `seq`. */
  ack(conn: PushConnection, seq: number): void {
    const d = conn.downlink;
    if (seq <= d.acked) return;
    d.acked = seq;
    if (d.size === 0) return;
    const now = this.timers.now();
    // Round-trip sample: the newest acknowledged push never retransmitted (Karn).
    let sampleAt = -1;
    let newest = -1;
    const front = d.head;
    this.popAcked(d, (i) => {
      if (i !== front || d.headTries === 0) sampleAt = Math.max(sampleAt, d.sentAt[i]!);
      newest = Math.max(newest, d.sentAt[i]!);
    });
    if (newest >= 0 && this.stats.onAckLatency) this.stats.onAckLatency(now - newest);
    if (sampleAt >= 0) this.sample(d, now - sampleAt);
    d.progressAt = now;
    if (d.handle) this.timers.cancel(d.handle);
    d.handle = null;
    // Re-arm for the oldest push still pending.
    if (d.size > 0) d.handle = this.timers.schedule(this.rto(conn) * 2 ** d.headTries, this, conn);
  }

  /**
   * Age (ms, scheduler clock) of the oldest push still awaiting its ACK, over
   * every connection, from its first send; 0 when none is pending. The front
   * push of each connection is its oldest (for the delivery ledger's gauge).
   */
  oldestUnackedMs(): number {
    let oldest = Infinity;
    for (const conn of this.busy) {
      const d = conn.downlink;
      if (!conn.open || d.size === 0) this.busy.delete(conn);
      else if (d.sentAt[d.head]! < oldest) oldest = d.sentAt[d.head]!;
    }
    return oldest === Infinity ? 0 : Math.max(0, this.timers.now() - oldest);
  }

  /** The connection closed: forget its pending pushes. */
  drop(conn: PushConnection): void {
    this.busy.delete(conn);
    const d = conn.downlink;
    if (d.handle) this.timers.cancel(d.handle);
    d.handle = null;
    this.stats.pending -= d.size;
    d.clear();
  }

  onTimer(conn: PushConnection): void {
    const d = conn.downlink;
    d.handle = null;
    if (!conn.open) return;
    this.popAcked(d);
    if (d.size === 0) return;
    const now = this.timers.now();
    const wait = this.rto(conn) * 2 ** d.headTries;
    const due = Math.max(d.headLastSent, d.progressAt) + wait;
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
    if (d.headTries >= this.o.maxRetries) {
      // The device acknowledges nothing past the front push, so nothing
      // behind it either: give all of them up; the device will sync.
      this.stats.giveUps += d.size;
      this.stats.pending -= d.size;
      d.clear();
      return;
    }
    d.headTries++;
    d.headLastSent = now;
    this.stats.retransmits++;
    conn.sendPush(d.pushes[d.head]!, d.seqs[d.head]!);
    d.handle = this.timers.schedule(this.rto(conn) * 2 ** d.headTries, this, conn);
  }

  /** Removes acknowledged pushes from the front; a new front push starts with no tries. */
  private popAcked(d: DownlinkState, each?: (i: number) => void): void {
    const start = d.head;
    while (d.head < d.seqs.length && d.seqs[d.head]! <= d.acked) {
      each?.(d.head);
      d.pushes[d.head] = undefined;
      d.head++;
    }
    const n = d.head - start;
    if (n === 0) return;
    this.stats.acked += n;
    this.stats.pending -= n;
    if (d.head === d.seqs.length) d.clear();
    else {
      d.headTries = 0;
      d.headLastSent = d.sentAt[d.head]!;
      if (d.head >= 1024 && d.head * 2 >= d.seqs.length) {
        d.seqs = d.seqs.slice(d.head);
        d.pushes = d.pushes.slice(d.head);
        d.sentAt = d.sentAt.slice(d.head);
        d.head = 0;
      }
    }
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
