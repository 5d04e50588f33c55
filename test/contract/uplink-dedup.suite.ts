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
 * one test must reach the same state (a second handle plays another worker);
 * different tests must get different state (the caller sets that up in
 * beforeEach).
 */
export type UplinkDedupFactory = (opts: UplinkDedupOptions) => Promise<[UplinkDedupStore, () => Promise<void>]>;

const DEFAULTS: UplinkDedupOptions = { window: 64, ttlSeconds: 3600 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const ok = (clientId: number): UplinkOutcome => ({ seq: 2 ** 40 + clientId, msgId: 2 ** 45 + clientId });

/** A commit of client_ids first..first+n-1, all accepted (outcomes derived from the id, so checkable). */
function commitOf(key: DeviceKey, first: number, n: number, outcome: (clientId: number) => UplinkOutcome = ok): UplinkCommit {
  return { ...key, outcomes: Array.from({ length: n }, (_, i) => ({ clientId: first + i, outcome: outcome(first + i) })) };
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

    it('epoch: a store that may have lost state is not intact until a settle, then it is for every handle', async () => {
      const a = await open();
      const e1 = await a.epoch();
      if (!e1.intact) {
        await a.settled(e1.token);
        expect((await a.epoch()).intact).toBe(true);
      }
      const b = await open();
      expect((await b.epoch()).intact).toBe(true);
      expect((await a.epoch()).intact).toBe(true);
    });

    it('pending marks stay until a commit covers them; they never make an unknown device known', async () => {
      const s = await open();
      const k: DeviceKey = { userId: 77, deviceId: 'pend' };
      await s.markPending([{ ...k, clientIds: [1] }]);
      expect(await s.load(k)).toBeNull();
      await s.seed(k, 0);
      await s.markPending([{ ...k, clientIds: [1, 2] }, { userId: 78, deviceId: 'x', clientIds: [] }]);
      expect(await s.pending(k)).toEqual([1, 2]);
      await s.commit([commitOf(k, 1, 1)]);
      expect(await s.pending(k)).toEqual([2]);
      expect(await s.load(k)).toBe(1);
      await s.commit([commitOf(k, 2, 1)]);
      expect(await s.pending(k)).toEqual([]);
    });

    it('an unknown device loads as null (unknown, not zero), with no outcomes', async () => {
      const s = await open();
      expect(await s.load({ userId: 1, deviceId: 'phone' })).toBeNull();
      expect(await s.outcome({ userId: 1, deviceId: 'phone' }, 1)).toBeNull();
      await s.commit([]);
      await s.commit([{ userId: 1, deviceId: 'phone', outcomes: [] }]);
      expect(await s.load({ userId: 1, deviceId: 'phone' })).toBeNull();
    });

    it('commit advances last and records each outcome, accepted or rejected, visible to another handle', async () => {
      const s = await open();
      const other = await open();
      const k: DeviceKey = { userId: 2 ** 40 + 3, deviceId: 'tablet-ü:1' };
      const rejected: UplinkOutcome = { code: 3, msg: 'forbidden: not a member, of group 9; ü' };
      const empty: UplinkOutcome = { code: 5, msg: '' };
      await s.commit([
        {
          ...k,
          outcomes: [
            { clientId: 1, outcome: ok(1) },
            { clientId: 2, outcome: rejected },
          ],
        },
      ]);
      expect(await other.load(k)).toBe(2);
      await other.commit([{ ...k, outcomes: [{ clientId: 3, outcome: empty }] }, commitOf(k, 4, 2)]);
      expect(await s.load(k)).toBe(5);
      expect(await s.outcome(k, 1)).toEqual(ok(1));
      expect(await s.outcome(k, 2)).toEqual(rejected);
      expect(await s.outcome(k, 3)).toEqual(empty);
      expect(await s.outcome(k, 4)).toEqual(ok(4));
      expect(await s.outcome(k, 5)).toEqual(ok(5));
      expect(await s.outcome(k, 6)).toBeNull();
      // Other devices of the same user, and the same device name of another user, are independent.
      expect(await s.load({ userId: k.userId, deviceId: 'tablet-ü' })).toBeNull();
      expect(await s.load({ userId: k.userId + 1, deviceId: k.deviceId })).toBeNull();
      expect(await s.outcome({ userId: k.userId, deviceId: 'tablet' }, 1)).toBeNull();
    });

    it('commit is conditional: one that does not start at last + 1 is ignored, outcomes included', async () => {
      const s = await open();
      const k: DeviceKey = { userId: 7, deviceId: 'd' };
      await s.commit([commitOf(k, 1, 3)]);
      const other: UplinkOutcome = { code: 1, msg: 'stale writer' };
      await s.commit([commitOf(k, 3, 2, () => other)]); // stale: 3 is done
      await s.commit([commitOf(k, 1, 1, () => other)]); // stale: far behind
      await s.commit([commitOf(k, 5, 1, () => other)]); // skips 4
      await s.commit([commitOf(k, 100, 3, () => other)]); // far ahead
      expect(await s.load(k)).toBe(3);
      for (const c of [1, 2, 3]) expect(await s.outcome(k, c)).toEqual(ok(c));
      for (const c of [4, 5, 100, 101, 102]) expect(await s.outcome(k, c)).toBeNull();
      await s.commit([commitOf(k, 4, 2)]);
      expect(await s.load(k)).toBe(5);
      expect(await s.outcome(k, 5)).toEqual(ok(5));
    });

    it('two writers racing on the same client_ids: exactly one commit applies', async () => {
      const a = await open();
      const b = await open();
      const k: DeviceKey = { userId: 8, deviceId: 'd' };
      await a.commit([commitOf(k, 1, 1)]);
      const fromA: UplinkOutcome = { seq: 100, msgId: 1 };
      const fromB: UplinkOutcome = { seq: 200, msgId: 2 };
      await Promise.all([a.commit([commitOf(k, 2, 2, () => fromA)]), b.commit([commitOf(k, 2, 3, () => fromB)])]);
      const last = await a.load(k);
      const winner = last === 3 ? fromA : fromB;
      expect([3, 4]).toContain(last);
      for (let c = 2; c <= last!; c++) expect(await b.outcome(k, c)).toEqual(winner);
      if (last === 3) expect(await a.outcome(k, 4)).toBeNull();
    });

    it('a commit on unknown state applies (the caller recovered it elsewhere)', async () => {
      const s = await open();
      const k: DeviceKey = { userId: 9, deviceId: 'd' };
      await s.commit([commitOf(k, 41, 2)]);
      expect(await s.load(k)).toBe(42);
      expect(await s.outcome(k, 42)).toEqual(ok(42));
    });

    it('seed sets last only when unknown', async () => {
      const s = await open();
      const k: DeviceKey = { userId: 10, deviceId: 'd' };
      await s.seed(k, 10);
      expect(await s.load(k)).toBe(10);
      expect(await s.outcome(k, 10)).toBeNull(); // seeding records no outcome
      await s.seed(k, 3);
      await s.seed(k, 20);
      expect(await s.load(k)).toBe(10);
      await s.commit([commitOf(k, 12, 1)]); // not last + 1: ignored
      expect(await s.load(k)).toBe(10);
      await s.commit([commitOf(k, 11, 1)]);
      expect(await s.load(k)).toBe(11);
      await s.seed(k, 5);
      expect(await s.load(k)).toBe(11);
      expect(await s.outcome(k, 11)).toEqual(ok(11));

      const zero: DeviceKey = { userId: 10, deviceId: 'new' };
      await s.seed(zero, 0); // recovered: nothing sent yet. Known now, as 0.
      expect(await s.load(zero)).toBe(0);
      await s.commit([commitOf(zero, 2, 1)]);
      expect(await s.load(zero)).toBe(0);
      await s.commit([commitOf(zero, 1, 1)]);
      expect(await s.load(zero)).toBe(1);
    });

    it('keeps the outcomes of the last `window` client_ids and trims older ones', async () => {
      const window = 4;
      const s = await open({ window });
      const oneByOne: DeviceKey = { userId: 11, deviceId: 'a' };
      const inBulk: DeviceKey = { userId: 11, deviceId: 'b' };
      const afterSeed: DeviceKey = { userId: 11, deviceId: 'c' };
      for (let c = 1; c <= 20; c++) await s.commit([commitOf(oneByOne, c, 1)]);
      await s.commit([commitOf(inBulk, 1, 13), commitOf(afterSeed, 101, 1)]);
      await s.commit([commitOf(inBulk, 14, 7)]);
      await s.seed(afterSeed, 1); // no-op: known
      for (const k of [oneByOne, inBulk]) {
        expect(await s.load(k)).toBe(20);
        for (let c = 1; c <= 20; c++) {
          const got = await s.outcome(k, c);
          if (c > 20 - window) expect(got, `client_id ${c} kept`).toEqual(ok(c));
          else expect(got, `client_id ${c} trimmed`).toBeNull();
        }
      }
      for (let c = 102; c <= 110; c++) await s.commit([commitOf(afterSeed, c, 1)]);
      for (let c = 101; c <= 110; c++) expect(await s.outcome(afterSeed, c)).toEqual(c > 110 - window ? ok(c) : null);
    });

    it('applies many devices in one commit, each on its own condition', async () => {
      const s = await open();
      const devices: DeviceKey[] = [];
      for (let u = 1; u <= 20; u++) for (const d of ['phone', 'web', 'pad']) devices.push({ userId: 1000 + u, deviceId: d });
      // Bring every device to last = its index % 5 (index 0 stays unknown).
      await s.commit(devices.map((k, i) => commitOf(k, 1, i % 5)).filter((c) => c.outcomes.length > 0));
      // One batch: fresh devices start anywhere, known ones must continue at last + 1; every
      // third device sends a stale commit (first = last), which is ignored.
      const batch = devices.map((k, i) => (i % 3 === 0 && i % 5 > 0 ? commitOf(k, i % 5, 2) : commitOf(k, (i % 5) + 1, 1 + (i % 2))));
      await s.commit(batch);
      for (const [i, k] of devices.entries()) {
        const stale = i % 3 === 0 && i % 5 > 0;
        const want = stale ? i % 5 : (i % 5) + 1 + (i % 2);
        expect(await s.load(k), `device ${i}`).toBe(want);
        expect(await s.outcome(k, want)).toEqual(want === 0 ? null : ok(want));
      }
    });

    it('idle state expires after the TTL; commits keep it alive', async () => {
      const s = await open({ ttlSeconds: 1 });
      const idle: DeviceKey = { userId: 12, deviceId: 'idle' };
      const busy: DeviceKey = { userId: 12, deviceId: 'busy' };
      const seeded: DeviceKey = { userId: 12, deviceId: 'seeded' };
      await s.commit([commitOf(idle, 1, 1), commitOf(busy, 1, 1)]);
      await s.seed(seeded, 5);
      await sleep(600);
      await s.commit([commitOf(busy, 2, 1)]);
      await sleep(600);
      expect(await s.load(busy)).toBe(2);
      await sleep(900);
      expect(await s.load(idle)).toBeNull();
      expect(await s.outcome(idle, 1)).toBeNull();
      expect(await s.load(seeded)).toBeNull();
      expect(await s.load(busy)).toBeNull();
    });
  });
}
