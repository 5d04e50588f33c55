import type { DedupEpoch, DeviceKey, UplinkCommit, UplinkDedupStore, UplinkOutcome } from './uplink-dedup.js';

export interface MemoryUplinkDedupOptions {
  /** outcomes remembered per device */
  window: number;
  /** idle devices' state is forgotten after this many seconds (then it is recovered from the message store) */
  ttlSeconds: number;
  now?: () => number;
}

interface DeviceState {
  last: number;
  outcomes: Map<number, UplinkOutcome>;
  /** client_ids handed to persistence without a committed outcome */
  pending?: Set<number>;
  /** ms since epoch after which the state is unknown */
  exp: number;
}

/**
 * Uplink dedup state in this process (embedded engine). Sticky routing keeps
 * every connection of a device on one worker, so that worker's map is the
 * only writer and reader of the device's state. A worker that restarts starts
 * empty: `load` answers null (unknown) and the caller recovers `last` from the
 * message store, as after Redis lost its data.
 */
export class MemoryUplinkDedup implements UplinkDedupStore {
  private readonly devices = new Map<string, DeviceState>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly opts: MemoryUplinkDedupOptions) {
    this.now = opts.now ?? Date.now;
    // Drops idle devices' state so that memory follows the devices in use.
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, opts.ttlSeconds * 1000));
    this.sweeper.unref();
  }

  private state(k: DeviceKey): DeviceState | null {
    const key = keyOf(k);
    const s = this.devices.get(key);
    if (!s) return null;
    if (s.exp <= this.now()) {
      this.devices.delete(key);
      return null;
    }
    return s;
  }

  async load(k: DeviceKey): Promise<number | null> {
    return this.state(k)?.last ?? null;
  }

  // A new store (a restarted worker) lost whatever its predecessor knew.
  private isSettled = false;

  async epoch(): Promise<DedupEpoch> {
    return { intact: this.isSettled, token: 'memory' };
  }

  async settled(): Promise<void> {
    this.isSettled = true;
  }

  async seed(k: DeviceKey, last: number): Promise<void> {
    const s = this.state(k);
    const exp = this.now() + this.opts.ttlSeconds * 1000;
    if (s) s.exp = exp;
    else this.devices.set(keyOf(k), { last, outcomes: new Map(), exp });
  }

  async outcome(k: DeviceKey, clientId: number): Promise<UplinkOutcome | null> {
    return this.state(k)?.outcomes.get(clientId) ?? null;
  }

  async commit(commits: readonly UplinkCommit[]): Promise<void> {
    const exp = this.now() + this.opts.ttlSeconds * 1000;
    for (const c of commits) {
      if (c.outcomes.length === 0) continue;
      const first = c.outcomes[0]!.clientId;
      let s = this.state(c);
      if (s && s.last !== first - 1) continue; // stale or ahead: not applied
      if (!s) this.devices.set(keyOf(c), (s = { last: 0, outcomes: new Map(), exp }));
      for (const { clientId, outcome } of c.outcomes) {
        s.pending?.delete(clientId);
        s.outcomes.set(clientId, { ...outcome });
        s.outcomes.delete(clientId - this.opts.window);
      }
      s.last = first + c.outcomes.length - 1;
      s.exp = exp;
    }
  }

  async markPending(marks: readonly (DeviceKey & { clientIds: readonly number[] })[]): Promise<void> {
    for (const m of marks) {
      // Unknown state stays unknown (load must still answer null).
      const s = this.state(m);
      if (!s) continue;
      s.pending ??= new Set();
      for (const cid of m.clientIds) s.pending.add(cid);
    }
  }

  async pending(k: DeviceKey): Promise<number[]> {
    return [...(this.state(k)?.pending ?? [])].sort((a, b) => a - b);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, s] of this.devices) if (s.exp <= now) this.devices.delete(key);
  }

  /** Stops the sweep. Idempotent. */
  close(): void {
    clearInterval(this.sweeper);
  }
}

/** userId first: it has no ':', so any device id is unambiguous after it. */
function keyOf(k: DeviceKey): string {
  return `${k.userId}:${k.deviceId}`;
}
