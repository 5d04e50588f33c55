// Composes the conversation-state commands (DESIGN.md §6a) of one worker
// from their services: read state and receipts, conversations, typing,
// friends' presence. The gateway calls ChatCommands; SessionEvents tell
// the friends' presence when devices come and go.
import type { ChatCommands, SessionEvents, Signals } from '../chat/commands.js';
import { ReadService } from '../chat/reads.js';
import type { Config } from '../config/schema.js';
import { ChatError, Code } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { encodeRead } from '../gateway/codec.js';
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
  /** stops timers (pending offline announcements) */
  close(): void;
}

const notYet = (what: string) => Promise.reject(new ChatError(Code.BAD_REQUEST, `${what} is not supported by this server`));

export function buildChatCommands(d: ChatCommandDeps): ChatCommandSet {
  const { engine } = d;
  const reads = new ReadService({
    conversations: engine.conversations,
    store: engine.store,
    directory: engine.directory,
    seqs: engine.seqs,
    signals: d.signals,
    encodeRead,
    // A receipt waits for the rows read to be persisted at most as long as sync waits for a gap.
    receiptWaitMs: d.cfg.sync.gap_timeout,
    logger: d.logger,
    now: d.now,
  });
  return {
    commands: {
      read: (userId, deviceId, m) => reads.read(userId, deviceId, m),
      typing: () => undefined,
      friendsPresence: () => notYet('CT_PRESENCE'),
      conversations: (userId, limit) => reads.conversations(userId, limit),
    },
    sessions: { online: () => undefined, offline: () => undefined },
    close: () => reads.close(),
  };
}
