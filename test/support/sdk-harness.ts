// The client SDK (src/client/sdk.ts) on a fake clock and a fake socket, for
// the unit tests test/unit/sdk*.test.ts: no server, no real timers. The fake
// socket plays the server's side of the protocol (DESIGN.md §6, §6a) frame
// by frame, so each test states exactly what the server said and checks
// exactly what the client answered.
import { expect } from 'vitest';
import { GoChatClient, type ClientError, type ClientOptions, type ClientState, type Clock, type ReceivedMessage, type SendResult, type SocketLike } from '../../src/client/sdk.js';
import type { StorageLike } from '../../src/client/store-local.js';
import { gochat } from '../../src/proto/index.js';

const { CmdType, ACKType, SessionType, MessageType } = gochat;

/** Timers that fire only when the test advances time. */
export class FakeClock implements Clock {
  t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers.delete(h as number);
  };
  /** Moves time forward by `ms`, running due timers in time order (and the promises they settle). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
  get pending(): number {
    return this.timers.size;
  }
}

/** Lets promise callbacks and queued microtasks run. */
export const settle = () => new Promise<void>((r) => setImmediate(r));

export type Sent =
  | { type: 'login'; deviceId: string; token: string }
  | { type: 'heartbeat' }
  | { type: 'message'; clientId: number; receiverId: number; text: string }
  | { type: 'ack'; ackType: number; seq: number }
  | { type: 'sync'; seq: number; limit: number }
  | { type: 'recall'; clientId: number; receiverId: number; msgId: number }
  | { type: 'read'; sessionType: number; peerId: number; seq: number }
  | { type: 'typing'; sessionType: number; peerId: number; typing: boolean }
  | { type: 'presence' }
  | { type: 'conversations'; limit: number };

/** One WebSocket as the SDK sees it; the test is the server. */
export class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  readonly sent: Sent[] = [];
  closedByClient: number | null = null;

  constructor(readonly url: string) {}

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    const input = gochat.Input.decode(data);
    const d = input.data ?? new Uint8Array(0);
    switch (input.type) {
      case CmdType.CT_LOGIN: {
        const l = gochat.LoginMsg.decode(d);
        this.sent.push({ type: 'login', deviceId: l.deviceId, token: new TextDecoder().decode(l.token) });
        break;
      }
      case CmdType.CT_HEARTBEAT:
        this.sent.push({ type: 'heartbeat' });
        break;
      case CmdType.CT_MESSAGE: {
        const u = gochat.UpMsg.decode(d);
        const m = u.msg!;
        if (m.messageType === MessageType.MT_RECALL) this.sent.push({ type: 'recall', clientId: Number(u.clientId), receiverId: Number(m.receiverId), msgId: Number(gochat.RecallContent.decode(m.content ?? new Uint8Array(0)).msgId) });
        else this.sent.push({ type: 'message', clientId: Number(u.clientId), receiverId: Number(m.receiverId), text: new TextDecoder().decode(m.content) });
        break;
      }
      case CmdType.CT_ACK: {
        const a = gochat.ACKMsg.decode(d);
        this.sent.push({ type: 'ack', ackType: a.type, seq: Number(a.seq) });
        break;
      }
      case CmdType.CT_SYNC: {
        const s = gochat.SyncInputMsg.decode(d);
        this.sent.push({ type: 'sync', seq: Number(s.seq), limit: s.limit });
        break;
      }
      case CmdType.CT_READ: {
        const r = gochat.ReadMsg.decode(d);
        this.sent.push({ type: 'read', sessionType: r.sessionType, peerId: Number(r.peerId), seq: Number(r.seq) });
        break;
      }
      case CmdType.CT_TYPING: {
        const t = gochat.TypingMsg.decode(d);
        this.sent.push({ type: 'typing', sessionType: t.sessionType, peerId: Number(t.peerId), typing: t.typing });
        break;
      }
      case CmdType.CT_PRESENCE:
        if (d.length !== 0) throw new Error('a presence query is empty');
        this.sent.push({ type: 'presence' });
        break;
      case CmdType.CT_CONVERSATIONS:
        this.sent.push({ type: 'conversations', limit: gochat.ConversationsInputMsg.decode(d).limit });
        break;
      default:
        throw new Error(`unexpected input type ${input.type}`);
    }
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.closedByClient = code;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  // ---- the server's side ----
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** One frame carrying these Outputs (the server may coalesce). */
  deliver(...outputs: gochat.IOutput[]): void {
    const batch = gochat.OutputBatch.encode({ outputs: outputs.map((o) => gochat.Output.encode(o).finish()) }).finish();
    const copy = new Uint8Array(batch); // as a browser hands it: an ArrayBuffer of its own
    this.onmessage?.({ data: copy.buffer });
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  of<T extends Sent['type']>(type: T): Extract<Sent, { type: T }>[] {
    return this.sent.filter((s) => s.type === type) as Extract<Sent, { type: T }>[];
  }
  /** Forgets what was sent so far. */
  reset(): void {
    this.sent.length = 0;
  }
}

// ---- Outputs the server sends ----
export const loginAck = (): gochat.IOutput => ({ type: CmdType.CT_ACK, data: gochat.ACKMsg.encode({ type: ACKType.AT_LOGIN }).finish() });
export const upAck = (clientId: number, seq: number, code = 0): gochat.IOutput => ({
  type: CmdType.CT_ACK,
  code,
  codeMsg: code ? `code ${code}` : '',
  data: gochat.ACKMsg.encode({ type: ACKType.AT_UP, clientId, seq: code ? 0 : seq }).finish(),
});
export const msg = (seq: number, text = `m${seq}`, senderId = 7): gochat.IMessage => ({
  sessionType: SessionType.ST_SINGLE,
  receiverId: 1,
  senderId,
  messageType: MessageType.MT_TEXT,
  content: new TextEncoder().encode(text),
  seq,
  sendTime: 1000 + seq,
  msgId: 100 + seq,
});
export const push = (seq: number, text?: string): gochat.IOutput => ({ type: CmdType.CT_MESSAGE, data: gochat.PushMsg.encode({ msg: msg(seq, text) }).finish() });
export const syncPage = (seqs: number[], hasMore = false, nextSeq = 0, latestSeq = 0): gochat.IOutput => ({
  type: CmdType.CT_SYNC,
  data: gochat.SyncOutputMsg.encode({ messages: seqs.map((s) => msg(s)), hasMore, nextSeq, latestSeq }).finish(),
});
/** waits between syncs while behind: gapWaitMs (300) three times, then doubling */
export const BEHIND_WAITS = [300, 300, 300, 300, 600];
export const text = (s: string) => ({ sessionType: SessionType.ST_SINGLE, receiverId: 2, messageType: MessageType.MT_TEXT, content: new TextEncoder().encode(s) });

export interface Harness {
  client: GoChatClient;
  clock: FakeClock;
  sockets: FakeSocket[];
  /** the newest socket */
  ws(): FakeSocket;
  received: ReceivedMessage[];
  acks: SendResult[];
  errors: ClientError[];
  states: ClientState[];
  /** open the newest socket, answer CT_LOGIN, answer the connect sync with an empty page */
  online(opts?: { emptySync?: boolean }): Promise<FakeSocket>;
}

export function harness(opts: Partial<ClientOptions> = {}): Harness {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const client = new GoChatClient({
    wsUrl: 'ws://fake/ws',
    token: 'tok',
    deviceId: 'dev-1',
    socket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    clock,
    random: () => 0.5,
    retransmitMs: 1000,
    gapWaitMs: 300,
    heartbeatMs: 10_000,
    reconnectMinMs: 200,
    reconnectMaxMs: 5000,
    ...opts,
  });
  const h: Harness = {
    client,
    clock,
    sockets,
    ws: () => sockets.at(-1)!,
    received: [],
    acks: [],
    errors: [],
    states: [],
    async online({ emptySync = true } = {}) {
      const ws = sockets.at(-1)!;
      ws.open();
      expect(ws.sent.at(-1)).toMatchObject({ type: 'login', deviceId: 'dev-1', token: 'tok' });
      ws.deliver(loginAck());
      await settle();
      expect(client.state).toBe('online');
      if (emptySync) {
        expect(ws.of('sync').length).toBe(1);
        ws.deliver(syncPage([]));
        await settle();
      }
      return ws;
    },
  };
  client.on('message', (m) => h.received.push(m));
  client.on('ack', (a) => h.acks.push(a));
  client.on('error', (e) => h.errors.push(e));
  client.on('state', (s) => h.states.push(s));
  return h;
}

export const seqsOf = (ms: ReceivedMessage[]) => ms.map((m) => m.seq);

// ---- §6a Outputs (DESIGN.md §6a) ----
/** A message of the user's inbox with any fields changed. */
export const message = (seq: number, m: Partial<gochat.IMessage> = {}): gochat.IMessage => ({ ...msg(seq), ...m });
export const pushOf = (m: gochat.IMessage): gochat.IOutput => ({ type: CmdType.CT_MESSAGE, data: gochat.PushMsg.encode({ msg: m }).finish() });
/** A pushed ReadMsg: another device's read (readerId = the user) or a peer's receipt. */
export const readPush = (sessionType: number, peerId: number, seq: number, readerId: number): gochat.IOutput => ({
  type: CmdType.CT_READ,
  data: gochat.ReadMsg.encode({ sessionType, peerId, seq, readerId }).finish(),
});
/** The answer to a CT_READ: a code and no data. */
export const readAnswer = (code = 0): gochat.IOutput => ({ type: CmdType.CT_READ, code, codeMsg: code ? `code ${code}` : '' });
export const conversationsAnswer = (conversations: gochat.IConversation[]): gochat.IOutput => ({
  type: CmdType.CT_CONVERSATIONS,
  data: gochat.ConversationsOutputMsg.encode({ conversations }).finish(),
});
export const presenceOut = (presences: gochat.IPresence[]): gochat.IOutput => ({ type: CmdType.CT_PRESENCE, data: gochat.PresenceMsg.encode({ presences }).finish() });
export const typingOut = (sessionType: number, peerId: number, userId: number, typing: boolean): gochat.IOutput => ({
  type: CmdType.CT_TYPING,
  data: gochat.TypingMsg.encode({ sessionType, peerId, userId, typing }).finish(),
});
export const errorOut = (type: number, code: number): gochat.IOutput => ({ type, code, codeMsg: `code ${code}` });

/** A Map behind the Web Storage API, standing in for a browser's localStorage. */
export class MapStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}
