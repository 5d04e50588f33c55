// Ephemeral outputs (DESIGN.md §6a: read state, receipts, typing, presence)
// to online devices on this worker, other workers and other nodes: local
// devices directly, the rest found in presence and sent as SignalPush on the
// fast gRPC stream of each target worker. Nothing is tracked or retried.
import type { Signals } from '../chat/commands.js';
import type { Logger } from '../log.js';
import type { Metrics, SignalKind } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { DeliveryClientPool } from './delivery.js';

export interface SignalBusOptions {
  presence: Presence;
  pool: DeliveryClientPool;
  /** this worker's rpc address (its devices are served by `local`) */
  selfAddr: () => string;
  /** writes to this worker's devices; returns how many */
  local: (userIds: readonly number[], output: Uint8Array, exceptUser: number, exceptDevice: string) => number;
  /** whether an address belongs to a live node; absent = trust presence */
  isLive?: (addr: string) => boolean;
  logger: Logger;
  metrics?: Metrics;
}

export class SignalBus implements Signals {
  constructor(private readonly o: SignalBusOptions) {}

  send(kind: SignalKind, userIds: readonly number[], output: Uint8Array, except?: { userId: number; deviceId: string }): void {
    if (userIds.length === 0) return;
    const exceptUser = except?.userId ?? 0;
    const exceptDevice = except?.deviceId ?? '';
    this.o.metrics?.markSignals(kind, 'local', this.o.local(userIds, output, exceptUser, exceptDevice));
    this.o.presence.lookup(userIds).then(
      (where) => {
        const self = this.o.selfAddr();
        const perAddr = new Map<string, number[]>();
        for (const [userId, entries] of where) {
          for (const e of entries) {
            if (e.addr === self || (userId === exceptUser && e.deviceId === exceptDevice)) continue;
            let users = perAddr.get(e.addr);
            if (!users) perAddr.set(e.addr, (users = []));
            if (users[users.length - 1] !== userId) users.push(userId);
          }
        }
        for (const [addr, users] of perAddr) {
          if (this.o.isLive && !this.o.isLive(addr)) continue;
          this.o.pool.push(addr, [], 'fast', [{ output, userIds: users, exceptUser, exceptDevice }]).then(
            () => this.o.metrics?.markSignals(kind, 'remote', 1),
            (err) => this.o.logger.debug({ addr, kind, err: (err as Error).message }, 'signal not sent'),
          );
        }
      },
      (err) => this.o.logger.debug({ err, kind }, 'presence lookup failed; signal reaches local devices only'),
    );
  }
}
