import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/schema.js';

export type { Logger };

export interface LogOptions {
  /**
   * Human-readable lines (pino-pretty) instead of JSON: true when asked
   * (`log.pretty`) or when stdout is a terminal. pino-pretty is a development
   * dependency: where it is not installed the logger writes JSON and says so
   * once on stderr.
   */
  pretty?: boolean;
}

/** Whether logs are pretty-printed: asked for, or stdout is a terminal. */
export function wantsPretty(configured: boolean, stdoutIsTty = process.stdout.isTTY === true): boolean {
  return configured || stdoutIsTty;
}

/** pino-pretty as a synchronous stream on stdout (no transport thread), or null when it is not installed. */
function prettyStream(): DestinationStream | null {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
    return pretty({ sync: true, colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'hostname', singleLine: true });
  } catch {
    process.stderr.write('gochat: pino-pretty is not installed (a development dependency): logging JSON\n');
    return null;
  }
}

/**
 * The root logger. Fields that could carry secrets or message content are
 * redacted wherever they appear; never log a token, password or content.
 */
export function createLogger(level: LogLevel, base: Record<string, unknown> = {}, opts: LogOptions = {}): Logger {
  const options = {
    level,
    base: { pid: process.pid, ...base },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'content', '*.content', 'authorization', '*.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  const stream = opts.pretty ? prettyStream() : null;
  return stream ? pino(options, stream) : pino(options);
}
