// Composes the conversation-state commands (DESIGN.md §6a) of one worker
// from their services: read state and receipts, conversations, typing,
// friends' presence. The gateway calls ChatCommands; SessionEvents tell
// the friends' presence when devices come and go.
import type { ChatCommands, SessionEvents, Signals } from '../chat/commands.js';
import { FriendPresence } from '../chat/friend-presence.js';
import { ReadService } from '../chat/reads.js';
import { TypingRelay } from '../chat/typing.js';
import type { Config } from '../config/schema.js';
import { encodePresence, encodeRead, encodeTyping } from '../gateway/codec.js';
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

export function buildChatCommands(d: ChatCommandDeps): ChatCommandSet {
  const { engine, signals, cfg, logger, metrics, now } = d;
  const reads = new ReadService({
    conversations: engine.conversations,
    store: engine.store,
    directory: engine.directory,
    seqs: engine.seqs,
    signals,
    encodeRead,
    // A receipt waits for the rows read to be persisted at most as long as sync waits for a gap.
    receiptWaitMs: cfg.sync.gap_timeout,
    logger,
    now,
  });
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
    onEvicted: (addrs, announced) => logger.info({ addrs, announced }, "friends' presence: a gone node's entries evicted"),
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
      read: (userId, deviceId, m) => reads.read(userId, deviceId, m),
      typing: (userId, deviceId, m) => typing.typing(userId, deviceId, m),
      friendsPresence: (userId) => friendPresence.friendsPresence(userId),
      conversations: (userId, limit) => reads.conversations(userId, limit),
    },
    sessions: friendPresence,
    friendPresence,
    close: () => {
      reads.close();
      friendPresence.close();
    },
  };
}
