// A thin protocol client (DESIGN.md §6) over ws: one frame in, one
// OutputBatch out. Used by the tests and the load tool; the full SDK with
// reconnect and retransmit builds on it.
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { gochat } from '../proto/index.js';

export interface Ack {
  code: number;
  codeMsg: string;
  clientId: number;
  seq: number;
  /** the accepted message's msg_id (0 on a rejection) */
  msgId: number;
}

export interface SyncPage {
  messages: gochat.IMessage[];
  hasMore: boolean;
  nextSeq: number;
}

export interface RawClientOptions {
  /** answer every push with a cumulative AT_PUSH (default true) */
  autoAck?: boolean;
  /** extra ws options (e.g. localAddress) */
  ws?: WebSocket.ClientOptions;
}

type Waiter<T> = { resolve: (v: T) => void; reject: (e: Error) => void };

export class RawClient {
  readonly ws: WebSocket;
  /** every push received, in arrival order */
  readonly pushes: gochat.IMessage[] = [];
  /** every error Output that was not an ACK, sync or login answer */
  readonly errors: { type: number; code: number; codeMsg: string }[] = [];
  private readonly ackWaiters = new Map<number, Waiter<Ack>[]>();
  private readonly syncWaiters: Waiter<SyncPage>[] = [];
  /** answers of CT_READ / CT_PRESENCE / CT_CONVERSATIONS, in request order per command */
  private readonly commandWaiters = new Map<number, Waiter<gochat.Output>[]>();
  /** pushed ReadMsgs: another device's read, or a peer's receipt (DESIGN.md §6a) */
  readonly reads: gochat.ReadMsg[] = [];
  /** pushed TypingMsgs */
  readonly typings: gochat.TypingMsg[] = [];
  /** every CT_PRESENCE received (pushed changes and query answers), flattened */
  readonly presences: gochat.IPresence[] = [];
  private signalListeners: (() => void)[] = [];
  private loginWaiter: Waiter<void> | null = null;
  private pushListeners: ((m: gochat.IMessage) => void)[] = [];
  closed: Promise<{ code: number; reason: string }>;
  private maxSeq = 0;

  private constructor(ws: WebSocket, private readonly opts: RawClientOptions) {
    this.ws = ws;
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => {
      const e = new Error(`connection closed (${code})`);
      for (const list of this.ackWaiters.values()) for (const w of list) w.reject(e);
      this.ackWaiters.clear();
      for (const w of this.syncWaiters.splice(0)) w.reject(e);
      for (const list of this.commandWaiters.values()) for (const w of list.splice(0)) w.reject(e);
      this.loginWaiter?.reject(e);
      resolve({ code, reason: reason.toString() });
    }));
    ws.on('message', (data: Buffer) => this.onFrame(data));
    ws.on('error', () => undefined);
  }

  /** Opens GET /ws?token=…; rejects with the HTTP status on a refused upgrade. */
  static connect(wsUrl: string, token: string, opts: RawClientOptions = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false, ...opts.ws });
      ws.once('open', () => resolve(new RawClient(ws, opts)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  sendInput(type: number, data: Uint8Array): void {
    this.ws.send(gochat.Input.encode({ type, data }).finish());
  }

  login(token: string, deviceId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.loginWaiter = { resolve, reject };
      this.sendInput(gochat.CmdType.CT_LOGIN, gochat.LoginMsg.encode({ token: Buffer.from(token), deviceId }).finish());
    });
  }

  heartbeat(): void {
    this.sendInput(gochat.CmdType.CT_HEARTBEAT, new Uint8Array(0));
  }

  /** Sends an UpMsg; resolves with its ACK (success or error). Several waiters per client_id are fine. */
  send(clientId: number, msg: gochat.IMessage): Promise<Ack> {
    const p = this.waitAck(clientId);
    this.sendUp(clientId, msg);
    return p;
  }

  sendUp(clientId: number, msg: gochat.IMessage | null): void {
    this.sendInput(gochat.CmdType.CT_MESSAGE, gochat.UpMsg.encode({ clientId, msg }).finish());
  }

  waitAck(clientId: number): Promise<Ack> {
    return new Promise((resolve, reject) => {
      const list = this.ackWaiters.get(clientId) ?? [];
      list.push({ resolve, reject });
      this.ackWaiters.set(clientId, list);
    });
  }

  sync(seq: number, limit = 0): Promise<SyncPage> {
    return new Promise((resolve, reject) => {
      this.syncWaiters.push({ resolve, reject });
      this.sendInput(gochat.CmdType.CT_SYNC, gochat.SyncInputMsg.encode({ seq, limit }).finish());
    });
  }

  /** Syncs from `seq` until has_more is false. */
  async syncAll(seq = 0, limit = 0): Promise<gochat.IMessage[]> {
    const out: gochat.IMessage[] = [];
    let from = seq;
    for (;;) {
      const page = await this.sync(from, limit);
      out.push(...page.messages);
      from = page.nextSeq || (page.messages.length ? Number(page.messages[page.messages.length - 1]!.seq) : from);
      if (!page.hasMore) return out;
    }
  }

  ackPush(seq: number): void {
    this.sendInput(gochat.CmdType.CT_ACK, gochat.ACKMsg.encode({ type: gochat.ACKType.AT_PUSH, seq }).finish());
  }

  onPush(fn: (m: gochat.IMessage) => void): void {
    this.pushListeners.push(fn);
  }

  /** Resolves once `n` pushes have arrived in total (or rejects after `ms`). */
  async waitPushes(n: number, ms = 10_000): Promise<gochat.IMessage[]> {
    const deadline = Date.now() + ms;
    while (this.pushes.length < n) {
      if (Date.now() > deadline) throw new Error(`timed out with ${this.pushes.length}/${n} pushes`);
      await sleep(5);
    }
    return this.pushes;
  }

  close(): void {
    this.ws.close();
  }

  /** CT_READ; resolves with the answer's code (0 ok). */
  async read(sessionType: number, peerId: number, seq: number): Promise<{ code: number; codeMsg: string }> {
    const o = await this.command(gochat.CmdType.CT_READ, gochat.ReadMsg.encode({ sessionType, peerId, seq }).finish());
    return { code: o.code, codeMsg: o.codeMsg };
  }

  /** CT_TYPING (never answered). */
  typing(sessionType: number, peerId: number, typing = true): void {
    this.sendInput(gochat.CmdType.CT_TYPING, gochat.TypingMsg.encode({ sessionType, peerId, typing }).finish());
  }

  /** CT_PRESENCE query: the friends' presence; rejects with the code on an error. */
  async presenceOfFriends(): Promise<gochat.IPresence[]> {
    const o = await this.command(gochat.CmdType.CT_PRESENCE, new Uint8Array(0));
    return gochat.PresenceMsg.decode(o.data ?? new Uint8Array(0)).presences;
  }

  /** CT_CONVERSATIONS; rejects with the code on an error. */
  async conversations(limit = 0): Promise<gochat.IConversation[]> {
    const o = await this.command(gochat.CmdType.CT_CONVERSATIONS, gochat.ConversationsInputMsg.encode({ limit }).finish());
    return gochat.ConversationsOutputMsg.decode(o.data ?? new Uint8Array(0)).conversations;
  }

  /** Resolves once `pred` holds over what was received (reads, typings, presences), or rejects after `ms`. */
  async waitSignal<T>(pred: () => T | undefined | null | false, ms = 10_000, what = 'a signal'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out (${ms} ms) waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, Math.min(left, 200));
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.signalListeners.push(done);
      });
    }
  }

  /** Sends a command and waits for its answer (CT_READ and CT_CONVERSATIONS errors reject with `code`; CT_READ code≠0 resolves). */
  private command(type: number, data: Uint8Array): Promise<gochat.Output> {
    return new Promise((resolve, reject) => {
      let list = this.commandWaiters.get(type);
      if (!list) this.commandWaiters.set(type, (list = []));
      list.push({
        resolve: (o) => (o.code === 0 || type === gochat.CmdType.CT_READ ? resolve(o) : reject(Object.assign(new Error(o.codeMsg), { code: o.code }))),
        reject,
      });
      this.sendInput(type, data);
    });
  }

  private signalled(): void {
    const ls = this.signalListeners;
    this.signalListeners = [];
    for (const fn of ls) fn();
  }

  private onFrame(data: Buffer): void {
    const batch = gochat.OutputBatch.decode(data);
    for (const raw of batch.outputs) this.onOutput(gochat.Output.decode(raw));
  }

  private onOutput(o: gochat.Output): void {
    const data = o.data ?? new Uint8Array(0);
    switch (o.type) {
      case gochat.CmdType.CT_ACK: {
        const a = gochat.ACKMsg.decode(data);
        if (a.type === gochat.ACKType.AT_LOGIN) {
          this.loginWaiter?.resolve();
          this.loginWaiter = null;
          return;
        }
        const clientId = Number(a.clientId);
        const list = this.ackWaiters.get(clientId);
        this.ackWaiters.delete(clientId);
        for (const w of list ?? []) w.resolve({ code: o.code, codeMsg: o.codeMsg, clientId, seq: Number(a.seq), msgId: Number(a.msgId ?? 0) });
        return;
      }
      case gochat.CmdType.CT_MESSAGE: {
        const m = gochat.PushMsg.decode(data).msg!;
        this.pushes.push(m);
        for (const fn of this.pushListeners) fn(m);
        const seq = Number(m.seq);
        if (seq > this.maxSeq) this.maxSeq = seq;
        if (this.opts.autoAck !== false) this.ackPush(this.maxSeq);
        return;
      }
      case gochat.CmdType.CT_SYNC: {
        const w = this.syncWaiters.shift();
        if (o.code !== 0) {
          w?.reject(Object.assign(new Error(o.codeMsg), { code: o.code }));
          return;
        }
        const s = gochat.SyncOutputMsg.decode(data);
        w?.resolve({ messages: s.messages, hasMore: s.hasMore, nextSeq: Number(s.nextSeq) });
        return;
      }
      case gochat.CmdType.CT_READ:
        if (o.code === 0 && data.length > 0) {
          this.reads.push(gochat.ReadMsg.decode(data));
          this.signalled();
          return;
        }
        this.commandWaiters.get(o.type)?.shift()?.resolve(o);
        return;
      case gochat.CmdType.CT_TYPING:
        if (o.code === 0) this.typings.push(gochat.TypingMsg.decode(data));
        this.signalled();
        return;
      case gochat.CmdType.CT_PRESENCE:
        if (o.code === 0) this.presences.push(...gochat.PresenceMsg.decode(data).presences);
        this.signalled();
        this.commandWaiters.get(o.type)?.shift()?.resolve(o);
        return;
      case gochat.CmdType.CT_CONVERSATIONS:
        this.commandWaiters.get(o.type)?.shift()?.resolve(o);
        return;
      case gochat.CmdType.CT_LOGIN:
        if (o.code !== 0 && this.loginWaiter) {
          this.loginWaiter.reject(Object.assign(new Error(o.codeMsg), { code: o.code }));
          this.loginWaiter = null;
          return;
        }
        this.errors.push({ type: o.type, code: o.code, codeMsg: o.codeMsg });
        return;
      default:
        this.errors.push({ type: o.type, code: o.code, codeMsg: o.codeMsg });
    }
  }
}
