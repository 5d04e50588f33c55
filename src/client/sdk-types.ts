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
}

/** The events of GoChatClient.on() and the value each listener gets. */
export interface ClientEvents {
  /** a received message, once each, in seq order */
  message: ReceivedMessage;
  state: ClientState;
  error: ClientError;
  /** a sent message acknowledged by the server (or finally rejected) */
  ack: SendResult;
}
