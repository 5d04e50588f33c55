// The sending half of the client SDK: client_ids, the messages not yet
// acknowledged, their retransmit timers and the one back-off after a
// transient rejection. Writes frames only through `transmit`; the client
// (sdk.ts) says when it is online.
import { transientRetryDelay } from './backoff.js';
import type { ClientStore, OutgoingMessage, UnsentMessage } from './client-store.js';
import type { Clock, SendResult } from './sdk-types.js';

export interface OutboxOptions {
  clock: Clock;
  store: ClientStore;
  /** resend an unacknowledged message after this long */
  retransmitMs: number;
  /** caps the back-off after a transient rejection */
  reconnectMaxMs: number;
  random: () => number;
  /** writes one UpMsg (dropped when no socket is open) */
  transmit(m: UnsentMessage): void;
  /** whether the client is logged in: retransmissions happen only then */
  online(): boolean;
}

interface Pending {
  m: UnsentMessage;
  resolve: (r: SendResult) => void;
  timer: unknown;
}

/**
 * Guarantees: client_ids grow by 1 and are saved before a message is
 * transmitted; a message stays (in memory and in the store) until a final
 * answer; retransmissions of a run go out in client_id order, so no later
 * message overtakes an earlier one (DESIGN.md §2).
 */
export class Outbox {
  private nextClientId = 1;
  private readonly pending = new Map<number, Pending>();
  /** one back-off after transient (6/7) rejections; then everything from backoffFrom on is resent in order */
  private backoffTimer: unknown = null;
  private backoffFrom = Infinity;

  constructor(private readonly o: OutboxOptions) {}

  /** What the store kept: the next client_id and the messages not yet acknowledged (nobody awaits them). */
  restore(nextClientId: number, unsent: UnsentMessage[]): void {
    this.nextClientId = Math.max(this.nextClientId, nextClientId);
    for (const m of unsent) this.pending.set(m.clientId, { m, resolve: () => undefined, timer: null });
  }

  /** Unacknowledged messages (sent or waiting to be). */
  get size(): number {
    return this.pending.size;
  }

  /** Gives `msg` the next client_id, stores it, and transmits it now if `now`; resolves on its final answer. */
  add(msg: OutgoingMessage, now: boolean): Promise<SendResult> {
    const clientId = this.nextClientId++;
    this.o.store.saveNextClientId(this.nextClientId);
    const m: UnsentMessage = { ...msg, clientId };
    this.o.store.addUnsent(m);
    return new Promise((resolve) => {
      const p: Pending = { m, resolve, timer: null };
      this.pending.set(clientId, p);
      if (now) this.transmit(p);
    });
  }

  /** Transmits everything unacknowledged, in client_id order (after a login). */
  transmitAll(): void {
    for (const p of this.inOrder()) this.transmit(p);
  }

  /**
   * The server's AT_UP answer. Transient codes (6, 7) leave the client_id
   * unconsumed and resend after a back-off (returns null); any other code is
   * final: the message leaves the outbox, its promise resolves, and the
   * result is returned. Null too for a client_id not in the outbox (a repeat).
   */
  acknowledge(clientId: number, seq: number, code: number, codeMsg: string, msgId = 0): SendResult | null {
    const p = this.pending.get(clientId);
    if (!p) return null;
    if (code === 6 || code === 7) {
      this.backOff(clientId);
      return null;
    }
    if (p.timer) this.o.clock.clearTimeout(p.timer);
    this.pending.delete(clientId);
    this.o.store.removeUnsent(clientId);
    const r: SendResult = { clientId, seq: code === 0 ? seq : 0, msgId: code === 0 ? msgId : 0, code, codeMsg };
    p.resolve(r);
    return r;
  }

  /** The socket is gone: no timers; everything unacknowledged goes again after the next login. */
  disconnected(): void {
    for (const p of this.pending.values()) {
      if (p.timer) this.o.clock.clearTimeout(p.timer);
      p.timer = null;
    }
    if (this.backoffTimer) this.o.clock.clearTimeout(this.backoffTimer);
    this.backoffTimer = null;
    this.backoffFrom = Infinity;
  }

  /** Cancels every timer (the client closed). */
  close(): void {
    if (this.backoffTimer) this.o.clock.clearTimeout(this.backoffTimer);
    this.backoffTimer = null;
    for (const p of this.pending.values()) if (p.timer) this.o.clock.clearTimeout(p.timer);
  }

  /**
   * The server fails the ones pipelined behind a transient failure the same
   * way, so after one back-off everything from the lowest failed client_id
   * on is resent, in order (resending each on its own timer could put a
   * later one first, to be dropped).
   */
  private backOff(clientId: number): void {
    this.backoffFrom = Math.min(this.backoffFrom, clientId);
    for (const q of this.pending.values()) {
      if (q.m.clientId >= clientId && q.timer) {
        this.o.clock.clearTimeout(q.timer);
        q.timer = null;
      }
    }
    this.backoffTimer ??= this.o.clock.setTimeout(() => {
      this.backoffTimer = null;
      const from = this.backoffFrom;
      this.backoffFrom = Infinity;
      if (!this.o.online()) return;
      for (const q of this.inOrder()) if (q.m.clientId >= from) this.transmit(q);
    }, transientRetryDelay(this.o.retransmitMs, this.o.reconnectMaxMs, this.o.random));
  }

  private transmit(p: Pending): void {
    if (p.timer) this.o.clock.clearTimeout(p.timer);
    this.o.transmit(p.m);
    p.timer = this.o.clock.setTimeout(() => {
      p.timer = null;
      if (this.o.online() && this.pending.has(p.m.clientId)) this.transmit(p);
    }, this.o.retransmitMs);
  }

  private inOrder(): Pending[] {
    return [...this.pending.values()].sort((a, b) => a.m.clientId - b.m.clientId);
  }
}
