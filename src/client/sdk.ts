// The GoChat client SDK: the reference client of the protocol (DESIGN.md
// §6). Runs in Node (pass `ws`'s WebSocket) and in browsers (the global
// WebSocket). Guarantees to the application, given a store that persists:
// every message sent is delivered to the server exactly once (client_id +
// retransmit until ACK), and every message received is handed to the
// application exactly once, in seq order, with no permanent gap (dedup by
// seq, gap → sync, sync on every connect). The device's own messages are in
// its inbox too but never pushed to it: their ACK seq makes the client sync
// for them.
//
// This file is the connection: socket, login, reconnect, heartbeat and
// frame dispatch. The sending half is outbox.ts, the receiving half
// downlink.ts (when to sync) over inbox.ts (seq bookkeeping), the
// conversation state, reads, typing, presence and recall of DESIGN.md §6a
// chat-state.ts, the waiting times backoff.ts, the types sdk-types.ts and
// client-store.ts. The HTTP half (accounts, friends, groups, node pick) is
// http-api.ts; a browser store is store-local.ts.
import { gochat } from '../proto/index.js';
import { reconnectDelay } from './backoff.js';
import { ChatState } from './chat-state.js';
import { MemoryStore, type ClientStore, type OutgoingMessage } from './client-store.js';
import { Downlink } from './downlink.js';
import { Emitter } from './emitter.js';
import { batchOutputs, payload, recallContent, toReceived, userIdOfToken } from './frames.js';
import { Outbox } from './outbox.js';
import { CLOSE_REPLACED, realClock, type ClientEvents, type ClientOptions, type ClientState, type Clock, type Conversation, type ConversationKey, type PresenceInfo, type ReceivedMessage, type SendResult, type SocketLike } from './sdk-types.js';

export * from './client-store.js';
export * from './sdk-types.js';

const OPEN = 1;

export class GoChatClient {
  state: ClientState = 'idle';
  private ws: SocketLike | null = null;
  private readonly o: Required<Omit<ClientOptions, 'store' | 'clock' | 'nodeUrl'>> & Pick<ClientOptions, 'nodeUrl'> & { store: ClientStore; clock: Clock };
  private readonly events = new Emitter<ClientEvents>();
  private readonly downlink: Downlink;
  private readonly outbox: Outbox;
  private readonly chat: ChatState;
  private heartbeatTimer: unknown = null;
  private reconnectTimer: unknown = null;
  private suspended = false;
  private attempts = 0;
  private loaded: Promise<void> | null = null;
  private started = false;
  private storeReady = false;

  constructor(opts: ClientOptions) {
    this.o = {
      heartbeatMs: 30_000,
      resyncMs: 120_000,
      retransmitMs: 5000,
      gapWaitMs: 300,
      reconnectMinMs: 200,
      reconnectMaxMs: 10_000,
      syncLimit: 200,
      random: Math.random,
      typingIntervalMs: 1200,
      typingExpireMs: 5000,
      ...opts,
      userId: opts.userId ?? userIdOfToken(opts.token),
      store: opts.store ?? new MemoryStore(),
      clock: opts.clock ?? realClock,
    };
    const { store, clock, retransmitMs, reconnectMaxMs, random, gapWaitMs, syncLimit } = this.o;
    const online = () => this.state === 'online';
    const send = (type: number, data: Uint8Array) => this.sendInput(type, data);
    this.downlink = new Downlink({
      clock, gapWaitMs, syncLimit, online, send,
      save: (seq) => store.saveLastSeq(seq),
      deliver: (m) => {
        this.chat.delivered(m);
        this.events.emit('message', m);
      },
      error: (e) => this.events.emit('error', e),
    });
    this.outbox = new Outbox({
      clock, store, retransmitMs, reconnectMaxMs, random, online,
      transmit: (m) => send(gochat.CmdType.CT_MESSAGE, payload.upMsg(m)),
    });
    const { userId: self, typingIntervalMs, typingExpireMs } = this.o;
    this.chat = new ChatState({ clock, self, typingIntervalMs, typingExpireMs, online, send, events: this.events });
  }

  /** last contiguous seq handed to the application */
  get lastSeq(): number {
    return this.downlink.lastSeq;
  }

  /** Pushes held above a gap (read by test diagnostics). */
  get ahead(): ReadonlyMap<number, ReceivedMessage> {
    return this.downlink.inbox.ahead;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof ClientEvents>(event: K, fn: (v: ClientEvents[K]) => void): () => void {
    return this.events.on(event, fn);
  }

  private setState(s: ClientState): void {
    if (this.state === s) return;
    this.state = s;
    this.events.emit('state', s);
  }

  /** Loads the store and connects; reconnects by itself until close(). */
  start(): Promise<void> {
    return this.load().then(() => {
      if (this.started) return;
      this.started = true;
      this.open();
    });
  }

  private load(): Promise<void> {
    this.loaded ??= this.o.store.load().then((st) => {
      this.downlink.inbox.lastSeq = st.lastSeq;
      this.outbox.restore(st.nextClientId, st.unsent);
      this.storeReady = true;
    });
    return this.loaded;
  }

  /**
   * Sends a message; resolves when the server has acknowledged it (or
   * rejected it finally). Before start() has loaded the store, the message
   * waits for it (its client_id must come after the stored ones).
   */
  send(msg: OutgoingMessage): Promise<SendResult> {
    if (!this.storeReady) return this.load().then(() => this.send(msg));
    return this.outbox.add(msg, this.state === 'online');
  }

  /** Unacknowledged messages (sent or waiting to be). */
  get unsentCount(): number {
    return this.outbox.size;
  }

  /** Takes back one of the user's own messages (MT_RECALL, DESIGN.md §6a), as reliably as send(); code 3 past the recall window. */
  recall(m: Pick<ReceivedMessage, 'sessionType' | 'receiverId' | 'msgId'>): Promise<SendResult> {
    return this.send({ sessionType: m.sessionType, receiverId: m.receiverId, messageType: gochat.MessageType.MT_RECALL, content: recallContent(m.msgId) });
  }

  /** The conversations from CT_CONVERSATIONS (newest first), kept up to date from then on: events 'conversations', 'unread', 'receipt'. */
  conversations(limit = 0): Promise<Conversation[]> {
    return this.chat.conversations(limit);
  }

  /** The conversation list as the client knows it now (newest first), and the unread total. */
  get conversationList(): Conversation[] {
    return this.chat.state.list();
  }
  get totalUnread(): number {
    return this.chat.state.totalUnread;
  }

  /** CT_READ up to `seq` of the user's inbox: the unread count drops at once; resolves on the server's answer, rejects with a CommandError. */
  markRead(k: ConversationKey, seq: number): Promise<void> {
    return this.chat.markRead(k, seq);
  }

  /** The user is typing in `k` (call it as they type; at most one CT_TYPING per typingIntervalMs goes out), or stopped. */
  typing(k: ConversationKey, typing: boolean): void {
    if (this.state === 'online') this.chat.typing.set(k, typing);
  }

  /** Who is typing in `k` now (event 'typing' when it changes). */
  typingIn(k: ConversationKey): number[] {
    return this.chat.typing.typingIn(k);
  }

  /** Every friend's presence (CT_PRESENCE); asked again after each reconnect; event 'presence' for changes. */
  queryPresence(): Promise<PresenceInfo[]> {
    return this.chat.queryPresence();
  }
  presenceOf(userId: number): PresenceInfo | undefined {
    return this.chat.presence.get(userId);
  }

  /** Stops for good: closes the socket, cancels every timer. Idempotent. */
  close(): void {
    this.setState('closed');
    for (const t of [this.heartbeatTimer, this.reconnectTimer]) if (t) this.o.clock.clearTimeout(t);
    this.heartbeatTimer = this.reconnectTimer = null;
    this.downlink.close();
    this.outbox.close();
    this.chat.close();
    this.ws?.close(1000, 'bye');
    this.ws = null;
  }

  /**
   * Disconnects and stays offline until resume() (a browser's `offline`
   * event, an app sent to the background). Messages sent meanwhile wait in
   * the store; the server keeps what arrives in the inbox.
   */
  suspend(): void {
    if (this.state === 'closed' || this.suspended) return;
    this.suspended = true;
    if (this.reconnectTimer) this.o.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ws = this.ws;
    if (ws) {
      this.ws = null;
      ws.close(1000, 'suspended');
      this.onDisconnected();
    } else this.setState('offline');
  }

  /** Reconnects now after suspend() (or cuts a pending reconnect back-off short). */
  resume(): void {
    if (this.state === 'closed') return;
    this.suspended = false;
    if (this.ws || !this.started) return;
    if (this.reconnectTimer) this.o.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.attempts = 0;
    this.open();
  }

  /** The token for the next connection (a refreshed login); the current one is kept. */
  setToken(token: string): void {
    this.o.token = token;
  }

  /** Drops the connection as a network failure would (tests). */
  dropConnection(): void {
    this.ws?.close(4999, 'dropped');
  }

  private open(): void {
    if (this.state === 'closed' || this.suspended) return;
    this.setState('connecting');
    const ws = this.o.socket(`${this.o.wsUrl}?token=${encodeURIComponent(this.o.token)}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.sendInput(gochat.CmdType.CT_LOGIN, payload.login(this.o.token, this.o.deviceId));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      for (const raw of batchOutputs(ev.data) ?? []) this.onOutput(gochat.Output.decode(raw));
    };
    ws.onerror = () => undefined;
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (ev?.code === CLOSE_REPLACED) {
        this.events.emit('error', { code: 2, message: 'this device logged in again elsewhere', closeCode: CLOSE_REPLACED });
        this.close();
        return;
      }
      this.onDisconnected();
    };
  }

  private onDisconnected(): void {
    if (this.heartbeatTimer) this.o.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.outbox.disconnected();
    this.downlink.disconnected();
    this.chat.disconnected();
    if (this.state === 'closed') return;
    this.setState('offline');
    if (this.suspended) return;
    const delay = reconnectDelay(this.attempts++, this.o.reconnectMinMs, this.o.reconnectMaxMs, this.o.random);
    this.reconnectTimer = this.o.clock.setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.o.nodeUrl) return this.open();
      this.o.nodeUrl().then(
        (url) => {
          if (url) this.o.wsUrl = url;
          this.open();
        },
        () => this.open(),
      );
    }, delay);
  }

  private sendInput(type: number, data: Uint8Array): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return;
    ws.send(gochat.Input.encode({ type, data }).finish());
  }

  private heartbeat(): void {
    this.heartbeatTimer = this.o.clock.setTimeout(() => {
      this.sendInput(gochat.CmdType.CT_HEARTBEAT, payload.heartbeat());
      this.downlink.resyncIfIdle(this.o.resyncMs);
      this.heartbeat();
    }, this.o.heartbeatMs);
  }

  private onOutput(o: gochat.Output): void {
    const data = o.data ?? new Uint8Array(0);
    switch (o.type) {
      case gochat.CmdType.CT_ACK: {
        const a = gochat.ACKMsg.decode(data);
        if (a.type === gochat.ACKType.AT_LOGIN) return this.onLogin();
        if (a.type === gochat.ACKType.AT_UP) return this.onUpAck(Number(a.clientId), Number(a.seq), o.code, o.codeMsg, Number(a.msgId ?? 0));
        return;
      }
      case gochat.CmdType.CT_LOGIN:
        if (o.code !== 0) {
          this.events.emit('error', { code: o.code, message: o.codeMsg });
          this.close();
        }
        return;
      case gochat.CmdType.CT_MESSAGE: {
        const m = gochat.PushMsg.decode(data).msg;
        if (m) this.downlink.push(toReceived(m));
        return;
      }
      case gochat.CmdType.CT_SYNC:
        return this.downlink.syncPage(o);
      default:
        if (this.chat.onOutput(o)) return;
        if (o.code !== 0) this.events.emit('error', { code: o.code, message: o.codeMsg });
    }
  }

  private onLogin(): void {
    this.attempts = 0;
    this.setState('online');
    this.heartbeat();
    this.downlink.requestSync();
    this.outbox.transmitAll();
    this.chat.loggedIn();
  }

  private onUpAck(clientId: number, seq: number, code: number, codeMsg: string, msgId: number): void {
    const r = this.outbox.acknowledge(clientId, seq, code, codeMsg, msgId);
    if (!r) return;
    // The own inbox has this message at `seq`, and it is never pushed to this
    // device: sync for it (write-behind: shortly), or at once when a push skips over it.
    if (code === 0) this.downlink.ownAcked(seq);
    this.events.emit('ack', r);
  }
}
