// The node registry (etcd) a cluster engine with several nodes uses.
import type { Config } from '../config/schema.js';
import type { Discovery } from '../discovery/discovery.js';
import { EtcdDiscovery } from '../discovery/discovery-etcd.js';
import type { Logger } from '../log.js';

/** The node registry the configuration names, or null for a single node (always, with the embedded engine). */
export function openRegistry(cfg: Config, log: Logger): Discovery | null {
  return cfg.engine === 'cluster' && cfg.etcd.endpoints.length
    ? new EtcdDiscovery({ endpoints: cfg.etcd.endpoints, prefix: cfg.prefix, ttlSeconds: Math.round(cfg.etcd.lease_ttl / 1000), logger: log })
    : null;
}
