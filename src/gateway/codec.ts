// Pure encoding and decoding of WebSocket frames (DESIGN.md §6). No I/O.
import { gochat } from '../proto/index.js';
import { Code } from '../chat/codes.js';
import type { PushMessage, UplinkMessage } from '../chat/types.js';

export const CmdType = gochat.CmdType;
export const ACKType = gochat.ACKType;

/** A decoded client frame, one case per command. */
export type Inbound =
  | { type: 'login'; token: string; deviceId: string }
  | { type: 'heartbeat' }
  | { type: 'message'; clientId: number; msg: UplinkMessage | null }
  | { type: 'ack'; ackType: number; clientId: number; seq: number }
  | { type: 'sync'; seq: number; limit: number }
  | { type: 'invalid'; code: number; reason: string };

const invalid = (reason: string, code: number = Code.BAD_REQUEST): Inbound => ({ type: 'invalid', code, reason });

/** Unsigned 64-bit fields decode as numbers; anything at or above 2^53 is rejected by callers as invalid. */
function safe(n: number | null | undefined): number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : -1;
}

/** Decodes one Input frame. Never throws: malformed input becomes { type: 'invalid' }. */
export function decodeInput(frame: Uint8Array): Inbound {
  let input: gochat.Input;
  try {
    input = gochat.Input.decode(frame);
  } catch {
    return invalid('malformed Input');
  }
  const data = input.data ?? new Uint8Array(0);
  try {
    switch (input.type) {
      case gochat.CmdType.CT_LOGIN: {
        const m = gochat.LoginMsg.decode(data);
        return { type: 'login', token: Buffer.from(m.token ?? []).toString('utf8'), deviceId: m.deviceId ?? '' };
      }
      case gochat.CmdType.CT_HEARTBEAT:
        return { type: 'heartbeat' };
      case gochat.CmdType.CT_MESSAGE: {
        const m = gochat.UpMsg.decode(data);
        const clientId = safe(m.clientId);
        if (clientId <= 0) return invalid('client_id must be a positive integer below 2^53');
        const msg = m.msg;
        if (!msg) return { type: 'message', clientId, msg: null };
        return {
          type: 'message',
          clientId,
          msg: {
            sessionType: msg.sessionType ?? 0,
            receiverId: safe(msg.receiverId),
            messageType: msg.messageType ?? 0,
            content: msg.content ?? new Uint8Array(0),
          },
        };
      }
      case gochat.CmdType.CT_ACK: {
        const m = gochat.ACKMsg.decode(data);
        const seq = safe(m.seq);
        if (seq < 0) return invalid('invalid seq');
        return { type: 'ack', ackType: m.type ?? 0, clientId: safe(m.clientId), seq };
      }
      case gochat.CmdType.CT_SYNC: {
        const m = gochat.SyncInputMsg.decode(data);
        const seq = safe(m.seq);
        if (seq < 0) return invalid('invalid seq');
        return { type: 'sync', seq, limit: m.limit ?? 0 };
      }
      default:
        return invalid(`unknown command type ${String(input.type)}`);
    }
  } catch {
    return invalid('malformed command payload');
  }
}

export function encodeOutput(type: number, code: number, codeMsg: string, data?: Uint8Array): Uint8Array {
  return gochat.Output.encode({ type, code, codeMsg, data }).finish();
}

export function encodeAck(ackType: number, clientId: number, seq: number, code = 0, codeMsg = ''): Uint8Array {
  const data = gochat.ACKMsg.encode({ type: ackType, clientId, seq }).finish();
  return encodeOutput(gochat.CmdType.CT_ACK, code, codeMsg, data);
}

export function encodeError(type: number, code: number, codeMsg: string): Uint8Array {
  return encodeOutput(type, code, codeMsg);
}

export function encodePush(m: PushMessage): Uint8Array {
  const data = gochat.PushMsg.encode({ msg: m }).finish();
  return encodeOutput(gochat.CmdType.CT_MESSAGE, 0, '', data);
}

export function encodeSync(messages: PushMessage[], hasMore: boolean, nextSeq: number, latestSeq = 0): Uint8Array {
  const data = gochat.SyncOutputMsg.encode({ messages, hasMore, nextSeq, latestSeq }).finish();
  return encodeOutput(gochat.CmdType.CT_SYNC, 0, '', data);
}

/** One downlink frame: an OutputBatch of already-encoded Outputs. */
export function encodeBatch(outputs: Uint8Array[]): Uint8Array {
  return gochat.OutputBatch.encode({ outputs }).finish();
}

// ---- Encode once, patch the seq -------------------------------------------
// A group message goes to hundreds of recipients that differ only in seq.
// Protobuf lets fields come in any order, so the Message is encoded once
// without its seq and each recipient's Output is assembled from that body
// plus the seq field (6, varint) appended, wrapped in PushMsg.msg (1) and
// Output{type = CT_MESSAGE (1), data (4)}. The result decodes exactly like
// encodePush() of the same message.

function varintLength(n: number): number {
  let len = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarint(buf: Uint8Array, pos: number, n: number): number {
  while (n >= 128) {
    buf[pos++] = (n % 128) | 128;
    n = Math.floor(n / 128);
  }
  buf[pos++] = n;
  return pos;
}

/** Per-recipient Outputs of one pushed message, encoded once. */
export class PushTemplate {
  private readonly body: Uint8Array;

  constructor(m: Omit<PushMessage, 'seq'>) {
    this.body = gochat.Message.encode({ ...m, seq: 0 }).finish();
  }

  /** The encoded Output{CT_MESSAGE, PushMsg{msg with this seq}}. */
  output(seq: number): Uint8Array {
    const msgLen = this.body.length + (seq > 0 ? 1 + varintLength(seq) : 0);
    const pushLen = 1 + varintLength(msgLen) + msgLen;
    const total = 2 + 1 + varintLength(pushLen) + pushLen;
    const out = new Uint8Array(total);
    let p = 0;
    out[p++] = 0x08; // Output.type, varint
    out[p++] = gochat.CmdType.CT_MESSAGE;
    out[p++] = 0x22; // Output.data, length-delimited
    p = writeVarint(out, p, pushLen);
    out[p++] = 0x0a; // PushMsg.msg, length-delimited
    p = writeVarint(out, p, msgLen);
    out.set(this.body, p);
    p += this.body.length;
    if (seq > 0) {
      out[p++] = 0x30; // Message.seq, varint
      p = writeVarint(out, p, seq);
    }
    return out;
  }
}
