// The receiving half of the client SDK, pure bookkeeping (no socket, no
// timers): which seqs of the user's inbox were handed to the application,
// which pushes wait above a gap, which seqs are known to exist (the device's
// own messages, named by their ACKs; the server's latest_seq). The client
// (sdk.ts) asks it what to do and arms the timers itself.
import { behindPollWait } from './backoff.js';
import type { ReceivedMessage } from './sdk-types.js';

/** What became of a push: a repeat (not delivered again), delivered (with any it unblocked), or held above a gap. */
export type PushOutcome = 'repeat' | 'delivered' | 'held';

/** The part of a CT_SYNC answer the inbox acts on. */
export interface SyncPage {
  messages: ReceivedMessage[];
  /** where to go on past tombstones and passed-over gaps (0: nowhere new) */
  nextSeq: number;
  /** the highest seq allocated in the inbox, persisted or not (0: unknown) */
  latestSeq: number;
}

/**
 * Guarantees: `deliver` is called once per seq, in strictly increasing seq
 * order, and `lastSeq` only grows; every change of `lastSeq` is handed to
 * `save` before the message is delivered.
 */
export class Inbox {
  /** last contiguous seq handed to the application */
  lastSeq = 0;
  /** pushes above lastSeq+1, waiting for the gap to fill */
  readonly ahead = new Map<number, ReceivedMessage>();
  /** seqs of the own inbox that this device's ACKs named and that have not been delivered yet */
  private readonly ownSeqs = new Set<number>();
  /** the highest latest_seq a sync reported (allocated in this user's inbox) */
  private serverLatest = 0;
  /** lastSeq when the sync polls were last counted from zero */
  private progressSeq = 0;
  /** sync polls since lastSeq last moved */
  private behindPolls = 0;

  constructor(
    private readonly save: (lastSeq: number) => void,
    private readonly deliver: (m: ReceivedMessage) => void,
  ) {}

  /** Takes a pushed message: delivers it and whatever it unblocks, or holds it above a gap. */
  push(m: ReceivedMessage): PushOutcome {
    if (m.seq <= this.lastSeq || this.ahead.has(m.seq)) return 'repeat';
    if (m.seq === this.lastSeq + 1) {
      this.hand(m);
      this.drainAhead();
      return 'delivered';
    }
    this.ahead.set(m.seq, m);
    return 'held';
  }

  /**
   * The device's own message got `seq` in the inbox (its ACK): it is never
   * pushed to this device, so it must be synced. True if it is still to come.
   */
  expectOwn(seq: number): boolean {
    if (seq <= this.lastSeq) return false;
    this.ownSeqs.add(seq);
    return true;
  }

  /** Whether seqs above lastSeq are known to exist: pushes held ahead of a gap, or own messages (from their ACKs). */
  get behind(): boolean {
    return this.ahead.size > 0 || this.ownSeqs.size > 0 || this.serverLatest > this.lastSeq;
  }

  /** Whether every seq between lastSeq and `seq` is known to be one of this device's own messages. */
  onlyOwnMissing(seq: number): boolean {
    for (let s = this.lastSeq + 1; s < seq; s++) if (!this.ownSeqs.has(s) && !this.ahead.has(s)) return false;
    return true;
  }

  /**
   * How long to wait before the next sync poll while behind; counts the
   * poll. The wait grows while nothing new arrives and starts again at
   * gapWaitMs after progress.
   */
  nextPollWait(gapWaitMs: number): number {
    if (this.lastSeq > this.progressSeq) {
      this.progressSeq = this.lastSeq;
      this.behindPolls = 0;
    }
    return behindPollWait(gapWaitMs, this.behindPolls++);
  }

  /** Takes one page of a sync answer (messages in seq order). */
  applyPage(page: SyncPage): void {
    // Allocated in the inbox but not persisted yet: more is on its way.
    if (page.latestSeq > this.serverLatest) this.serverLatest = page.latestSeq;
    for (const m of page.messages) if (m.seq > this.lastSeq) this.hand(m);
    // Past tombstones and passed-over gaps: the server says where to go on.
    if (page.nextSeq > this.lastSeq) {
      this.lastSeq = page.nextSeq;
      this.save(page.nextSeq);
    }
    for (const s of this.ownSeqs) if (s <= this.lastSeq) this.ownSeqs.delete(s);
    this.drainAhead();
  }

  private hand(m: ReceivedMessage): void {
    this.ownSeqs.delete(m.seq);
    this.lastSeq = m.seq;
    this.save(m.seq);
    this.deliver(m);
  }

  private drainAhead(): void {
    for (let next = this.ahead.get(this.lastSeq + 1); next; next = this.ahead.get(this.lastSeq + 1)) {
      this.ahead.delete(next.seq);
      this.hand(next);
    }
    for (const s of this.ahead.keys()) if (s <= this.lastSeq) this.ahead.delete(s);
  }
}
