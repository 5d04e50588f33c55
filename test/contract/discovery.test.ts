// The discovery contract against etcd (the only implementation: a single
// node runs with no registry at all), each test on its own key prefix.
import { Etcd3 } from 'etcd3';
import { afterAll } from 'vitest';
import { EtcdDiscovery } from '../../src/discovery/discovery-etcd.js';
import { createLogger } from '../../src/log.js';
import { uniqueName } from '../support/env.js';
import { ETCD_ENDPOINT } from '../support/scenarios.js';
import { discoveryContract } from './discovery.suite.js';

const prefixes: string[] = [];
const logger = createLogger('silent');

discoveryContract('etcd', () => {
  const prefix = uniqueName('disc');
  prefixes.push(prefix);
  return {
    open: () => new EtcdDiscovery({ endpoints: [ETCD_ENDPOINT], prefix, ttlSeconds: 2, logger }),
    leaseMs: 2000,
    lapse: async (id) => {
      const etcd = new Etcd3({ hosts: `http://${ETCD_ENDPOINT}`, dialTimeout: 3000 });
      try {
        const kv = (await etcd.get(`${prefix}/nodes/${id}`).exec()).kvs[0];
        if (!kv) throw new Error(`${id} is not registered`);
        await etcd.leaseClient.leaseRevoke({ ID: kv.lease });
      } finally {
        etcd.close();
      }
    },
  };
});

afterAll(async () => {
  const etcd = new Etcd3({ hosts: `http://${ETCD_ENDPOINT}`, dialTimeout: 3000 });
  for (const p of prefixes) await etcd.delete().prefix(`${p}/`);
  etcd.close();
});
