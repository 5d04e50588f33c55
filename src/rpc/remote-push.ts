// Routes pushes to devices on other workers and nodes: one presence lookup
// for every recipient of a tick, then one gRPC call per target worker.
import type { RemotePush } from '../chat/pipeline.js';
import type { OutgoingPush } from '../chat/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { DeliveryClientPool, RemotePushItem } from './delivery.js';

export interface RemotePushStats {
  calls: number;
  failures: number;
  items: number;
  /** pushes not sent because presence named an address no live node has (a dead node's leftovers) */
  deadAddress: number;
}

export class RpcRemotePush implements RemotePush {
  readonly stats: RemotePushStats = { calls: 0, failures: 0, items: 0, deadAddress: 0 };

  constructor(
    private readonly presence: Presence,
    private readonly pool: DeliveryClientPool,
    private readonly selfAddr: () => string,
    private readonly logger: Logger,
    /** whether an address belongs to a live node (from discovery); absent = trust presence */
    private readonly isLive?: (addr: string) => boolean,
    private readonly metrics?: Metrics,
  ) {}

  pushRemote(items: OutgoingPush[]): void {
    const users = [...new Set(items.map((i) => i.userId))];
    this.presence.lookup(users).then(
      (where) => this.send(items, where),
      (err) => this.logger.warn({ err }, 'presence lookup failed; remote devices will sync'),
    );
  }

  private send(items: OutgoingPush[], where: Map<number, { deviceId: string; addr: string }[]>): void {
    const self = this.selfAddr();
    const perAddr = new Map<string, RemotePushItem[]>();
    for (const it of items) {
      const entries = where.get(it.userId);
      if (!entries) continue;
      let output: Uint8Array | null = null;
      const seen = new Set<string>();
      for (const e of entries) {
        // Only addresses holding a device that should get the push.
        if (e.addr === self || seen.has(e.addr) || e.deviceId === it.exceptDevice) continue;
        seen.add(e.addr);
        output ??= it.push.output(it.seq);
        let list = perAddr.get(e.addr);
        if (!list) perAddr.set(e.addr, (list = []));
        list.push({ userId: it.userId, exceptDevice: it.exceptDevice ?? '', seq: it.seq, output, sendTime: it.sendTime });
      }
    }
    for (const [addr, pushes] of perAddr) {
      if (this.isLive && !this.isLive(addr)) {
        // Fail fast: the node is gone; the messages are in the inbox and its devices will sync.
        this.stats.deadAddress += pushes.length;
        this.metrics?.markDeadAddress(pushes.length);
        continue;
      }
      this.stats.calls++;
      this.stats.items += pushes.length;
      const started = performance.now();
      this.pool.push(addr, pushes).then(
        () => this.metrics?.observeRpc(true, performance.now() - started),
        (err) => {
        // The messages are durable in the inbox; the devices will sync.
        this.metrics?.observeRpc(false, performance.now() - started);
        this.stats.failures++;
        this.logger.debug({ addr, err: (err as Error).message }, 'remote push failed');
      });
    }
  }
}
