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
// This file is the connection: socket, login, reconnect, heartbeat, frame
// dispatch and when to sync. The sending half is outbox.ts, the receiving
// half inbox.ts, the waiting times backoff.ts, the types sdk-types.ts and
// client-store.ts. The HTTP half (accounts, friends, groups, node pick) is
// http-api.ts; a browser store is store-local.ts.
import { gochat } from '../proto/index.js';
import { reconnectDelay } from './backoff.js';
import { MemoryStore, type ClientStore, type OutgoingMessage } from './client-store.js';
import { Emitter } from './emitter.js';
import { batchOutputs, payload, toReceived } from './frames.js';
import { Inbox } from './inbox.js';
import { Outbox } from './outbox.js';
import { CLOSE_REPLACED, realClock, type ClientEvents, type ClientOptions, type ClientState, type Clock, type ReceivedMessage, type SendResult, type SocketLike } from './sdk-types.js';

export * from './client-store.js';
export * from './sdk-types.js';

const OPEN = 1;

export class GoChatClient {
  state: ClientState = 'idle';
  private ws: SocketLike | null = null;
  private readonly o: Required<Omit<ClientOptions, 'store' | 'clock' | 'nodeUrl'>> & Pick<ClientOptions, 'nodeUrl'> & { store: ClientStore; clock: Clock };
  private readonly events = new Emitter<ClientEvents>();
  private readonly inbox: Inbox;
  private readonly outbox: Outbox;
  private heartbeatTimer: unknown = null;
  private reconnectTimer: unknown = null;
  /** the next sync while behind (a gap, own messages, rows not persisted yet) */
  private gapTimer: unknown = null;
  private suspended = false;
  private lastSyncAt = -Infinity;
  private attempts = 0;
  private syncing = false;
  private syncAgain = false;
  private ackScheduled = false;
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
      ...opts,
      store: opts.store ?? new MemoryStore(),
      clock: opts.clock ?? realClock,
    };
    const { store, clock, retransmitMs, reconnectMaxMs, random } = this.o;
    this.inbox = new Inbox((seq) => store.saveLastSeq(seq), (m) => this.events.emit('message', m));
    this.outbox = new Outbox({
      clock, store, retransmitMs, reconnectMaxMs, random,
      online: () => this.state === 'online',
      transmit: (m) => this.sendInput(gochat.CmdType.CT_MESSAGE, payload.upMsg(m)),
    });
  }

  /** last contiguous seq handed to the application */
  get lastSeq(): number {
    return this.inbox.lastSeq;
  }

  /** Pushes held above a gap (read by test diagnostics). */
  get ahead(): ReadonlyMap<number, ReceivedMessage> {
    return this.inbox.ahead;
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
      this.inbox.lastSeq = st.lastSeq;
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

  /** Stops for good: closes the socket, cancels every timer. Idempotent. */
  close(): void {
    this.setState('closed');
    for (const t of [this.heartbeatTimer, this.reconnectTimer, this.gapTimer]) if (t) this.o.clock.clearTimeout(t);
    this.heartbeatTimer = this.reconnectTimer = this.gapTimer = null;
    this.outbox.close();
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
    this.syncing = false;
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
      if (this.o.clock.now() - this.lastSyncAt >= this.o.resyncMs) this.requestSync();
      this.heartbeat();
    }, this.o.heartbeatMs);
  }

  private onOutput(o: gochat.Output): void {
    const data = o.data ?? new Uint8Array(0);
    switch (o.type) {
      case gochat.CmdType.CT_ACK: {
        const a = gochat.ACKMsg.decode(data);
        if (a.type === gochat.ACKType.AT_LOGIN) return this.onLogin();
        if (a.type === gochat.ACKType.AT_UP) return this.onUpAck(Number(a.clientId), Number(a.seq), o.code, o.codeMsg);
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
        if (m) this.onPush(toReceived(m));
        return;
      }
      case gochat.CmdType.CT_SYNC:
        return this.onSyncPage(o);
      default:
        if (o.code !== 0) this.events.emit('error', { code: o.code, message: o.codeMsg });
    }
  }

  private onLogin(): void {
    this.attempts = 0;
    this.setState('online');
    this.heartbeat();
    this.requestSync();
    this.outbox.transmitAll();
  }

  private onUpAck(clientId: number, seq: number, code: number, codeMsg: string): void {
    const r = this.outbox.acknowledge(clientId, seq, code, codeMsg);
    if (!r) return;
    // The own inbox has this message at `seq`, and it is never pushed to this
    // device: sync for it (write-behind: shortly), or at once when a push skips over it.
    if (code === 0 && this.inbox.expectOwn(seq)) this.syncLater();
    this.events.emit('ack', r);
  }

  private onPush(m: ReceivedMessage): void {
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
      if (this.lastSeq > 0) this.sendInput(gochat.CmdType.CT_ACK, payload.pushAck(this.lastSeq));
    });
  }

  private requestSync(): void {
    // Not logged in: nothing can be sent, and the login syncs anyway (a
    // request marked in flight here would never be answered).
    if (this.state !== 'online') return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    this.syncAgain = false;
    this.lastSyncAt = this.o.clock.now();
    // The answer re-arms it if still behind.
    if (this.gapTimer) this.o.clock.clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.sendInput(gochat.CmdType.CT_SYNC, payload.sync(this.lastSeq, this.o.syncLimit));
  }

  private onSyncPage(o: gochat.Output): void {
    this.syncing = false;
    if (o.code !== 0) {
      // Rate limited or unavailable: ask again later, whatever a pending gap timer would have done.
      this.events.emit('error', { code: o.code, message: o.codeMsg });
      if (this.gapTimer) this.o.clock.clearTimeout(this.gapTimer);
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
}
