// Routes pushes to devices on other workers and nodes: one presence lookup
// for every recipient of a tick, then one gRPC stream write per target
// worker and lane (a big group's fan-out on the bulk stream, the rest on the
// fast one; see DeliveryClientPool).
import { BULK_GROUP_MEMBERS, type RemotePush } from '../chat/pipeline.js';
import type { Fanout } from '../chat/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { DeliveryClientPool, PushLane, RemoteFanout } from './delivery.js';

/** One message for one target worker, its recipients there collected as they are found. */
type Outgoing = RemoteFanout & { userIds: number[]; seqs: number[] };

export interface RemotePushStats {
  calls: number;
  failures: number;
  items: number;
  /** (user, message) pushes not sent because presence named an address no live node has (a dead node's leftovers) */
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

  pushRemote(fanouts: Fanout[]): void {
    const seen = new Set<number>();
    for (const f of fanouts) for (let i = 0; i < f.userIds.length; i++) seen.add(f.userIds[i]!);
    this.presence.lookup([...seen]).then(
      (where) => this.send(fanouts, where),
      (err) => this.logger.warn({ err }, 'presence lookup failed; remote devices will sync'),
    );
  }

  private send(fanouts: Fanout[], where: Map<number, { deviceId: string; addr: string }[]>): void {
    const self = this.selfAddr();
    // Per target address and lane: each message once, with the recipients it holds.
    const perAddr = new Map<string, Outgoing[]>();
    const itemCount = new Map<string, number>();
    for (const f of fanouts) {
      const lane: PushLane = f.userIds.length > BULK_GROUP_MEMBERS ? 'bulk' : 'fast';
      let forThis: Map<string, Outgoing> | null = null;
      for (let i = 0; i < f.userIds.length; i++) {
        const u = f.userIds[i]!;
        const entries = where.get(u);
        if (!entries) continue;
        const except = u === f.senderId ? f.senderDevice : null;
        for (const e of entries) {
          // Only addresses holding a device that should get the push, each once per recipient.
          if (e.addr === self || e.deviceId === except) continue;
          forThis ??= new Map();
          let rf = forThis.get(e.addr);
          const key = `${lane} ${e.addr}`;
          if (!rf) {
            rf = { body: f.push.body, sendTime: f.sendTime, senderId: f.senderId, senderDevice: f.senderDevice, userIds: [], seqs: [] };
            forThis.set(e.addr, rf);
            let list = perAddr.get(key);
            if (!list) perAddr.set(key, (list = []));
            list.push(rf);
          }
          if (rf.userIds[rf.userIds.length - 1] === u) continue;
          rf.userIds.push(u);
          rf.seqs.push(f.seqs[i]!);
          itemCount.set(key, (itemCount.get(key) ?? 0) + 1);
        }
      }
    }
    for (const [key, list] of perAddr) {
      const items = itemCount.get(key) ?? 0;
      const sp = key.indexOf(' ');
      const lane = key.slice(0, sp) as PushLane;
      const addr = key.slice(sp + 1);
      if (this.isLive && !this.isLive(addr)) {
        // Fail fast: the node is gone; the messages are in the inbox and its devices will sync.
        this.stats.deadAddress += items;
        this.metrics?.markDeadAddress(items);
        continue;
      }
      this.stats.calls++;
      this.stats.items += items;
      const started = performance.now();
      this.pool.push(addr, list, lane).then(
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
