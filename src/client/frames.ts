// The client SDK's side of the wire codec (DESIGN.md §6), pure: the payloads
// of the Inputs it sends and the decoding of what it receives.
import { gochat } from '../proto/index.js';
import type { UnsentMessage } from './client-store.js';
import type { Conversation, PresenceInfo, ReceivedMessage } from './sdk-types.js';

/** Payloads of the client's Inputs (the `data` of `Input{type, data}`). */
export const payload = {
  login: (token: string, deviceId: string): Uint8Array => gochat.LoginMsg.encode({ token: new TextEncoder().encode(token), deviceId }).finish(),
  heartbeat: (): Uint8Array => new Uint8Array(0),
  upMsg: (m: UnsentMessage): Uint8Array =>
    gochat.UpMsg.encode({ clientId: m.clientId, msg: { sessionType: m.sessionType, receiverId: m.receiverId, messageType: m.messageType, content: m.content } }).finish(),
  /** cumulative: every push up to `seq` */
  pushAck: (seq: number): Uint8Array => gochat.ACKMsg.encode({ type: gochat.ACKType.AT_PUSH, seq }).finish(),
  sync: (seq: number, limit: number): Uint8Array => gochat.SyncInputMsg.encode({ seq, limit }).finish(),
  read: (sessionType: number, peerId: number, seq: number): Uint8Array => gochat.ReadMsg.encode({ sessionType, peerId, seq }).finish(),
  typing: (sessionType: number, peerId: number, typing: boolean): Uint8Array => gochat.TypingMsg.encode({ sessionType, peerId, typing }).finish(),
  /** empty: the presence of all friends */
  presenceQuery: (): Uint8Array => new Uint8Array(0),
  conversations: (limit: number): Uint8Array => gochat.ConversationsInputMsg.encode({ limit }).finish(),
};

/** The content of an MT_RECALL message. */
export function recallContent(msgId: number): Uint8Array {
  return gochat.RecallContent.encode({ msgId }).finish();
}

/** The msg_id an MT_RECALL message takes back; 0 if its content is not a RecallContent. */
export function recalledMsgId(content: Uint8Array): number {
  try {
    return Number(gochat.RecallContent.decode(content).msgId ?? 0);
  } catch {
    return 0;
  }
}

/** The encoded Outputs of one downlink frame (an OutputBatch); null if it is not one. */
export function batchOutputs(data: unknown): Uint8Array[] | null {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
  try {
    return gochat.OutputBatch.decode(bytes).outputs;
  } catch {
    return null;
  }
}

/** A Message off the wire, with protobuf's defaults and 64-bit ids as numbers. */
export function toReceived(m: gochat.IMessage): ReceivedMessage {
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

export function toConversation(c: gochat.IConversation): Conversation {
  return {
    sessionType: c.sessionType ?? 0,
    peerId: Number(c.peerId ?? 0),
    lastMessage: c.lastMessage ? toReceived(c.lastMessage) : null,
    readSeq: Number(c.readSeq ?? 0),
    unread: c.unread ?? 0,
    peerReadSeq: Number(c.peerReadSeq ?? 0),
  };
}

export function toPresence(p: gochat.IPresence): PresenceInfo {
  return { userId: Number(p.userId ?? 0), online: p.online === true, lastSeen: Number(p.lastSeen ?? 0) };
}

/** The user id in a token's `sub` claim (a JWT: header.payload.signature); 0 if it has none. */
export function userIdOfToken(token: string): number {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const sub = Number((JSON.parse(json) as { sub?: unknown }).sub);
    return Number.isSafeInteger(sub) && sub > 0 ? sub : 0;
  } catch {
    return 0;
  }
}
