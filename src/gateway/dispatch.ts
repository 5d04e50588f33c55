// What the gateway does with each inbound frame of a connection (DESIGN.md
// §6): binary frames only, the byte and frame budgets, decoding, login
// first, then UpMsg to the uplink sequencer, AT_PUSH to the push tracker,
// CT_SYNC to the sync service, the conversation-state commands (§6a) to
// ChatCommands.
import type { RawData } from 'ws';
import type { TokenService } from '../auth/token.js';
import { ChatError, Code } from '../errors.js';
import type { ChatCommands, SessionEvents } from '../chat/commands.js';
import type { SyncService } from '../chat/sync.js';
import type { PushMessage } from '../chat/types.js';
import type { UplinkSequencer } from '../chat/uplink.js';
import type { PushTracker } from '../delivery/push-tracker.js';
import type { Logger } from '../log.js';
import type { CommandName, Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { StoredMessage } from '../store/types.js';
import { ACKType, CmdType, decodeInput, encodeAck, encodeConversations, encodeError, encodeOutput, encodePresence, encodeSync } from './codec.js';
import { CloseCode, ConnState, type Connection } from './connection.js';
import { pauseReading, type GatewayBudgets } from './limits.js';
import type { ConnectionRegistry } from './registry.js';

const DEVICE_ID = /^[\x21-\x7e]{1,64}$/;

export interface DispatchOptions {
  tokens: TokenService;
  uplink: UplinkSequencer;
  sync: SyncService;
  /** CT_READ, CT_TYPING, CT_PRESENCE, CT_CONVERSATIONS */
  commands: ChatCommands;
  /** CT_CONVERSATIONS limit: 0 → default, capped at max */
  conversationsLimit: { default: number; max: number };
  /** told when a device's presence entry was added (friends' presence) */
  sessions?: SessionEvents;
  presence: Presence;
  /** this worker's rpc address, recorded in presence */
  selfAddr: string;
  tracker: PushTracker;
  metrics?: Metrics;
  maxConnectionsPerUser: number;
  logger: Logger;
  registry: ConnectionRegistry;
  budgets: GatewayBudgets;
  now: () => number;
}

export class FrameDispatcher {
  constructor(private readonly o: DispatchOptions) {}

  /** One inbound WebSocket frame of `c`. */
  onFrame(c: Connection, data: RawData, isBinary: boolean): void {
    if (c.state === ConnState.CLOSED) return;
    c.lastSeen = this.o.now();
    if (!isBinary) {
      c.close(CloseCode.UNSUPPORTED_DATA, 'binary frames only');
      return;
    }
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    // Inbound bytes over the budget: stop reading this socket until it is
    // paid off (TCP back-pressure on the flooder, nobody else waits).
    const wait = this.o.budgets.chargeFrame(c, buf.length);
    if (wait > 0) pauseReading(c, wait, this.o.now);
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
        if (!this.o.budgets.takeMessage(c)) {
          // Transient: the client_id is not consumed; the client retransmits after a back-off.
          c.send(encodeAck(ACKType.AT_UP, clientId, 0, Code.RATE_LIMITED, 'rate limited'));
          this.o.metrics?.markUplinkRejected(Code.RATE_LIMITED);
          return;
        }
        this.o.uplink.submit(c.userId, c.deviceId, {
          clientId,
          msg: f.msg,
          reply: (o) => {
            if ('seq' in o) c.send(encodeAck(ACKType.AT_UP, clientId, o.seq, 0, '', o.msgId));
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
        if (!this.o.budgets.takeSync(c)) {
          c.send(encodeError(CmdType.CT_SYNC, Code.RATE_LIMITED, 'rate limited'));
          return;
        }
        this.sync(c, f.seq, f.limit);
        return;
      case 'read':
      case 'typing':
      case 'presence':
      case 'conversations':
        this.command(c, f);
        return;
    }
  }

  /** The conversation-state commands (DESIGN.md §6a): one budget for all; typing is never answered. */
  private command(c: Connection, f: Extract<ReturnType<typeof decodeInput>, { type: CommandName }>): void {
    const started = performance.now();
    const cmd = CMD_TYPE[f.type];
    const m = this.o.metrics;
    if (!this.o.budgets.takeCommand(c)) {
      m?.observeCommand(f.type, Code.RATE_LIMITED, 0);
      if (f.type !== 'typing') c.send(encodeError(cmd, Code.RATE_LIMITED, 'rate limited'));
      return;
    }
    const commands = this.o.commands;
    let answer: Promise<Uint8Array>;
    switch (f.type) {
      case 'typing':
        commands.typing(c.userId, c.deviceId, f);
        return;
      case 'read':
        answer = commands.read(c.userId, c.deviceId, f).then(() => encodeOutput(cmd, 0, ''));
        break;
      case 'presence':
        answer = commands.friendsPresence(c.userId).then(encodePresence);
        break;
      case 'conversations': {
        const { default: def, max } = this.o.conversationsLimit;
        const limit = f.limit === 0 ? def : Math.min(f.limit, max);
        answer = commands.conversations(c.userId, limit).then(encodeConversations);
        break;
      }
    }
    answer.then(
      (out) => {
        c.send(out);
        m?.observeCommand(f.type, 0, performance.now() - started);
      },
      (err: unknown) => {
        const code = err instanceof ChatError ? err.code : Code.UNAVAILABLE;
        if (code === Code.UNAVAILABLE) this.o.logger.warn({ err, command: f.type }, 'command failed');
        c.send(encodeError(cmd, code, err instanceof ChatError ? err.message : `${f.type} failed`));
        m?.observeCommand(f.type, code, performance.now() - started);
      },
    );
  }

  /**
   * CT_LOGIN: the token must name the user of the URL token. A second login
   * of the same (user, device) replaces the older connection; past
   * maxConnectionsPerUser devices the login is refused (code 3).
   */
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
          const max = this.o.maxConnectionsPerUser;
          const old = this.o.registry.login(c, userId, deviceId, max);
          if (old === 'full') {
            c.send(encodeError(CmdType.CT_LOGIN, Code.FORBIDDEN, `at most ${max} devices may be connected`));
            c.close(CloseCode.POLICY, 'too many devices');
            return;
          }
          if (old) old.close(CloseCode.REPLACED, 'logged in elsewhere');
          // The device may come from another node: what this worker cached of its uplink may be old.
          this.o.uplink.loggedIn(userId, deviceId);
          this.o.presence.add(userId, deviceId, this.o.selfAddr).then(
            () => this.o.sessions?.online(userId, deviceId),
            (err) => this.o.logger.warn({ err }, 'presence add failed'),
          );
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
}

const CMD_TYPE: Record<CommandName, number> = {
  read: CmdType.CT_READ,
  typing: CmdType.CT_TYPING,
  presence: CmdType.CT_PRESENCE,
  conversations: CmdType.CT_CONVERSATIONS,
};

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
