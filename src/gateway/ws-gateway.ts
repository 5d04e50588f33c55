// The WebSocket gateway on /ws (DESIGN.md §6): token before the upgrade,
// CT_LOGIN with device_id, heartbeats, binary frames only, a frame size
// limit, OutputBatch downlink frames. This file wires the parts and delivers
// pushes to local devices: the upgrade is upgrade.ts, frames dispatch.ts,
// budgets limits.ts, the connection table registry.ts, idle sweeping and
// presence refresh housekeeping.ts, one connection connection.ts.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { TokenClaims, TokenService } from '../auth/token.js';
import type { ChatCommands, SessionEvents } from '../chat/commands.js';
import type { SyncService } from '../chat/sync.js';
import type { Fanout, LocalPushSink } from '../chat/types.js';
import type { UplinkSequencer } from '../chat/uplink.js';
import type { Logger } from '../log.js';
import type { PushTracker } from '../delivery/push-tracker.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import { encodeQueued } from './codec.js';
import { CloseCode, ConnState, Connection, FlushScheduler } from './connection.js';
import { FrameDispatcher } from './dispatch.js';
import { Housekeeping } from './housekeeping.js';
import { GatewayBudgets, type GatewayLimits } from './limits.js';
import { ConnectionRegistry } from './registry.js';
import { UpgradeHandler } from './upgrade.js';

/** How long a shutdown waits for a client to answer its 1001 before cutting the socket off. */
const SHUTDOWN_CLOSE_GRACE_MS = 2000;

export { toPush } from './dispatch.js';
export type { GatewayLimits } from './limits.js';

export interface GatewayOptions {
  tokens: TokenService;
  uplink: UplinkSequencer;
  sync: SyncService;
  /** CT_READ, CT_TYPING, CT_PRESENCE, CT_CONVERSATIONS (DESIGN.md §6a) */
  commands: ChatCommands;
  /** CT_CONVERSATIONS limit: 0 → default, capped at max */
  conversationsLimit: { default: number; max: number };
  /** told when a device's presence entry was added or removed (friends' presence) */
  sessions?: SessionEvents;
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
  private readonly registry = new ConnectionRegistry();
  private readonly budgets: GatewayBudgets;
  private readonly upgrades: UpgradeHandler;
  private readonly dispatcher: FrameDispatcher;
  private readonly housekeeping: Housekeeping;
  private nextId = 1;
  private accepting = true;
  private readonly now: () => number;

  constructor(private readonly o: GatewayOptions) {
    const now = (this.now = o.now ?? Date.now);
    const registry = this.registry;
    this.budgets = new GatewayBudgets(o.limits, now);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
    this.upgrades = new UpgradeHandler({
      wss: this.wss,
      tokens: o.tokens,
      allowedOrigins: o.limits.allowedOrigins,
      acceptsUser: o.acceptsUser,
      accepting: () => this.accepting,
      onOpen: (ws, userId) => this.onOpen(ws, userId),
      now,
    });
    const { tokens, uplink, sync, commands, conversationsLimit, sessions, presence, selfAddr, tracker, metrics, logger } = o;
    const maxConnectionsPerUser = o.limits.maxConnectionsPerUser;
    this.dispatcher = new FrameDispatcher({ tokens, uplink, sync, commands, conversationsLimit, sessions, presence, selfAddr, tracker, metrics, logger, maxConnectionsPerUser, registry, budgets: this.budgets, now });
    this.housekeeping = new Housekeeping({ registry, presence, selfAddr, heartbeatTimeoutMs: o.heartbeatTimeoutMs, logger, now });
  }

  /** Logged-in connections on this worker. */
  get connectionCount(): number {
    return this.registry.loggedInCount;
  }

  /** Up to `max` logged-in user ids (diagnostics). */
  userIds(max: number): number[] {
    return this.registry.userIds(max);
  }

  /** The primary verified this socket's /ws token (cluster hand-off): its upgrade needs no second check. */
  handedOff(socket: object, claims: TokenClaims): void {
    this.upgrades.handedOff(socket, claims);
  }

  /** Serves upgrades on `server` (GET /ws?token=…). */
  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
  }

  /** Checks the token before upgrading; 401 without one. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrades.handle(req, socket, head);
  }

  private onOpen(ws: WebSocket, urlUserId: number): void {
    const c = new Connection(this.nextId++, ws, urlUserId, this.flusher, encodeQueued, this.now(), this.o.maxSendQueueBytes);
    c.limits = this.budgets.forConnection();
    this.registry.open.add(c);
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
    this.dispatcher.onFrame(c, data, isBinary);
  }

  /** the WebSocket's close listener (wsOnClose) */
  onClose(c: Connection): void {
    c.state = ConnState.CLOSED;
    this.o.tracker.drop(c);
    const removed = this.registry.remove(c);
    if (removed === 'none') return;
    if (removed === 'user') this.budgets.forgetUser(c.userId);
    this.removePresence(c.userId, c.deviceId);
  }

  private removePresence(userId: number, deviceId: string): Promise<void> {
    return this.o.presence.remove(userId, deviceId, this.o.selfAddr).then(
      () => this.o.sessions?.offline(userId, deviceId),
      () => undefined,
    );
  }

  /**
   * Writes an ephemeral Output (DESIGN.md §6a: read state, receipt, typing,
   * presence) to every local device of `userIds` except `exceptDevice` of
   * `exceptUser`: once, untracked. Returns the devices written to.
   */
  signalLocal(userIds: ArrayLike<number>, output: Uint8Array, exceptUser = 0, exceptDevice = ''): number {
    let n = 0;
    for (let i = 0; i < userIds.length; i++) {
      const u = userIds[i]!;
      const devices = this.registry.devicesOf(u);
      if (!devices) continue;
      for (const [deviceId, c] of devices) {
        if (u === exceptUser && deviceId === exceptDevice) continue;
        c.send(output);
        n++;
      }
    }
    return n;
  }

  pushLocal(f: Fanout, route: 'local' | 'remote' = 'local'): number {
    const { userIds, seqs, push } = f;
    const tracker = this.o.tracker;
    let n = 0;
    for (let i = 0; i < userIds.length; i++) {
      const devices = this.registry.devicesOf(userIds[i]!);
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

  /**
   * Writes every device here into presence again, then tells the session
   * events each is online: after other nodes took this one for gone (its
   * registry entry lapsed) and evicted its presence, pushes find its
   * devices again and friends hear that users whose marks were cleared are
   * online (a user still marked is not announced again).
   */
  async reassertPresence(): Promise<void> {
    await this.housekeeping.refreshPresence();
    for (const { userId, deviceId } of this.registry.devices()) this.o.sessions?.online(userId, deviceId);
  }

  /**
   * Stops accepting, tells every client (1001), removes presence, and
   * resolves once every socket is closed: a client that does not answer the
   * closing handshake within SHUTDOWN_CLOSE_GRACE_MS is cut off, so it holds
   * the shutdown no longer than that (the HTTP server's close waits for it).
   */
  async close(): Promise<void> {
    this.accepting = false;
    this.housekeeping.stop();
    const pending: Promise<void>[] = [];
    for (const c of this.registry.open) {
      if (c.userId && c.state === ConnState.LOGGED_IN) pending.push(this.removePresence(c.userId, c.deviceId));
      pending.push(c.closeWithin(CloseCode.GOING_AWAY, 'server shutting down', SHUTDOWN_CLOSE_GRACE_MS));
    }
    await Promise.all(pending);
    this.wss.close();
  }
}
