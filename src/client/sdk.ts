// The GoChat client SDK: the reference client of the protocol (DESIGN.md
// §6). Runs in Node (pass `ws`'s WebSocket) and in browsers (the global
// WebSocket). Guarantees to the application, given a store that persists:
// every message sent is delivered to the server exactly once (client_id +
// retransmit until ACK), and every message received is handed to the
// application exactly once, in seq order, with no permanent gap (dedup by
// seq, gap → sync, sync on every connect).
import { gochat } from '../proto/index.js';

/** The subset of the WebSocket API the SDK uses (browser and `ws` both have it). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

/** Timers, injectable so tests run on a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface OutgoingMessage {
  sessionType: number;
  receiverId: number;
  messageType: number;
  content: Uint8Array;
}

export interface UnsentMessage extends OutgoingMessage {
  clientId: number;
}

/**
 * Where the client keeps what must survive a reload: the last contiguous
 * seq received, the next client_id and the messages not yet acknowledged.
 * The default keeps them in memory.
 */
export interface ClientStore {
  load(): Promise<{ lastSeq: number; nextClientId: number; unsent: UnsentMessage[] }>;
  saveLastSeq(seq: number): void;
  saveNextClientId(id: number): void;
  addUnsent(m: UnsentMessage): void;
  removeUnsent(clientId: number): void;
}

export class MemoryStore implements ClientStore {
  lastSeq = 0;
  nextClientId = 1;
  readonly unsent = new Map<number, UnsentMessage>();
  async load() {
    return { lastSeq: this.lastSeq, nextClientId: this.nextClientId, unsent: [...this.unsent.values()] };
  }
  saveLastSeq(seq: number) {
    this.lastSeq = seq;
  }
  saveNextClientId(id: number) {
    this.nextClientId = id;
  }
  addUnsent(m: UnsentMessage) {
    this.unsent.set(m.clientId, m);
  }
  removeUnsent(clientId: number) {
    this.unsent.delete(clientId);
  }
}

export interface ReceivedMessage {
  sessionType: number;
  receiverId: number;
  senderId: number;
  messageType: number;
  content: Uint8Array;
  seq: number;
  sendTime: number;
  msgId: number;
}

export type ClientState = 'idle' | 'connecting' | 'online' | 'offline' | 'closed';

export interface SendResult {
  clientId: number;
  /** the sender's own inbox seq (0 on a rejection) */
  seq: number;
  /** 0 ok, else a final rejection code (1, 3, 4, 5) */
  code: number;
  codeMsg: string;
}

export interface ClientOptions {
  /** ws://host:port/ws */
  wsUrl: string;
  token: string;
  /** stable per installation */
  deviceId: string;
  socket: SocketFactory;
  store?: ClientStore;
  clock?: Clock;
  heartbeatMs?: number;
  /** resend an unacknowledged UpMsg after this long */
  retransmitMs?: number;
  /** wait this long for a missing seq before syncing */
  gapWaitMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** messages per sync page */
  syncLimit?: number;
  random?: () => number;
}

type Listener<T> = (v: T) => void;

interface Pending {
  m: UnsentMessage;
  resolve: (r: SendResult) => void;
  timer: unknown;
  transmitted: boolean;
}

const OPEN = 1;

export class GoChatClient {
  state: ClientState = 'idle';
  /** last contiguous seq handed to the application */
  lastSeq = 0;
  private nextClientId = 1;
  private ws: SocketLike | null = null;
  private readonly pending = new Map<number, Pending>();
  /** pushes above lastSeq+1, waiting for the gap to fill */
  private readonly ahead = new Map<number, ReceivedMessage>();
  private readonly o: Required<Omit<ClientOptions, 'store' | 'clock'>> & { store: ClientStore; clock: Clock };
  private heartbeatTimer: unknown = null;
  private reconnectTimer: unknown = null;
  private gapTimer: unknown = null;
  private attempts = 0;
  private syncing = false;
  private syncAgain = false;
  private ackScheduled = false;
  private loaded: Promise<void> | null = null;
  private readonly listeners = {
    message: [] as Listener<ReceivedMessage>[],
    state: [] as Listener<ClientState>[],
    error: [] as Listener<{ code: number; message: string }>[],
    ack: [] as Listener<SendResult>[],
  };

  constructor(opts: ClientOptions) {
    this.o = {
      heartbeatMs: 30_000,
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
  }

  on<K extends keyof GoChatClient['listeners']>(event: K, fn: GoChatClient['listeners'][K][number]): () => void {
    const list = this.listeners[event] as unknown[];
    list.push(fn);
    return () => list.splice(list.indexOf(fn), 1);
  }

  private emit<K extends keyof GoChatClient['listeners']>(event: K, v: Parameters<GoChatClient['listeners'][K][number]>[0]): void {
    for (const fn of this.listeners[event] as Listener<typeof v>[]) fn(v);
  }

  private setState(s: ClientState): void {
    if (this.state === s) return;
    this.state = s;
    this.emit('state', s);
  }

  /** Loads the store and connects; reconnects by itself until close(). */
  start(): Promise<void> {
    this.loaded ??= this.o.store.load().then((st) => {
      this.lastSeq = st.lastSeq;
      this.nextClientId = st.nextClientId;
      for (const m of st.unsent) this.pending.set(m.clientId, { m, resolve: () => undefined, timer: null, transmitted: false });
      this.open();
    });
    return this.loaded;
  }

  /** Sends a message; resolves when the server has acknowledged it (or rejected it finally). */
  send(msg: OutgoingMessage): Promise<SendResult> {
    const clientId = this.nextClientId++;
    this.o.store.saveNextClientId(this.nextClientId);
    const m: UnsentMessage = { ...msg, clientId };
    this.o.store.addUnsent(m);
    return new Promise((resolve) => {
      const p: Pending = { m, resolve, timer: null, transmitted: false };
      this.pending.set(clientId, p);
      if (this.state === 'online') this.transmit(p);
    });
  }

  /** Unacknowledged messages (sent or waiting to be). */
  get unsentCount(): number {
    return this.pending.size;
  }

  close(): void {
    this.setState('closed');
    for (const t of [this.heartbeatTimer, this.reconnectTimer, this.gapTimer]) if (t) this.o.clock.clearTimeout(t);
    for (const p of this.pending.values()) if (p.timer) this.o.clock.clearTimeout(p.timer);
    this.ws?.close(1000, 'bye');
    this.ws = null;
  }

  /** Drops the connection as a network failure would (tests). */
  dropConnection(): void {
    this.ws?.close(4999, 'dropped');
  }

  private open(): void {
    if (this.state === 'closed') return;
    this.setState('connecting');
    const ws = this.o.socket(`${this.o.wsUrl}?token=${encodeURIComponent(this.o.token)}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.sendInput(gochat.CmdType.CT_LOGIN, gochat.LoginMsg.encode({ token: utf8(this.o.token), deviceId: this.o.deviceId }).finish());
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      const data = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : (ev.data as Uint8Array);
      let batch: gochat.OutputBatch;
      try {
        batch = gochat.OutputBatch.decode(data);
      } catch {
        return;
      }
      for (const raw of batch.outputs) this.onOutput(gochat.Output.decode(raw));
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.onDisconnected();
    };
  }

  private onDisconnected(): void {
    if (this.heartbeatTimer) this.o.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
    for (const p of this.pending.values()) {
      if (p.timer) this.o.clock.clearTimeout(p.timer);
      p.timer = null;
      p.transmitted = false;
    }
    this.syncing = false;
    if (this.state === 'closed') return;
    this.setState('offline');
    const base = Math.min(this.o.reconnectMaxMs, this.o.reconnectMinMs * 2 ** this.attempts++);
    const delay = base / 2 + this.o.random() * (base / 2); // jittered
    this.reconnectTimer = this.o.clock.setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  private sendInput(type: number, data: Uint8Array): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return;
    ws.send(gochat.Input.encode({ type, data }).finish());
  }

  private transmit(p: Pending): void {
    if (p.timer) this.o.clock.clearTimeout(p.timer);
    const m = p.m;
    this.sendInput(
      gochat.CmdType.CT_MESSAGE,
      gochat.UpMsg.encode({ clientId: m.clientId, msg: { sessionType: m.sessionType, receiverId: m.receiverId, messageType: m.messageType, content: m.content } }).finish(),
    );
    p.transmitted = true;
    p.timer = this.o.clock.setTimeout(() => {
      p.timer = null;
      if (this.state === 'online' && this.pending.has(m.clientId)) this.transmit(p);
    }, this.o.retransmitMs);
  }

  private heartbeat(): void {
    this.heartbeatTimer = this.o.clock.setTimeout(() => {
      this.sendInput(gochat.CmdType.CT_HEARTBEAT, new Uint8Array(0));
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
          this.emit('error', { code: o.code, message: o.codeMsg });
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
        if (o.code !== 0) this.emit('error', { code: o.code, message: o.codeMsg });
    }
  }

  private onLogin(): void {
    this.attempts = 0;
    this.setState('online');
    this.heartbeat();
    this.requestSync();
    // Retransmit everything unacknowledged, in client_id order.
    for (const p of [...this.pending.values()].sort((a, b) => a.m.clientId - b.m.clientId)) this.transmit(p);
  }

  private onUpAck(clientId: number, seq: number, code: number, codeMsg: string): void {
    const p = this.pending.get(clientId);
    if (!p) return;
    if (code === 6 || code === 7) {
      // Transient: the client_id is not consumed; resend after a back-off.
      if (p.timer) this.o.clock.clearTimeout(p.timer);
      p.timer = this.o.clock.setTimeout(() => {
        p.timer = null;
        if (this.state === 'online' && this.pending.has(clientId)) this.transmit(p);
      }, Math.min(this.o.reconnectMaxMs, this.o.retransmitMs / 2) * (0.5 + this.o.random()));
      return;
    }
    if (p.timer) this.o.clock.clearTimeout(p.timer);
    this.pending.delete(clientId);
    this.o.store.removeUnsent(clientId);
    const r: SendResult = { clientId, seq: code === 0 ? seq : 0, code, codeMsg };
    p.resolve(r);
    this.emit('ack', r);
  }

  private onPush(m: ReceivedMessage): void {
    if (m.seq <= this.lastSeq || this.ahead.has(m.seq)) {
      this.scheduleAck(); // a repeat: acknowledge again, do not deliver
      return;
    }
    if (m.seq === this.lastSeq + 1) {
      this.deliver(m);
      this.drainAhead();
    } else {
      this.ahead.set(m.seq, m);
      // A gap: give the missing seq a moment, then sync.
      if (!this.gapTimer) {
        this.gapTimer = this.o.clock.setTimeout(() => {
          this.gapTimer = null;
          if (this.ahead.size > 0) this.requestSync();
        }, this.o.gapWaitMs);
      }
    }
    this.scheduleAck();
  }

  private deliver(m: ReceivedMessage): void {
    this.lastSeq = m.seq;
    this.o.store.saveLastSeq(m.seq);
    this.emit('message', m);
  }

  private drainAhead(): void {
    for (let next = this.ahead.get(this.lastSeq + 1); next; next = this.ahead.get(this.lastSeq + 1)) {
      this.ahead.delete(next.seq);
      this.deliver(next);
    }
    for (const s of this.ahead.keys()) if (s <= this.lastSeq) this.ahead.delete(s);
  }

  /** Cumulative AT_PUSH for the last contiguous seq, once per turn. */
  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    queueMicrotask(() => {
      this.ackScheduled = false;
      if (this.lastSeq > 0) this.sendInput(gochat.CmdType.CT_ACK, gochat.ACKMsg.encode({ type: gochat.ACKType.AT_PUSH, seq: this.lastSeq }).finish());
    });
  }

  private requestSync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    this.syncAgain = false;
    this.sendInput(gochat.CmdType.CT_SYNC, gochat.SyncInputMsg.encode({ seq: this.lastSeq, limit: this.o.syncLimit }).finish());
  }

  private onSyncPage(o: gochat.Output): void {
    this.syncing = false;
    if (o.code !== 0) {
      this.emit('error', { code: o.code, message: o.codeMsg });
      this.gapTimer ??= this.o.clock.setTimeout(() => {
        this.gapTimer = null;
        this.requestSync();
      }, this.o.gapWaitMs * 4);
      return;
    }
    const page = gochat.SyncOutputMsg.decode(o.data ?? new Uint8Array(0));
    for (const raw of page.messages) {
      const m = toReceived(raw);
      if (m.seq > this.lastSeq) this.deliver(m);
    }
    // Past tombstones and passed-over gaps: the server says where to go on.
    const next = Number(page.nextSeq ?? 0);
    if (next > this.lastSeq) {
      this.lastSeq = next;
      this.o.store.saveLastSeq(next);
    }
    this.drainAhead();
    this.scheduleAck();
    if (page.hasMore || this.syncAgain) this.requestSync();
    else if (this.ahead.size > 0 && !this.gapTimer) {
      // The gap is still open (held back by the server): look again shortly.
      this.gapTimer = this.o.clock.setTimeout(() => {
        this.gapTimer = null;
        if (this.ahead.size > 0) this.requestSync();
      }, this.o.gapWaitMs);
    }
  }
}

function toReceived(m: gochat.IMessage): ReceivedMessage {
  return {
    sessionType: m.sessionType ?? 0,
    receiverId: Number(m.receiverId ?? 0),
    senderId: Number(m.senderId ?? 0),
    messageType: m.messageType ?? 0,
    content: m.content ?? new Uint8Array(0),
    seq: Number(m.seq ?? 0),
    sendTime: Number(m.sendTime ?? 0),
    msgId: Number(m.msgId ?? 0),
  };
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
