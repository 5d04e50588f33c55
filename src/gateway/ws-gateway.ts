// The WebSocket gateway on /ws (DESIGN.md §6): token before the upgrade,
// CT_LOGIN with device_id, heartbeats, binary frames only, a frame size
// limit, OutputBatch downlink frames.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { TokenClaims, TokenService } from '../auth/token.js';
import { ChatError, Code } from '../errors.js';
import type { SyncService } from '../chat/sync.js';
import type { Fanout, LocalPushSink, PushMessage } from '../chat/types.js';
import type { UplinkSequencer } from '../chat/uplink.js';
import type { Logger } from '../log.js';
import type { PushTracker } from '../delivery/push-tracker.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import { TokenBuckets, type BucketSpec } from '../util/token-bucket.js';
import type { StoredMessage } from '../store/types.js';
import { ACKType, CmdType, decodeInput, encodeAck, encodeError, encodeQueued, encodeSync } from './codec.js';
import { CloseCode, ConnState, Connection, FlushScheduler } from './connection.js';

export interface GatewayOptions {
  tokens: TokenService;
  uplink: UplinkSequencer;
  sync: SyncService;
  presence: Presence;
  /** this worker's rpc address, recorded in presence */
  selfAddr: string;
  heartbeatTimeoutMs: number;
  maxFrameBytes: number;
  maxSendQueueBytes: number;
  /** tracks pushes until AT_PUSH, retransmits */
  tracker: PushTracker;
  metrics?: Metrics;
  /** whether a WebSocket of this user may be served by this worker (sticky routing) */
  acceptsUser?: (userId: number) => boolean;
  limits: GatewayLimits;
  logger: Logger;
  now?: () => number;
}

export interface GatewayLimits {
  messagesPerSec: number;
  userMessagesPerSec: number;
  bytesPerSec: number;
  syncsPerSec: number;
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

const DEVICE_ID = /^[\x21-\x7e]{1,64}$/;
/** Presence entries live this long without a refresh; refreshed every third of it. */
const PRESENCE_TTL_MS = 60_000;

/**
 * The upgrading socket's error listener, at module level: a closure in
 * handleUpgrade would keep its whole scope (the request, its head, the token
 * URL) alive for the life of the connection (~1 KB each, seen in heap snapshots).
 */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

/** Buckets of a connection's TokenBuckets. */
const Limit = { MESSAGES: 0, BYTES: 1, FRAMES: 2, SYNCS: 3 } as const;
/** Buckets of a user's TokenBuckets (all its devices together). */
const UserLimit = { MESSAGES: 0, FRAMES: 1 } as const;

// A WebSocket's listeners, at module level with the connection on the
// socket: closures per connection would cost three functions and a context each.
const kAttached = Symbol('gochat.connection');
type Attached = WebSocket & { [kAttached]: { gateway: WsGateway; conn: Connection } };
function wsOnMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const a = (this as Attached)[kAttached];
  a.gateway.onFrame(a.conn, data, isBinary);
}
function wsOnClose(this: WebSocket): void {
  const a = (this as Attached)[kAttached];
  a.gateway.onClose(a.conn);
}
function wsOnError(this: WebSocket, err: Error): void {
  const a = (this as Attached)[kAttached];
  a.gateway.socketError(a.conn, err);
}

export class WsGateway implements LocalPushSink {
  private readonly wss: WebSocketServer;
  private readonly flusher = new FlushScheduler();
  private readonly conns = new Set<Connection>();
  /** logged-in connections: user -> device -> connection */
  private readonly users = new Map<number, Map<string, Connection>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly presenceTimer: NodeJS.Timeout;
  private nextId = 1;
  /** per connection: Limit.* buckets (one spec for all) */
  private readonly connSpec: BucketSpec[];
  /** per user, all devices together: UserLimit.* buckets */
  private readonly userSpec: BucketSpec[];
  private readonly userLimits = new Map<number, TokenBuckets>();
  private accepting = true;
  private readonly now: () => number;

  constructor(private readonly o: GatewayOptions) {
    this.now = o.now ?? Date.now;
    const l = o.limits;
    const spec = (rate: number): BucketSpec => ({ rate, burst: rate * BURST_SECONDS });
    this.connSpec = [];
    this.connSpec[Limit.MESSAGES] = spec(l.messagesPerSec);
    this.connSpec[Limit.BYTES] = spec(l.bytesPerSec);
    this.connSpec[Limit.FRAMES] = spec(this.framesPerSec);
    this.connSpec[Limit.SYNCS] = spec(l.syncsPerSec);
    this.userSpec = [];
    this.userSpec[UserLimit.MESSAGES] = spec(l.userMessagesPerSec);
    this.userSpec[UserLimit.FRAMES] = spec(this.framesPerSec * 2);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(1000, o.heartbeatTimeoutMs / 3)).unref();
    this.presenceTimer = setInterval(() => this.refreshPresence(), PRESENCE_TTL_MS / 3).unref();
    // Redis came back (perhaps empty, or from an older snapshot): re-assert every device here now.
    o.presence.onReset?.(() => this.refreshPresence());
  }

  /** Logged-in connections on this worker. */
  get connectionCount(): number {
    let n = 0;
    for (const m of this.users.values()) n += m.size;
    return n;
  }

  /** Up to `max` logged-in user ids (diagnostics). */
  userIds(max: number): number[] {
    const out: number[] = [];
    for (const u of this.users.keys()) {
      if (out.length >= max) break;
      out.push(u);
    }
    return out;
  }

  // Sockets the primary handed over with the /ws token it already verified.
  private readonly preverified = new WeakMap<object, TokenClaims>();

  /** The primary verified this socket's /ws token (cluster hand-off): its upgrade needs no second check. */
  handedOff(socket: object, claims: TokenClaims): void {
    this.preverified.set(socket, claims);
  }

  /** Serves upgrades on `server` (GET /ws?token=…). */
  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
  }

  /** Checks the token before upgrading; 401 without one. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', destroyOnError);
    const reject = (status: number, text: string) => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return reject(400, 'Bad Request');
    }
    if (url.pathname !== '/ws') return reject(404, 'Not Found');
    if (!this.accepting) return reject(503, 'Service Unavailable');
    const origin = req.headers.origin;
    if (origin !== undefined && this.o.limits.allowedOrigins.length > 0 && !this.o.limits.allowedOrigins.includes(origin)) return reject(403, 'Forbidden');
    const token = url.searchParams.get('token');
    let pre = this.preverified.get(socket);
    if (pre) {
      this.preverified.delete(socket);
      if (!token || pre.expiresAt <= this.now()) pre = undefined;
      else this.o.tokens.remember(token, pre);
    }
    (pre ? Promise.resolve(pre) : this.o.tokens.verify(token)).then(
      (claims) => {
        if (socket.destroyed) return;
        if (this.o.acceptsUser && !this.o.acceptsUser(claims.userId)) return reject(503, 'Service Unavailable');
        const userId = claims.userId;
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', destroyOnError); // the WebSocket handles socket errors now
          this.onOpen(ws, userId);
        });
      },
      () => reject(401, 'Unauthorized'),
    );
  }

  private onOpen(ws: WebSocket, urlUserId: number): void {
    const c = new Connection(this.nextId++, ws, urlUserId, this.flusher, encodeQueued, this.now(), this.o.maxSendQueueBytes);
    c.limits = new TokenBuckets(this.connSpec, this.now);
    this.conns.add(c);
    (ws as Attached)[kAttached] = { gateway: this, conn: c };
    ws.on('message', wsOnMessage);
    ws.on('close', wsOnClose);
    ws.on('error', wsOnError);
  }

  /** the WebSocket's error listener (wsOnError) */
  socketError(c: Connection, err: Error): void {
    this.o.logger.debug({ conn: c.id, err: err.message }, 'websocket error');
  }

  /** the WebSocket's message listener (wsOnMessage) */
  onFrame(c: Connection, data: RawData, isBinary: boolean): void {
    if (c.state === ConnState.CLOSED) return;
    c.lastSeen = this.now();
    if (!isBinary) {
      c.close(CloseCode.UNSUPPORTED_DATA, 'binary frames only');
      return;
    }
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    // Inbound bytes over the budget: stop reading this socket until it is
    // paid off (TCP back-pressure on the flooder, nobody else waits).
    const wait = Math.max(
      c.limits!.charge(Limit.BYTES, Math.max(MIN_FRAME_COST, buf.length)),
      c.limits!.charge(Limit.FRAMES, 1),
      c.userId ? this.userLimitsOf(c.userId).charge(UserLimit.FRAMES, 1) : 0,
    );
    if (wait > 0) this.pause(c, wait);
    const f = decodeInput(buf);
    if (f.type === 'invalid') {
      c.send(encodeError(CmdType.CT_UNKNOWN, f.code, f.reason));
      return;
    }
    if (c.state !== ConnState.LOGGED_IN) {
      if (f.type === 'heartbeat') return;
      if (f.type !== 'login') {
        c.send(encodeError(CmdType.CT_UNKNOWN, Code.UNAUTHENTICATED, 'log in first'));
        return;
      }
      this.login(c, f.token, f.deviceId);
      return;
    }
    switch (f.type) {
      case 'heartbeat':
        return;
      case 'login':
        c.send(encodeError(CmdType.CT_LOGIN, Code.BAD_REQUEST, 'already logged in'));
        return;
      case 'message': {
        const clientId = f.clientId;
        if (!c.limits!.take(Limit.MESSAGES) || !this.userLimitsOf(c.userId).take(UserLimit.MESSAGES)) {
          // Transient: the client_id is not consumed; the client retransmits after a back-off.
          c.send(encodeAck(ACKType.AT_UP, clientId, 0, Code.RATE_LIMITED, 'rate limited'));
          this.o.metrics?.markUplinkRejected(Code.RATE_LIMITED);
          return;
        }
        this.o.uplink.submit(c.userId, c.deviceId, {
          clientId,
          msg: f.msg,
          reply: (o) => {
            if ('seq' in o) c.send(encodeAck(ACKType.AT_UP, clientId, o.seq));
            else c.send(encodeAck(ACKType.AT_UP, clientId, 0, o.code, o.msg));
          },
        });
        return;
      }
      case 'ack':
        if (f.ackType === ACKType.AT_PUSH) {
          if (f.seq > c.ackedSeq) c.ackedSeq = f.seq;
          this.o.tracker.ack(c, f.seq);
        } else c.send(encodeError(CmdType.CT_ACK, Code.BAD_REQUEST, 'only AT_PUSH acknowledgements are accepted'));
        return;
      case 'sync':
        if (!c.limits!.take(Limit.SYNCS)) {
          c.send(encodeError(CmdType.CT_SYNC, Code.RATE_LIMITED, 'rate limited'));
          return;
        }
        this.sync(c, f.seq, f.limit);
        return;
    }
  }

  private login(c: Connection, token: string, deviceId: string): void {
    if (!DEVICE_ID.test(deviceId)) {
      c.send(encodeError(CmdType.CT_LOGIN, Code.BAD_REQUEST, 'device_id must be 1-64 printable ASCII characters'));
      c.close(CloseCode.UNAUTHENTICATED, 'bad device_id');
      return;
    }
    this.o.tokens
      .verify(token)
      .then((claims) => {
        if (claims.userId !== c.urlUserId) throw new ChatError(Code.UNAUTHENTICATED, 'token names another user');
        return claims.userId;
      })
      .then(
        (userId) => {
          if (c.state !== ConnState.OPEN) return;
          c.userId = userId;
          c.deviceId = deviceId;
          c.state = ConnState.LOGGED_IN;
          let devices = this.users.get(userId);
          if (!devices) this.users.set(userId, (devices = new Map()));
          const old = devices.get(deviceId);
          if (!old && devices.size >= this.o.limits.maxConnectionsPerUser) {
            c.send(encodeError(CmdType.CT_LOGIN, Code.FORBIDDEN, `at most ${this.o.limits.maxConnectionsPerUser} devices may be connected`));
            c.close(CloseCode.POLICY, 'too many devices');
            if (devices.size === 0) this.users.delete(userId);
            return;
          }
          devices.set(deviceId, c);
          if (old) old.close(CloseCode.REPLACED, 'logged in elsewhere');
          // The device may come from another node: what this worker cached of its uplink may be old.
          this.o.uplink.loggedIn(userId, deviceId);
          this.o.presence.add(userId, deviceId, this.o.selfAddr).catch((err) => this.o.logger.warn({ err }, 'presence add failed'));
          c.send(encodeAck(ACKType.AT_LOGIN, 0, 0));
          this.o.metrics?.markLogin();
          this.o.logger.debug({ conn: c.id, user: userId, device: deviceId }, 'login');
        },
        () => {
          c.send(encodeError(CmdType.CT_LOGIN, Code.UNAUTHENTICATED, 'login failed'));
          c.close(CloseCode.UNAUTHENTICATED, 'login failed');
        },
      );
  }

  private sync(c: Connection, seq: number, limit: number): void {
    this.o.sync.sync(c.userId, seq, limit).then(
      (r) => {
        const messages = r.messages.map(({ seq: s, message }) => toPush(message, s));
        c.send(encodeSync(messages, r.hasMore, r.nextSeq, r.latestSeq));
      },
      (err: unknown) => {
        const code = err instanceof ChatError ? err.code : Code.UNAVAILABLE;
        c.send(encodeError(CmdType.CT_SYNC, code, err instanceof ChatError ? err.message : 'sync failed'));
      },
    );
  }

  /** the WebSocket's close listener (wsOnClose) */
  onClose(c: Connection): void {
    c.state = ConnState.CLOSED;
    this.o.tracker.drop(c);
    this.conns.delete(c);
    if (!c.userId) return;
    const devices = this.users.get(c.userId);
    if (devices?.get(c.deviceId) === c) {
      devices.delete(c.deviceId);
      if (devices.size === 0) {
        this.users.delete(c.userId);
        this.userLimits.delete(c.userId);
      }
      this.o.presence.remove(c.userId, c.deviceId, this.o.selfAddr).catch(() => undefined);
    }
  }

  /** Frames per second of one connection (and, doubled, of all of one user's devices together). */
  private get framesPerSec(): number {
    return (this.o.limits.messagesPerSec + this.o.limits.syncsPerSec) * FRAMES_PER_BUDGETED_COMMAND + 20;
  }

  private userLimitsOf(userId: number): TokenBuckets {
    let b = this.userLimits.get(userId);
    if (!b) this.userLimits.set(userId, (b = new TokenBuckets(this.userSpec, this.now)));
    return b;
  }

  /** Stops reading from the client's socket for `ms` (bounded), then resumes. */
  private pause(c: Connection, ms: number): void {
    const until = this.now() + Math.min(ms, 10_000);
    if (c.pausedUntil >= until) return;
    const first = c.pausedUntil <= this.now();
    c.pausedUntil = until;
    const socket = (c.ws as unknown as { _socket?: { pause(): void; resume(): void } })._socket;
    if (!socket || !first) return;
    socket.pause();
    const resume = () => {
      if (c.state === ConnState.CLOSED) return;
      const left = c.pausedUntil - this.now();
      if (left > 0) setTimeout(resume, left).unref();
      else socket.resume();
    };
    setTimeout(resume, until - this.now()).unref();
  }

  pushLocal(f: Fanout, route: 'local' | 'remote' = 'local'): number {
    const { userIds, seqs, push } = f;
    const tracker = this.o.tracker;
    let n = 0;
    for (let i = 0; i < userIds.length; i++) {
      const devices = this.users.get(userIds[i]!);
      if (!devices) continue;
      const seq = seqs[i]!;
      const except = userIds[i] === f.senderId ? f.senderDevice : null;
      for (const [deviceId, c] of devices) {
        if (deviceId === except) continue;
        c.sendPush(push, seq);
        tracker.track(c, seq, push);
        n++;
      }
    }
    if (n > 0 && this.o.metrics) {
      this.o.metrics.markPushes(route, n);
      if (f.sendTime) this.o.metrics.observeDeliveryLatency(this.now() - f.sendTime);
    }
    return n;
  }

  private sweepIdle(): void {
    const cutoff = this.now() - this.o.heartbeatTimeoutMs;
    for (const c of this.conns) if (c.lastSeen < cutoff) c.close(CloseCode.IDLE, 'heartbeat timeout');
  }

  private refreshPresence(): void {
    const entries: { userId: number; deviceId: string; addr: string }[] = [];
    for (const [userId, devices] of this.users) for (const deviceId of devices.keys()) entries.push({ userId, deviceId, addr: this.o.selfAddr });
    this.o.presence.refresh(entries).catch((err) => this.o.logger.warn({ err }, 'presence refresh failed'));
  }

  /** Stops accepting, tells every client (1001), removes presence. */
  async close(): Promise<void> {
    this.accepting = false;
    clearInterval(this.sweeper);
    clearInterval(this.presenceTimer);
    const removals: Promise<void>[] = [];
    for (const c of this.conns) {
      if (c.userId && c.state === ConnState.LOGGED_IN) removals.push(this.o.presence.remove(c.userId, c.deviceId, this.o.selfAddr).catch(() => undefined));
      c.close(CloseCode.GOING_AWAY, 'server shutting down');
    }
    await Promise.all(removals);
    this.wss.close();
  }
}

export function toPush(m: StoredMessage, seq: number): PushMessage {
  return {
    sessionType: m.sessionType,
    receiverId: m.receiverId,
    senderId: m.senderId,
    messageType: m.messageType,
    content: m.content,
    seq,
    sendTime: m.sendTime,
    msgId: m.msgId,
  };
}
