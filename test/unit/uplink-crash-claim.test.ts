// The crash-claim path (src/chat/crash-claim.ts) on a fake clock, with the
// memory dedup store and a fake message store: how a device is taken over
// after a lost owner (pending marks) or a dedup store that lost its state,
// and how a client_id that may be on its way to MySQL is settled (I1, I2).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CrashClaim, outcomeOf } from '../../src/chat/crash-claim.js';
import { MemoryUplinkDedup } from '../../src/dedup/uplink-dedup-memory.js';
import type { DeviceKey, LoadedDevice } from '../../src/dedup/uplink-dedup.js';
import { createLogger } from '../../src/log.js';
import type { UplinkClaim, UplinkRecord } from '../../src/store/message-store.js';
import type { StoredUplink } from '../../src/store/types.js';

const K: DeviceKey = { userId: 1, deviceId: 'phone' };

/** The message store's uplink side for one or more devices: stored copies by `user:device:client_id`, fence per device. */
class FakeStore {
  readonly stored = new Map<string, StoredUplink>();
  readonly fences = new Map<string, number>();
  stateReads: number[] = [];
  lookups: number[] = [];
  claims: number[] = [];
  async uplinkStates(keys: readonly DeviceKey[]): Promise<UplinkRecord[]> {
    this.stateReads.push(keys.length);
    return keys.map((k) => {
      const prefix = `${k.userId}:${k.deviceId}:`;
      const ids = [...this.stored.keys()].filter((s) => s.startsWith(prefix)).map((s) => Number(s.slice(prefix.length)));
      const top = ids.length ? Math.max(...ids) : 0;
      return { last: top ? { clientId: top, ...this.stored.get(prefix + top)! } : null, fence: this.fences.get(`${k.userId}:${k.deviceId}`) ?? 0 };
    });
  }
  async findUplink(u: number, d: string, cid: number): Promise<StoredUplink | null> {
    this.lookups.push(cid);
    return this.stored.get(`${u}:${d}:${cid}`) ?? null;
  }
  async claimUplink(u: number, d: string, cid: number): Promise<UplinkClaim> {
    this.claims.push(cid);
    const s = this.stored.get(`${u}:${d}:${cid}`);
    if (s) return { stored: s };
    const fence = (this.fences.get(`${u}:${d}`) ?? 0) + 1;
    this.fences.set(`${u}:${d}`, fence);
    return { fence };
  }
  put(cid: number, s: StoredUplink, k: DeviceKey = K): void {
    this.stored.set(`${k.userId}:${k.deviceId}:${cid}`, s);
  }
}

let dedup: MemoryUplinkDedup;
let store: FakeStore;
let crash: CrashClaim;
/** lossAgeMs the dedup store reports for unknown devices */
let lossAgeMs: number;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  dedup = new MemoryUplinkDedup({ window: 64, ttlSeconds: 3600 });
  const load = dedup.load.bind(dedup);
  lossAgeMs = Infinity;
  dedup.load = async (k): Promise<LoadedDevice> => {
    const l = await load(k);
    return l.state ? l : { ...l, lossAgeMs };
  };
  store = new FakeStore();
  crash = new CrashClaim({ dedup, store, inFlightBoundMs: 30_000, recoveryWaitMs: 1000, lookupMs: 200, logger: createLogger('silent') });
});
afterEach(() => {
  dedup.close();
  vi.useRealTimers();
});

/** Runs a promise to its end on the fake clock. */
async function run<T>(p: Promise<T>, ms = 0): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return p;
}

describe('CrashClaim.load', () => {
  it('a device the dedup store does not know, lost long ago or never: recovered from the message store, seeded, not ambiguous', async () => {
    store.put(1, { senderSeq: 11, msgId: 1 });
    store.put(2, { code: 3, msg: 'not a member' });
    store.fences.set('1:phone', 4);
    const t = await run(crash.load(K));
    expect(t).toMatchObject({ last: 2, fence: 4, ambiguous: false, recovered: { clientId: 2, outcome: { code: 3, msg: 'not a member' } } });
    expect(t.claimNotBefore).toBeUndefined();
    // seeded under the owner the load took: the next load knows it without the message store
    expect((await dedup.load(K)).state).toEqual({ last: 2, fence: 4, pending: [] });
    expect(store.stateReads).toEqual([1]);
  });

  it('a new device starts at 0 and is not ambiguous', async () => {
    const t = await run(crash.load(K));
    expect(t).toMatchObject({ last: 0, fence: 0, ambiguous: false });
    expect(t.recovered).toBeUndefined();
  });

  it('lost less than inFlightBoundMs ago: ambiguous; with history, no claim fences before recoveryWaitMs from now', async () => {
    lossAgeMs = 29_999;
    store.put(1, { senderSeq: 11, msgId: 1 });
    const t = await run(crash.load(K));
    expect(t).toMatchObject({ last: 1, ambiguous: true, claimNotBefore: 1_000_000 + 1000 });
    // without history nothing of the device can have been ACKed: claims need not wait
    const u = await run(crash.load({ userId: 2, deviceId: 'phone' }));
    expect(u.ambiguous).toBe(true);
    expect(u.claimNotBefore).toBeUndefined();
    // at exactly the bound, nothing can be in flight any more
    lossAgeMs = 30_000;
    expect((await run(crash.load({ userId: 3, deviceId: 'phone' }))).ambiguous).toBe(false);
  });

  it('a known device without pending marks is taken as it is, without reading the message store', async () => {
    const l = await dedup.load(K);
    await dedup.seed(K, l.owner, { last: 5, fence: 2 });
    const t = await run(crash.load(K));
    expect(t).toEqual({ owner: expect.any(String), last: 5, fence: 2, ambiguous: false });
    expect(t.owner).not.toBe(l.owner); // a fresh ownership
    expect(store.stateReads).toEqual([]);
  });

  it('pending marks of an earlier owner (it died between publish and commit): ambiguous, the fence raised to the message store\'s if higher', async () => {
    const l = await dedup.load(K);
    await dedup.seed(K, l.owner, { last: 5, fence: 2 });
    await dedup.markPending([{ ...K, owner: l.owner, clientIds: [6, 7] }]);
    store.fences.set('1:phone', 3);
    expect(await run(crash.load(K))).toMatchObject({ last: 5, fence: 3, ambiguous: true });
    store.fences.set('1:phone', 1);
    expect(await run(crash.load(K))).toMatchObject({ last: 5, fence: 2, ambiguous: true });
  });

  it('rejects when another owner takes the device while it is recovered (its seed must not apply)', async () => {
    const p = crash.load(K); // its load has taken the ownership; the message store is read next turn
    p.catch(() => undefined); // handled below: it may reject while the other load is awaited
    await dedup.load(K); // another node, between the load and the seed
    await expect(run(p)).rejects.toThrow(/taken over/);
  });

  it('devices taken over in the same turn are read from the message store in one call', async () => {
    const all = Promise.all([1, 2, 3].map((u) => crash.load({ userId: u, deviceId: 'phone' })));
    await run(all);
    expect(store.stateReads).toEqual([3]);
  });
});

describe('CrashClaim.claim', () => {
  async function owner(): Promise<string> {
    const t = await run(crash.load(K));
    return t.owner;
  }

  it('nothing stored: marks the client_id pending (a crash from here leaves the next owner ambiguous), then fences', async () => {
    const o = await owner();
    expect(await run(crash.claim(K, o, 1, 0))).toEqual({ fence: 1 });
    expect(store.claims).toEqual([1]);
    expect((await dedup.load(K)).state!.pending).toEqual([1]);
  });

  it('a stored copy is the answer', async () => {
    const o = await owner();
    store.put(1, { senderSeq: 7, msgId: 70 });
    expect(await run(crash.claim(K, o, 1, 0))).toEqual({ stored: { senderSeq: 7, msgId: 70 } });
  });

  it('an owner that is no longer the owner claims nothing', async () => {
    const o = await owner();
    await dedup.load(K); // taken over
    expect(await run(crash.claim(K, o, 1, 0))).toBeNull();
    expect(store.claims).toEqual([]);
  });

  it('before claimNotBefore the copy is only looked for, every lookupMs; found, it is the answer and nothing is fenced', async () => {
    const o = await owner();
    const p = crash.claim(K, o, 2, Date.now() + 1000);
    await vi.advanceTimersByTimeAsync(450);
    expect(store.lookups).toEqual([2, 2, 2]);
    expect(store.claims).toEqual([]);
    store.put(2, { senderSeq: 12, msgId: 2 }); // its batch lands
    expect(await run(p, 200)).toEqual({ stored: { senderSeq: 12, msgId: 2 } });
    expect(store.claims).toEqual([]);
    expect((await dedup.load(K)).state!.pending).toEqual([]); // never marked
  });

  it('not found by claimNotBefore: fenced then, not before', async () => {
    const o = await owner();
    let settled = false;
    const p = crash.claim(K, o, 2, Date.now() + 1000).then((c) => ((settled = true), c));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    expect(store.claims).toEqual([]);
    expect(await run(p, 1)).toEqual({ fence: 1 });
    expect(store.lookups.length).toBe(5); // at 0, 200, 400, 600, 800 (the last wait ends at claimNotBefore)
  });
});

describe('CrashClaim.findStored and outcomeOf', () => {
  it('answers the stored outcomes from `from` up to the first gap, at most `max`', async () => {
    store.put(3, { senderSeq: 13, msgId: 3 });
    store.put(4, { code: 4, msg: 'receiver not found' });
    store.put(6, { senderSeq: 16, msgId: 6 });
    expect(await crash.findStored(K, 3, 8)).toEqual([
      [3, { seq: 13, msgId: 3 }],
      [4, { code: 4, msg: 'receiver not found' }],
    ]);
    expect(await crash.findStored(K, 3, 1)).toEqual([[3, { seq: 13, msgId: 3 }]]);
    expect(await crash.findStored(K, 5, 8)).toEqual([]);
    expect(await crash.findStored({ userId: 2, deviceId: 'phone' }, 3, 8)).toEqual([]);
  });

  it('outcomeOf answers a stored message with the sender\'s seq and a stored rejection with its code', () => {
    expect(outcomeOf({ senderSeq: 5, msgId: 9 })).toEqual({ seq: 5, msgId: 9 });
    expect(outcomeOf({ code: 3, msg: 'no' })).toEqual({ code: 3, msg: 'no' });
  });
});
