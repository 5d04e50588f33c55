// The client SDK's side of the wire codec (DESIGN.md §6), pure: the payloads
// of the Inputs it sends and the decoding of what it receives.
import { gochat } from '../proto/index.js';
import type { UnsentMessage } from './client-store.js';
import type { ReceivedMessage } from './sdk-types.js';

/** Payloads of the client's Inputs (the `data` of `Input{type, data}`). */
export const payload = {
  login: (token: string, deviceId: string): Uint8Array => gochat.LoginMsg.encode({ token: new TextEncoder().encode(token), deviceId }).finish(),
  heartbeat: (): Uint8Array => new Uint8Array(0),
  upMsg: (m: UnsentMessage): Uint8Array =>
    gochat.UpMsg.encode({ clientId: m.clientId, msg: { sessionType: m.sessionType, receiverId: m.receiverId, messageType: m.messageType, content: m.content } }).finish(),
  /** cumulative: every push up to `seq` */
  pushAck: (seq: number): Uint8Array => gochat.ACKMsg.encode({ type: gochat.ACKType.AT_PUSH, seq }).finish(),
  sync: (seq: number, limit: number): Uint8Array => gochat.SyncInputMsg.encode({ seq, limit }).finish(),
};

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
