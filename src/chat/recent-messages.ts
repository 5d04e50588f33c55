// The envelopes of messages this worker recently saw accepted, so that a
// recall (DESIGN.md §6a) finds its original before persistence caught up:
// the message store is written behind (RabbitMQ, then the persister), and a
// recall sent a few ms after its original would not find it there yet.
//
// Which messages: every message this worker's pipeline accepted, and every
// message pushed here from another worker or node to a device of its own
// sender. A device learns a msg_id only from a push (the ACK carries none)
// or from a sync; a synced message is in the store, and all devices of a
// user on a node share one worker, so the worker that pushed a message to a
// sender's device is the one that validates that device's recall. What is
// left: a device that learned the msg_id from a push and recalls through
// another node (it reconnected elsewhere) before the original is persisted
// (the persist lag, ~100-300 ms): code 4, final. See pipeline.ts.
//
// Memory is bounded: envelopes only (no content), dropped once older than
// the recall window (no recall can name them then), and at most `maxEntries`
// (the oldest go first; they are long persisted by then).
import type { MessageMeta } from '../store/types.js';

/** Default cap on envelopes kept (~120 B each: ~12 MB). */
export const DEFAULT_RECENT_MESSAGES_MAX = 100_000;

export interface RecentMessagesOptions {
  /** recall_window, ms: how long an envelope is worth keeping */
  windowMs: number;
  maxEntries?: number;
  now?: () => number;
}

export class RecentMessages {
  /** by msg_id, in the order noted (roughly send_time order) */
  private readonly byId = new Map<number, MessageMeta>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly o: RecentMessagesOptions) {
    this.maxEntries = o.maxEntries ?? DEFAULT_RECENT_MESSAGES_MAX;
    this.now = o.now ?? Date.now;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Keeps `m` until it is older than the window (or crowded out). Noting a msg_id again changes nothing. */
  note(m: MessageMeta): void {
    if (this.maxEntries < 1 || this.byId.has(m.msgId)) return;
    this.byId.set(m.msgId, m);
    this.expire();
  }

  /**
   * A message another worker pushed here: noted (`decode` reads its body)
   * when one of its recipients here is its sender, whose device may recall
   * it through this worker before it is persisted.
   */
  notePushed(f: { senderId: number; userIds: ArrayLike<number>; body: Uint8Array }, decode: (body: Uint8Array) => MessageMeta | null): void {
    for (let i = 0; i < f.userIds.length; i++) {
      if (f.userIds[i] !== f.senderId) continue;
      const m = decode(f.body);
      if (m) this.note(m);
      return;
    }
  }

  get(msgId: number): MessageMeta | undefined {
    this.expire();
    return this.byId.get(msgId);
  }

  /** Drops from the oldest noted while too old or too many (an envelope noted out of send_time order may outlive its window a little: get's callers judge the window themselves). */
  private expire(): void {
    const oldest = this.now() - this.o.windowMs;
    for (const [id, m] of this.byId) {
      if (this.byId.size <= this.maxEntries && m.sendTime >= oldest) return;
      this.byId.delete(id);
    }
  }
}
