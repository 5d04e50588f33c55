// Engine selection: which set of backends the configuration asks for
// (cfg.engine, resolved from `engine` and the service URLs set; load.ts).
import cluster from 'node:cluster';
import { workerEngineChannel } from '../cluster/engine-channel.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Engine } from './engine.js';
import { openClusterEngine } from './engine-cluster.js';
import { openEmbeddedEngine, openEmbeddedHost, type EmbeddedHost } from './engine-embedded.js';

/** Opens the engine the configuration selects (one per worker). */
export async function openEngine(cfg: Config, log: Logger): Promise<Engine> {
  log.debug({ engine: cfg.engine, reason: cfg.engine_reason }, 'opening engine');
  if (cfg.engine === 'embedded') {
    // A worker forked by the primary shares the node-wide state the primary
    // holds (openEngineHost); a worker started on its own holds it itself.
    return openEmbeddedEngine(cfg, log, cluster.isWorker ? workerEngineChannel() : null);
  }
  return openClusterEngine(cfg, log);
}

/**
 * What the primary holds for its workers: for the embedded engine, the
 * node-wide seq allocator and presence; nothing for the cluster engine (Redis
 * holds it). Logs which engine runs and why.
 */
export async function openEngineHost(cfg: Config, log: Logger): Promise<EmbeddedHost | null> {
  const where = cfg.engine === 'embedded' ? { file: cfg.sqlite.path } : {};
  log.info({ engine: cfg.engine, reason: cfg.engine_reason, ...where }, `engine=${cfg.engine}: ${cfg.engine_reason}`);
  if (cfg.engine !== 'embedded') return null;
  if (cfg.etcd.endpoints.length) log.warn('etcd.endpoints ignored: the embedded engine runs a single node');
  return openEmbeddedHost(cfg, log);
}
