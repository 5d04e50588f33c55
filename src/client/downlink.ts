// The receiving half of the client SDK at work: pushes in, cumulative
// AT_PUSH ACKs out, and when to sync (a gap, the device's own messages, rows
// not persisted yet, an idle resync). The bookkeeping is inbox.ts (pure);
// this file arms the timers and writes the frames. The connection (sdk.ts)
// says when it is online and hands it every push and sync answer.
import { gochat } from '../proto/index.js';
import { payload, toReceived } from './frames.js';
import { Inbox } from './inbox.js';
import type { ClientError, Clock, ReceivedMessage } from './sdk-types.js';

export interface DownlinkOptions {
  clock: Clock;
  /** wait this long for a missing seq before syncing */
  gapWaitMs: number;
  /** messages per sync page */
  syncLimit: number;
  /** persists the last contiguous seq (before the message is delivered) */
  save(lastSeq: number): void;
  /** hands one message to the application: once per seq, in seq order */
  deliver(m: ReceivedMessage): void;
  /** whether the client is logged in (a sync can be asked only then) */
  online(): boolean;
  /** writes one Input (dropped when no socket is open) */
  send(type: number, data: Uint8Array): void;
  error(e: ClientError): void;
}

/**
 * Guarantees (with inbox.ts): every message is delivered once, in seq order,
 * with no permanent gap: a gap is synced after gapWaitMs, the device's own
 * acknowledged messages are synced for, and while the server reports seqs
 * above what it returned the sync is asked again, backing off.
 */
export class Downlink {
  readonly inbox: Inbox;
  /** the next sync while behind (a gap, own messages, rows not persisted yet) */
  private gapTimer: unknown = null;
  private lastSyncAt = -Infinity;
  private syncing = false;
  private syncAgain = false;
  private ackScheduled = false;

  constructor(private readonly o: DownlinkOptions) {
    this.inbox = new Inbox(o.save, o.deliver);
  }

  get lastSeq(): number {
    return this.inbox.lastSeq;
  }

  /** A pushed message (Output{CT_MESSAGE}). */
  push(m: ReceivedMessage): void {
    if (this.inbox.push(m) === 'held') {
      if (this.inbox.onlyOwnMissing(m.seq) && !this.syncing && this.o.clock.now() - this.lastSyncAt >= this.o.gapWaitMs) {
        // The gap is this device's own messages (never pushed to it): fetch
        // them now rather than after gapWaitMs (at most once per gapWaitMs).
        this.requestSync();
      } else {
        this.syncLater(); // a gap: give the missing seq a moment, then sync
      }
    }
    this.scheduleAck(); // a repeat is acknowledged again (not delivered)
  }

  /** The device's own message got `seq` in the inbox (its AT_UP): never pushed here, so sync for it (write-behind: shortly). */
  ownAcked(seq: number): void {
    if (this.inbox.expectOwn(seq)) this.syncLater();
  }

  /** Syncs unless one is in flight (then once more after it). Only while online: the login syncs anyway. */
  requestSync(): void {
    // Not logged in: nothing can be sent (a request marked in flight here would never be answered).
    if (!this.o.online()) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    this.syncAgain = false;
    this.lastSyncAt = this.o.clock.now();
    // The answer re-arms it if still behind.
    this.clearGapTimer();
    this.o.send(gochat.CmdType.CT_SYNC, payload.sync(this.lastSeq, this.o.syncLimit));
  }

  /** Syncs if the last one is `resyncMs` old (at each heartbeat), so a lost push never leaves a permanent gap. */
  resyncIfIdle(resyncMs: number): void {
    if (this.o.clock.now() - this.lastSyncAt >= resyncMs) this.requestSync();
  }

  /** Output{CT_SYNC}: one page, or an error (asked again later). */
  syncPage(o: gochat.Output): void {
    this.syncing = false;
    if (o.code !== 0) {
      // Rate limited or unavailable: ask again later, whatever a pending gap timer would have done.
      this.o.error({ code: o.code, message: o.codeMsg });
      this.clearGapTimer();
      this.gapTimer = this.o.clock.setTimeout(() => {
        this.gapTimer = null;
        this.requestSync();
      }, this.o.gapWaitMs * 4);
      return;
    }
    const page = gochat.SyncOutputMsg.decode(o.data ?? new Uint8Array(0));
    this.inbox.applyPage({ messages: page.messages.map(toReceived), nextSeq: Number(page.nextSeq ?? 0), latestSeq: Number(page.latestSeq ?? 0) });
    this.scheduleAck();
    if (page.hasMore || this.syncAgain) this.requestSync();
    else if (this.inbox.behind) this.syncLater(); // still open (held back, or not persisted yet): look again shortly
  }

  /** The socket is gone: the sync in flight will not be answered. */
  disconnected(): void {
    this.syncing = false;
  }

  close(): void {
    this.clearGapTimer();
  }

  /** Syncs after a wait (Inbox.nextPollWait) if still behind then (one timer at a time). */
  private syncLater(): void {
    if (this.gapTimer) return;
    this.gapTimer = this.o.clock.setTimeout(() => {
      this.gapTimer = null;
      if (this.inbox.behind) this.requestSync();
    }, this.inbox.nextPollWait(this.o.gapWaitMs));
  }

  /** Cumulative AT_PUSH for the last contiguous seq, once per turn. */
  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    queueMicrotask(() => {
      this.ackScheduled = false;
      if (this.lastSeq > 0) this.o.send(gochat.CmdType.CT_ACK, payload.pushAck(this.lastSeq));
    });
  }

  private clearGapTimer(): void {
    if (this.gapTimer) this.o.clock.clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
