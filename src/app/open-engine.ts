// Engine selection: which set of backends the configuration asks for.
import type { Config } from '../config/schema.js';
import type { Discovery } from '../discovery/discovery.js';
import { EtcdDiscovery } from '../discovery/discovery-etcd.js';
import type { Logger } from '../log.js';
import { ensureDatabase } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import type { Engine } from './engine.js';
import { openClusterEngine } from './engine-cluster.js';

/** Opens the engine the configuration selects (one per worker). */
export async function openEngine(cfg: Config, log: Logger): Promise<Engine> {
  return openClusterEngine(cfg, log);
}

/** Creates the database and applies migrations once, before workers start (the primary calls it). */
export async function prepareStorage(cfg: Config, log: Logger): Promise<void> {
  await ensureDatabase(cfg.mysql.url);
  const applied = await migrate(cfg.mysql.url);
  if (applied.length) log.info({ applied }, 'schema migrated');
}

/** The node registry the configuration names, or null for a single node. */
export function openRegistry(cfg: Config, log: Logger): Discovery | null {
  return cfg.etcd.endpoints.length
    ? new EtcdDiscovery({ endpoints: cfg.etcd.endpoints, prefix: cfg.prefix, ttlSeconds: Math.round(cfg.etcd.lease_ttl / 1000), logger: log })
    : null;
}
