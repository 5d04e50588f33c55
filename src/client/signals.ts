// The ephemeral signals of DESIGN.md §6a on the client: typing (both ways)
// and the friends' presence. Nothing here is stored or retransmitted: a
// lost typing signal expires, lost presence is asked again after a login.
import { gochat } from '../proto/index.js';
import { conversationOf, keyOf } from './conversations.js';
import type { Clock, ConversationKey, PresenceInfo, ReceivedMessage, TypingEvent } from './sdk-types.js';

const { ST_SINGLE } = gochat.SessionType;

export interface TypingOptions {
  clock: Clock;
  /** the logged-in user: its own typing (from its other devices) is not shown */
  self: number;
  /** at most one CT_TYPING per conversation this often */
  intervalMs: number;
  /** an indicator not refreshed for this long goes off */
  expireMs: number;
  /** writes one CT_TYPING (dropped when offline) */
  send(k: ConversationKey, typing: boolean): void;
  emit(e: TypingEvent): void;
}

interface Outgoing {
  /** what the application said last */
  want: boolean;
  /** what went to the server last, and when */
  sent: boolean;
  sentAt: number;
  /** sends `want` once intervalMs has passed since sentAt */
  timer: unknown;
}

/**
 * Outgoing: at most one CT_TYPING per conversation per intervalMs (the
 * server drops the rest), "typing" repeated at most that often while the
 * application keeps saying so, and a change of mind inside the interval
 * sent when it ends, so the last word is never lost to the server's limit.
 * Incoming: one event when someone starts, one when they stop, their
 * message arrives, or expireMs passes without a refresh.
 */
export class Typing {
  private readonly out = new Map<string, Outgoing>();
  private readonly in = new Map<string, { key: ConversationKey; userId: number; timer: unknown }>();

  constructor(private readonly o: TypingOptions) {}

  /** The user is typing in `k` (call it as they type), or stopped (sent, emptied or left the box). */
  set(k: ConversationKey, typing: boolean): void {
    const id = keyOf(k);
    const now = this.o.clock.now();
    let s = this.out.get(id);
    if (!s) this.out.set(id, (s = { want: typing, sent: false, sentAt: -Infinity, timer: null }));
    s.want = typing;
    if (s.timer) return; // the scheduled send takes the latest wish
    if (typing === s.sent && (!typing || now - s.sentAt < this.o.intervalMs)) return;
    const wait = s.sentAt + this.o.intervalMs - now;
    if (wait <= 0) return this.transmit(k, s);
    const out = s;
    out.timer = this.o.clock.setTimeout(() => {
      out.timer = null;
      if (out.want !== out.sent) this.transmit(k, out);
    }, wait);
  }

  /** Who is typing in `k` now. */
  typingIn(k: ConversationKey): number[] {
    const prefix = `${keyOf(k)}:`;
    return [...this.in.entries()].filter(([id]) => id.startsWith(prefix)).map(([, v]) => v.userId);
  }

  /** A pushed TypingMsg. In a 1:1 the conversation is the typing user's. */
  received(m: { sessionType: number; peerId: number; userId: number; typing: boolean }): void {
    if (m.userId === this.o.self) return;
    const key = m.sessionType === ST_SINGLE ? { sessionType: ST_SINGLE, peerId: m.userId } : { sessionType: m.sessionType, peerId: m.peerId };
    const id = `${keyOf(key)}:${m.userId}`;
    const cur = this.in.get(id);
    if (!m.typing) return this.stop(id);
    if (cur) this.o.clock.clearTimeout(cur.timer);
    const timer = this.o.clock.setTimeout(() => this.stop(id), this.o.expireMs);
    this.in.set(id, { key, userId: m.userId, timer });
    if (!cur) this.o.emit({ ...key, userId: m.userId, typing: true });
  }

  /** A message delivered: its sender has stopped typing in its conversation. */
  message(m: ReceivedMessage): void {
    if (this.in.size === 0) return;
    this.stop(`${keyOf(conversationOf(m, this.o.self))}:${m.senderId}`);
  }

  close(): void {
    for (const s of this.out.values()) if (s.timer) this.o.clock.clearTimeout(s.timer);
    for (const v of this.in.values()) this.o.clock.clearTimeout(v.timer);
    this.out.clear();
    this.in.clear();
  }

  private stop(id: string): void {
    const cur = this.in.get(id);
    if (!cur) return;
    this.o.clock.clearTimeout(cur.timer);
    this.in.delete(id);
    this.o.emit({ ...cur.key, userId: cur.userId, typing: false });
  }

  private transmit(k: ConversationKey, s: Outgoing): void {
    this.o.send(k, s.want);
    s.sent = s.want;
    s.sentAt = this.o.clock.now();
  }
}

/** The friends' presence as last heard (pushes and query answers). */
export class PresenceBook {
  private readonly byUser = new Map<number, PresenceInfo>();

  get(userId: number): PresenceInfo | undefined {
    return this.byUser.get(userId);
  }

  all(): PresenceInfo[] {
    return [...this.byUser.values()];
  }

  /** Takes what the server said; returns the entries that changed. */
  apply(list: readonly PresenceInfo[]): PresenceInfo[] {
    const changed: PresenceInfo[] = [];
    for (const p of list) {
      const cur = this.byUser.get(p.userId);
      if (cur && cur.online === p.online && cur.lastSeen === p.lastSeen) continue;
      this.byUser.set(p.userId, p);
      changed.push(p);
    }
    return changed;
  }
}
