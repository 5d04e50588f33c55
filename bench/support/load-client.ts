// A lean protocol client (DESIGN.md §6) for the load tool (bench/). Unlike
// RawClient it keeps no per-push objects: each server frame (an OutputBatch)
// is walked in place, pushes are handed to a callback as plain numbers plus
// the content's byte range inside the frame, and a push frame is answered
// with at most one cumulative AT_PUSH ACK (the highest seq of the frame or
// earlier). Uplink frames (login, UpMsg, sync) are encoded with the
// generated protobuf code; the hot-path ACK is written by hand.
import WebSocket from 'ws';
import { gochat } from '../../src/proto/index.js';

/** ms since the epoch with sub-millisecond resolution (the clock the load tool embeds in messages). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export interface LoadHandlers {
  /**
   * One push. `content` is the whole frame; the message content is
   * content[cStart, cEnd). `recvAt` is when the frame arrived (nowMs()).
   */
  onPush?(seq: number, senderId: number, msgId: number, serverTime: number, content: Buffer, cStart: number, cEnd: number, recvAt: number): void;
  /** An AT_UP answer: code 0 = accepted with the sender's seq. */
  onAck?(clientId: number, code: number, seq: number, codeMsg: string): void;
  /** A sync page (CT_SYNC answer). */
  onSync?(code: number, messages: gochat.IMessage[], hasMore: boolean, nextSeq: number): void;
  /** Any other Output with a non-zero code. */
  onError?(type: number, code: number, codeMsg: string): void;
  onClose?(code: number, reason: string): void;
}

export interface LoadClientOptions {
  /** source address to bind (127.0.0.x: more than ~28K connections to one server port) */
  localAddress?: string;
  /** upgrade timeout, ms (default 30 s) */
  handshakeTimeout?: number;
  /** answer pushes with a cumulative AT_PUSH once per frame (default true) */
  autoAck?: boolean;
}

// ---- wire helpers (proto3 wire format) ----

class WireError extends Error {}

/** Reader state: one module-level cursor, the decoder never recurses across frames. */
let pos = 0;

function varint(b: Buffer, end: number): number {
  let x = 0;
  let mul = 1;
  for (;;) {
    if (pos >= end) throw new WireError('truncated varint');
    const byte = b[pos++]!;
    x += (byte & 0x7f) * mul;
    if (byte < 0x80) return x;
    mul *= 128;
    if (mul > 2 ** 63) throw new WireError('varint too long');
  }
}

function skip(b: Buffer, wire: number, end: number): void {
  switch (wire) {
    case 0:
      varint(b, end);
      return;
    case 1:
      pos += 8;
      break;
    case 2: {
      const len = varint(b, end);
      pos += len;
      break;
    }
    case 5:
      pos += 4;
      break;
    default:
      throw new WireError(`unsupported wire type ${wire}`);
  }
  if (pos > end) throw new WireError('truncated field');
}

/** A UTF-8 field's text; '' when absent. */
const text = (b: Buffer, start: number, end: number) => (start >= 0 ? b.toString('utf8', start, end) : '');

function writeVarint(out: Buffer, p: number, n: number): number {
  while (n >= 128) {
    out[p++] = (n % 128) | 128;
    n = Math.floor(n / 128);
  }
  out[p++] = n;
  return p;
}

/** Input{CT_ACK, ACKMsg{AT_PUSH, seq}}, encoded by hand (same bytes as the generated encoder). */
export function encodePushAck(seq: number): Buffer {
  // ACKMsg: 08 02 [18 varint(seq)]; Input: 08 04 12 len ACKMsg
  const out = Buffer.allocUnsafe(16);
  out[0] = 0x08;
  out[1] = gochat.CmdType.CT_ACK;
  out[2] = 0x12;
  out[4] = 0x08;
  out[5] = gochat.ACKType.AT_PUSH;
  let p = 6;
  if (seq > 0) {
    out[p++] = 0x18;
    p = writeVarint(out, p, seq);
  }
  out[3] = p - 4;
  return out.subarray(0, p);
}

export function encodeUp(clientId: number, sessionType: number, receiverId: number, content: Uint8Array, messageType = gochat.MessageType.MT_TEXT): Uint8Array {
  const up = gochat.UpMsg.encode({ clientId, msg: { sessionType, receiverId, messageType, content } }).finish();
  return gochat.Input.encode({ type: gochat.CmdType.CT_MESSAGE, data: up }).finish();
}

export function encodeLogin(token: string, deviceId: string): Uint8Array {
  return gochat.Input.encode({ type: gochat.CmdType.CT_LOGIN, data: gochat.LoginMsg.encode({ token: Buffer.from(token), deviceId }).finish() }).finish();
}

const HEARTBEAT = Buffer.from(gochat.Input.encode({ type: gochat.CmdType.CT_HEARTBEAT, data: new Uint8Array(0) }).finish());

export class LoadClient {
  /** highest push seq seen on this connection */
  maxSeq = 0;
  /** last contiguous seq received (what is acknowledged) and the seqs received above it */
  contig = 0;
  private readonly above = new Set<number>();
  /** highest seq acknowledged */
  ackedSeq = 0;
  pushes = 0;
  frames = 0;
  /** frames that could not be decoded */
  malformed = 0;
  closed = false;
  closeCode = 0;
  readonly closedP: Promise<void>;
  private loginWaiter: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private readonly autoAck: boolean;

  private constructor(
    readonly ws: WebSocket,
    public h: LoadHandlers,
    opts: LoadClientOptions,
  ) {
    this.autoAck = opts.autoAck !== false;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.onFrame(data);
    });
    ws.on('error', () => undefined);
    this.closedP = new Promise((resolve) =>
      ws.once('close', (code: number, reason: Buffer) => {
        this.closed = true;
        this.closeCode = code;
        this.loginWaiter?.reject(new Error(`connection closed (${code}) before the login ACK`));
        this.loginWaiter = null;
        this.h.onClose?.(code, reason.toString());
        resolve();
      }),
    );
  }

  /** Opens GET /ws?token=…. */
  static connect(wsUrl: string, token: string, handlers: LoadHandlers = {}, opts: LoadClientOptions = {}): Promise<LoadClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`, {
        perMessageDeflate: false,
        skipUTF8Validation: true,
        handshakeTimeout: opts.handshakeTimeout ?? 30_000,
        ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      });
      ws.once('open', () => resolve(new LoadClient(ws, handlers, opts)));
      ws.once('unexpected-response', (_req, res) => {
        reject(Object.assign(new Error(`upgrade refused: HTTP ${res.statusCode}`), { status: res.statusCode }));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** CT_LOGIN; resolves on the AT_LOGIN ACK. */
  login(token: string, deviceId: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.loginWaiter = null;
        reject(new Error('login timed out'));
      }, timeoutMs);
      this.loginWaiter = {
        resolve: () => (clearTimeout(t), resolve()),
        reject: (e) => (clearTimeout(t), reject(e)),
      };
      this.send(encodeLogin(token, deviceId));
    });
  }

  send(frame: Uint8Array): void {
    if (!this.closed) this.ws.send(frame);
  }

  sendUp(clientId: number, sessionType: number, receiverId: number, content: Uint8Array): Uint8Array {
    const frame = encodeUp(clientId, sessionType, receiverId, content);
    this.send(frame);
    return frame;
  }

  heartbeat(): void {
    this.send(HEARTBEAT);
  }

  sync(seq: number, limit = 0): void {
    this.send(gochat.Input.encode({ type: gochat.CmdType.CT_SYNC, data: gochat.SyncInputMsg.encode({ seq, limit }).finish() }).finish());
  }

  ackPush(seq: number): void {
    if (seq > this.ackedSeq) this.ackedSeq = seq;
    this.send(encodePushAck(seq));
  }

  /** Closes (1000) and waits for the close, at most `ms` before terminating. */
  async close(ms = 5000): Promise<void> {
    if (this.closed) return;
    this.ws.close(1000);
    let t: NodeJS.Timeout | undefined;
    await Promise.race([this.closedP, new Promise<void>((r) => (t = setTimeout(r, ms)))]);
    clearTimeout(t);
    if (!this.closed) this.ws.terminate();
  }

  terminate(): void {
    this.ws.terminate();
  }

  // ---- inbound ----

  private onFrame(b: Buffer): void {
    const recvAt = nowMs();
    this.frames++;
    const before = this.pushes;
    try {
      const end = b.length;
      pos = 0;
      while (pos < end) {
        const tag = varint(b, end);
        if (tag === 0x0a) {
          const len = varint(b, end);
          const oEnd = pos + len;
          if (oEnd > end) throw new WireError('truncated Output');
          this.onOutput(b, pos, oEnd, recvAt);
          pos = oEnd;
        } else skip(b, tag & 7, end);
      }
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      this.malformed++;
    }
    // Cumulative ACK of the last contiguous seq (pushes of concurrent server
    // ticks can arrive out of seq order; acknowledging the highest would
    // cover seqs not received yet).
    if (this.autoAck && this.pushes > before && this.contig > this.ackedSeq) this.ackPush(this.contig);
  }

  /** A seq of this user's inbox is here (pushed, or the own copy of an ACKed send): advance the contiguous mark. */
  private received(seq: number): void {
    if (this.contig === 0) this.contig = seq - 1; // the first seq of this connection sets the base
    if (seq === this.contig + 1) {
      this.contig = seq;
      while (this.above.delete(this.contig + 1)) this.contig++;
    } else if (seq > this.contig + 1) this.above.add(seq);
  }

  private onOutput(b: Buffer, start: number, end: number, recvAt: number): void {
    let type = 0;
    let code = 0;
    let msgS = -1;
    let msgE = -1;
    let dataS = -1;
    let dataE = -1;
    pos = start;
    while (pos < end) {
      const tag = varint(b, end);
      switch (tag) {
        case 0x08:
          type = varint(b, end);
          break;
        case 0x10:
          code = varint(b, end);
          if (code >= 2 ** 31) code -= 2 ** 32; // int32 (negative values are 10-byte varints; kept approximate)
          break;
        case 0x1a: {
          const len = varint(b, end);
          msgS = pos;
          msgE = pos += len;
          break;
        }
        case 0x22: {
          const len = varint(b, end);
          dataS = pos;
          dataE = pos += len;
          break;
        }
        default:
          skip(b, tag & 7, end);
      }
    }
    if (pos > end) throw new WireError('truncated Output field');
    switch (type) {
      case gochat.CmdType.CT_MESSAGE:
        if (dataS >= 0) this.onPushMsg(b, dataS, dataE, recvAt);
        return;
      case gochat.CmdType.CT_ACK: {
        let ackType = 0;
        let clientId = 0;
        let seq = 0;
        if (dataS >= 0) {
          pos = dataS;
          while (pos < dataE) {
            const tag = varint(b, dataE);
            if (tag === 0x08) ackType = varint(b, dataE);
            else if (tag === 0x10) clientId = varint(b, dataE);
            else if (tag === 0x18) seq = varint(b, dataE);
            else skip(b, tag & 7, dataE);
          }
        }
        if (ackType === gochat.ACKType.AT_LOGIN) {
          const w = this.loginWaiter;
          this.loginWaiter = null;
          if (code === 0) w?.resolve();
          else w?.reject(Object.assign(new Error(`login refused: code ${code} ${text(b, msgS, msgE)}`), { code }));
          return;
        }
        if (ackType === gochat.ACKType.AT_UP) {
          // The own copy's seq is in this device's inbox but never pushed to it.
          if (code === 0 && seq > 0) this.received(seq);
          this.h.onAck?.(clientId, code, seq, code === 0 ? '' : text(b, msgS, msgE));
          return;
        }
        this.h.onError?.(type, code, text(b, msgS, msgE));
        return;
      }
      case gochat.CmdType.CT_SYNC: {
        if (code !== 0) {
          this.h.onSync?.(code, [], false, 0);
          return;
        }
        const s = gochat.SyncOutputMsg.decode(dataS >= 0 ? b.subarray(dataS, dataE) : new Uint8Array(0));
        this.h.onSync?.(0, s.messages, s.hasMore, Number(s.nextSeq));
        return;
      }
      default:
        if (type === gochat.CmdType.CT_LOGIN && this.loginWaiter) {
          const w = this.loginWaiter;
          this.loginWaiter = null;
          w.reject(Object.assign(new Error(`login refused: code ${code} ${text(b, msgS, msgE)}`), { code }));
          return;
        }
        this.h.onError?.(type, code, text(b, msgS, msgE));
    }
  }

  private onPushMsg(b: Buffer, start: number, end: number, recvAt: number): void {
    // PushMsg { Message msg = 1; }
    let mS = -1;
    let mE = -1;
    pos = start;
    while (pos < end) {
      const tag = varint(b, end);
      if (tag === 0x0a) {
        const len = varint(b, end);
        mS = pos;
        mE = pos += len;
      } else skip(b, tag & 7, end);
    }
    if (mS < 0 || mE > end) throw new WireError('PushMsg without msg');
    let sender = 0;
    let seq = 0;
    let sendTime = 0;
    let msgId = 0;
    let cS = mS;
    let cE = mS;
    pos = mS;
    while (pos < mE) {
      const tag = varint(b, mE);
      switch (tag) {
        case 0x18:
          sender = varint(b, mE);
          break;
        case 0x2a: {
          const len = varint(b, mE);
          cS = pos;
          cE = pos += len;
          break;
        }
        case 0x30:
          seq = varint(b, mE);
          break;
        case 0x38:
          sendTime = varint(b, mE);
          break;
        case 0x40:
          msgId = varint(b, mE);
          break;
        default:
          skip(b, tag & 7, mE);
      }
    }
    if (pos > mE) throw new WireError('truncated Message');
    this.pushes++;
    if (seq > this.maxSeq) this.maxSeq = seq;
    this.received(seq);
    this.h.onPush?.(seq, sender, msgId, sendTime, b, cS, cE, recvAt);
  }
}
