// The GoChat client SDK: the reference client of the protocol (DESIGN.md
// §6). Runs in Node (pass `ws`'s WebSocket) and in browsers (the global
// WebSocket). Guarantees to the application, given a store that persists:
// every message sent is delivered to the server exactly once (client_id +
// retransmit until ACK), and every message received is handed to the
// application exactly once, in seq order, with no permanent gap (dedup by
// seq, gap → sync, sync on every connect). The device's own messages are in
// its inbox too but never pushed to it: their ACK seq makes the client sync
// for them. The HTTP half (accounts, friends, groups, node pick) is
// http-api.ts; a browser store is store-local.ts.
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

/**
 * idle: not started · connecting: socket opening or CT_LOGIN in flight ·
 * online: logged in · offline: disconnected (a reconnect is scheduled, or
 * suspend() holds it) · closed: close(), a failed login or a replaced
 * device; never leaves it.
 */
export type ClientState = 'idle' | 'connecting' | 'online' | 'offline' | 'closed';

/** WebSocket close codes the server uses (src/gateway/connection.ts) that the client acts on. */
export const CLOSE_UNAUTHENTICATED = 4001;
/** The same (user, device_id) logged in elsewhere: reconnecting would take the session back and forth. */
export const CLOSE_REPLACED = 4002;

export interface ClientError {
  /** a protocol code (DESIGN.md §6: 2 unauthenticated, 6 rate limited, 7 unavailable, …) */
  code: number;
  message: string;
  /** the WebSocket close code, when the error closed the client */
  closeCode?: number;
}

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
  /**
   * Asked before each reconnect for the ws URL of a live node (e.g. from
   * HttpApi.pickNode), so a client leaves a node that went away; on a
   * failure or an empty answer the previous URL is used again.
   */
  nodeUrl?: () => Promise<string | null>;
  token: string;
  /** stable per installation */
  deviceId: string;
  socket: SocketFactory;
  store?: ClientStore;
  clock?: Clock;
  heartbeatMs?: number;
  /**
   * Sync again this often while online and idle (checked at each heartbeat),
   * so that a push lost with a node that died never leaves a permanent gap.
   */
  resyncMs?: number;
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
/** Longest wait between syncs while the server reports messages not yet persisted. */
const BEHIND_MAX_WAIT_MS = 5000;

export class GoChatClient {
  state: ClientState = 'idle';
  /** last contiguous seq handed to the application */
  lastSeq = 0;
  private nextClientId = 1;
  private ws: SocketLike | null = null;
  private readonly pending = new Map<number, Pending>();
  /** pushes above lastSeq+1, waiting for the gap to fill */
  private readonly ahead = new Map<number, ReceivedMessage>();
  private readonly o: Required<Omit<ClientOptions, 'store' | 'clock' | 'nodeUrl'>> & Pick<ClientOptions, 'nodeUrl'> & { store: ClientStore; clock: Clock };
  private heartbeatTimer: unknown = null;
  private reconnectTimer: unknown = null;
  private gapTimer: unknown = null;
  /** the highest latest_seq a sync reported (allocated in this user's inbox) */
  private serverLatest = 0;
  private progressSeq = 0;
  private behindPolls = 0;
  /** one back-off after transient (6/7) rejections; then everything from backoffFrom on is resent in order */
  private backoffTimer: unknown = null;
  private backoffFrom = Infinity;
  /** seqs of the own inbox that this device's ACKs named and that have not been delivered yet */
  private readonly ownSeqs = new Set<number>();
  private suspended = false;
  private lastSyncAt = -Infinity;
  private attempts = 0;
  private syncing = false;
  private syncAgain = false;
  private ackScheduled = false;
  private loaded: Promise<void> | null = null;
  private started = false;
  private storeReady = false;
  private readonly listeners = {
    message: [] as Listener<ReceivedMessage>[],
    state: [] as Listener<ClientState>[],
    error: [] as Listener<ClientError>[],
    ack: [] as Listener<SendResult>[],
  };

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
    return this.load().then(() => {
      if (this.started) return;
      this.started = true;
      this.open();
    });
  }

  private load(): Promise<void> {
    this.loaded ??= this.o.store.load().then((st) => {
      this.lastSeq = st.lastSeq;
      this.nextClientId = Math.max(this.nextClientId, st.nextClientId);
      for (const m of st.unsent) this.pending.set(m.clientId, { m, resolve: () => undefined, timer: null, transmitted: false });
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

  /** Stops for good: closes the socket, cancels every timer. Idempotent. */
  close(): void {
    this.setState('closed');
    for (const t of [this.heartbeatTimer, this.reconnectTimer, this.gapTimer, this.backoffTimer]) if (t) this.o.clock.clearTimeout(t);
    this.heartbeatTimer = this.reconnectTimer = this.gapTimer = this.backoffTimer = null;
    for (const p of this.pending.values()) if (p.timer) this.o.clock.clearTimeout(p.timer);
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
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (ev?.code === CLOSE_REPLACED) {
        this.emit('error', { code: 2, message: 'this device logged in again elsewhere', closeCode: CLOSE_REPLACED });
        this.close();
        return;
      }
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
    if (this.backoffTimer) this.o.clock.clearTimeout(this.backoffTimer);
    this.backoffTimer = null;
    this.backoffFrom = Infinity; // everything unacknowledged goes again after the next login
    this.syncing = false;
    if (this.state === 'closed') return;
    this.setState('offline');
    if (this.suspended) return;
    const base = Math.min(this.o.reconnectMaxMs, this.o.reconnectMinMs * 2 ** this.attempts++);
    const delay = base / 2 + this.o.random() * (base / 2); // jittered
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
      // Transient: the client_id is not consumed. The server fails the ones
      // pipelined behind it the same way, so after one back-off everything
      // from the lowest failed client_id on is resent, in order (resending
      // each on its own timer could put a later one first, to be dropped).
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
        if (this.state !== 'online') return;
        for (const q of [...this.pending.values()].sort((a, b) => a.m.clientId - b.m.clientId)) if (q.m.clientId >= from) this.transmit(q);
      }, Math.min(this.o.reconnectMaxMs, this.o.retransmitMs / 2) * (0.5 + this.o.random()));
      return;
    }
    if (p.timer) this.o.clock.clearTimeout(p.timer);
    this.pending.delete(clientId);
    this.o.store.removeUnsent(clientId);
    // The own inbox has this message at `seq`, and it is never pushed to this
    // device: sync for it (write-behind: shortly), or at once when a push skips over it.
    if (code === 0 && seq > this.lastSeq) {
      this.ownSeqs.add(seq);
      this.syncLater();
    }
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
      if (this.onlyOwnMissing(m.seq) && !this.syncing && this.o.clock.now() - this.lastSyncAt >= this.o.gapWaitMs) {
        // The gap is this device's own messages (never pushed to it): fetch
        // them now rather than after gapWaitMs (at most once per gapWaitMs).
        this.requestSync();
      } else {
        this.syncLater(); // a gap: give the missing seq a moment, then sync
      }
    }
    this.scheduleAck();
  }

  /** Whether seqs above lastSeq are known to exist: pushes held ahead of a gap, or own messages (from their ACKs). */
  private get behind(): boolean {
    return this.ahead.size > 0 || this.ownSeqs.size > 0 || this.serverLatest > this.lastSeq;
  }

  /**
   * Syncs after a wait if still behind then (one timer at a time). The wait
   * grows while nothing new arrives (rows not persisted yet, e.g. the
   * database is down) and starts again at gapWaitMs after progress.
   */
  private syncLater(): void {
    if (this.gapTimer) return;
    if (this.lastSeq > this.progressSeq) {
      this.progressSeq = this.lastSeq;
      this.behindPolls = 0;
    }
    // A few quick looks, then back off.
    const wait = Math.min(BEHIND_MAX_WAIT_MS, this.o.gapWaitMs * 2 ** Math.max(0, this.behindPolls++ - 3));
    this.gapTimer = this.o.clock.setTimeout(() => {
      this.gapTimer = null;
      if (this.behind) this.requestSync();
    }, wait);
  }

  /** Whether every seq between lastSeq and `seq` is known to be one of this device's own messages. */
  private onlyOwnMissing(seq: number): boolean {
    for (let s = this.lastSeq + 1; s < seq; s++) if (!this.ownSeqs.has(s) && !this.ahead.has(s)) return false;
    return true;
  }

  private deliver(m: ReceivedMessage): void {
    this.ownSeqs.delete(m.seq);
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
    this.sendInput(gochat.CmdType.CT_SYNC, gochat.SyncInputMsg.encode({ seq: this.lastSeq, limit: this.o.syncLimit }).finish());
  }

  private onSyncPage(o: gochat.Output): void {
    this.syncing = false;
    if (o.code !== 0) {
      // Rate limited or unavailable: ask again later, whatever a pending gap timer would have done.
      this.emit('error', { code: o.code, message: o.codeMsg });
      if (this.gapTimer) this.o.clock.clearTimeout(this.gapTimer);
      this.gapTimer = this.o.clock.setTimeout(() => {
        this.gapTimer = null;
        this.requestSync();
      }, this.o.gapWaitMs * 4);
      return;
    }
    const page = gochat.SyncOutputMsg.decode(o.data ?? new Uint8Array(0));
    // Allocated in the inbox but not persisted yet: more is on its way.
    const latest = Number(page.latestSeq ?? 0);
    if (latest > this.serverLatest) this.serverLatest = latest;
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
    for (const s of this.ownSeqs) if (s <= this.lastSeq) this.ownSeqs.delete(s);
    this.drainAhead();
    this.scheduleAck();
    if (page.hasMore || this.syncAgain) this.requestSync();
    else if (this.behind) this.syncLater(); // still open (held back, or not persisted yet): look again shortly
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
