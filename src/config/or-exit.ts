// How a command-line entry point (main.ts, store/migrate-cli.ts) meets a
// configuration error: its message on stderr and exit code 2, no stack.
import { ConfigError } from './load.js';

/** Runs `step`; a configuration error ends the process with its message (exit code 2). */
export function orExit<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`gochat: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
