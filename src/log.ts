import { pino, type Logger } from 'pino';
import type { LogLevel } from './config/schema.js';

export type { Logger };

/**
 * The root logger. Fields that could carry secrets or message content are
 * redacted wherever they appear; never log a token, password or content.
 */
export function createLogger(level: LogLevel, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { pid: process.pid, ...base },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'content', '*.content', 'authorization', '*.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
