// Friends' presence (src/chat/friend-presence.ts): the per-user debounce and
// the announcements, on a fake clock over the in-process presence store
// (the store's own atomicity is the Presence contract suite's business).
import { afterEach, describe, expect, it } from 'vitest';
import { ANNOUNCE_ATTEMPTS, ANNOUNCE_RETRY_MS, FriendPresence, OfflineDebounce, type Timers } from '../../src/chat/friend-presence.js';
import type { PresenceInfo } from '../../src/chat/commands.js';
import { MemoryPresence } from '../../src/presence/presence-memory.js';

/** Timers and a clock moved by hand; due callbacks run in time order. */
class FakeTimers implements Timers {
  t = 1_000_000;
  private next = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  readonly now = (): number => this.t;
  set(fn: () => void, ms: number): unknown {
    const id = ++this.next;
    this.due.set(id, { at: this.t + ms, fn });
    return id;
  }
  clear(h: unknown): void {
    this.due.delete(h as number);
  }
  get pending(): number {
    return this.due.size;
  }
  /** Moves the clock by `ms`, firing what falls due, and lets the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | null = null;
      for (const e of this.due) if (e[1].at <= end && (!first || e[1].at < first[1].at)) first = e;
      if (!first) break;
      this.due.delete(first[0]);
      this.t = Math.max(this.t, first[1].at);
      first[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

const DELAY = 5000;
const TTL = 60_000;

interface Sent {
  to: number[];
  list: PresenceInfo[];
}

function world(friends: Record<number, number[]>) {
  const clock = new FakeTimers();
  const store = new MemoryPresence({ ttlMs: TTL, now: clock.now });
  const sent: Sent[] = [];
  const errors: unknown[] = [];
  const evicted: number[] = [];
  const workers: FriendPresence[] = [];
  /** reads of friends that fail before they work again */
  const failing = { reads: 0 };
  /** one worker's FriendPresence (several share the store, as the workers of a cluster share Redis) */
  const worker = () => {
    const w = new FriendPresence({
      presence: store,
      friendsOf: async (u) => {
        if (failing.reads > 0) {
          failing.reads--;
          throw new Error('accounts unavailable');
        }
        return friends[u] ?? [];
      },
      signals: { send: (_kind, to, output) => sent.push({ to: [...to], list: JSON.parse(Buffer.from(output).toString()) }) },
      encode: (list) => Buffer.from(JSON.stringify(list)),
      offlineDelayMs: DELAY,
      sweepEveryMs: 10_000,
      now: clock.now,
      timers: clock,
      onError: (err) => errors.push(err),
      onEvicted: (_addrs, announced) => evicted.push(announced),
    });
    workers.push(w);
    return w;
  };
  /** a device logs in on worker w: store first, then the event (as the gateway does) */
  const login = async (w: FriendPresence, u: number, d: string, addr: string) => {
    await store.add(u, d, addr);
    w.online(u, d);
    await settle();
  };
  const leave = async (w: FriendPresence, u: number, d: string, addr: string) => {
    await store.remove(u, d, addr);
    w.offline(u, d);
    await settle();
  };
  const close = () => {
    for (const w of workers) w.close();
    store.close();
  };
  return { clock, store, sent, errors, evicted, failing, worker, login, leave, close };
}

let current: ReturnType<typeof world> | null = null;
const setup = (friends: Record<number, number[]>) => (current = world(friends));
afterEach(() => {
  if (!current) return;
  current.close();
  expect(current.errors).toEqual([]);
  current = null;
});

describe('OfflineDebounce', () => {
  it('fires once per user, delay after the newest leave; a return cancels; memory follows pending users', async () => {
    const clock = new FakeTimers();
    const fired: [number, number][] = [];
    const d = new OfflineDebounce(DELAY, (u, leftAt) => fired.push([u, leftAt]), clock.now, clock);
    d.left(1);
    const start = clock.t;
    await clock.advance(3000);
    d.left(1); // another device of 1 left: the check moves
    d.left(2);
    await clock.advance(2000);
    expect(fired).toEqual([]);
    d.came(2);
    expect(d.size).toBe(1);
    await clock.advance(2999);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([[1, start + 3000]]);
    await clock.advance(60_000);
    expect(fired).toHaveLength(1);
    expect(d.size).toBe(0);
    expect(clock.pending).toBe(0);
    d.left(3);
    d.close();
    await clock.advance(60_000);
    expect(fired).toHaveLength(1);
  });
});

describe('FriendPresence', () => {
  it('the first device announces online to the friends; more devices do not; offline comes delay after the last one left', async () => {
    const w = setup({ 1: [2, 3], 2: [1], 3: [1] });
    const a = w.worker();
    await w.login(a, 1, 'phone', 'n1:1');
    expect(w.sent).toEqual([{ to: [2, 3], list: [{ userId: 1, online: true, lastSeen: w.clock.t }] }]);
    await w.login(a, 1, 'web', 'n1:1');
    await w.leave(a, 1, 'phone', 'n1:1');
    await w.clock.advance(DELAY * 2);
    expect(w.sent).toHaveLength(1); // web is still there
    await w.leave(a, 1, 'web', 'n1:1');
    const left = w.clock.t;
    await w.clock.advance(DELAY - 1);
    expect(w.sent).toHaveLength(1);
    await w.clock.advance(1);
    expect(w.sent[1]).toEqual({ to: [2, 3], list: [{ userId: 1, online: false, lastSeen: left }] });
    await w.clock.advance(TTL * 2);
    expect(w.sent).toHaveLength(2);
  });

  it('a reconnect within the delay, here or on another node, flaps nothing', async () => {
    const w = setup({ 1: [2] });
    const [a, b] = [w.worker(), w.worker()];
    await w.login(a, 1, 'phone', 'n1:1');
    await w.leave(a, 1, 'phone', 'n1:1');
    await w.clock.advance(DELAY - 100);
    await w.login(a, 1, 'phone', 'n1:1'); // back here: the check is cancelled
    expect(a.pendingChecks).toBe(0);
    await w.leave(a, 1, 'phone', 'n1:1');
    await w.clock.advance(1000);
    await w.login(b, 1, 'phone', 'n2:1'); // back on another node: a's check finds the device
    await w.clock.advance(DELAY * 2);
    expect(w.sent.map((s) => s.list[0]!.online)).toEqual([true]);
    // It leaves n2, comes back to n1 and leaves again 2 s later: n2's check comes first but defers to n1's.
    await w.leave(b, 1, 'phone', 'n2:1');
    await w.clock.advance(1000);
    await w.login(a, 1, 'phone', 'n1:1');
    await w.clock.advance(1000);
    await w.leave(a, 1, 'phone', 'n1:1');
    const left = w.clock.t;
    await w.clock.advance(DELAY - 1000);
    expect(w.sent).toHaveLength(1); // b's check ran and held back
    await w.clock.advance(1000);
    expect(w.sent.map((s) => s.list[0])).toEqual([
      { userId: 1, online: true, lastSeen: expect.any(Number) },
      { userId: 1, online: false, lastSeen: left },
    ]);
  });

  it('two workers checking the same user announce one offline', async () => {
    const w = setup({ 1: [2] });
    const [a, b] = [w.worker(), w.worker()];
    await w.login(a, 1, 'phone', 'n1:1');
    await w.login(b, 1, 'web', 'n2:1');
    await w.store.remove(1, 'phone', 'n1:1');
    await w.store.remove(1, 'web', 'n2:1');
    a.offline(1, 'phone');
    b.offline(1, 'web'); // same ms: both checks find the user quiet
    await w.clock.advance(DELAY);
    expect(w.sent.map((s) => s.list[0]!.online)).toEqual([true, false]);
  });

  it('users of a node that died go offline when their marks expire: the sweep announces them once', async () => {
    const w = setup({ 1: [2], 5: [2] });
    const [a, b] = [w.worker(), w.worker()];
    await w.login(a, 1, 'phone', 'dead:1');
    await w.login(a, 5, 'phone', 'dead:1');
    const lastRefresh = w.clock.t;
    await w.clock.advance(TTL - 1);
    expect((await b.statusOf([1])).get(1)?.online).toBe(true);
    await w.clock.advance(10_001); // both workers' sweeps ran after the expiry
    expect((await b.statusOf([1, 5])).get(1)).toEqual({ userId: 1, online: false, lastSeen: lastRefresh });
    const offline = w.sent.filter((s) => !s.list[0]!.online);
    expect(offline.map((s) => s.list[0]!.userId).sort()).toEqual([1, 5]);
    expect(offline.every((s) => s.list[0]!.lastSeen === lastRefresh)).toBe(true);
  });

  it('a node that left the registry: the delay later its users who did not come back are announced offline once, long before the TTL', async () => {
    const w = setup({ 1: [2], 5: [2], 6: [2] });
    const [a, b] = [w.worker(), w.worker()];
    await w.login(a, 1, 'phone', 'gone:1');
    await w.login(a, 5, 'phone', 'gone:1');
    await w.login(a, 6, 'phone', 'gone:2');
    await w.clock.advance(3000);
    const lastWrite = w.clock.t;
    await w.store.refresh([{ userId: 1, deviceId: 'phone', addr: 'gone:1' }]);
    await w.clock.advance(2000); // the node died (its lease ran out)
    for (const x of [a, b]) x.nodeGone(['gone:1', 'gone:2']); // every worker sees it go
    await w.clock.advance(1000);
    await w.login(b, 5, 'phone', 'alive:1'); // 5 reconnected elsewhere within the delay
    await w.clock.advance(DELAY - 1000 - 1);
    expect(w.sent.filter((s) => !s.list[0]!.online)).toEqual([]);
    await w.clock.advance(1);
    const offline = w.sent.filter((s) => !s.list[0]!.online).map((s) => s.list[0]!);
    expect(offline.sort((x, y) => x.userId - y.userId)).toEqual([
      { userId: 1, online: false, lastSeen: lastWrite },
      { userId: 6, online: false, lastSeen: lastWrite - 3000 },
    ]);
    expect(w.evicted.sort()).toEqual([0, 2]); // both workers evicted; one of them announced both users
    expect((await b.statusOf([1, 5, 6])).get(5)?.online).toBe(true);
    await w.clock.advance(TTL / 2);
    await w.store.refresh([{ userId: 5, deviceId: 'phone', addr: 'alive:1' }]); // its new node keeps it
    await w.clock.advance(TTL / 2 + 10_000); // the sweeps ran: nothing left to announce
    expect(w.sent.filter((s) => !s.list[0]!.online)).toHaveLength(2);
  });

  it('a closed worker drops its pending evictions; nodeGone of nothing does nothing', async () => {
    const w = setup({ 1: [2] });
    const a = w.worker();
    await w.login(a, 1, 'phone', 'gone:1');
    a.nodeGone([]);
    expect(w.clock.pending).toBe(1); // the sweep only
    a.nodeGone(['gone:1']);
    expect(w.clock.pending).toBe(2);
    a.close();
    expect(w.clock.pending).toBe(0);
    a.nodeGone(['gone:1']);
    expect(w.clock.pending).toBe(0);
  });

  it('an announcement whose friends cannot be read is tried again: a passing failure still reaches them; one that lasts is reported once', async () => {
    const w = setup({ 1: [2], 3: [4] });
    const a = w.worker();
    w.failing.reads = ANNOUNCE_ATTEMPTS - 1;
    await w.login(a, 1, 'phone', 'n1:1');
    expect(w.sent).toEqual([]);
    await w.clock.advance(ANNOUNCE_RETRY_MS * (ANNOUNCE_ATTEMPTS - 1));
    expect(w.sent.map((s) => [s.to, s.list[0]!.userId, s.list[0]!.online])).toEqual([[[2], 1, true]]);
    expect(w.errors).toEqual([]);
    w.failing.reads = ANNOUNCE_ATTEMPTS;
    await w.login(a, 3, 'phone', 'n1:1');
    await w.clock.advance(ANNOUNCE_RETRY_MS * ANNOUNCE_ATTEMPTS);
    expect(w.sent).toHaveLength(1);
    expect(w.errors).toHaveLength(1);
    w.errors.splice(0);
    // closed: a retry waiting is dropped
    w.failing.reads = 1;
    await w.leave(a, 1, 'phone', 'n1:1');
    await w.clock.advance(DELAY);
    a.close();
    await w.clock.advance(ANNOUNCE_RETRY_MS * 2);
    expect(w.sent).toHaveLength(1);
  });

  it('CT_PRESENCE: every friend, online ones with last_seen now, others with their last_seen or 0; friendless users announce to nobody', async () => {
    const w = setup({ 1: [2, 3, 4], 9: [] });
    const a = w.worker();
    await w.login(a, 2, 'd', 'n1:1');
    await w.login(a, 3, 'd', 'n1:1');
    await w.login(a, 9, 'd', 'n1:1');
    await w.leave(a, 3, 'd', 'n1:1');
    const left = w.clock.t;
    await w.clock.advance(DELAY + 10);
    expect(await a.friendsPresence(1)).toEqual([
      { userId: 2, online: true, lastSeen: w.clock.t },
      { userId: 3, online: false, lastSeen: left },
      { userId: 4, online: false, lastSeen: 0 },
    ]);
    expect(await a.friendsPresence(9)).toEqual([]);
    expect(w.sent.every((s) => s.to.length > 0)).toBe(true);
  });
});
