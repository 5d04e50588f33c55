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
// left, answered code 4 (final) although the original exists: a device
// that learned the msg_id from a push, then moved to another node (a
// reconnect) and recalls there before the original is persisted (the
// persist lag, ~100-300 ms); and an envelope crowded out by `maxEntries`
// before its message was persisted (a persistence backlog longer than
// `maxEntries` messages of this worker). Answering code 7 instead would need
// to know the msg_id is still in flight, which no node can tell cheaply.
//
// Memory is bounded: envelopes only (no content), dropped once older than
// the recall window (no recall can name them then), and at most `maxEntries`
// (the oldest go first; they are long persisted by then).
import type { MessageMeta } from '../store/types.js';

/** Default cap on envelopes kept (~150 B of heap each, measured: ~15 MB). */
export const DEFAULT_RECENT_MESSAGES_MAX = 100_000;

export interface RecentMessagesOptions {
  /** recall_window, ms: how long an envelope is worth keeping */
  windowMs: number;
  maxEntries?: number;
  now?: () => number;
}

export class RecentMessages {
  private readonly byId = new Map<number, MessageMeta>();
  /** the same envelopes in the order noted (roughly send_time order), from `head` on: a queue */
  private order: (MessageMeta | undefined)[] = [];
  private head = 0;
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
    this.order.push(m);
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

  /**
   * Drops from the oldest noted while too old or too many (an envelope
   * noted out of send_time order may outlive its window a little: get's
   * callers judge the window themselves). Amortised O(1): a queue, not an
   * iteration over the Map (whose deleted slots V8 walks again each time).
   */
  private expire(): void {
    const oldest = this.now() - this.o.windowMs;
    while (this.head < this.order.length) {
      const m = this.order[this.head]!;
      if (this.byId.size <= this.maxEntries && m.sendTime >= oldest) break;
      this.byId.delete(m.msgId);
      this.order[this.head++] = undefined;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
