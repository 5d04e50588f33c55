// Composes the conversation-state commands (DESIGN.md §6a) of one worker
// from their services: read state and receipts, conversations, typing,
// friends' presence. The gateway calls ChatCommands; SessionEvents tell
// the friends' presence when devices come and go.
import type { ChatCommands, SessionEvents, Signals } from '../chat/commands.js';
import type { Config } from '../config/schema.js';
import { ChatError, Code } from '../errors.js';
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
  /** stops timers (pending offline announcements) */
  close(): void;
}

const notYet = (what: string) => Promise.reject(new ChatError(Code.BAD_REQUEST, `${what} is not supported by this server`));

export function buildChatCommands(_d: ChatCommandDeps): ChatCommandSet {
  return {
    commands: {
      read: () => notYet('CT_READ'),
      typing: () => undefined,
      friendsPresence: () => notYet('CT_PRESENCE'),
      conversations: () => notYet('CT_CONVERSATIONS'),
    },
    sessions: { online: () => undefined, offline: () => undefined },
    close: () => undefined,
  };
}
