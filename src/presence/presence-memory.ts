import type { ExpiredUser, Presence, PresenceEntry, UserStatus } from './presence.js';

export interface MemoryPresenceOptions {
  /** ms an entry stays valid without a refresh */
  ttlMs: number;
  now?: () => number;
  /** how often expired entries are dropped (ms); default ttlMs */
  sweepMs?: number;
}

/**
 * Presence held in this process: user → device → (address, expiry), the
 * announced-online marks (user → expiry) and last_seen (user → ms). Shared
 * by the workers of one node when it lives in the primary (presence-ipc.ts);
 * entries of a worker that died without cleanup vanish after the TTL, as in
 * Redis. Expired entries are ignored at once and dropped by a periodic sweep;
 * expired marks stay until sweepExpired answers them. Every method runs to
 * completion without awaiting, so each is atomic.
 */
export class MemoryPresence implements Presence {
  private readonly users = new Map<number, Map<string, { addr: string; exp: number }>>();
  private readonly marks = new Map<number, number>();
  private readonly seen = new Map<number, number>();
  /** worker address → user → when an entry of the user was last written there (for evict; trimmed after two TTLs) */
  private readonly byAddr = new Map<string, Map<number, number>>();
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
    const now = this.now();
    const exp = now + this.opts.ttlMs;
    devices.set(deviceId, { addr, exp });
    let held = this.byAddr.get(addr);
    if (!held) this.byAddr.set(addr, (held = new Map()));
    held.set(userId, now);
    const mark = this.marks.get(userId);
    if (mark !== undefined && mark >= now && mark < exp) this.marks.set(userId, exp);
  }

  async remove(userId: number, deviceId: string, addr: string): Promise<void> {
    const devices = this.users.get(userId);
    if (devices?.get(deviceId)?.addr !== addr) return;
    devices.delete(deviceId);
    if (devices.size === 0) this.users.delete(userId);
    this.seen.set(userId, Math.max(this.seen.get(userId) ?? 0, this.now()));
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

  private hasLiveDevice(userId: number, now: number): boolean {
    const devices = this.users.get(userId);
    if (devices) for (const e of devices.values()) if (e.exp >= now) return true;
    return false;
  }

  async markOnline(userId: number): Promise<boolean> {
    const now = this.now();
    const exp = now + this.opts.ttlMs;
    const mark = this.marks.get(userId);
    if (mark !== undefined && mark >= now) {
      if (mark < exp) this.marks.set(userId, exp);
      return false;
    }
    this.marks.set(userId, exp);
    return true;
  }

  async markOffline(userId: number, quietSince: number): Promise<number | null> {
    const now = this.now();
    const mark = this.marks.get(userId);
    if (mark === undefined || mark < now || this.hasLiveDevice(userId, now)) return null;
    let seen = this.seen.get(userId) ?? 0;
    if (seen > quietSince) return null;
    if (seen === 0) this.seen.set(userId, (seen = quietSince));
    this.marks.delete(userId);
    return seen;
  }

  async sweepExpired(limit: number): Promise<ExpiredUser[]> {
    const now = this.now();
    const out: ExpiredUser[] = [];
    for (const [userId, mark] of this.marks) {
      if (out.length >= limit) break;
      if (mark >= now || this.hasLiveDevice(userId, now)) continue;
      this.marks.delete(userId);
      const lastSeen = Math.max(this.seen.get(userId) ?? 0, mark - this.opts.ttlMs);
      this.seen.set(userId, lastSeen);
      out.push({ userId, lastSeen });
    }
    return out;
  }

  async evict(addrs: readonly string[], before: number): Promise<ExpiredUser[]> {
    const now = this.now();
    const out: ExpiredUser[] = [];
    for (const addr of addrs) {
      const held = this.byAddr.get(addr);
      if (!held) continue;
      for (const [userId, wrote] of held) {
        if (wrote >= before) continue; // written since: the node is back at this address
        held.delete(userId);
        const devices = this.users.get(userId);
        if (devices) {
          for (const [d, e] of devices) if (e.addr === addr && e.exp - this.opts.ttlMs < before) devices.delete(d);
          if (devices.size === 0) this.users.delete(userId);
        }
        if (!this.marks.has(userId) || this.hasLiveDevice(userId, now)) continue;
        this.marks.delete(userId);
        const lastSeen = Math.max(this.seen.get(userId) ?? 0, wrote);
        this.seen.set(userId, lastSeen);
        out.push({ userId, lastSeen });
      }
      if (held.size === 0) this.byAddr.delete(addr);
    }
    return out;
  }

  async status(userIds: readonly number[]): Promise<Map<number, UserStatus>> {
    const now = this.now();
    const out = new Map<number, UserStatus>();
    for (const u of userIds) {
      const mark = this.marks.get(u);
      out.set(u, { online: (mark !== undefined && mark >= now) || this.hasLiveDevice(u, now), lastSeen: this.seen.get(u) ?? 0 });
    }
    return out;
  }

  private sweep(): void {
    const now = this.now();
    for (const [u, devices] of this.users) {
      for (const [d, e] of devices) if (e.exp < now) devices.delete(d);
      if (devices.size === 0) this.users.delete(u);
    }
    for (const [addr, held] of this.byAddr) {
      for (const [u, wrote] of held) if (wrote < now - 2 * this.opts.ttlMs) held.delete(u);
      if (held.size === 0) this.byAddr.delete(addr);
    }
  }

  /** Stops the sweep. Idempotent. */
  close(): void {
    clearInterval(this.sweeper);
  }
}
