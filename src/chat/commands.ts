// The conversation-state commands of a logged-in device (DESIGN.md §6a):
// what the gateway hands to the chat logic for CT_READ, CT_TYPING,
// CT_PRESENCE and CT_CONVERSATIONS. The gateway decodes, budgets and
// answers; the implementations (reads.ts, typing.ts, friend-presence.ts,
// conversations in the store) decide.
import type { SignalKind } from '../metrics/metrics.js';
import type { PushMessage } from './types.js';

/** CT_READ from a device: "I have read (sessionType, peerId) up to my seq". */
export interface ReadInput {
  sessionType: number;
  peerId: number;
  seq: number;
}

/** CT_TYPING from a device. */
export interface TypingInput {
  sessionType: number;
  peerId: number;
  typing: boolean;
}

/** One user's presence as friends see it. */
export interface PresenceInfo {
  userId: number;
  online: boolean;
  /** ms since the epoch the user was last seen online; 0 if never */
  lastSeen: number;
}

/** One conversation of a user (the wire's Conversation). */
export interface ConversationInfo {
  sessionType: number;
  /** the other user of a 1:1, or the group */
  peerId: number;
  /** the newest message, in the user's numbering (recalled: MT_RECALLED, empty content); null if none is stored yet */
  lastMessage: PushMessage | null;
  readSeq: number;
  /** messages from others above readSeq */
  unread: number;
  /** 1:1: the peer's read receipt in the user's numbering (0: none) */
  peerReadSeq: number;
}

/**
 * Guarantees: a promise rejects with a ChatError (its code is answered) or
 * an UnavailableError (code 7); nothing here harms another user's state.
 */
export interface ChatCommands {
  /** CT_READ: resolves once the raised read_seq is durable (a lower seq: a no-op that resolves). */
  read(userId: number, deviceId: string, m: ReadInput): Promise<void>;
  /** CT_TYPING: best effort, never answered, never stored. */
  typing(userId: number, deviceId: string, m: TypingInput): void;
  /** CT_PRESENCE query: the presence of all the user's friends. */
  friendsPresence(userId: number): Promise<PresenceInfo[]>;
  /** CT_CONVERSATIONS: newest first, at most `limit` (already clamped to 1..500). */
  conversations(userId: number, limit: number): Promise<ConversationInfo[]>;
}

/** What the friends' presence (DESIGN.md §6a) hears from the gateway. */
export interface SessionEvents {
  /** the device's presence entry was added (it logged in here) */
  online(userId: number, deviceId: string): void;
  /** the device's presence entry was removed (its connection closed) */
  offline(userId: number, deviceId: string): void;
}

/**
 * Ephemeral outputs to online devices wherever they are connected (this
 * worker, other workers, other nodes). Best effort, at most once, never
 * tracked or stored: a device that misses one asks CT_CONVERSATIONS or
 * CT_PRESENCE for the truth.
 */
export interface Signals {
  /** Writes `output` to every online device of `userIds` except `except`'s device. */
  send(kind: SignalKind, userIds: readonly number[], output: Uint8Array, except?: { userId: number; deviceId: string }): void;
}
