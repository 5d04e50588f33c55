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
  /** the gochat.Message without its seq: what crosses to other workers */
  readonly body: Uint8Array;
  /** byte length of the Output{CT_MESSAGE, PushMsg} carrying this seq */
  outputLength(seq: number): number;
  /** writes that Output at buf[pos]; returns the position after it */
  writeOutput(buf: Uint8Array, pos: number, seq: number): number;
  /** that Output in a buffer of its own */
  output(seq: number): Uint8Array;
}

/** One accepted message on its way to its recipients' devices. */
export interface Fanout {
  push: EncodedPush;
  /** ms, when the server accepted the message */
  sendTime: number;
  /** the sender's device that sent it gets no push of its own message (its other devices do) */
  senderId: number;
  senderDevice: string;
  /** recipients (the sender among them) and each one's seq, index-aligned */
  userIds: ArrayLike<number>;
  seqs: ArrayLike<number>;
  /** the message's msg_id, on the worker that accepted it (fan-outs from other workers carry none) */
  msgId?: number;
}

/** Told of the messages of each pipeline tick once they are ACKed to their senders (the delivery ledger). */
export interface AcceptedListener {
  /** `fanouts`: the tick's messages whose senders were ACKed, all in one persist batch. Called synchronously in the tick: keep it cheap. */
  accepted(fanouts: readonly Fanout[]): void;
}

/** The gateway side the chat logic pushes into (this worker's own connections). */
export interface LocalPushSink {
  /** Pushes to every local device of every recipient except the sending device; returns the devices written to. */
  pushLocal(f: Fanout, route?: 'local' | 'remote'): number;
}
