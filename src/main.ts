// Entry point: `node dist/src/main.js [--config FILE]`. The primary forks
// one worker per core (`workers`); each worker runs the gateway and logic.
import cluster from 'node:cluster';
import { ConfigError, configFileFromArgv, loadConfig } from './config/load.js';
import { runPrimary } from './cluster/primary.js';
import { runWorker } from './cluster/worker-main.js';
import { createLogger, wantsPretty } from './log.js';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = loadConfig(configFileFromArgv(process.argv));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`gochat: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(cfg.log.level, { node: cfg.node_id }, { pretty: wantsPretty(cfg.log.pretty) });
  if (!cluster.isPrimary) {
    await runWorker(cfg, logger);
    return;
  }
  const primary = await runPrimary(cfg, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), cfg.shutdown_timeout + 5000).unref();
    primary.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`gochat: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
