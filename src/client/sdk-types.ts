// The client SDK's surface types: the socket and clock it is given, the
// options of GoChatClient, what it hands to the application (messages,
// send results, errors, states) and its events.
import type { ClientStore } from './client-store.js';

/** The subset of the WebSocket API the SDK uses (browser and `ws` both have it). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

/** Timers, injectable so tests run on a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ReceivedMessage {
  sessionType: number;
  receiverId: number;
  senderId: number;
  messageType: number;
  content: Uint8Array;
  seq: number;
  sendTime: number;
  msgId: number;
}

/**
 * idle: not started · connecting: socket opening or CT_LOGIN in flight ·
 * online: logged in · offline: disconnected (a reconnect is scheduled, or
 * suspend() holds it) · closed: close(), a failed login or a replaced
 * device; never leaves it.
 */
export type ClientState = 'idle' | 'connecting' | 'online' | 'offline' | 'closed';

/** WebSocket close codes the server uses (src/gateway/connection.ts) that the client acts on. */
export const CLOSE_UNAUTHENTICATED = 4001;
/** The same (user, device_id) logged in elsewhere: reconnecting would take the session back and forth. */
export const CLOSE_REPLACED = 4002;

export interface ClientError {
  /** a protocol code (DESIGN.md §6: 2 unauthenticated, 6 rate limited, 7 unavailable, …) */
  code: number;
  message: string;
  /** the WebSocket close code, when the error closed the client */
  closeCode?: number;
}

export interface SendResult {
  clientId: number;
  /** the sender's own inbox seq (0 on a rejection) */
  seq: number;
  /** the message's server-wide msg_id (what recall() names); 0 on a rejection or from a server that does not send it */
  msgId: number;
  /** 0 ok, else a final rejection code (1, 3, 4, 5) */
  code: number;
  codeMsg: string;
}

export interface ClientOptions {
  /** ws://host:port/ws */
  wsUrl: string;
  /**
   * Asked before each reconnect for the ws URL of a live node (e.g. from
   * HttpApi.pickNode), so a client leaves a node that went away; on a
   * failure or an empty answer the previous URL is used again.
   */
  nodeUrl?: () => Promise<string | null>;
  token: string;
  /** stable per installation */
  deviceId: string;
  socket: SocketFactory;
  store?: ClientStore;
  clock?: Clock;
  heartbeatMs?: number;
  /**
   * Sync again this often while online and idle (checked at each heartbeat),
   * so that a push lost with a node that died never leaves a permanent gap.
   */
  resyncMs?: number;
  /** resend an unacknowledged UpMsg after this long */
  retransmitMs?: number;
  /** wait this long for a missing seq before syncing */
  gapWaitMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** messages per sync page */
  syncLimit?: number;
  random?: () => number;
  /**
   * The logged-in user (tells the user's own reads and typing from others');
   * by default the `sub` claim of the token.
   */
  userId?: number;
  /**
   * At most one CT_TYPING per conversation this often (default 1200 ms: the
   * server forwards at most one a second per device and conversation, timed
   * on arrival, so a margin keeps network jitter from dropping a "stopped").
   */
  typingIntervalMs?: number;
  /** someone's "typing" ends after this long without a refresh */
  typingExpireMs?: number;
}

/** The events of GoChatClient.on() and the value each listener gets. */
export interface ClientEvents {
  /** a received message, once each, in seq order */
  message: ReceivedMessage;
  state: ClientState;
  error: ClientError;
  /** a sent message acknowledged by the server (or finally rejected) */
  ack: SendResult;
  /** the conversation list changed (at most once per turn): newest first */
  conversations: Conversation[];
  /** a conversation's unread count changed */
  unread: UnreadChange;
  /** the peer of a 1:1 read the user's messages up to `seq` (the user's numbering) */
  receipt: Receipt;
  /** someone started or stopped typing (stopped also when its refresh is overdue or its message arrived) */
  typing: TypingEvent;
  /** friends whose presence changed (pushed, or learnt from a query) */
  presence: PresenceInfo[];
  /** an MT_RECALL arrived: the message `msgId` is taken back (shown as recalled from now on) */
  recall: RecallEvent;
}

// ---- conversation state, receipts, typing, presence, recall (DESIGN.md §6a) ----

/** A conversation: the other user of a 1:1 (ST_SINGLE), or the group (ST_GROUP). */
export interface ConversationKey {
  sessionType: number;
  peerId: number;
}

export interface Conversation extends ConversationKey {
  /** the newest message (a recalled one: MT_RECALLED, empty content); null if none is known */
  lastMessage: ReceivedMessage | null;
  /** the highest seq of the user's inbox read in it, by any of the user's devices */
  readSeq: number;
  /** messages from others above readSeq */
  unread: number;
  /** 1:1: the peer read the user's messages up to this seq of the user's inbox (0: none) */
  peerReadSeq: number;
}

export interface UnreadChange extends ConversationKey {
  unread: number;
  /** over every conversation */
  total: number;
}

export interface Receipt extends ConversationKey {
  readerId: number;
  /** in the user's numbering */
  seq: number;
}

export interface TypingEvent extends ConversationKey {
  userId: number;
  typing: boolean;
}

export interface PresenceInfo {
  userId: number;
  online: boolean;
  /** ms since epoch; 0 if unknown */
  lastSeen: number;
}

export interface RecallEvent extends ConversationKey {
  /** the message taken back */
  msgId: number;
  /** who took it back (its sender) */
  senderId: number;
  /** the MT_RECALL message's own seq */
  seq: number;
}

/** A command (CT_READ, CT_PRESENCE, CT_CONVERSATIONS) that the server answered with an error, or that the client gave up on. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    /** a protocol code (DESIGN.md §6); 7 when the client closed before an answer */
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
