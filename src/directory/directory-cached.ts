import type { Redis } from 'ioredis';
import { REDIS_RUN_ID_LUA } from '../util/redis-run-id.js';
import type { AccountStore } from '../store/account-store.js';
import type { Directory } from './directory.js';
import { KnownUsers } from './known-users.js';

// Cached lists are stamped with the run_id of the Redis process that took
// them: one restored from an older snapshot (or a promoted replica that
// lagged) could name members removed since, and is never served.
// READ: KEYS = list, version → {list without its stamp, or nil; version}.
const READ = `${REDIS_RUN_ID_LUA}
local v = redis.call('MGET', KEYS[1], KEYS[2])
local val = v[1]
if val then
  if string.sub(val, 1, #rid + 1) == rid .. '|' then val = string.sub(val, #rid + 2) else val = false end
end
return {val, v[2]}`;
// WRITE: KEYS = list; ARGV = value, ttl.
const WRITE = `${REDIS_RUN_ID_LUA}
redis.call('SET', KEYS[1], rid .. '|' .. ARGV[1], 'EX', ARGV[2])
return 1`;

type Cmds = Redis & {
  gochatGroupRead(list: string, version: string): Promise<[string | null, string | null]>;
  gochatGroupWrite(list: string, value: string, ttl: number): Promise<number>;
};

/** Parsed member lists kept per process (then the map starts over). */
const MAX_PARSED_GROUPS = 1000;

export interface CachedDirectoryOptions {
  redis: Redis;
  prefix: string;
  accounts: AccountStore;
  /** seconds a cached member list lives in Redis */
  ttlSeconds: number;
}

/**
 * Group member lists cached in Redis (shared by every process); user
 * existence cached in-process (users are never deleted, so a positive answer
 * never goes stale).
 *
 * Each cached list carries the group's version; invalidation bumps the
 * version, so a list read from MySQL before a change and written to the cache
 * after it is never served (no stale-cache race). It also carries the run_id
 * of the Redis process: a list Redis brought back from an older snapshot is
 * never served either.
 */
export class CachedDirectory implements Directory {
  private readonly knownUsers: KnownUsers;
  /** group -> the last cached value read and its parsed list (the same string again is not parsed again) */
  private readonly parsed = new Map<number, { value: string; members: readonly number[] | null }>();
  /** "group:version" -> the MySQL load in flight: concurrent ticks that miss the cache share one */
  private readonly loading = new Map<string, Promise<readonly number[] | null>>();

  private readonly r: Cmds;

  constructor(private readonly opts: CachedDirectoryOptions) {
    this.knownUsers = new KnownUsers(opts.accounts);
    const r = opts.redis as Cmds;
    if (typeof r.gochatGroupRead !== 'function') {
      r.defineCommand('gochatGroupRead', { lua: READ, numberOfKeys: 2 });
      r.defineCommand('gochatGroupWrite', { lua: WRITE, numberOfKeys: 1 });
    }
    this.r = r;
  }

  private keys(groupId: number): [string, string] {
    return [`${this.opts.prefix}:gm:${groupId}`, `${this.opts.prefix}:gmv:${groupId}`];
  }

  existingUsers(userIds: readonly number[]): Promise<Set<number>> {
    return this.knownUsers.existing(userIds);
  }

  async groupMembers(groupId: number): Promise<readonly number[] | null> {
    const [listKey, verKey] = this.keys(groupId);
    const [cached, ver] = await this.r.gochatGroupRead(listKey, verKey);
    const version = ver ?? '0';
    if (cached) {
      const sep = cached.indexOf(';');
      if (cached.slice(0, sep) === version) return this.parse(groupId, cached, sep);
    }
    const flight = `${groupId}:${version}`;
    let load = this.loading.get(flight);
    if (!load) {
      load = this.load(groupId, listKey, version).finally(() => this.loading.delete(flight));
      this.loading.set(flight, load);
    }
    return load;
  }

  /** Reads the group from MySQL and caches it under the version read before (a bump since makes the entry unused). */
  private async load(groupId: number, listKey: string, version: string): Promise<readonly number[] | null> {
    const g = await this.opts.accounts.getGroup(groupId);
    // A missing group is cached briefly too ('-').
    const value = `${version};${g ? g.memberIds.join(',') : '-'}`;
    await this.r.gochatGroupWrite(listKey, value, g ? this.opts.ttlSeconds : 5);
    return g ? g.memberIds : null;
  }

  private parse(groupId: number, value: string, sep: number): readonly number[] | null {
    const last = this.parsed.get(groupId);
    if (last?.value === value) return last.members;
    const body = value.slice(sep + 1);
    const members = body === '-' ? null : body === '' ? [] : body.split(',').map(Number);
    if (this.parsed.size >= MAX_PARSED_GROUPS) this.parsed.clear();
    this.parsed.set(groupId, { value, members });
    return members;
  }

  async invalidateGroup(groupId: number): Promise<void> {
    const [listKey, verKey] = this.keys(groupId);
    await this.opts.redis.multi().incr(verKey).del(listKey).exec();
  }
}
