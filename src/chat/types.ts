// Shapes exchanged between the gateway and the chat logic.
import type { UplinkOutcome } from '../dedup/uplink-dedup.js';

export type { UplinkOutcome };

/** What a client asked to send (the wire UpMsg's message, not yet validated). */
export interface UplinkMessage {
  sessionType: number;
  receiverId: number;
  messageType: number;
  content: Uint8Array;
}

/** One uplink request of a device; `reply` is called exactly once per request. */
export interface UpRequest {
  clientId: number;
  /** null when the UpMsg had no message (answered with code 1) */
  msg: UplinkMessage | null;
  reply(outcome: UplinkOutcome): void;
}

/** A message as pushed to one recipient: everything of the wire Message, with that recipient's seq. */
export interface PushMessage {
  sessionType: number;
  receiverId: number;
  senderId: number;
  messageType: number;
  content: Uint8Array;
  seq: number;
  sendTime: number;
  msgId: number;
}

/** A message encoded once for all its recipients; each gets its own seq patched in. */
export interface EncodedPush {
  /** the encoded Output{CT_MESSAGE, PushMsg} carrying this seq */
  output(seq: number): Uint8Array;
}

/** One recipient's push of one message. */
export interface OutgoingPush {
  userId: number;
  /** the sending device gets no push of its own message */
  exceptDevice: string | null;
  seq: number;
  /** ms, when the server accepted the message */
  sendTime: number;
  push: EncodedPush;
}

/** The gateway side the chat logic pushes into (this worker's own connections). */
export interface LocalPushSink {
  /** Pushes to every local device of the user except `exceptDevice`. */
  pushLocal(p: OutgoingPush): void;
}
