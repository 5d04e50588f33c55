// The Presence contract (src/presence/presence.ts; DESIGN.md §5), as one
// suite that every implementation runs through its own factory.
import { afterEach, describe, expect, it } from 'vitest';
import type { Presence, PresenceEntry } from '../../src/presence/presence.js';

export interface PresenceOptions {
  /** ms an entry stays valid without a refresh */
  ttlMs: number;
  /** the clock entries are stamped and judged with */
  now: () => number;
}

/**
 * Opens a client of the presence state of the current test. Every call within
 * one test must reach the same state (a second client plays another process);
 * different tests must get different state (the caller sets that up in
 * beforeEach).
 */
export type PresenceFactory = (opts: PresenceOptions) => Promise<[Presence, () => Promise<void>]>;

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public t = Date.now()) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Entries in a comparable order. */
function sorted(list: readonly PresenceEntry[] | undefined): PresenceEntry[] | undefined {
  return list && [...list].sort((a, b) => a.deviceId.localeCompare(b.deviceId) || a.addr.localeCompare(b.addr));
}

function asObject(m: Map<number, PresenceEntry[]>): Record<number, PresenceEntry[]> {
  const o: Record<number, PresenceEntry[]> = {};
  for (const [u, list] of m) o[u] = sorted(list)!;
  return o;
}

export function presenceContract(name: string, factory: PresenceFactory): void {
  describe(`Presence contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const open = async (opts: PresenceOptions): Promise<Presence> => {
      const [p, cleanup] = await factory(opts);
      cleanups.push(cleanup);
      return p;
    };
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it('add makes a device visible to lookup from another client; several devices per user', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 60_000, now: clock.now });
      const b = await open({ ttlMs: 60_000, now: clock.now });
      await a.add(1, 'phone', '10.0.0.1:7001');
      await a.add(1, 'web|1', '10.0.0.2:7002'); // separators inside ids are data
      await a.add(2 ** 40, 'pad', '[::1]:7003');
      expect(asObject(await b.lookup([1, 2 ** 40]))).toEqual({
        1: [
          { deviceId: 'phone', addr: '10.0.0.1:7001' },
          { deviceId: 'web|1', addr: '10.0.0.2:7002' },
        ],
        [2 ** 40]: [{ deviceId: 'pad', addr: '[::1]:7003' }],
      });
      // A new login of the same device elsewhere replaces the address.
      await b.add(1, 'phone', '10.0.0.9:7009');
      expect(sorted((await a.lookup([1])).get(1))).toEqual([
        { deviceId: 'phone', addr: '10.0.0.9:7009' },
        { deviceId: 'web|1', addr: '10.0.0.2:7002' },
      ]);
    });

    it('remove deletes an entry only if it still points at the given address', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 60_000, now: clock.now });
      const b = await open({ ttlMs: 60_000, now: clock.now });
      await a.add(5, 'phone', 'old:1');
      await b.add(5, 'phone', 'new:2'); // re-login on another worker
      await a.remove(5, 'phone', 'old:1'); // the old connection closes afterwards
      expect((await a.lookup([5])).get(5)).toEqual([{ deviceId: 'phone', addr: 'new:2' }]);
      await a.remove(5, 'phone', 'new:'); // a prefix of the address is not the address
      await a.remove(5, 'phone', 'new:22');
      await a.remove(5, 'laptop', 'new:2'); // another device
      await a.remove(6, 'phone', 'new:2'); // another user (unknown)
      expect((await b.lookup([5])).get(5)).toEqual([{ deviceId: 'phone', addr: 'new:2' }]);
      await a.add(5, 'web', 'new:2');
      await b.remove(5, 'phone', 'new:2');
      expect((await a.lookup([5])).get(5)).toEqual([{ deviceId: 'web', addr: 'new:2' }]);
      await b.remove(5, 'web', 'new:2');
      const after = await a.lookup([5, 6]);
      expect(after.has(5)).toBe(false); // no devices left: absent, not an empty list
      expect(after.size).toBe(0);
    });

    it('entries expire after the TTL without a refresh (injected clock)', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 30_000, now: clock.now });
      const b = await open({ ttlMs: 30_000, now: clock.now });
      await a.add(7, 'phone', 'w:1');
      clock.advance(10_000);
      await a.add(7, 'web', 'w:1');
      await a.add(8, 'phone', 'w:2');
      clock.advance(15_000);
      expect(asObject(await b.lookup([7, 8]))).toEqual({
        7: [
          { deviceId: 'phone', addr: 'w:1' },
          { deviceId: 'web', addr: 'w:1' },
        ],
        8: [{ deviceId: 'phone', addr: 'w:2' }],
      });
      clock.advance(10_000); // phone of 7 is 35 s old, the others 25 s
      expect(asObject(await b.lookup([7, 8]))).toEqual({
        7: [{ deviceId: 'web', addr: 'w:1' }],
        8: [{ deviceId: 'phone', addr: 'w:2' }],
      });
      clock.advance(10_000);
      expect((await b.lookup([7, 8])).size).toBe(0);
      // A remove of an expired entry is harmless, and a fresh add is visible again.
      await a.remove(7, 'web', 'w:1');
      await a.add(7, 'web', 'w:3');
      expect((await b.lookup([7])).get(7)).toEqual([{ deviceId: 'web', addr: 'w:3' }]);
    });

    it('refresh extends entries, many in one call; what is not refreshed expires', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 30_000, now: clock.now });
      const b = await open({ ttlMs: 30_000, now: clock.now });
      const entries = Array.from({ length: 200 }, (_, i) => ({ userId: 100 + (i % 50), deviceId: `d${i}`, addr: `w:${i % 3}` }));
      for (const e of entries) await a.add(e.userId, e.deviceId, e.addr);
      await a.add(999, 'stale', 'w:0');
      for (let round = 0; round < 4; round++) {
        clock.advance(20_000);
        await b.refresh(entries); // another client re-asserts them
      }
      await b.refresh([]);
      clock.advance(20_000); // 100 s since add; 20 s since the last refresh
      const got = await a.lookup([...new Set(entries.map((e) => e.userId)), 999]);
      expect(got.has(999)).toBe(false);
      expect(got.size).toBe(50);
      for (let u = 100; u < 150; u++) {
        expect(sorted(got.get(u))).toEqual(
          sorted(entries.filter((e) => e.userId === u).map((e) => ({ deviceId: e.deviceId, addr: e.addr }))),
        );
      }
      clock.advance(15_000);
      expect((await a.lookup([100, 101])).size).toBe(0);
    });

    it('entries vanish in real time too (short TTL, real clock)', async () => {
      const a = await open({ ttlMs: 400, now: Date.now });
      const b = await open({ ttlMs: 400, now: Date.now });
      await a.add(20, 'phone', 'w:1');
      await a.add(21, 'phone', 'w:1');
      expect((await b.lookup([20, 21])).size).toBe(2);
      await sleep(250);
      await a.refresh([{ userId: 21, deviceId: 'phone', addr: 'w:1' }]);
      await sleep(250);
      expect([...(await b.lookup([20, 21])).keys()]).toEqual([21]);
      await sleep(400);
      expect((await b.lookup([20, 21])).size).toBe(0);
    });

    it('lookup answers for many users at once; users with no devices are absent', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 60_000, now: clock.now });
      const b = await open({ ttlMs: 60_000, now: clock.now });
      const online = new Map<number, PresenceEntry[]>();
      await a.refresh(
        Array.from({ length: 1000 }, (_, i) => i)
          .filter((i) => i % 3 === 0)
          .map((i) => {
            const e = { userId: 5000 + i, deviceId: `dev${i % 7}`, addr: `10.1.0.${i % 250}:${7000 + (i % 4)}` };
            online.set(e.userId, [{ deviceId: e.deviceId, addr: e.addr }]);
            return e;
          }),
      );
      const ask = Array.from({ length: 1000 }, (_, i) => 5000 + i);
      const got = await b.lookup(ask);
      expect(asObject(got)).toEqual(asObject(online));
      expect((await b.lookup([])).size).toBe(0);
      expect((await b.lookup([4999, 6000, 1])).size).toBe(0);
    });

    // ---- friends' presence: announced-online marks and last_seen (DESIGN.md §6a)

    it('markOnline reports the transition to exactly one caller, on any client; markOffline clears it', async () => {
      const clock = new FakeClock();
      const clients = [];
      for (let i = 0; i < 4; i++) clients.push(await open({ ttlMs: 60_000, now: clock.now }));
      const [a, b] = clients as [Presence, Presence];
      await a.add(30, 'phone', 'w:1');
      const got = await Promise.all(clients.flatMap((c) => [c.markOnline(30), c.markOnline(30)]));
      expect(got.filter(Boolean)).toHaveLength(1);
      expect(await b.markOnline(30)).toBe(false); // still announced
      clock.advance(1000);
      await a.remove(30, 'phone', 'w:1');
      clock.advance(5000);
      expect(await b.markOffline(30, clock.t)).toBe(clock.t - 5000); // last_seen: when the device left
      expect(await a.markOffline(30, clock.t)).toBeNull(); // not announced any more
      await b.add(30, 'web', 'w:2');
      expect(await b.markOnline(30)).toBe(true);
      expect(await a.markOnline(31)).toBe(true); // no device needed: the caller decides when to mark
    });

    it('markOffline holds back while a device is live, or when a device left after quietSince', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 60_000, now: clock.now });
      const b = await open({ ttlMs: 60_000, now: clock.now });
      expect(await a.markOffline(40, clock.t)).toBeNull(); // never announced
      await a.add(40, 'phone', 'n1:1');
      await a.add(40, 'web', 'n2:1');
      expect(await a.markOnline(40)).toBe(true);
      await a.remove(40, 'phone', 'n1:1');
      const firstLeft = clock.t;
      clock.advance(2000);
      expect(await b.markOffline(40, firstLeft)).toBeNull(); // web still online (another node)
      await b.remove(40, 'web', 'n2:1');
      const lastLeft = clock.t;
      clock.advance(3000);
      // The first leaver's check comes before the last one's quiet period: not yet.
      expect(await a.markOffline(40, firstLeft)).toBeNull();
      expect((await b.status([40])).get(40)).toEqual({ online: true, lastSeen: lastLeft }); // still announced
      const results = await Promise.all([a.markOffline(40, lastLeft), b.markOffline(40, lastLeft), a.markOffline(40, lastLeft)]);
      expect(results.filter((r) => r !== null)).toEqual([lastLeft]);
      expect((await a.status([40])).get(40)).toEqual({ online: false, lastSeen: lastLeft });
    });

    it('a mark follows its entries: add and refresh extend a live one, never create one; it expires with them and sweepExpired answers it once', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 30_000, now: clock.now });
      const b = await open({ ttlMs: 30_000, now: clock.now });
      await a.add(50, 'phone', 'dead:1');
      expect(await a.markOnline(50)).toBe(true);
      await a.add(51, 'phone', 'dead:1'); // refreshed but never announced
      for (let i = 0; i < 3; i++) {
        clock.advance(20_000);
        await a.refresh([
          { userId: 50, deviceId: 'phone', addr: 'dead:1' },
          { userId: 51, deviceId: 'phone', addr: 'dead:1' },
        ]);
      }
      const lastRefresh = clock.t;
      expect(await b.sweepExpired(100)).toEqual([]);
      clock.advance(29_000);
      expect((await b.status([50, 51])).get(50)).toEqual({ online: true, lastSeen: 0 });
      expect(await b.sweepExpired(100)).toEqual([]);
      clock.advance(2000); // the node stopped refreshing 31 s ago: everything expired
      expect(await b.status([50, 51])).toEqual(
        new Map([
          [50, { online: false, lastSeen: 0 }],
          [51, { online: false, lastSeen: 0 }],
        ]),
      );
      const swept = await Promise.all([a.sweepExpired(100), b.sweepExpired(100)]);
      expect(swept.flat()).toEqual([{ userId: 50, lastSeen: lastRefresh }]); // 51 had no mark
      expect(await a.sweepExpired(100)).toEqual([]);
      expect((await a.status([50])).get(50)).toEqual({ online: false, lastSeen: lastRefresh });
      expect(await a.markOffline(50, clock.t)).toBeNull();
      await b.add(50, 'phone', 'alive:1');
      expect(await b.markOnline(50)).toBe(true);
    });

    it('an expired mark of a user that came back is not swept; markOnline then reports a transition', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 10_000, now: clock.now });
      await a.add(60, 'phone', 'dead:1');
      expect(await a.markOnline(60)).toBe(true);
      clock.advance(11_000); // expired, nobody swept yet
      await a.add(60, 'web', 'alive:1'); // back on another node; a dead mark is not revived by add
      expect(await a.sweepExpired(10)).toEqual([]);
      expect((await a.status([60])).get(60)?.online).toBe(true);
      expect(await a.markOnline(60)).toBe(true);
      expect(await a.markOnline(60)).toBe(false);
    });

    it('evict: a gone node\'s entries go at once; users left with no live device and a mark are answered once, with their last write there', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 60_000, now: clock.now });
      const b = await open({ ttlMs: 60_000, now: clock.now });
      // 90: one device on the dead node; 91: also a device on a live node; 92: never announced
      await a.add(90, 'phone', 'dead:1');
      await a.add(91, 'phone', 'dead:2');
      await a.add(91, 'web', 'alive:1');
      await a.add(92, 'phone', 'dead:1');
      for (const u of [90, 91]) expect(await a.markOnline(u)).toBe(true);
      clock.advance(5000);
      await a.refresh([{ userId: 90, deviceId: 'phone', addr: 'dead:1' }]);
      const lastWrite = clock.t;
      clock.advance(5000); // the node died; its lease ran out; well within the TTL
      const before = clock.t;
      const got = await Promise.all([a.evict(['dead:1', 'dead:2'], before), b.evict(['dead:1', 'dead:2'], before)]);
      expect(got.flat()).toEqual([{ userId: 90, lastSeen: lastWrite }]);
      expect(asObject(await b.lookup([90, 91, 92]))).toEqual({ 91: [{ deviceId: 'web', addr: 'alive:1' }] });
      expect(await b.status([90, 91, 92])).toEqual(
        new Map([
          [90, { online: false, lastSeen: lastWrite }],
          [91, { online: true, lastSeen: 0 }],
          [92, { online: false, lastSeen: 0 }],
        ]),
      );
      // answered once: nothing more to evict, nothing to sweep, no offline left to announce
      expect(await a.evict(['dead:1', 'dead:2'], before)).toEqual([]);
      clock.advance(30_000);
      await b.refresh([{ userId: 91, deviceId: 'web', addr: 'alive:1' }]); // the live node keeps its device
      clock.advance(31_000);
      expect(await a.sweepExpired(100)).toEqual([]);
      expect(await a.markOffline(90, clock.t)).toBeNull();
      expect((await a.status([91])).get(91)?.online).toBe(true);
    });

    it('evict keeps what was written at the address since `before` (the node came back there) and answers users removed there already', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 60_000, now: clock.now });
      await a.add(93, 'phone', 'node:1');
      await a.add(94, 'phone', 'node:1');
      for (const u of [93, 94]) expect(await a.markOnline(u)).toBe(true);
      clock.advance(1000);
      await a.remove(94, 'phone', 'node:1'); // a clean shutdown removed it; its offline check went with the node
      const removedAt = clock.t;
      clock.advance(1000);
      const before = clock.t;
      clock.advance(1000);
      await a.add(95, 'phone', 'node:1'); // the node is back at the same address
      expect(await a.markOnline(95)).toBe(true);
      const got = await a.evict(['node:1'], before);
      expect(got.sort((x, y) => x.userId - y.userId)).toEqual([
        { userId: 93, lastSeen: removedAt - 1000 },
        { userId: 94, lastSeen: removedAt },
      ]);
      expect(asObject(await a.lookup([93, 94, 95]))).toEqual({ 95: [{ deviceId: 'phone', addr: 'node:1' }] });
      expect((await a.status([95])).get(95)?.online).toBe(true);
      expect(await a.evict([], before)).toEqual([]);
      expect(await a.evict(['never:1'], before)).toEqual([]);
    });

    it('sweepExpired answers at most `limit` per call; status answers many users at once', async () => {
      const clock = new FakeClock();
      const a = await open({ ttlMs: 1000, now: clock.now });
      const b = await open({ ttlMs: 1000, now: clock.now });
      for (let u = 70; u < 80; u++) {
        await a.add(u, 'd', 'w:1');
        await a.markOnline(u);
      }
      await a.add(80, 'd', 'w:1');
      await a.remove(80, 'd', 'w:1');
      const status = await b.status(Array.from({ length: 12 }, (_, i) => 70 + i));
      expect([...status.values()].filter((s) => s.online)).toHaveLength(10);
      expect(status.get(80)).toEqual({ online: false, lastSeen: clock.t });
      expect(status.get(81)).toEqual({ online: false, lastSeen: 0 });
      expect((await b.status([])).size).toBe(0);
      clock.advance(2000);
      const first = await b.sweepExpired(4);
      expect(first).toHaveLength(4);
      const rest = [...(await a.sweepExpired(100)), ...(await b.sweepExpired(100))];
      expect(new Set([...first, ...rest].map((e) => e.userId))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => 70 + i)));
      expect(rest).toHaveLength(6);
    });
  });
}
