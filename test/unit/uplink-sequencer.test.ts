// UplinkSequencer (src/chat/uplink.ts) on a fake clock, with a dedup store
// whose replies can be held back, a fake message store and a pipeline that
// only records the runs it is given: ordering, ownership, claims and
// recovery decided per device (DESIGN.md §2.1, I2, I3).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Code, UnavailableError } from '../../src/errors.js';
import { OwnershipLost, type Run } from '../../src/chat/run.js';
import type { UpRequest, UplinkMessage } from '../../src/chat/types.js';
import { UplinkSequencer } from '../../src/chat/uplink.js';
import { MemoryUplinkDedup } from '../../src/dedup/uplink-dedup-memory.js';
import type { DeviceKey, LoadedDevice, UplinkDedupStore, UplinkOutcome } from '../../src/dedup/uplink-dedup.js';
import { createLogger } from '../../src/log.js';
import type { MessageStore, UplinkClaim } from '../../src/store/message-store.js';
import type { StoredUplink } from '../../src/store/types.js';

const K: DeviceKey = { userId: 1, deviceId: 'phone' };
const MSG: UplinkMessage = { sessionType: 1, receiverId: 2, messageType: 1, content: Buffer.from('x') };

/** A memory dedup store whose loads can be held until released, with every load's answer overridable. */
class HeldDedup implements UplinkDedupStore {
  readonly inner = new MemoryUplinkDedup({ window: 64, ttlSeconds: 3600 });
  hold = false;
  loads = 0;
  /** pending marks to report at the next load (an earlier owner's) */
  lossAgeMs = Infinity;
  private held: (() => void)[] = [];
  async load(k: DeviceKey): Promise<LoadedDevice> {
    this.loads++;
    if (this.hold) await new Promise<void>((r) => this.held.push(r));
    const l = await this.inner.load(k);
    return l.state ? l : { ...l, lossAgeMs: this.lossAgeMs };
  }
  release(): void {
    this.hold = false;
    for (const r of this.held.splice(0)) r();
  }
  seed = (k: DeviceKey, owner: string, s: { last: number; fence: number }) => this.inner.seed(k, owner, s);
  outcome = (k: DeviceKey, c: number) => this.inner.outcome(k, c);
  markPending = (m: Parameters<UplinkDedupStore['markPending']>[0]) => this.inner.markPending(m);
  commit = (c: Parameters<UplinkDedupStore['commit']>[0]) => this.inner.commit(c);
  /** What another node does: takes the device over, commits `outcomes` from last+1, leaves `pending` marked. */
  async markFirstStart(): Promise<boolean> {
    return false;
  }
  async elsewhere(outcomes: UplinkOutcome[], pending: number[] = []): Promise<void> {
    const l = await this.inner.load(K);
    if (!l.state) await this.inner.seed(K, l.owner, { last: 0, fence: 0 });
    const last = l.state?.last ?? 0;
    if (outcomes.length) await this.inner.commit([{ ...K, owner: l.owner, fence: l.state?.fence ?? 0, outcomes: outcomes.map((outcome, i) => ({ clientId: last + 1 + i, outcome })) }]);
    if (pending.length) await this.inner.markPending([{ ...K, owner: l.owner, clientIds: pending }]);
  }
}

class FakeStore {
  /** client_id -> stored copy */
  readonly stored = new Map<number, StoredUplink>();
  fence = 0;
  claims: number[] = [];
  lookups: number[] = [];
  async uplinkState() {
    const ids = [...this.stored.keys()].sort((a, b) => b - a);
    const last = ids.length ? { clientId: ids[0]!, ...this.stored.get(ids[0]!)! } : null;
    return { last, fence: this.fence };
  }
  async uplinkStates(keys: readonly unknown[]) {
    return Promise.all(keys.map(() => this.uplinkState()));
  }
  async findUplink(_u: number, _d: string, cid: number) {
    this.lookups.push(cid);
    return this.stored.get(cid) ?? null;
  }
  async claimUplink(_u: number, _d: string, cid: number): Promise<UplinkClaim> {
    this.claims.push(cid);
    const s = this.stored.get(cid);
    return s ? { stored: s } : { fence: ++this.fence };
  }
}

let dedup: HeldDedup;
let store: FakeStore;
let runs: Run[];
let seq: UplinkSequencer;
const answers = new Map<number, UplinkOutcome[]>();

function send(clientId: number): void {
  const req: UpRequest = { clientId, msg: MSG, reply: (o) => answers.set(clientId, [...(answers.get(clientId) ?? []), o]) };
  seq.submit(K.userId, K.deviceId, req);
}
/** Completes the oldest run the pipeline holds with accepted outcomes (seq = 100 + client_id), committing them as the pipeline would. */
async function completeRun(fail?: OwnershipLost | UnavailableError): Promise<Run> {
  const r = runs.shift()!;
  if (fail) {
    r.done(fail);
    return r;
  }
  const outcomes = r.entries.map((e) => ({ seq: 100 + e.clientId, msgId: 1000 + e.clientId }));
  const [ok] = await dedup.commit([{ ...K, owner: r.owner, fence: r.fence, outcomes: r.entries.map((e, i) => ({ clientId: e.clientId, outcome: outcomes[i]! })) }]);
  r.done(ok ? outcomes : new OwnershipLost(true));
  return r;
}
const settle = () => vi.advanceTimersByTimeAsync(0);
/** Completes runs (accepted) until the pipeline holds none. */
async function completeAll(): Promise<void> {
  while (runs.length) {
    await completeRun();
    await settle();
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  dedup = new HeldDedup();
  store = new FakeStore();
  runs = [];
  answers.clear();
  seq = new UplinkSequencer({
    dedup,
    store: store as unknown as MessageStore,
    pipeline: { enqueue: (r) => runs.push(r) },
    window: 8,
    inFlightBoundMs: 30_000,
    lookupMs: 200,
    recoveryWaitMs: 1000,
    logger: createLogger('silent'),
  });
});
afterEach(() => {
  seq.close();
  dedup.inner.close();
  vi.useRealTimers();
});

describe('UplinkSequencer', () => {
  it('the load race: frames that arrive while the state is being read wait for all of it, pending marks included, and the pending client_id is claimed before it is processed', async () => {
    await dedup.elsewhere([], [1, 2]); // a worker died with 1 and 2 handed to persistence
    dedup.hold = true;
    send(1);
    send(2);
    await settle();
    expect(dedup.loads).toBe(1);
    expect(runs).toHaveLength(0); // nothing runs on half a state
    dedup.release();
    await settle();
    // 1 is claimed first (nothing stored: fenced), then run with the new fence; 2 rides along (the fence covers it).
    expect(store.claims).toEqual([1]);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.entries.map((e) => e.clientId)).toEqual([1, 2]);
    expect(runs[0]!.fence).toBe(1);
    await completeRun();
    await settle();
    expect(answers.get(1)).toEqual([{ seq: 101, msgId: 1001 }]);
    expect(answers.get(2)).toEqual([{ seq: 102, msgId: 1002 }]);
  });

  it('a pending client_id found stored is answered with the stored copy and not processed again; the next one is claimed in turn', async () => {
    await dedup.elsewhere([{ seq: 9, msgId: 9 }], [2, 3]);
    store.stored.set(2, { senderSeq: 40, msgId: 400 });
    send(2);
    send(3);
    await settle();
    expect(answers.get(2)).toEqual([{ seq: 40, msgId: 400 }]);
    expect(store.claims).toEqual([2, 3]);
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[3]]);
    expect(runs[0]!.fence).toBe(1);
  });

  it('roaming: a device that left and came back is read again at login; a resent client_id gets its first answer, a new one is processed once', async () => {
    send(1);
    send(2);
    send(3);
    await settle();
    await completeAll();
    expect(answers.get(3)).toEqual([{ seq: 103, msgId: 1003 }]);
    // Another node handled 4-6 meanwhile.
    await dedup.elsewhere([{ seq: 24, msgId: 4 }, { seq: 25, msgId: 5 }, { seq: 26, msgId: 6 }]);
    seq.loggedIn(K.userId, K.deviceId);
    send(4); // its ACK was lost
    await settle();
    expect(answers.get(4)).toEqual([{ seq: 24, msgId: 4 }]);
    expect(runs).toHaveLength(0);
    send(7);
    await settle();
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[7]]);
  });

  it('roaming without a login seen here (an old connection): a later client_id with last+1 missing makes the device re-read once, and it does not stall', async () => {
    send(1);
    await settle();
    await completeRun();
    await settle();
    await dedup.elsewhere([{ seq: 22, msgId: 2 }, { seq: 23, msgId: 3 }]);
    const loads = dedup.loads;
    send(3); // cached last is 1: 3 would wait for 2 forever
    await settle();
    expect(dedup.loads).toBe(loads + 1);
    expect(answers.get(3)).toEqual([{ seq: 23, msgId: 3 }]);
    send(5); // 4 not sent yet: the gap is checked once per position, then 5 waits for 4
    await settle();
    expect(dedup.loads).toBe(loads + 2);
    send(4);
    await settle();
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[4, 5]]);
  });

  it('a run whose ownership was lost before anything was done is routed again after a reload, unanswered; one lost at the commit is answered code 7 and the device reloads', async () => {
    send(1);
    await settle();
    await completeRun(new OwnershipLost(false));
    await settle();
    expect(answers.get(1)).toBeUndefined();
    expect(runs).toHaveLength(1); // routed again
    expect(dedup.loads).toBe(2);
    await completeRun(new OwnershipLost(true));
    await settle();
    expect(answers.get(1)).toEqual([{ code: Code.UNAVAILABLE, msg: expect.stringMatching(/unavailable/) }]);
    send(1); // the retransmit reloads the state
    await settle();
    expect(dedup.loads).toBe(3);
  });

  it('shortly after the dedup store lost the device: last comes from MySQL, an ACKed client_id still on its way is waited for in MySQL (no stall, no claim), the next one is claimed', async () => {
    dedup.lossAgeMs = 1000; // Redis came back empty a second ago
    store.stored.set(1, { senderSeq: 11, msgId: 1 });
    store.stored.set(2, { senderSeq: 12, msgId: 2 });
    // 3 was ACKed before the loss but its batch has not reached MySQL: the device sends 4.
    send(4);
    await settle();
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(store.lookups.filter((c) => c === 3).length).toBeGreaterThanOrEqual(2);
    expect(runs).toHaveLength(0);
    store.stored.set(3, { senderSeq: 13, msgId: 3 }); // the batch lands
    await vi.advanceTimersByTimeAsync(250);
    expect(await dedup.inner.outcome(K, 3)).toEqual({ seq: 13, msgId: 3 }); // committed (read without taking ownership)
    await vi.advanceTimersByTimeAsync(500); // 4 is looked for until recoveryWaitMs has passed since the load, then claimed
    expect(store.claims).toEqual([4]);
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[4]]);
  });

  it('shortly after a loss, a device with history: its retransmitted client_id is looked for in MySQL for recoveryWaitMs before it is fenced (its first copy may have been ACKed and pushed)', async () => {
    dedup.lossAgeMs = 500;
    store.stored.set(1, { senderSeq: 11, msgId: 1 });
    send(2); // 2 was ACKed (the ACK got lost) just before Redis lost the device; its batch is slow
    await vi.advanceTimersByTimeAsync(500);
    expect(store.claims).toEqual([]);
    store.stored.set(2, { senderSeq: 12, msgId: 2 }); // lands
    await vi.advanceTimersByTimeAsync(250);
    expect(answers.get(2)).toEqual([{ seq: 12, msgId: 2 }]); // its first seq
    expect(store.claims).toEqual([]);
    send(3); // looked for too until the window (1 s after the load) has passed, then claimed
    await settle();
    expect(store.claims).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(store.claims).toEqual([3]);
  });

  it('a device the dedup store lost long ago (or never knew) is recovered from MySQL without claims', async () => {
    store.stored.set(1, { senderSeq: 11, msgId: 1 });
    send(1);
    send(2);
    await settle();
    expect(answers.get(1)).toEqual([{ seq: 11, msgId: 1 }]);
    expect(store.claims).toEqual([]);
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[2]]);
    expect(runs[0]!.fence).toBe(0);
  });

  it('a device whose last answer was a rejection, forgotten by the dedup store (TTL, loss): recovered from the stored rejection, so the next client_id does not wait for it', async () => {
    store.stored.set(1, { senderSeq: 11, msgId: 1 });
    store.stored.set(2, { code: 3, msg: 'not a member' });
    send(3);
    await settle();
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[3]]);
    send(2);
    await settle();
    expect(answers.get(2)).toEqual([{ code: 3, msg: 'not a member' }]);
  });

  it('a failed load answers what waits with code 7; the next frame tries again', async () => {
    const real = dedup.load.bind(dedup);
    dedup.load = async () => Promise.reject(new Error('redis down'));
    send(1);
    await settle();
    expect(answers.get(1)).toEqual([{ code: Code.UNAVAILABLE, msg: expect.any(String) }]);
    dedup.load = real;
    send(1);
    await settle();
    expect(runs).toHaveLength(1);
  });

  it('a transient failure of a run fails everything queued behind it (no later message overtakes it)', async () => {
    send(1);
    await settle();
    send(2);
    send(3);
    await completeRun(new UnavailableError('queue'));
    await settle();
    for (const c of [1, 2, 3]) expect(answers.get(c)?.[0]).toMatchObject({ code: Code.UNAVAILABLE });
  });
});

describe('UplinkSequencer ordering and retransmits', () => {
  it('client_ids that come out of order run in order: what arrives during a run waits and goes as the next run', async () => {
    send(2);
    send(1); // the load is under way: both wait for it
    await settle();
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[1, 2]]);
    send(5);
    send(3);
    send(4);
    await settle();
    expect(runs).toHaveLength(1); // one run of the device at a time
    await completeRun();
    await settle();
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[3, 4, 5]]);
    await completeAll();
    expect([1, 2, 3, 4, 5].map((c) => answers.get(c))).toEqual([1, 2, 3, 4, 5].map((c) => [{ seq: 100 + c, msgId: 1000 + c }]));
  });

  it('a retransmit of an answered client_id gets the same answer again, from memory, without a run or a load', async () => {
    send(1);
    await settle();
    await completeAll();
    const loads = dedup.loads;
    send(1);
    await settle();
    expect(answers.get(1)).toEqual([
      { seq: 101, msgId: 1001 },
      { seq: 101, msgId: 1001 },
    ]);
    expect(runs).toHaveLength(0);
    expect(dedup.loads).toBe(loads);
    expect(store.lookups).toEqual([]);
  });

  it('a retransmit no longer remembered here is answered from the dedup store, then from the message store, else as used (code 1)', async () => {
    for (let c = 1; c <= 8; c++) send(c);
    await settle();
    await completeAll();
    send(9);
    send(10);
    await settle();
    await completeAll(); // window 8: this worker remembers 3–10
    send(2);
    await settle();
    expect(answers.get(2)).toEqual([{ seq: 102, msgId: 1002 }, { seq: 102, msgId: 1002 }]); // from the dedup store
    expect(store.lookups).toEqual([]);
    store.stored.set(1, { senderSeq: 51, msgId: 501 });
    dedup.outcome = async () => null; // the dedup store has forgotten them
    send(1);
    send(2);
    await settle();
    expect(answers.get(1)).toEqual([{ seq: 101, msgId: 1001 }, { seq: 51, msgId: 501 }]); // from the message store
    expect(answers.get(2)?.[2]).toEqual({ code: Code.BAD_REQUEST, msg: 'client_id already used' }); // nowhere
    expect(runs).toHaveLength(0);
  });

  it('a retransmit of the client_id in flight is answered with the same outcome when the run ends; it is not run twice', async () => {
    send(1);
    await settle();
    send(1);
    await settle();
    expect(runs).toHaveLength(1);
    expect(answers.get(1)).toBeUndefined();
    await completeAll();
    expect(answers.get(1)).toEqual([
      { seq: 101, msgId: 1001 },
      { seq: 101, msgId: 1001 },
    ]);
  });

  it('a later client_id waits behind a missing one for as long as it takes (no gap timeout: the client resends in order); beyond the window it is dropped unanswered', async () => {
    send(1);
    await settle();
    await completeAll();
    send(3); // 2 is missing: the state is read again once, then 3 waits
    await settle();
    const loads = dedup.loads;
    await vi.advanceTimersByTimeAsync(10 * 60_000); // well past the idle sweep too: a waiting device is kept
    expect(runs).toHaveLength(0);
    expect(answers.get(3)).toBeUndefined();
    expect(dedup.loads).toBe(loads);
    send(1 + 8 + 1); // last 1 + window 8 + 1: too far ahead
    await settle();
    expect(answers.get(10)).toBeUndefined();
    send(2);
    await settle();
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[2, 3]]); // 10 was dropped, not kept
    await completeAll();
    expect(answers.get(10)).toBeUndefined();
  });

  it('stats(): a device whose client_ids wait behind a missing one counts as stalled past the threshold, until last+1 comes; silent past the idle time, it no longer counts', async () => {
    const none = { devices: 0, oldestMs: 0 };
    send(1);
    await settle();
    await completeAll();
    expect(seq.stats(1000)).toEqual(none);
    send(3); // 2 is missing
    await settle();
    await vi.advanceTimersByTimeAsync(999);
    expect(seq.stats(1000)).toEqual(none);
    await vi.advanceTimersByTimeAsync(501);
    expect(seq.stats(1000)).toEqual({ devices: 1, oldestMs: 1500 });
    expect(seq.stats(2000)).toEqual(none);
    send(4); // another waits too: the stall is as old as before
    await settle();
    await vi.advanceTimersByTimeAsync(500);
    expect(seq.stats(1000)).toEqual({ devices: 1, oldestMs: 2000 });
    send(2);
    await settle();
    expect(seq.stats(0)).toEqual(none); // 2, 3, 4 run
    await completeAll();
    expect(seq.stats(0)).toEqual(none);
    send(6); // 5 is missing, and the device falls silent
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seq.stats(1000)).toEqual({ devices: 1, oldestMs: 60_000 });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(seq.stats(1000)).toEqual(none);
  });

  it('a device idle past the sweep is forgotten here and read again on its next frame', async () => {
    send(1);
    await settle();
    await completeAll();
    const loads = dedup.loads;
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    send(2);
    await settle();
    expect(dedup.loads).toBe(loads + 1);
    expect(runs.map((r) => r.entries.map((e) => e.clientId))).toEqual([[2]]);
  });
});
