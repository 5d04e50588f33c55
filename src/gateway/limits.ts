// Per-connection and per-user budgets of the gateway (DESIGN.md §3 I6: a
// flood from one user affects only that connection or user): token buckets
// for messages, syncs, inbound bytes and frames, and the pause of a socket's
// reading while its budget is overdrawn.
import { TokenBuckets, type BucketSpec } from '../util/token-bucket.js';
import { ConnState, type Connection } from './connection.js';

export interface GatewayLimits {
  messagesPerSec: number;
  userMessagesPerSec: number;
  bytesPerSec: number;
  syncsPerSec: number;
  /** CT_READ, CT_TYPING, CT_PRESENCE and CT_CONVERSATIONS together, per connection */
  commandsPerSec: number;
  maxConnectionsPerUser: number;
  /** browser Origins allowed; empty = any */
  allowedOrigins: string[];
}

/** Buckets hold this many seconds of their rate. */
const BURST_SECONDS = 2;
/** Every frame costs at least this many bytes of the byte budget (so floods of tiny frames are limited too). */
const MIN_FRAME_COST = 64;
/**
 * Frames per second a connection may send, as a multiple of its message and
 * sync budgets (heartbeats and ACKs ride along); past it the socket is
 * paused, so a flooder costs the worker no more CPU than a busy client.
 */
const FRAMES_PER_BUDGETED_COMMAND = 4;
/** The longest a socket's reading is paused at once. */
const MAX_PAUSE_MS = 10_000;

/** Buckets of a connection's TokenBuckets. */
const Limit = { MESSAGES: 0, BYTES: 1, FRAMES: 2, SYNCS: 3, COMMANDS: 4 } as const;
/** Buckets of a user's TokenBuckets (all its devices together). */
const UserLimit = { MESSAGES: 0, FRAMES: 1 } as const;

/**
 * The budgets of one worker's connections. A connection's buckets live on
 * the connection (`c.limits`, from forConnection()); a user's buckets live
 * here until forgetUser() (its last device left).
 */
export class GatewayBudgets {
  /** per connection: Limit.* buckets (one spec for all) */
  private readonly connSpec: BucketSpec[] = [];
  /** per user, all devices together: UserLimit.* buckets */
  private readonly userSpec: BucketSpec[] = [];
  private readonly perUser = new Map<number, TokenBuckets>();

  constructor(
    limits: GatewayLimits,
    private readonly now: () => number,
  ) {
    const spec = (rate: number): BucketSpec => ({ rate, burst: rate * BURST_SECONDS });
    // Frames per second of one connection (and, doubled, of all of one user's devices together).
    const framesPerSec = (limits.messagesPerSec + limits.syncsPerSec + limits.commandsPerSec) * FRAMES_PER_BUDGETED_COMMAND + 20;
    this.connSpec[Limit.MESSAGES] = spec(limits.messagesPerSec);
    this.connSpec[Limit.BYTES] = spec(limits.bytesPerSec);
    this.connSpec[Limit.FRAMES] = spec(framesPerSec);
    this.connSpec[Limit.SYNCS] = spec(limits.syncsPerSec);
    this.connSpec[Limit.COMMANDS] = spec(limits.commandsPerSec);
    this.userSpec[UserLimit.MESSAGES] = spec(limits.userMessagesPerSec);
    this.userSpec[UserLimit.FRAMES] = spec(framesPerSec * 2);
  }

  /** Fresh buckets for a new connection. */
  forConnection(): TokenBuckets {
    return new TokenBuckets(this.connSpec, this.now);
  }

  /**
   * Charges one inbound frame of `bytes` to its connection (bytes and
   * frames) and, once logged in, to its user (frames). Returns how long the
   * socket should stop reading (0: within budget).
   */
  chargeFrame(c: Connection, bytes: number): number {
    return Math.max(
      c.limits!.charge(Limit.BYTES, Math.max(MIN_FRAME_COST, bytes)),
      c.limits!.charge(Limit.FRAMES, 1),
      c.userId ? this.ofUser(c.userId).charge(UserLimit.FRAMES, 1) : 0,
    );
  }

  /** Takes one message from the connection's budget and, if it had one, from its user's. */
  takeMessage(c: Connection): boolean {
    return c.limits!.take(Limit.MESSAGES) && this.ofUser(c.userId).take(UserLimit.MESSAGES);
  }

  /** Takes one sync from the connection's budget. */
  takeSync(c: Connection): boolean {
    return c.limits!.take(Limit.SYNCS);
  }

  /** Takes one conversation-state command (read, typing, presence, conversations) from the connection's budget. */
  takeCommand(c: Connection): boolean {
    return c.limits!.take(Limit.COMMANDS);
  }

  /** The user's last device left: its budget starts afresh next time. */
  forgetUser(userId: number): void {
    this.perUser.delete(userId);
  }

  private ofUser(userId: number): TokenBuckets {
    let b = this.perUser.get(userId);
    if (!b) this.perUser.set(userId, (b = new TokenBuckets(this.userSpec, this.now)));
    return b;
  }
}

/**
 * Stops reading from the client's socket for `ms` (bounded), then resumes:
 * TCP back-pressure on the flooder, nobody else waits. A pause already
 * running is extended, not doubled.
 */
export function pauseReading(c: Connection, ms: number, now: () => number): void {
  const until = now() + Math.min(ms, MAX_PAUSE_MS);
  if (c.pausedUntil >= until) return;
  const first = c.pausedUntil <= now();
  c.pausedUntil = until;
  const socket = (c.ws as unknown as { _socket?: { pause(): void; resume(): void } })._socket;
  if (!socket || !first) return;
  socket.pause();
  const resume = () => {
    if (c.state === ConnState.CLOSED) return;
    const left = c.pausedUntil - now();
    if (left > 0) setTimeout(resume, left).unref();
    else socket.resume();
  };
  setTimeout(resume, until - now()).unref();
}
