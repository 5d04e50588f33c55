// Pure encoding and decoding of WebSocket frames (DESIGN.md §6). No I/O.
import { gochat } from '../proto/index.js';
import { Code } from '../errors.js';
import type { EncodedPush, PushMessage, UplinkMessage } from '../chat/types.js';
import type { ConversationInfo, PresenceInfo } from '../chat/commands.js';
import type { MessageMeta } from '../store/types.js';

export const CmdType = gochat.CmdType;
export const ACKType = gochat.ACKType;

/** A decoded client frame, one case per command. */
export type Inbound =
  | { type: 'login'; token: string; deviceId: string }
  | { type: 'heartbeat' }
  | { type: 'message'; clientId: number; msg: UplinkMessage | null }
  | { type: 'ack'; ackType: number; clientId: number; seq: number }
  | { type: 'sync'; seq: number; limit: number }
  | { type: 'read'; sessionType: number; peerId: number; seq: number }
  | { type: 'typing'; sessionType: number; peerId: number; typing: boolean }
  | { type: 'presence' }
  | { type: 'conversations'; limit: number }
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
      case gochat.CmdType.CT_READ: {
        const m = gochat.ReadMsg.decode(data);
        const target = conversationOf(m.sessionType, m.peerId);
        if (typeof target === 'string') return invalid(target);
        const seq = safe(m.seq);
        if (seq < 0) return invalid('invalid seq');
        return { type: 'read', ...target, seq };
      }
      case gochat.CmdType.CT_TYPING: {
        const m = gochat.TypingMsg.decode(data);
        const target = conversationOf(m.sessionType, m.peerId);
        if (typeof target === 'string') return invalid(target);
        return { type: 'typing', ...target, typing: m.typing === true };
      }
      case gochat.CmdType.CT_PRESENCE:
        gochat.PresenceMsg.decode(data);
        return { type: 'presence' };
      case gochat.CmdType.CT_CONVERSATIONS: {
        const m = gochat.ConversationsInputMsg.decode(data);
        return { type: 'conversations', limit: m.limit ?? 0 };
      }
      default:
        return invalid(`unknown command type ${String(input.type)}`);
    }
  } catch {
    return invalid('malformed command payload');
  }
}

/** A conversation named by a client: session type 1 or 2 and a positive peer id below 2^53; else the reason. */
function conversationOf(sessionType: number | null | undefined, peerId: number | null | undefined): { sessionType: number; peerId: number } | string {
  if (sessionType !== gochat.SessionType.ST_SINGLE && sessionType !== gochat.SessionType.ST_GROUP) return 'invalid session_type';
  const peer = safe(peerId);
  if (peer <= 0) return 'invalid peer_id';
  return { sessionType, peerId: peer };
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

/** Output{CT_READ, ReadMsg}: another device's read, or a peer's read receipt (code 0); the answer to a CT_READ has no data. */
export function encodeRead(m: { sessionType: number; peerId: number; seq: number; readerId: number }): Uint8Array {
  return encodeOutput(gochat.CmdType.CT_READ, 0, '', gochat.ReadMsg.encode(m).finish());
}

export function encodeTyping(m: { sessionType: number; peerId: number; userId: number; typing: boolean }): Uint8Array {
  return encodeOutput(gochat.CmdType.CT_TYPING, 0, '', gochat.TypingMsg.encode(m).finish());
}

export function encodePresence(presences: readonly PresenceInfo[]): Uint8Array {
  return encodeOutput(gochat.CmdType.CT_PRESENCE, 0, '', gochat.PresenceMsg.encode({ presences: presences.map((p) => ({ ...p })) }).finish());
}

export function encodeConversations(list: readonly ConversationInfo[]): Uint8Array {
  const conversations = list.map((c) => ({
    sessionType: c.sessionType,
    peerId: c.peerId,
    lastMessage: c.lastMessage ?? undefined,
    readSeq: c.readSeq,
    unread: c.unread,
    peerReadSeq: c.peerReadSeq,
  }));
  return encodeOutput(gochat.CmdType.CT_CONVERSATIONS, 0, '', gochat.ConversationsOutputMsg.encode({ conversations }).finish());
}

/** One downlink frame: an OutputBatch of already-encoded Outputs. */
export function encodeBatch(outputs: readonly Uint8Array[]): Uint8Array {
  return encodeQueued(outputs, null, outputs.map((o) => o.length));
}

/**
 * One downlink frame from what a connection queued: encoded Outputs, or push
 * templates with the recipient's seq (seqs[i]), each written straight into
 * the frame. lens[i] = the Output's length. OutputBatch is one repeated
 * bytes field (1), so the frame is each Output behind its tag and length.
 */
export function encodeQueued(items: readonly (Uint8Array | EncodedPush)[], seqs: readonly number[] | null, lens: readonly number[]): Buffer {
  let total = 0;
  for (let i = 0; i < lens.length; i++) total += 1 + varintLength(lens[i]!) + lens[i]!;
  const buf = Buffer.allocUnsafe(total);
  let p = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    buf[p++] = 0x0a;
    p = writeVarint(buf, p, lens[i]!);
    if (it instanceof Uint8Array) {
      buf.set(it, p);
      p += it.length;
    } else {
      p = it.writeOutput(buf, p, seqs![i]!);
    }
  }
  return buf;
}

// ---- Encode once, patch the seq -------------------------------------------
// A group message goes to hundreds of recipients that differ only in seq.
// Protobuf lets fields come in any order, so the Message is encoded once
// without its seq and each recipient's Output is assembled from that body
// plus the seq field (6, varint) appended, wrapped in PushMsg.msg (1) and
// Output{type = CT_MESSAGE (1), data (4)}. The result decodes exactly like
// encodePush() of the same message.

function varintLength(n: number): number {
  if (n < 128) return 1;
  if (n < 16384) return 2;
  if (n < 2097152) return 3;
  let len = 3;
  n = Math.floor(n / 2097152);
  while (n > 0) {
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

/** The envelope of a pushed message's body (PushTemplate.body, from another worker), or null if it does not decode. */
export function pushedMeta(body: Uint8Array): MessageMeta | null {
  try {
    const m = gochat.Message.decode(body);
    return { msgId: Number(m.msgId), senderId: Number(m.senderId), sessionType: m.sessionType, receiverId: Number(m.receiverId), messageType: m.messageType, sendTime: Number(m.sendTime) };
  } catch {
    return null;
  }
}

/** Per-recipient Outputs of one pushed message, encoded once. */
export class PushTemplate implements EncodedPush {
  readonly body: Uint8Array;

  /** From the message, or from its body as encoded by another worker's template. */
  constructor(m: Omit<PushMessage, 'seq'> | Uint8Array) {
    this.body = m instanceof Uint8Array ? m : gochat.Message.encode({ ...m, seq: 0 }).finish();
  }

  outputLength(seq: number): number {
    const msgLen = this.body.length + (seq > 0 ? 1 + varintLength(seq) : 0);
    const pushLen = 1 + varintLength(msgLen) + msgLen;
    return 3 + varintLength(pushLen) + pushLen;
  }

  writeOutput(out: Uint8Array, pos: number, seq: number): number {
    const msgLen = this.body.length + (seq > 0 ? 1 + varintLength(seq) : 0);
    const pushLen = 1 + varintLength(msgLen) + msgLen;
    let p = pos;
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
    return p;
  }

  /** The encoded Output{CT_MESSAGE, PushMsg{msg with this seq}}. */
  output(seq: number): Uint8Array {
    const out = new Uint8Array(this.outputLength(seq));
    this.writeOutput(out, 0, seq);
    return out;
  }
}

/** An Output encoded elsewhere with its seq already in it (pushes from workers of the previous version). */
export class EncodedOutput implements EncodedPush {
  readonly body = new Uint8Array(0);
  constructor(private readonly bytes: Uint8Array) {}
  outputLength(): number {
    return this.bytes.length;
  }
  writeOutput(out: Uint8Array, pos: number): number {
    out.set(this.bytes, pos);
    return pos + this.bytes.length;
  }
  output(): Uint8Array {
    return this.bytes;
  }
}
