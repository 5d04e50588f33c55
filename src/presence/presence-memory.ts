import type { Presence, PresenceEntry } from './presence.js';

export interface MemoryPresenceOptions {
  /** ms an entry stays valid without a refresh */
  ttlMs: number;
  now?: () => number;
  /** how often expired entries are dropped (ms); default ttlMs */
  sweepMs?: number;
}

/**
 * Presence held in this process: user → device → (address, expiry). Shared
 * by the workers of one node when it lives in the primary (presence-ipc.ts);
 * entries of a worker that died without cleanup vanish after the TTL, as in
 * Redis. Expired entries are ignored at once and dropped by a periodic sweep.
 */
export class MemoryPresence implements Presence {
  private readonly users = new Map<number, Map<string, { addr: string; exp: number }>>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly opts: MemoryPresenceOptions) {
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), opts.sweepMs ?? opts.ttlMs);
    this.sweeper.unref();
  }

  async add(userId: number, deviceId: string, addr: string): Promise<void> {
    this.set(userId, deviceId, addr);
  }

  async refresh(entries: readonly { userId: number; deviceId: string; addr: string }[]): Promise<void> {
    for (const e of entries) this.set(e.userId, e.deviceId, e.addr);
  }

  private set(userId: number, deviceId: string, addr: string): void {
    let devices = this.users.get(userId);
    if (!devices) this.users.set(userId, (devices = new Map()));
    devices.set(deviceId, { addr, exp: this.now() + this.opts.ttlMs });
  }

  async remove(userId: number, deviceId: string, addr: string): Promise<void> {
    const devices = this.users.get(userId);
    if (devices?.get(deviceId)?.addr !== addr) return;
    devices.delete(deviceId);
    if (devices.size === 0) this.users.delete(userId);
  }

  async lookup(userIds: readonly number[]): Promise<Map<number, PresenceEntry[]>> {
    const out = new Map<number, PresenceEntry[]>();
    const now = this.now();
    for (const u of userIds) {
      const devices = this.users.get(u);
      if (!devices) continue;
      const list: PresenceEntry[] = [];
      for (const [deviceId, e] of devices) if (e.exp >= now) list.push({ deviceId, addr: e.addr });
      if (list.length) out.set(u, list);
    }
    return out;
  }

  private sweep(): void {
    const now = this.now();
    for (const [u, devices] of this.users) {
      for (const [d, e] of devices) if (e.exp < now) devices.delete(d);
      if (devices.size === 0) this.users.delete(u);
    }
  }

  /** Stops the sweep. Idempotent. */
  close(): void {
    clearInterval(this.sweeper);
  }
}
