// Composes the conversation-state commands (DESIGN.md §6a) of one worker
// from their services: read state and receipts, conversations, typing,
// friends' presence. The gateway calls ChatCommands; SessionEvents tell
// the friends' presence when devices come and go.
import type { ChatCommands, SessionEvents, Signals } from '../chat/commands.js';
import { FriendPresence } from '../chat/friend-presence.js';
import { TypingRelay } from '../chat/typing.js';
import type { Config } from '../config/schema.js';
import { ChatError, Code } from '../errors.js';
import { encodePresence, encodeTyping } from '../gateway/codec.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Engine } from './engine.js';

export interface ChatCommandDeps {
  engine: Engine;
  signals: Signals;
  cfg: Config;
  logger: Logger;
  metrics?: Metrics;
  now?: () => number;
}

export interface ChatCommandSet {
  commands: ChatCommands;
  sessions: SessionEvents;
  /** the friends' presence (also read by GET /api/friends) */
  friendPresence: FriendPresence;
  /** stops timers (pending offline announcements) */
  close(): void;
}

/** Every worker sweeps expired presence marks (users of a dead node) this often, at least every offline delay. */
const PRESENCE_SWEEP_MAX_MS = 5000;

const notYet = (what: string) => Promise.reject(new ChatError(Code.BAD_REQUEST, `${what} is not supported by this server`));

export function buildChatCommands(d: ChatCommandDeps): ChatCommandSet {
  const { engine, signals, cfg, logger, metrics, now } = d;
  const friendPresence = new FriendPresence({
    presence: engine.presence,
    // One indexed read per transition or query: no cache, so a new friendship counts at once.
    friendsOf: async (userId) => (await engine.accounts.listFriends(userId)).map((u) => u.userId),
    signals,
    encode: encodePresence,
    offlineDelayMs: cfg.presence.offline_delay,
    sweepEveryMs: Math.max(100, Math.min(PRESENCE_SWEEP_MAX_MS, cfg.presence.offline_delay)),
    now,
    onError: (err, what) => logger.warn({ err }, `friends' presence: ${what} failed`),
  });
  const typing = new TypingRelay({
    directory: engine.directory,
    signals,
    encode: encodeTyping,
    metrics,
    now,
    onError: (err) => logger.debug({ err }, 'typing dropped: directory lookup failed'),
  });
  return {
    commands: {
      read: () => notYet('CT_READ'),
      typing: (userId, deviceId, m) => typing.typing(userId, deviceId, m),
      friendsPresence: (userId) => friendPresence.friendsPresence(userId),
      conversations: () => notYet('CT_CONVERSATIONS'),
    },
    sessions: friendPresence,
    friendPresence,
    close: () => friendPresence.close(),
  };
}
