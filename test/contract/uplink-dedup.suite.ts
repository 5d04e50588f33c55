// The UplinkDedupStore contract (src/dedup/uplink-dedup.ts; DESIGN.md §2.1,
// invariant I2), as one suite that every implementation runs through its own
// factory.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceKey, UplinkCommit, UplinkDedupStore, UplinkOutcome } from '../../src/dedup/uplink-dedup.js';

export interface UplinkDedupOptions {
  /** outcomes remembered per device */
  window: number;
  /** idle devices' state expires after this many seconds */
  ttlSeconds: number;
}

/**
 * Opens a handle on the dedup state of the current test. Every call within
 * one test must reach the same state (a second handle plays another worker
 * or node); different tests must get different state (the caller sets that
 * up in beforeEach).
 */
export type UplinkDedupFactory = (opts: UplinkDedupOptions) => Promise<[UplinkDedupStore, () => Promise<void>]>;

const DEFAULTS: UplinkDedupOptions = { window: 64, ttlSeconds: 3600 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const ok = (clientId: number): UplinkOutcome => ({ seq: 2 ** 40 + clientId, msgId: 2 ** 45 + clientId });

/** A commit of client_ids first..first+n-1, all accepted (outcomes derived from the id, so checkable). */
function commitOf(key: DeviceKey, owner: string, first: number, n: number, outcome: (clientId: number) => UplinkOutcome = ok, fence = 0): UplinkCommit {
  return { ...key, owner, fence, outcomes: Array.from({ length: n }, (_, i) => ({ clientId: first + i, outcome: outcome(first + i) })) };
}

/** Loads the device (taking ownership) and seeds it at `last` if unknown; answers the owner token. */
async function own(s: UplinkDedupStore, k: DeviceKey, last = 0): Promise<string> {
  const l = await s.load(k);
  if (!l.state) expect(await s.seed(k, l.owner, { last, fence: 0 })).toBe(true);
  return l.owner;
}

export function uplinkDedupContract(name: string, factory: UplinkDedupFactory): void {
  describe(`UplinkDedupStore contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const open = async (opts: Partial<UplinkDedupOptions> = {}): Promise<UplinkDedupStore> => {
      const [s, cleanup] = await factory({ ...DEFAULTS, ...opts });
      cleanups.push(cleanup);
      return s;
    };
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it('an unknown device loads as null (unknown, not zero) with an owner token; writes fail until it is seeded; seed applies once, for the current owner', async () => {
      const s = await open();
      const k: DeviceKey = { userId: 1, deviceId: 'phone' };
      const first = await s.load(k);
      expect(first.state).toBeNull();
      expect(first.owner).toBeTruthy();
      expect(first.lossAgeMs).toBeGreaterThanOrEqual(0);
      expect(await s.outcome(k, 1)).toBeNull();
      expect(await s.markPending([{ ...k, owner: first.owner, clientIds: [1] }])).toEqual([false]);
      expect(await s.commit([commitOf(k, first.owner, 1, 1)])).toEqual([false]);
      expect(await s.commit([])).toEqual([]);
      const second = await s.load(k);
      expect(second.owner).not.toBe(first.owner);
      expect(await s.seed(k, first.owner, { last: 9, fence: 0 })).toBe(false); // not the owner any more
      expect(await s.seed(k, second.owner, { last: 4, fence: 2 })).toBe(true);
      expect(await s.seed(k, second.owner, { last: 7, fence: 0 })).toBe(false); // known now
      expect((await s.load(k)).state).toEqual({ last: 4, fence: 2, pending: [] });
    });

    it('markFirstStart: when the deployment\'s first start is claimed, unknown devices are new (no loss to recover from); a declined claim records nothing', async () => {
      const s = await open();
      expect(await s.markFirstStart(async () => false)).toBe(false);
      await s.markFirstStart(async () => true);
      const l = await s.load({ userId: 3, deviceId: 'new' });
      expect(l.state).toBeNull();
      expect(l.lossAgeMs).toBeGreaterThan(365 * 24 * 3600_000); // past any in-flight bound
    });

    it('load takes ownership: from then on the earlier owner can neither mark nor commit; the new one can', async () => {
      const a = await open();
      const b = await open();
      const k: DeviceKey = { userId: 2 ** 40 + 3, deviceId: 'tablet-ü:1' };
      const ownerA = await own(a, k, 0);
      expect(await a.commit([commitOf(k, ownerA, 1, 3)])).toEqual([true]);
      // The device moves to another node (b) and sends 4-6 there.
      const lb = await b.load(k);
      expect(lb.state).toEqual({ last: 3, fence: 0, pending: [] });
      expect(await b.markPending([{ ...k, owner: lb.owner, clientIds: [4, 5, 6] }])).toEqual([true]);
      expect(await b.commit([commitOf(k, lb.owner, 4, 3)])).toEqual([true]);
      // Node a still caches last = 3: its writes fail, so it cannot act on that copy.
      expect(await a.markPending([{ ...k, owner: ownerA, clientIds: [4] }])).toEqual([false]);
      expect(await a.commit([commitOf(k, ownerA, 4, 1, () => ({ seq: 1, msgId: 1 }))])).toEqual([false]);
      expect(await a.outcome(k, 4)).toEqual(ok(4));
      // Back on a: a load reads the current state.
      const la = await a.load(k);
      expect(la.state!.last).toBe(6);
      expect(await b.commit([commitOf(k, lb.owner, 7, 1)])).toEqual([false]);
    });

    it('commit records each outcome, accepted or rejected, and the fence; applies only at last + 1', async () => {
      const s = await open();
      const other = await open();
      const k: DeviceKey = { userId: 7, deviceId: 'd' };
      const owner = await own(s, k, 0);
      const rejected: UplinkOutcome = { code: 3, msg: 'forbidden: not a member, of group 9; ü' };
      const empty: UplinkOutcome = { code: 5, msg: '' };
      expect(
        await s.commit([
          {
            ...k,
            owner,
            fence: 3,
            outcomes: [
              { clientId: 1, outcome: ok(1) },
              { clientId: 2, outcome: rejected },
              { clientId: 3, outcome: empty },
            ],
          },
        ]),
      ).toEqual([true]);
      const stale: UplinkOutcome = { code: 1, msg: 'stale writer' };
      expect(await s.commit([commitOf(k, owner, 3, 2, () => stale)])).toEqual([false]); // 3 is done
      expect(await s.commit([commitOf(k, owner, 5, 1, () => stale)])).toEqual([false]); // skips 4
      expect(await s.commit([commitOf(k, owner, 100, 3, () => stale)])).toEqual([false]);
      expect(await other.outcome(k, 1)).toEqual(ok(1));
      expect(await other.outcome(k, 2)).toEqual(rejected);
      expect(await other.outcome(k, 3)).toEqual(empty);
      for (const c of [4, 5, 100]) expect(await other.outcome(k, c)).toBeNull();
      expect((await other.load(k)).state).toEqual({ last: 3, fence: 3, pending: [] });
      // Other devices of the same user, and the same device name of another user, are independent.
      expect((await s.load({ userId: 7, deviceId: 'd2' })).state).toBeNull();
      expect((await s.load({ userId: 8, deviceId: 'd' })).state).toBeNull();
      expect(await s.outcome({ userId: 8, deviceId: 'd' }, 1)).toBeNull();
    });

    it('pending marks are read with last in the same load and stay until a commit covers them', async () => {
      const s = await open();
      const next = await open();
      const k: DeviceKey = { userId: 77, deviceId: 'pend' };
      const owner = await own(s, k, 0);
      expect(await s.markPending([{ ...k, owner, clientIds: [1, 2] }, { userId: 78, deviceId: 'x', owner: 'nobody', clientIds: [] }])).toEqual([true, true]);
      expect(await s.commit([commitOf(k, owner, 1, 1)])).toEqual([true]);
      expect(await s.markPending([{ ...k, owner, clientIds: [3] }])).toEqual([true]);
      // The worker dies here. The next owner sees what it left in flight.
      const l = await next.load(k);
      expect(l.state).toEqual({ last: 1, fence: 0, pending: [2, 3] });
      expect(await next.commit([commitOf(k, l.owner, 2, 1)])).toEqual([true]);
      expect((await next.load(k)).state!.pending).toEqual([3]);
    });

    it('two owners racing: only the later load can commit', async () => {
      const a = await open();
      const b = await open();
      const k: DeviceKey = { userId: 8, deviceId: 'd' };
      await own(a, k, 1);
      const [la, lb] = await Promise.all([a.load(k), b.load(k)]);
      const fromA: UplinkOutcome = { seq: 100, msgId: 1 };
      const fromB: UplinkOutcome = { seq: 200, msgId: 2 };
      const [ra, rb] = await Promise.all([a.commit([commitOf(k, la.owner, 2, 2, () => fromA)]), b.commit([commitOf(k, lb.owner, 2, 3, () => fromB)])]);
      expect([ra[0], rb[0]].filter(Boolean)).toHaveLength(1);
      const { state } = await a.load(k);
      const winner = ra[0] ? fromA : fromB;
      expect(state!.last).toBe(ra[0] ? 3 : 4);
      for (let c = 2; c <= state!.last; c++) expect(await b.outcome(k, c)).toEqual(winner);
    });

    it('keeps the outcomes of the last `window` client_ids and trims older ones', async () => {
      const window = 4;
      const s = await open({ window });
      const oneByOne: DeviceKey = { userId: 11, deviceId: 'a' };
      const inBulk: DeviceKey = { userId: 11, deviceId: 'b' };
      const o1 = await own(s, oneByOne);
      const o2 = await own(s, inBulk);
      for (let c = 1; c <= 20; c++) expect(await s.commit([commitOf(oneByOne, o1, c, 1)])).toEqual([true]);
      await s.commit([commitOf(inBulk, o2, 1, 13)]);
      await s.commit([commitOf(inBulk, o2, 14, 7)]);
      for (const k of [oneByOne, inBulk]) {
        for (let c = 1; c <= 20; c++) {
          const got = await s.outcome(k, c);
          if (c > 20 - window) expect(got, `client_id ${c} kept`).toEqual(ok(c));
          else expect(got, `client_id ${c} trimmed`).toBeNull();
        }
        expect((await s.load(k)).state!.last).toBe(20);
      }
    });

    it('applies many devices in one commit, each on its own owner and position', async () => {
      const s = await open();
      const devices: DeviceKey[] = [];
      for (let u = 1; u <= 20; u++) for (const d of ['phone', 'web', 'pad']) devices.push({ userId: 1000 + u, deviceId: d });
      const owners = new Map<DeviceKey, string>();
      for (const [i, k] of devices.entries()) owners.set(k, await own(s, k, i % 5));
      // Every third device sends a stale commit (first = last), every seventh one with a stale owner.
      const batch = devices.map((k, i) => {
        if (i % 7 === 0) return commitOf(k, 'someone else', (i % 5) + 1, 1);
        return i % 3 === 0 ? commitOf(k, owners.get(k)!, i % 5, 2) : commitOf(k, owners.get(k)!, (i % 5) + 1, 1 + (i % 2));
      });
      const res = await s.commit(batch);
      for (const [i, k] of devices.entries()) {
        const applied = i % 7 !== 0 && i % 3 !== 0;
        expect(res[i], `device ${i}`).toBe(applied);
        const want = applied ? (i % 5) + 1 + (i % 2) : i % 5;
        expect((await s.load(k)).state!.last, `device ${i}`).toBe(want);
      }
    });

    it('idle state expires after the TTL; writes keep it alive', async () => {
      const s = await open({ ttlSeconds: 1 });
      const idle: DeviceKey = { userId: 12, deviceId: 'idle' };
      const busy: DeviceKey = { userId: 12, deviceId: 'busy' };
      const oi = await own(s, idle);
      const ob = await own(s, busy);
      await s.commit([commitOf(idle, oi, 1, 1), commitOf(busy, ob, 1, 1)]);
      await sleep(600);
      await s.commit([commitOf(busy, ob, 2, 1)]);
      await sleep(600);
      expect(await s.outcome(busy, 2)).toEqual(ok(2));
      await sleep(900);
      expect(await s.outcome(idle, 1)).toBeNull();
      expect((await s.load(idle)).state).toBeNull();
      expect(await s.commit([commitOf(busy, ob, 3, 1)])).toEqual([false]);
      expect((await s.load(busy)).state).toBeNull();
    });
  });
}
