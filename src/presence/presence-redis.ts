import type { ChainableCommander, Redis } from 'ioredis';
import type { ExpiredUser, Presence, PresenceEntry, UserStatus } from './presence.js';
import { EVICT, EXTEND, MARK_OFFLINE, MARK_ONLINE, REMOVE, STATUS, SWEEP } from './presence-redis-scripts.js';

// One hash per user: device -> "<addr>|<expires ms>". Entries past their
// expiry are ignored by lookup (a node that died without cleanup vanishes
// within the TTL); the whole key also expires. Friends' presence: one
// sorted set of announced users (score: the mark's expiry, ms) and one hash
// user -> last_seen ms (no expiry: one small field per user who ever left).
// For evict: one sorted set per worker address, user -> last write ms,
// trimmed to the last two TTLs by each refresh and expiring with them.
// The scripts are in presence-redis-scripts.ts.

// Every user's hash in one command (one reply to parse, not one per user).
const LOOKUP = `
local out = {}
for i = 1, #KEYS do out[i] = redis.call('HGETALL', KEYS[i]) end
return out`;

/** Users per mark-extending script call (bounds how long one call holds Redis). */
const EXTEND_CHUNK = 1000;
/** Users per evict script call. */
const EVICT_CHUNK = 500;

type Cmds = Redis & {
  gochatPresenceRemove(keys: number, ...args: string[]): Promise<number>;
  gochatPresenceLookup(keys: number, ...args: string[]): Promise<string[][]>;
  gochatPresenceExtend(keys: number, ...args: string[]): Promise<number>;
  gochatPresenceOnline(keys: number, ...args: string[]): Promise<number>;
  gochatPresenceOffline(keys: number, ...args: string[]): Promise<number>;
  gochatPresenceSweep(keys: number, ...args: string[]): Promise<string[]>;
  gochatPresenceStatus(keys: number, ...args: string[]): Promise<string[]>;
  gochatPresenceEvict(keys: number, ...args: string[]): Promise<string[]>;
};

const SCRIPTS: [keyof Cmds & string, string][] = [
  ['gochatPresenceRemove', REMOVE],
  ['gochatPresenceLookup', LOOKUP],
  ['gochatPresenceExtend', EXTEND],
  ['gochatPresenceOnline', MARK_ONLINE],
  ['gochatPresenceOffline', MARK_OFFLINE],
  ['gochatPresenceSweep', SWEEP],
  ['gochatPresenceStatus', STATUS],
  ['gochatPresenceEvict', EVICT],
];

export interface RedisPresenceOptions {
  redis: Redis;
  prefix: string;
  /** ms an entry stays valid without a refresh */
  ttlMs: number;
  now?: () => number;
}

export class RedisPresence implements Presence {
  private readonly r: Cmds;
  private readonly now: () => number;
  /** announced users: user -> mark expiry */
  private readonly marksKey: string;
  /** user -> last_seen ms */
  private readonly seenKey: string;

  constructor(private readonly opts: RedisPresenceOptions) {
    const r = opts.redis as Cmds;
    for (const [name, lua] of SCRIPTS) if (typeof r[name] !== 'function') r.defineCommand(name, { lua });
    this.r = r;
    this.now = opts.now ?? Date.now;
    this.marksKey = `${opts.prefix}:pr:on`;
    this.seenKey = `${opts.prefix}:pr:seen`;
  }

  private key(userId: number): string {
    return `${this.opts.prefix}:pr:${userId}`;
  }

  /** the users a worker address held: user -> last write ms */
  private addrKey(addr: string): string {
    return `${this.opts.prefix}:pr:at:${addr}`;
  }

  onReset(listener: () => void): void {
    // 'ready' comes on the first connect and after every reconnect.
    let connected = this.opts.redis.status === 'ready';
    this.opts.redis.on('ready', () => {
      if (connected) listener();
      connected = true;
    });
  }

  async add(userId: number, deviceId: string, addr: string): Promise<void> {
    await this.refresh([{ userId, deviceId, addr }]);
  }

  async refresh(entries: readonly { userId: number; deviceId: string; addr: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const now = this.now();
    const exp = now + this.opts.ttlMs;
    const p = this.r.pipeline() as ChainableCommander & { gochatPresenceExtend(keys: number, ...args: string[]): ChainableCommander };
    const users = new Set<number>();
    const addrs = new Set<string>();
    for (const e of entries) {
      p.hset(this.key(e.userId), e.deviceId, `${e.addr}|${exp}`);
      p.pexpire(this.key(e.userId), this.opts.ttlMs);
      p.zadd(this.addrKey(e.addr), now, String(e.userId));
      users.add(e.userId);
      addrs.add(e.addr);
    }
    for (const a of addrs) {
      p.zremrangebyscore(this.addrKey(a), '-inf', `(${now - 2 * this.opts.ttlMs}`);
      p.pexpire(this.addrKey(a), 2 * this.opts.ttlMs);
    }
    // Live marks follow their users' entries (never created or revived here).
    const ids = [...users].map(String);
    for (let i = 0; i < ids.length; i += EXTEND_CHUNK) p.gochatPresenceExtend(1, this.marksKey, String(now), String(exp), ...ids.slice(i, i + EXTEND_CHUNK));
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async remove(userId: number, deviceId: string, addr: string): Promise<void> {
    await this.r.gochatPresenceRemove(2, this.key(userId), this.seenKey, deviceId, addr, String(userId), String(this.now()));
  }

  async lookup(userIds: readonly number[]): Promise<Map<number, PresenceEntry[]>> {
    const out = new Map<number, PresenceEntry[]>();
    if (userIds.length === 0) return out;
    const res = await this.r.gochatPresenceLookup(userIds.length, ...userIds.map((u) => this.key(u)));
    const now = this.now();
    for (let i = 0; i < res.length; i++) {
      const h = res[i]!; // field, value, field, value, …
      let list: PresenceEntry[] | null = null;
      for (let f = 0; f + 1 < h.length; f += 2) {
        const v = h[f + 1]!;
        const bar = v.lastIndexOf('|');
        if (bar < 0 || Number(v.slice(bar + 1)) < now) continue;
        (list ??= []).push({ deviceId: h[f]!, addr: v.slice(0, bar) });
      }
      if (list) out.set(userIds[i]!, list);
    }
    return out;
  }

  async markOnline(userId: number): Promise<boolean> {
    const now = this.now();
    return (await this.r.gochatPresenceOnline(1, this.marksKey, String(userId), String(now + this.opts.ttlMs), String(now))) === 1;
  }

  async markOffline(userId: number, quietSince: number): Promise<number | null> {
    const seen = await this.r.gochatPresenceOffline(3, this.key(userId), this.marksKey, this.seenKey, String(userId), String(this.now()), String(quietSince));
    return seen > 0 ? seen : null;
  }

  async sweepExpired(limit: number): Promise<ExpiredUser[]> {
    const now = this.now();
    // Read the candidates first; the script re-checks each with its device key declared.
    const ids = await this.r.zrangebyscore(this.marksKey, '-inf', `(${now}`, 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const keys = ids.map((u) => this.key(Number(u)));
    const res = await this.r.gochatPresenceSweep(keys.length + 2, ...keys, this.marksKey, this.seenKey, String(now), String(this.opts.ttlMs), ...ids);
    const out: ExpiredUser[] = [];
    for (let i = 0; i + 1 < res.length; i += 2) out.push({ userId: Number(res[i]), lastSeen: Number(res[i + 1]) });
    return out;
  }

  async evict(addrs: readonly string[], before: number): Promise<ExpiredUser[]> {
    const out: ExpiredUser[] = [];
    const cutoff = before + this.opts.ttlMs;
    for (const addr of addrs) {
      const index = this.addrKey(addr);
      // Read the candidates first; the script re-checks each with its keys declared.
      const ids = await this.r.zrangebyscore(index, '-inf', `(${before}`);
      for (let i = 0; i < ids.length; i += EVICT_CHUNK) {
        const chunk = ids.slice(i, i + EVICT_CHUNK);
        const keys = chunk.map((u) => this.key(Number(u)));
        const args = [String(this.now()), String(before), String(cutoff), addr, ...chunk];
        const res = await this.r.gochatPresenceEvict(keys.length + 3, ...keys, this.marksKey, this.seenKey, index, ...args);
        for (let j = 0; j + 1 < res.length; j += 2) out.push({ userId: Number(res[j]), lastSeen: Number(res[j + 1]) });
      }
    }
    return out;
  }

  async status(userIds: readonly number[]): Promise<Map<number, UserStatus>> {
    const out = new Map<number, UserStatus>();
    if (userIds.length === 0) return out;
    const keys = userIds.map((u) => this.key(u));
    const res = await this.r.gochatPresenceStatus(keys.length + 2, ...keys, this.marksKey, this.seenKey, String(this.now()), ...userIds.map(String));
    for (let i = 0; i < userIds.length; i++) out.set(userIds[i]!, { online: res[2 * i] === '1', lastSeen: Number(res[2 * i + 1]) });
    return out;
  }
}
