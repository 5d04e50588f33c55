import type { Redis } from 'ioredis';
import type { Presence, PresenceEntry } from './presence.js';

// One hash per user: device -> "<addr>|<expires ms>". Entries past their
// expiry are ignored by lookup (a node that died without cleanup vanishes
// within the TTL); the whole key also expires.
const REMOVE = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v and string.sub(v, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

// Every user's hash in one command (one reply to parse, not one per user).
const LOOKUP = `
local out = {}
for i = 1, #KEYS do out[i] = redis.call('HGETALL', KEYS[i]) end
return out`;

type Cmds = Redis & {
  gochatPresenceRemove(keys: number, ...args: string[]): Promise<number>;
  gochatPresenceLookup(keys: number, ...args: string[]): Promise<string[][]>;
};

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

  constructor(private readonly opts: RedisPresenceOptions) {
    const r = opts.redis as Cmds;
    if (typeof r.gochatPresenceRemove !== 'function') r.defineCommand('gochatPresenceRemove', { lua: REMOVE });
    if (typeof r.gochatPresenceLookup !== 'function') r.defineCommand('gochatPresenceLookup', { lua: LOOKUP });
    this.r = r;
    this.now = opts.now ?? Date.now;
  }

  private key(userId: number): string {
    return `${this.opts.prefix}:pr:${userId}`;
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
    const exp = this.now() + this.opts.ttlMs;
    const p = this.r.pipeline();
    for (const e of entries) {
      p.hset(this.key(e.userId), e.deviceId, `${e.addr}|${exp}`);
      p.pexpire(this.key(e.userId), this.opts.ttlMs);
    }
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async remove(userId: number, deviceId: string, addr: string): Promise<void> {
    await this.r.gochatPresenceRemove(1, this.key(userId), deviceId, addr);
  }

  async lookup(userIds: readonly number[]): Promise<Map<number, PresenceEntry[]>> {
    const out = new Map<number, PresenceEntry[]>();
    if (userIds.length === 0) return out;
    const keys = new Array<string>(userIds.length);
    for (let i = 0; i < userIds.length; i++) keys[i] = this.key(userIds[i]!);
    const res = await this.r.gochatPresenceLookup(keys.length, ...keys);
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
}
