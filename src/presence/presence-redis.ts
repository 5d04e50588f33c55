import type { Redis } from 'ioredis';
import type { Presence, PresenceEntry } from './presence.js';

// One hash per user: device -> "<addr>|<expires ms>". Entries past their
// expiry are ignored by lookup (a node that died without cleanup vanishes
// within the TTL); the whole key also expires.
const REMOVE = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v and string.sub(v, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

type Cmds = Redis & { gochatPresenceRemove(keys: number, ...args: string[]): Promise<number> };

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
    this.r = r;
    this.now = opts.now ?? Date.now;
  }

  private key(userId: number): string {
    return `${this.opts.prefix}:pr:${userId}`;
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
    const p = this.r.pipeline();
    for (const u of userIds) p.hgetall(this.key(u));
    const res = (await p.exec()) ?? [];
    const now = this.now();
    res.forEach(([err, val], i) => {
      if (err) throw err;
      const h = val as Record<string, string>;
      const list: PresenceEntry[] = [];
      for (const [deviceId, v] of Object.entries(h)) {
        const bar = v.lastIndexOf('|');
        if (bar < 0 || Number(v.slice(bar + 1)) < now) continue;
        list.push({ deviceId, addr: v.slice(0, bar) });
      }
      if (list.length) out.set(userIds[i]!, list);
    });
    return out;
  }
}
