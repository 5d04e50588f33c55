// The conversation-state half of the client SDK (DESIGN.md §6a): the
// conversation list with unread counts, reads (CT_READ both ways) and
// receipts, typing, the friends' presence and recall events. It holds the
// state (conversations.ts, signals.ts) and the requests (query.ts, the read
// queue here); the connection (sdk.ts) hands it every delivered message,
// every §6a output and every login and disconnect.
import { gochat } from '../proto/index.js';
import { ConversationState, conversationOf, keyOf } from './conversations.js';
import type { Emitter } from './emitter.js';
import { payload, recalledMsgId, toConversation, toPresence } from './frames.js';
import { Query } from './query.js';
import { CommandError, type ClientEvents, type Clock, type Conversation, type ConversationKey, type PresenceInfo, type ReceivedMessage } from './sdk-types.js';
import { PresenceBook, Typing } from './signals.js';

const { CmdType } = gochat;

export interface ChatStateOptions {
  clock: Clock;
  /** the logged-in user */
  self: number;
  typingIntervalMs: number;
  typingExpireMs: number;
  /** writes one Input (dropped when no socket is open) */
  send(type: number, data: Uint8Array): void;
  /** whether the client is logged in */
  online(): boolean;
  events: Emitter<ClientEvents>;
}

/** One CT_READ for a conversation and everyone waiting for it. */
interface PendingRead {
  key: ConversationKey;
  seq: number;
  waiters: { resolve(): void; reject(e: Error): void }[];
}

/**
 * Guarantees: reads go one at a time (each answer is its read's), a read up
 * to a conversation's seq is sent once however often it is asked, and one
 * lost with the connection is sent again after the login (reads are
 * idempotent); once conversations() or queryPresence() was used, each login
 * asks the server again (what was pushed while offline is lost).
 */
export class ChatState {
  readonly state: ConversationState;
  readonly presence = new PresenceBook();
  readonly typing: Typing;
  private readonly convQuery: Query<Conversation[]>;
  private readonly presenceQuery: Query<PresenceInfo[]>;
  private limit = 0;
  private readonly reads = new Map<string, PendingRead>();
  private readInFlight: PendingRead | null = null;
  private listQueued = false;

  constructor(private readonly o: ChatStateOptions) {
    const ev = o.events;
    this.state = new ConversationState(o.self, (c, before) => {
      if (c.unread !== before) ev.emit('unread', { sessionType: c.sessionType, peerId: c.peerId, unread: c.unread, total: this.state.totalUnread });
      this.listChanged();
    });
    this.typing = new Typing({
      clock: o.clock,
      self: o.self,
      intervalMs: o.typingIntervalMs,
      expireMs: o.typingExpireMs,
      send: (k, typing) => o.send(CmdType.CT_TYPING, payload.typing(k.sessionType, k.peerId, typing)),
      emit: (e) => ev.emit('typing', e),
    });
    this.convQuery = new Query(() => this.transmit(CmdType.CT_CONVERSATIONS, payload.conversations(this.limit)));
    this.presenceQuery = new Query(() => this.transmit(CmdType.CT_PRESENCE, payload.presenceQuery()));
  }

  /** CT_CONVERSATIONS (limit 0: the server's default); the state afterwards, newest first. Asked again after every login from now on. */
  async conversations(limit: number): Promise<Conversation[]> {
    this.limit = limit;
    this.convQuery.keep();
    await this.convQuery.ask();
    return this.state.list();
  }

  /** CT_PRESENCE (empty): every friend's presence. Asked again after every login from now on. */
  queryPresence(): Promise<PresenceInfo[]> {
    this.presenceQuery.keep();
    return this.presenceQuery.ask();
  }

  /**
   * CT_READ: read `k` up to `seq` (the user's numbering). Lowers the unread
   * count at once; resolves on the server's answer, rejects with its code
   * (the count goes back). Waits for the connection while offline.
   */
  markRead(k: ConversationKey, seq: number): Promise<void> {
    if (this.state.readAt(k, seq)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { resolve, reject };
      const f = this.readInFlight;
      if (f && keyOf(f.key) === keyOf(k) && f.seq >= seq) return void f.waiters.push(w);
      const id = keyOf(k);
      const p = this.reads.get(id);
      if (p) {
        p.seq = Math.max(p.seq, seq);
        p.waiters.push(w);
      } else this.reads.set(id, { key: { sessionType: k.sessionType, peerId: k.peerId }, seq, waiters: [w] });
      if (this.state.readLocally(k, seq)) this.convQuery.again();
      this.nextRead();
    });
  }

  /** A message delivered from the inbox. */
  delivered(m: ReceivedMessage): void {
    this.state.message(m);
    this.typing.message(m);
    if (m.messageType !== gochat.MessageType.MT_RECALL) return;
    const msgId = recalledMsgId(m.content);
    if (msgId) this.o.events.emit('recall', { ...conversationOf(m, this.o.self), msgId, senderId: m.senderId, seq: m.seq });
  }

  /** Takes a §6a output; false if `o` is none of them. */
  onOutput(o: gochat.Output): boolean {
    const data = o.data ?? new Uint8Array(0);
    switch (o.type) {
      case CmdType.CT_READ:
        // A push carries a ReadMsg; the answer to this device's CT_READ has no data.
        if (o.code === 0 && data.length > 0) this.readPushed(gochat.ReadMsg.decode(data));
        else this.readAnswered(o.code, o.codeMsg);
        return true;
      case CmdType.CT_CONVERSATIONS:
        if (o.code !== 0) this.convQuery.failed(o.code, o.codeMsg);
        else this.listAnswered(gochat.ConversationsOutputMsg.decode(data).conversations.map(toConversation));
        return true;
      case CmdType.CT_PRESENCE:
        if (o.code === 0) this.presenceHeard(gochat.PresenceMsg.decode(data).presences.map(toPresence));
        else if (this.presenceQuery.awaited) this.presenceQuery.failed(o.code, o.codeMsg);
        return true;
      case CmdType.CT_TYPING:
        if (o.code === 0) {
          const t = gochat.TypingMsg.decode(data);
          this.typing.received({ sessionType: t.sessionType ?? 0, peerId: Number(t.peerId ?? 0), userId: Number(t.userId ?? 0), typing: t.typing === true });
        }
        return true;
      default:
        return false;
    }
  }

  loggedIn(): void {
    this.nextRead(); // before asking for the list, so that it counts them
    this.convQuery.loggedIn();
    this.presenceQuery.loggedIn();
  }

  disconnected(): void {
    const f = this.readInFlight;
    this.readInFlight = null;
    if (f) {
      // Applied or not, it goes again (idempotent), merged with what queued behind it.
      const id = keyOf(f.key);
      const p = this.reads.get(id);
      this.reads.delete(id);
      this.reads.set(id, p ? { key: f.key, seq: Math.max(f.seq, p.seq), waiters: [...f.waiters, ...p.waiters] } : f);
    }
    this.convQuery.disconnected();
    this.presenceQuery.disconnected();
  }

  close(): void {
    const e = new CommandError(7, 'the client was closed');
    for (const p of [this.readInFlight, ...this.reads.values()]) for (const w of p?.waiters ?? []) w.reject(e);
    this.readInFlight = null;
    this.reads.clear();
    this.convQuery.close();
    this.presenceQuery.close();
    this.typing.close();
  }

  private listAnswered(list: Conversation[]): void {
    this.state.applyList(list);
    this.convQuery.answered(list);
  }

  /** Pushes and answers look alike: both update the book; a query in flight takes it as its answer. */
  private presenceHeard(list: PresenceInfo[]): void {
    const changed = this.presence.apply(list);
    if (changed.length) this.o.events.emit('presence', changed);
    if (this.presenceQuery.awaited) this.presenceQuery.answered(list);
  }

  private readPushed(m: gochat.ReadMsg): void {
    const r = { sessionType: m.sessionType ?? 0, peerId: Number(m.peerId ?? 0), seq: Number(m.seq ?? 0), readerId: Number(m.readerId ?? 0) };
    const got = this.state.readPushed(r);
    if (got.stale) this.convQuery.again();
    if (!got.own) this.o.events.emit('receipt', { ...got.key, readerId: r.readerId, seq: r.seq });
  }

  private readAnswered(code: number, codeMsg: string): void {
    const r = this.readInFlight;
    this.readInFlight = null;
    if (!r) return;
    if (code === 0) {
      this.state.readConfirmed(r.key, r.seq);
      for (const w of r.waiters) w.resolve();
    } else {
      this.state.revertRead(r.key, this.reads.get(keyOf(r.key))?.seq ?? 0);
      const e = new CommandError(code, codeMsg || `read refused (code ${code})`);
      for (const w of r.waiters) w.reject(e);
    }
    this.nextRead();
  }

  private nextRead(): void {
    if (this.readInFlight || !this.o.online()) return;
    const [id, next] = this.reads.entries().next().value ?? [];
    if (!id || !next) return;
    this.reads.delete(id);
    this.readInFlight = next;
    this.o.send(CmdType.CT_READ, payload.read(next.key.sessionType, next.key.peerId, next.seq));
  }

  /** Writes a query if online (else it waits for the login). */
  private transmit(type: number, data: Uint8Array): boolean {
    if (!this.o.online()) return false;
    this.o.send(type, data);
    return true;
  }

  /** 'conversations' at most once per turn. */
  private listChanged(): void {
    if (this.listQueued) return;
    this.listQueued = true;
    queueMicrotask(() => {
      this.listQueued = false;
      this.o.events.emit('conversations', this.state.list());
    });
  }
}
