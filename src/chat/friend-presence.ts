// Friends' presence (DESIGN.md §6a): a user is announced online to its
// online friends when its first device logs in, and offline `offlineDelay`
// after its last device left if none came back meanwhile, on any node.
//
// Who is online is the Presence store's business (marks there are atomic
// across the cluster, so each transition is announced once, by whichever
// worker made it); this worker only keeps one timer per user whose device
// left here (OfflineDebounce) and asks the store when it fires. A device
// that reconnects to another node within the delay keeps the user online:
// the store still has a live device when the check comes (no offline), and
// the user's mark is still live when that node marks it (no second online).
//
// A node that leaves the registry (it died, or shut down: its lease ran out
// or its registration was closed): every worker that sees it go calls
// `nodeGone` with its worker addresses, and the offline delay later (its
// devices get as long to reconnect elsewhere as a leave does) the store
// evicts what that node held (Presence.evict) and the users who did not
// come back are announced offline, each once in the cluster (last_seen =
// their last write there, or a later leave). This covers the pending checks
// a shut-down node dropped too. Without a registry (or when the eviction
// fails), device entries and marks expire after the presence TTL (60 s
// since the node's last refresh); every worker sweeps expired marks every
// `sweepEvery` and announces those users offline (last_seen = the dead
// node's last refresh, or a later leave). Queries (CT_PRESENCE, GET
// /api/friends) say offline as soon as the entries were evicted or the
// marks expired, even before an announcement. A store that lost its data (Redis restarted empty)
// lost the marks: connected users are still online to queries (their
// entries are re-asserted), but their next leave is not pushed (there is no
// mark to clear) until they log in again; friends learn it by querying.
import type { ExpiredUser, Presence } from '../presence/presence.js';
import type { PresenceInfo, SessionEvents, Signals } from './commands.js';

/** The timers the debounce runs on (setTimeout in production, a fake clock in tests). */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * One pending offline check per user whose device left this worker: `left`
 * (re)starts the user's check `delayMs` from now, `came` cancels it. When it
 * fires, `check(userId, leftAt)` runs with the time of the newest leave.
 * Memory: users whose device left within the last delay.
 */
export class OfflineDebounce {
  private readonly pending = new Map<number, { handle: unknown; leftAt: number }>();

  constructor(
    private readonly delayMs: number,
    private readonly check: (userId: number, leftAt: number) => void,
    private readonly now: () => number = Date.now,
    private readonly timers: Timers = realTimers,
  ) {}

  left(userId: number): void {
    this.came(userId);
    const leftAt = this.now();
    const handle = this.timers.set(() => {
      this.pending.delete(userId);
      this.check(userId, leftAt);
    }, this.delayMs);
    this.pending.set(userId, { handle, leftAt });
  }

  came(userId: number): void {
    const p = this.pending.get(userId);
    if (!p) return;
    this.timers.clear(p.handle);
    this.pending.delete(userId);
  }

  /** users with a pending check */
  get size(): number {
    return this.pending.size;
  }

  /** Cancels every pending check. Idempotent. */
  close(): void {
    for (const p of this.pending.values()) this.timers.clear(p.handle);
    this.pending.clear();
  }
}

/** Expired marks answered per sweep call; a full answer sweeps again at once. */
const SWEEP_BATCH = 200;
/**
 * An announcement whose friends could not be read is tried this many times
 * in all, this far apart: the transition it reports was already made in the
 * store (the mark set or cleared), so nobody else will announce it.
 */
export const ANNOUNCE_ATTEMPTS = 3;
export const ANNOUNCE_RETRY_MS = 1000;

export interface FriendPresenceOptions {
  presence: Pick<Presence, 'markOnline' | 'markOffline' | 'sweepExpired' | 'status' | 'evict'>;
  /** the user's friends (both directions of a friendship are stored) */
  friendsOf(userId: number): Promise<readonly number[]>;
  signals: Signals;
  /** encodes Output{CT_PRESENCE, PresenceMsg} */
  encode(list: readonly PresenceInfo[]): Uint8Array;
  offlineDelayMs: number;
  /** how often this worker sweeps expired marks (0: never) */
  sweepEveryMs: number;
  now?: () => number;
  timers?: Timers;
  /** a failed store or directory call (a mark's transition is retried by the sweep; a failed announcement, after ANNOUNCE_ATTEMPTS) */
  onError(err: unknown, what: string): void;
  /** a gone node's presence was evicted by this worker: how many of its users it announced offline */
  onEvicted?(addrs: readonly string[], announced: number): void;
}

/** SessionEvents of one worker, plus the CT_PRESENCE query. */
export class FriendPresence implements SessionEvents {
  private readonly now: () => number;
  private readonly debounce: OfflineDebounce;
  private readonly timers: Timers;
  private sweeper: unknown = null;
  private sweeping = false;
  /** evictions of gone nodes waiting out the offline delay, and announcements waiting to be tried again */
  private readonly waiting = new Set<unknown>();
  private closed = false;

  constructor(private readonly o: FriendPresenceOptions) {
    this.now = o.now ?? Date.now;
    const timers = (this.timers = o.timers ?? realTimers);
    this.debounce = new OfflineDebounce(o.offlineDelayMs, (u, leftAt) => this.check(u, leftAt), this.now, timers);
    if (o.sweepEveryMs > 0) {
      const tick = () => {
        this.sweep();
        this.sweeper = timers.set(tick, o.sweepEveryMs);
      };
      this.sweeper = timers.set(tick, o.sweepEveryMs);
    }
  }

  online(userId: number, _deviceId: string): void {
    this.debounce.came(userId);
    this.o.presence.markOnline(userId).then(
      (transitioned) => {
        if (transitioned) this.announce({ userId, online: true, lastSeen: this.now() });
      },
      (err) => this.o.onError(err, 'mark online'),
    );
  }

  offline(userId: number, _deviceId: string): void {
    if (!this.closed) this.debounce.left(userId);
  }

  /** users with an offline check pending on this worker */
  get pendingChecks(): number {
    return this.debounce.size;
  }

  /** CT_PRESENCE query: every friend's presence. */
  async friendsPresence(userId: number): Promise<PresenceInfo[]> {
    const friends = await this.o.friendsOf(userId);
    const status = await this.statusOf(friends);
    return friends.map((f) => status.get(f)!);
  }

  /** These users' presence as friends see it: online ones with last_seen = now; one store round trip. */
  async statusOf(userIds: readonly number[]): Promise<Map<number, PresenceInfo>> {
    const out = new Map<number, PresenceInfo>();
    if (userIds.length === 0) return out;
    const status = await this.o.presence.status(userIds);
    const now = this.now();
    for (const u of userIds) {
      const s = status.get(u);
      out.set(u, s?.online ? { userId: u, online: true, lastSeen: now } : { userId: u, online: false, lastSeen: s?.lastSeen ?? 0 });
    }
    return out;
  }

  private check(userId: number, leftAt: number): void {
    this.o.presence.markOffline(userId, leftAt).then(
      (lastSeen) => {
        if (lastSeen !== null) this.announce({ userId, online: false, lastSeen });
      },
      (err) => this.o.onError(err, 'mark offline'),
    );
  }

  /** Announces users whose node died (their marks expired); at most one sweep in flight. */
  sweep(): void {
    if (this.sweeping) return;
    this.sweeping = true;
    const round = (): Promise<void> =>
      this.o.presence.sweepExpired(SWEEP_BATCH).then((list: ExpiredUser[]) => {
        for (const e of list) this.announce({ userId: e.userId, online: false, lastSeen: e.lastSeen });
        if (list.length === SWEEP_BATCH && !this.closed) return round();
      });
    round()
      .catch((err) => this.o.onError(err, 'sweep expired marks'))
      .finally(() => (this.sweeping = false));
  }

  /**
   * A node left the registry; `addrs` are its workers' addresses. The
   * offline delay from now, what it held is evicted and its users who did
   * not come back elsewhere are announced offline (each once in the cluster,
   * whichever worker's eviction clears them).
   */
  nodeGone(addrs: readonly string[]): void {
    if (this.closed || addrs.length === 0) return;
    const before = this.now();
    const handle = this.timers.set(() => {
      this.waiting.delete(handle);
      this.o.presence.evict(addrs, before).then(
        (list) => {
          for (const e of list) this.announce({ userId: e.userId, online: false, lastSeen: e.lastSeen });
          this.o.onEvicted?.(addrs, list.length);
        },
        (err) => this.o.onError(err, 'evict a gone node'),
      );
    }, this.o.offlineDelayMs);
    this.waiting.add(handle);
  }

  /** Pushes `p` to the user's friends; reading them is tried ANNOUNCE_ATTEMPTS times (the signal itself is best effort). */
  private announce(p: PresenceInfo, attempt = 1): void {
    this.o.friendsOf(p.userId).then(
      (friends) => {
        if (friends.length) this.o.signals.send('presence', friends, this.o.encode([p]));
      },
      (err) => {
        if (attempt >= ANNOUNCE_ATTEMPTS || this.closed) return this.o.onError(err, 'friends of an announced user');
        const handle = this.timers.set(() => {
          this.waiting.delete(handle);
          if (!this.closed) this.announce(p, attempt + 1);
        }, ANNOUNCE_RETRY_MS);
        this.waiting.add(handle);
      },
    );
  }

  /** Stops the timers (pending offline checks and evictions are dropped; other workers' evictions or sweeps cover them). Idempotent. */
  close(): void {
    this.closed = true;
    this.debounce.close();
    for (const h of this.waiting) this.timers.clear(h);
    this.waiting.clear();
    if (this.sweeper !== null) this.timers.clear(this.sweeper);
    this.sweeper = null;
  }
}
