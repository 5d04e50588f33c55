// Entry point: `node dist/src/main.js [--config FILE]`. The primary forks
// one worker per core (`workers`); each worker runs the gateway and logic.
import cluster from 'node:cluster';
import { configFileFromArgv, loadConfig } from './config/load.js';
import { orExit } from './config/or-exit.js';
import { runPrimary } from './cluster/primary.js';
import { runWorker } from './cluster/worker-main.js';
import { resolveJwtSecret } from './config/secret-file.js';
import { createLogger, wantsPretty } from './log.js';

async function main(): Promise<void> {
  const loaded = orExit(() => loadConfig(configFileFromArgv(process.argv)));
  const logger = createLogger(loaded.log.level, { node: loaded.node_id }, { pretty: wantsPretty(loaded.log.pretty) });
  if (!cluster.isPrimary) {
    // the primary resolved the signing secret and passed it on (cluster/primary.ts)
    await runWorker(loaded, logger);
    return;
  }
  // once per node, before any worker exists: the configured secret, or the one kept in data_dir
  const cfg = orExit(() => resolveJwtSecret(loaded, logger));
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
