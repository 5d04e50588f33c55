import { Etcd3, type Lease, type Watcher } from 'etcd3';
import type { Logger } from '../log.js';
import type { Discovery, NodeDirectory, NodeInfo, NodeRegistration } from './discovery.js';

export interface EtcdDiscoveryOptions {
  endpoints: string[];
  /** key prefix; nodes live under `${prefix}/nodes/` */
  prefix: string;
  /** lease TTL in seconds */
  ttlSeconds: number;
  logger: Logger;
}

const RETRY_MS = 1000;

/** Parses a registry value; null for anything that is not a NodeInfo. */
export function parseNodeInfo(raw: string): NodeInfo | null {
  try {
    const v = JSON.parse(raw) as Partial<NodeInfo>;
    if (typeof v.node_id !== 'string' || typeof v.ws_url !== 'string' || !Array.isArray(v.rpc)) return null;
    return {
      node_id: v.node_id,
      ws_url: v.ws_url,
      http_url: String(v.http_url ?? ''),
      rpc: v.rpc.filter((x): x is string => typeof x === 'string'),
      connections: Number(v.connections) || 0,
      load: Number(v.load) || 0,
      updated_at: Number(v.updated_at) || 0,
    };
  } catch {
    return null;
  }
}

/** etcd registry: one key per node under a lease; every node watches the prefix. */
export class EtcdDiscovery implements Discovery {
  private readonly client: Etcd3;
  private readonly dir: string;
  /** stops the keep-alives of each live registration (close() without revoking) */
  private readonly releases = new Set<() => void>();

  constructor(private readonly o: EtcdDiscoveryOptions) {
    this.client = new Etcd3({ hosts: o.endpoints.map((e) => (e.includes('://') ? e : `http://${e}`)), dialTimeout: 3000 });
    this.dir = `${o.prefix}/nodes/`;
  }

  async register(info: NodeInfo): Promise<NodeRegistration> {
    const key = this.dir + info.node_id;
    const log = this.o.logger;
    let value = JSON.stringify(info);
    let lease: Lease | null = null;
    let closed = false;
    const renewed: (() => void)[] = [];
    const grant = async (): Promise<void> => {
      const l = this.client.lease(this.o.ttlSeconds, { autoKeepAlive: true });
      l.on('lost', (err) => {
        if (closed || lease !== l) return;
        log.warn({ err: err.message }, 'etcd lease lost; registering again');
        const retry = () => {
          if (closed) return;
          grant().then(
            () => {
              log.warn({ node: info.node_id }, 'registered in etcd again');
              for (const fn of renewed) fn();
            },
            () => setTimeout(retry, RETRY_MS).unref(),
          );
        };
        retry();
      });
      lease = l;
      await l.put(key).value(value);
    };
    const release = () => {
      closed = true;
      lease?.release();
    };
    this.releases.add(release);
    await grant();
    return {
      update: async (next) => {
        value = JSON.stringify(next);
        if (lease && !closed) await lease.put(key).value(value);
      },
      onRenewed: (fn) => void renewed.push(fn),
      close: async () => {
        if (closed) return;
        closed = true;
        this.releases.delete(release);
        await lease?.revoke().catch(() => undefined);
      },
    };
  }

  async watch(): Promise<NodeDirectory> {
    const nodes = new Map<string, NodeInfo>();
    const listeners: ((n: NodeInfo[], removed: NodeInfo[]) => void)[] = [];
    const notify = (removed: NodeInfo[]) => {
      const list = [...nodes.values()];
      for (const fn of listeners) fn(list, removed);
    };
    const resync = async () => {
      const all = await this.client.getAll().prefix(this.dir).strings();
      const seen = new Set<string>();
      for (const [k, v] of Object.entries(all)) {
        const info = parseNodeInfo(v);
        if (!info) continue;
        seen.add(k);
        nodes.set(k, info);
      }
      const removed: NodeInfo[] = [];
      for (const [k, v] of nodes) if (!seen.has(k)) (nodes.delete(k), removed.push(v));
      notify(removed);
    };
    await resync();
    const watcher: Watcher = await this.client.watch().prefix(this.dir).create();
    watcher.on('put', (kv) => {
      const info = parseNodeInfo(kv.value.toString());
      if (!info) return;
      nodes.set(kv.key.toString(), info);
      notify([]);
    });
    watcher.on('delete', (kv) => {
      const k = kv.key.toString();
      const old = nodes.get(k);
      nodes.delete(k);
      notify(old ? [old] : []);
    });
    // After a reconnect, events may have been missed: list again.
    watcher.on('connected', () => void resync().catch(() => undefined));
    watcher.on('error', (err) => this.o.logger.warn({ err: (err as Error).message }, 'etcd watch error'));
    return {
      nodes: () => [...nodes.values()],
      onChange: (fn) => void listeners.push(fn),
      close: async () => {
        await watcher.cancel().catch(() => undefined);
      },
    };
  }

  /** Registrations not closed stop their keep-alives and expire with their lease, as if the process had died. */
  async close(): Promise<void> {
    for (const release of this.releases) release();
    this.releases.clear();
    this.client.close();
  }
}
