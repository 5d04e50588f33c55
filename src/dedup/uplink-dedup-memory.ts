import type { DeviceKey, LoadedDevice, PendingMark, UplinkCommit, UplinkDedupStore, UplinkOutcome } from './uplink-dedup.js';

export interface MemoryUplinkDedupOptions {
  /** outcomes remembered per device */
  window: number;
  /** idle devices' state is forgotten after this many seconds (then it is recovered from the message store) */
  ttlSeconds: number;
  now?: () => number;
}

interface DeviceState {
  /** null until seeded (LOAD found the device unknown) */
  last: number | null;
  fence: number;
  owner: string;
  outcomes: Map<number, UplinkOutcome>;
  /** client_ids handed to persistence without a committed outcome */
  pending: Set<number>;
  /** ms since epoch after which the state is unknown */
  exp: number;
}

/**
 * Uplink dedup state in this process (embedded engine: one node, and sticky
 * routing keeps every connection of a device on one worker, so that
 * worker's map is the device's only record). A worker that restarts starts
 * empty: `load` answers null (unknown) and the caller recovers the state
 * from the message store, as after Redis lost its data.
 */
export class MemoryUplinkDedup implements UplinkDedupStore {
  private readonly devices = new Map<string, DeviceState>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private owners = 0;

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

  private exp(): number {
    return this.now() + this.opts.ttlSeconds * 1000;
  }

  async load(k: DeviceKey): Promise<LoadedDevice> {
    const owner = `m${++this.owners}`;
    const s = this.state(k);
    if (s && s.last !== null) {
      s.owner = owner;
      s.exp = this.exp();
      return { owner, state: { last: s.last, fence: s.fence, pending: [...s.pending].sort((a, b) => a - b) }, lossAgeMs: Infinity };
    }
    this.devices.set(keyOf(k), { last: null, fence: 0, owner, outcomes: new Map(), pending: new Set(), exp: this.exp() });
    // Persistence is direct here (a publish resolves once committed): a
    // worker that died took nothing durable-but-unstored with it.
    return { owner, state: null, lossAgeMs: Infinity };
  }

  /** Nothing to record: this store never answers a loss (see load). */
  async markFirstStart(): Promise<boolean> {
    return false;
  }

  async seed(k: DeviceKey, owner: string, state: { last: number; fence: number }): Promise<boolean> {
    const s = this.state(k);
    if (!s || s.owner !== owner || s.last !== null) return false;
    s.last = state.last;
    s.fence = state.fence;
    s.exp = this.exp();
    return true;
  }

  async outcome(k: DeviceKey, clientId: number): Promise<UplinkOutcome | null> {
    return this.state(k)?.outcomes.get(clientId) ?? null;
  }

  async markPending(marks: readonly PendingMark[]): Promise<boolean[]> {
    return marks.map((m) => {
      if (m.clientIds.length === 0) return true;
      const s = this.state(m);
      if (!s || s.owner !== m.owner || s.last === null) return false;
      for (const cid of m.clientIds) s.pending.add(cid);
      s.exp = this.exp();
      return true;
    });
  }

  async commit(commits: readonly UplinkCommit[]): Promise<boolean[]> {
    return commits.map((c) => {
      if (c.outcomes.length === 0) return true;
      const first = c.outcomes[0]!.clientId;
      const s = this.state(c);
      if (!s || s.owner !== c.owner || s.last !== first - 1) return false;
      for (const { clientId, outcome } of c.outcomes) {
        s.pending.delete(clientId);
        s.outcomes.set(clientId, { ...outcome });
        s.outcomes.delete(clientId - this.opts.window);
      }
      s.last = first + c.outcomes.length - 1;
      s.fence = c.fence;
      s.exp = this.exp();
      return true;
    });
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
