// The SeqAllocator contract (src/seq/seq-allocator.ts; DESIGN.md §4,
// invariants I3 and I4), as one suite that every implementation runs through
// its own factory.
import { afterEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import type { SeqAllocator } from '../../src/seq/seq-allocator.js';
import type { SeqSegmentStore } from '../../src/seq/seq-segments.js';

export interface SeqAllocatorTuning {
  /** seqs per durable segment */
  step: number;
  /** fraction of a segment after which the next one is reserved in the background */
  threshold: number;
}

/**
 * What one test needs from an implementation: a durable segment store, a way
 * to open several allocators (workers) over the same shared state, and a way
 * to lose that shared fast state.
 */
export interface SeqAllocatorHarness {
  /** The durable segment store of this test (MySQL user_seq in production). */
  segments: SeqSegmentStore;
  /** The durable high-water marks as stored (user_seq.max_seq); users without one are absent. */
  durableMax(userIds: readonly number[]): Promise<Map<number, number>>;
  /**
   * Opens another allocator, as another worker would: its own connection to
   * the fast state shared by every allocator of this test, reserving through
   * `segments` (the harness's store, possibly wrapped by the test). Failures
   * of background reservations must not throw out of the allocator.
   */
  open(segments: SeqSegmentStore, tuning: SeqAllocatorTuning): Promise<SeqAllocator>;
  /** Loses every user's fast state (Redis: deletes `${prefix}:seq:*`), as a Redis restart without persistence would. */
  resetFastState(): Promise<void>;
}

/** A fresh harness per call (own database and prefix); the cleanup closes what it opened and drops it. */
export type SeqAllocatorFactory = () => Promise<[SeqAllocatorHarness, () => Promise<void>]>;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Gate {
  /** resolves once the held reservation has been committed by the inner store */
  reached: Promise<void>;
  release(): void;
}

/**
 * Wraps the harness's segment store: counts calls, records the highest
 * committed reservation per user (so a test can check that every seq handed
 * out was covered when it was returned), and can be made slow, failing, or
 * hold the result of the next reservation after it is durable.
 */
export class ProbeSegments implements SeqSegmentStore {
  calls = 0;
  /** delay before the inner reservation, ms (or a function for a random delay) */
  delayBefore: number | (() => number) = 0;
  /** delay after the inner reservation committed, before returning, ms */
  delayAfter: number | (() => number) = 0;
  failing: Error | null = null;
  inFlight = 0;
  readonly reserved = new Map<number, number>();
  private holds: { reached: () => void; released: Promise<void> }[] = [];

  constructor(private readonly inner: SeqSegmentStore) {}

  /** Holds the result of the next reservation (after it is durable) until released. */
  holdNext(): Gate {
    let reached!: () => void;
    let release!: () => void;
    const reachedP = new Promise<void>((r) => (reached = r));
    const released = new Promise<void>((r) => (release = r));
    this.holds.push({ reached, released });
    return { reached: reachedP, release };
  }

  async reserveSegments(userIds: readonly number[], step: number): Promise<Map<number, number>> {
    this.calls++;
    this.inFlight++;
    try {
      const before = typeof this.delayBefore === 'function' ? this.delayBefore() : this.delayBefore;
      if (before > 0) await sleep(before);
      if (this.failing) throw this.failing;
      const out = await this.inner.reserveSegments(userIds, step);
      for (const [u, m] of out) this.reserved.set(u, Math.max(this.reserved.get(u) ?? 0, m));
      const hold = this.holds.shift();
      if (hold) {
        hold.reached();
        await hold.released;
      }
      const after = typeof this.delayAfter === 'function' ? this.delayAfter() : this.delayAfter;
      if (after > 0) await sleep(after);
      return out;
    } finally {
      this.inFlight--;
    }
  }
}

/** One call's run for one user: seqs first..last, and when the call started and returned. */
interface Run {
  user: number;
  first: number;
  last: number;
  start: number;
  end: number;
  /** highest durable reservation committed for the user when the call returned */
  coveredBy: number;
}

/** Calls allocate and records each user's run with its timing and the durable coverage at return. */
async function allocateRecorded(
  a: SeqAllocator,
  probe: ProbeSegments,
  users: readonly number[],
  counts: readonly number[],
  runs: Run[],
): Promise<number[]> {
  const start = performance.now();
  const lasts = await a.allocate(users, counts);
  const end = performance.now();
  expect(lasts).toHaveLength(users.length);
  users.forEach((u, i) => {
    const last = lasts[i]!;
    runs.push({ user: u, first: last - counts[i]! + 1, last, start, end, coveredBy: probe.reserved.get(u) ?? 0 });
  });
  return lasts;
}

/**
 * Checks I3/I4 over recorded runs: every seq is a positive safe integer covered
 * by a durable reservation when returned; runs of one user never overlap; a
 * call that started after another returned got higher seqs (strictly
 * increasing in real time, across every allocator).
 */
function checkRuns(runs: readonly Run[]): void {
  const problems: string[] = [];
  const byUser = new Map<number, Run[]>();
  for (const r of runs) {
    if (!Number.isSafeInteger(r.first) || r.first < 1 || r.last < r.first) problems.push(`user ${r.user}: bad run ${r.first}..${r.last}`);
    if (r.last > r.coveredBy) problems.push(`user ${r.user}: seq ${r.last} returned above the durable reservation ${r.coveredBy}`);
    let list = byUser.get(r.user);
    if (!list) byUser.set(r.user, (list = []));
    list.push(r);
  }
  for (const [user, list] of byUser) {
    const byFirst = [...list].sort((a, b) => a.first - b.first);
    for (let i = 1; i < byFirst.length; i++) {
      const p = byFirst[i - 1]!;
      const q = byFirst[i]!;
      if (q.first <= p.last) problems.push(`user ${user}: runs ${p.first}..${p.last} and ${q.first}..${q.last} overlap (seq handed out twice)`);
    }
    // Real-time order: sweep by end time, keep the highest seq returned so far.
    const byEnd = [...list].sort((a, b) => a.end - b.end);
    const byStart = [...list].sort((a, b) => a.start - b.start);
    let j = 0;
    let maxDone = 0;
    let maxDoneRun: Run | null = null;
    for (const r of byStart) {
      while (j < byEnd.length && byEnd[j]!.end < r.start) {
        if (byEnd[j]!.last > maxDone) {
          maxDone = byEnd[j]!.last;
          maxDoneRun = byEnd[j]!;
        }
        j++;
      }
      if (r.first <= maxDone) {
        problems.push(
          `user ${user}: run ${r.first}..${r.last} started after run ${maxDoneRun!.first}..${maxDone} had returned, but is not above it`,
        );
      }
    }
  }
  expect(problems.slice(0, 10), `${problems.length} problem(s)`).toEqual([]);
}

async function checkDurable(h: SeqAllocatorHarness, runs: readonly Run[]): Promise<void> {
  const highest = new Map<number, number>();
  for (const r of runs) highest.set(r.user, Math.max(highest.get(r.user) ?? 0, r.last));
  const durable = await h.durableMax([...highest.keys()]);
  const below = [...highest].filter(([u, last]) => (durable.get(u) ?? 0) < last);
  expect(below.map(([u, last]) => `user ${u}: seq ${last} > user_seq.max_seq ${durable.get(u) ?? 'none'}`)).toEqual([]);
}

let nextUser = 1_000;
/** Fresh user ids (distinct across tests of one file, though each test has its own state anyway). */
function users(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(nextUser++);
  return out;
}

function randInt(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}

/** Up to `n` distinct random elements of `from`, in random order. */
function pick<T>(from: readonly T[], n: number): T[] {
  const a = [...from];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

export function seqAllocatorContract(name: string, factory: SeqAllocatorFactory): void {
  describe(`SeqAllocator contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const setup = async (): Promise<SeqAllocatorHarness> => {
      const [h, cleanup] = await factory();
      cleanups.push(cleanup);
      return h;
    };
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it('hands out strictly increasing, consecutive runs per user, for many users and counts per call', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 100, threshold: 0.8 });
      const us = users(6);
      const runs: Run[] = [];
      expect(await a.allocate([], [])).toEqual([]);
      for (let call = 0; call < 250; call++) {
        const who = pick(us, randInt(1, us.length));
        await allocateRecorded(a, probe, who, who.map(() => randInt(1, 9)), runs);
      }
      // Sequential calls: each user's runs follow each other.
      for (const u of us) {
        const mine = runs.filter((r) => r.user === u);
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.first).toBeGreaterThan(mine[i - 1]!.last);
      }
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('prime reserves new users\' first segments and hands out nothing: their first allocation is their first seq and waits on no reservation', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 100, threshold: 0.8 });
      const us = users(3);
      await a.prime(us);
      const reserved = probe.calls;
      expect(reserved).toBeGreaterThan(0);
      expect(await a.allocate(us, [1, 2, 1])).toEqual([1, 2, 1]);
      expect(probe.calls).toBe(reserved);
      await a.prime([...us, us[0]!]); // known users: nothing to do
      expect(probe.calls).toBe(reserved);
      expect(await a.allocate(us, [1, 1, 1])).toEqual([2, 3, 2]);
      await a.prime([]);
    });

    it('answers index-aligned for hundreds of users whose counters differ', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 50, threshold: 0.8 });
      const us = users(400);
      const runs: Run[] = [];
      // User k gets k+1 seqs (crossing several segments for most), then every user gets
      // one more, in shuffled order: a misaligned answer would break a user's order.
      await allocateRecorded(a, probe, us, us.map((_, k) => k + 1), runs);
      const shuffled = pick(us, us.length);
      await allocateRecorded(a, probe, shuffled, shuffled.map(() => 1), runs);
      await allocateRecorded(a, probe, us.slice(0, 200), us.slice(0, 200).map((_, k) => (k % 3) + 1), runs);
      for (const u of us) {
        const mine = runs.filter((r) => r.user === u);
        expect(mine[1]!.first).toBeGreaterThan(mine[0]!.last);
        if (mine[2]) expect(mine[2].first).toBeGreaterThan(mine[1]!.last);
      }
      checkRuns(runs);
      await checkDurable(h, runs);
      // Reservations are batched across users, not made one per user.
      expect(probe.calls).toBeLessThan(40);
    });

    it('serves a count larger than one step, for a new user and for a warm one', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 10, threshold: 0.8 });
      const [u1, u2, u3] = users(3) as [number, number, number];
      const runs: Run[] = [];
      await allocateRecorded(a, probe, [u1], [35], runs); // new user, 3.5 steps
      await allocateRecorded(a, probe, [u2], [3], runs);
      await allocateRecorded(a, probe, [u2], [57], runs); // warm user, beyond its segment
      await allocateRecorded(a, probe, [u1, u2, u3], [1, 25, 100], runs); // mixed batch
      await allocateRecorded(a, probe, [u3, u1], [1, 1], runs);
      expect(runs.map((r) => r.last - r.first + 1)).toEqual([35, 3, 57, 1, 25, 100, 1, 1]);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('concurrent calls from several allocators (workers) never return overlapping seqs', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const workers = await Promise.all([1, 2, 3, 4].map(() => h.open(probe, { step: 100, threshold: 0.8 })));
      const us = users(12);
      const runs: Run[] = [];
      let rejected = 0;
      await Promise.all(
        workers.flatMap((w) =>
          // three callers in flight per worker
          [0, 1, 2].map(async () => {
            for (let call = 0; call < 60; call++) {
              const who = pick(us, randInt(1, 8));
              try {
                await allocateRecorded(w, probe, who, who.map(() => randInt(1, 6)), runs);
              } catch (err) {
                // Allowed by the contract (nothing handed out); rare with a healthy store.
                expect(err).toBeInstanceOf(UnavailableError);
                rejected++;
              }
            }
          }),
        ),
      );
      expect(rejected).toBeLessThan(4 * 3 * 60 * 0.05);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('the segment store: concurrent reservations of overlapping users all succeed and never hand out a segment twice', async () => {
      // SeqSegmentStore.reserveSegments is atomic per call; several workers
      // reserve for the same users at once (every worker crossing the
      // threshold of a busy group's members). A fresh deployment has a small
      // user_seq table: the store must cope with that too.
      const h = await setup();
      const us = users(12);
      const step = 100;
      const reservedFor = new Map<number, number[]>(us.map((u) => [u, []]));
      let failed = 0;
      const firstErrors: string[] = [];
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          for (let i = 0; i < 30; i++) {
            const who = us.filter(() => Math.random() < 0.5);
            if (who.length === 0) continue;
            try {
              const got = await h.segments.reserveSegments(who, step);
              expect([...got.keys()].sort((a, b) => a - b)).toEqual(who);
              for (const u of who) reservedFor.get(u)!.push(got.get(u)!);
            } catch (err) {
              failed++;
              if (firstErrors.length < 3) firstErrors.push(String(err));
            }
          }
        }),
      );
      expect({ failed, firstErrors }).toEqual({ failed: 0, firstErrors: [] });
      const durable = await h.durableMax(us);
      for (const u of us) {
        const maxima = reservedFor.get(u)!.sort((a, b) => a - b);
        // Each reservation got its own segment: step, 2*step, …, n*step.
        expect(maxima).toEqual(maxima.map((_, i) => (i + 1) * step));
        expect(durable.get(u) ?? 0).toBe(maxima.length * step);
      }
    });

    it('a burst of workers reserving for the same users at once (all re-seeding after a loss) succeeds with a healthy store', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const workers = await Promise.all(Array.from({ length: 8 }, () => h.open(probe, { step: 100, threshold: 0.8 })));
      const us = users(20);
      const runs: Run[] = [];
      const failures: string[] = [];
      for (let round = 0; round < 5; round++) {
        await h.resetFastState(); // every worker finds its counters lost: all reserve together
        await Promise.all(
          workers.map((w, i) => {
            const who = us.filter((_, k) => (k + i + round) % 3 !== 0); // overlapping, different sets
            return allocateRecorded(w, probe, who, who.map(() => 1), runs).catch((err: unknown) => {
              const cause = (err as { cause?: unknown }).cause;
              failures.push(`round ${round}: ${String(err)}${cause ? ` (cause: ${String(cause)})` : ''}`);
            });
          }),
        );
      }
      expect(failures).toEqual([]);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('I4: losing the fast state repeatedly, with reservations in flight, never reuses a seq nor goes backwards', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      // Reservations are slow, some in the store and some with their result in flight.
      probe.delayBefore = () => (Math.random() < 0.5 ? randInt(0, 30) : 0);
      probe.delayAfter = () => (Math.random() < 0.5 ? randInt(0, 30) : 0);
      const workers = await Promise.all([1, 2, 3].map(() => h.open(probe, { step: 30, threshold: 0.5 })));
      const us = users(8);
      const runs: Run[] = [];
      let ok = 0;
      let rejected = 0;
      let stop = false;
      let resetsWithReservationInFlight = 0;
      const load = workers.flatMap((w) =>
        [0, 1].map(async () => {
          while (!stop) {
            const who = pick(us, randInt(1, 5));
            try {
              await allocateRecorded(w, probe, who, who.map(() => randInt(1, 4)), runs);
              ok++;
            } catch (err) {
              // The contract allows a rejection (handing out nothing); nothing else.
              expect(err).toBeInstanceOf(UnavailableError);
              rejected++;
            }
          }
        }),
      );
      for (let i = 0; i < 8; i++) {
        // Some progress since the last loss, then lose the counters again, at a random moment.
        const target = ok + 15;
        const deadline = Date.now() + 10_000;
        while (ok < target && Date.now() < deadline) await sleep(5);
        await sleep(randInt(0, 40));
        if (probe.inFlight > 0) resetsWithReservationInFlight++;
        await h.resetFastState();
      }
      await sleep(100);
      stop = true;
      await Promise.all(load);
      // After the storm: every worker, one after another, continues above everything.
      for (const w of workers) await allocateRecorded(w, probe, us, us.map(() => 1), runs);
      expect(resetsWithReservationInFlight).toBeGreaterThan(0);
      expect(ok).toBeGreaterThan(100);
      expect(rejected).toBeLessThan(ok / 10);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('I4: a seed reservation whose result arrives after a second loss does not move the counter back', async () => {
      // Worker A sees the counter lost and reserves (durable max 200), but its
      // answer is slow. Worker B sees the loss too, reserves after A (300),
      // re-seeds at 200 and hands out 201..211. The fast state is lost again;
      // then A's answer arrives. Seeding from A's reservation (at 100) would
      // hand out 102.., and later 201..211 a second time.
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 100, threshold: 0.8 });
      const b = await h.open(probe, { step: 100, threshold: 0.8 });
      const [u] = users(1) as [number];
      const runs: Run[] = [];
      await allocateRecorded(a, probe, [u], [1], runs);
      await h.resetFastState();
      const gate = probe.holdNext();
      const slow = allocateRecorded(a, probe, [u], [1], runs);
      await gate.reached; // A's reservation is durable, its answer held
      await allocateRecorded(b, probe, [u], [1], runs);
      await allocateRecorded(b, probe, [u], [10], runs);
      await h.resetFastState();
      gate.release();
      await slow;
      await allocateRecorded(a, probe, [u], [1], runs);
      await allocateRecorded(b, probe, [u], [1], runs);
      await allocateRecorded(a, probe, [u], [150], runs);
      await allocateRecorded(b, probe, [u], [1], runs);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('reserves the next segment in the background: steady-state calls do not wait for a slow segment store', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      probe.delayBefore = 200;
      const a = await h.open(probe, { step: 100, threshold: 0.5 });
      const us = users(10);
      const runs: Run[] = [];
      const t0 = performance.now();
      await allocateRecorded(a, probe, us, us.map(() => 4), runs); // warm-up: seeds, waits for the store
      expect(performance.now() - t0).toBeGreaterThanOrEqual(190); // the store is slow indeed
      const latencies: number[] = [];
      // 75 calls x 4 seqs = 3 segments; the 50 seqs of headroom last 12 calls x 30 ms > 200 ms.
      for (let call = 0; call < 75; call++) {
        await sleep(30);
        const t = performance.now();
        await allocateRecorded(a, probe, us, us.map(() => 4), runs);
        latencies.push(performance.now() - t);
      }
      // A call that waits for a reservation takes >= 200 ms; allow one scheduling hiccup below that.
      const max = Math.round(Math.max(...latencies));
      expect({ waitedForStore: latencies.filter((ms) => ms >= 190).length, max }).toMatchObject({ waitedForStore: 0 });
      expect(latencies.filter((ms) => ms >= 100).length).toBeLessThanOrEqual(1);
      expect(probe.calls).toBeGreaterThanOrEqual(3); // segments were crossed, through background reservations
      expect(probe.calls).toBeLessThanOrEqual(8); // one batched reservation per crossing, not one per user or call
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('amortises reservations: 1,000 single allocations take about 1,000/step of them', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 100, threshold: 0.8 });
      const [u] = users(1) as [number];
      const runs: Run[] = [];
      for (let i = 0; i < 1_000; i++) await allocateRecorded(a, probe, [u], [1], runs);
      expect(probe.calls).toBeGreaterThanOrEqual(10);
      expect(probe.calls).toBeLessThanOrEqual(12);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('with a failing segment store, rejects (UnavailableError) only the calls that need a segment', async () => {
      const h = await setup();
      const probe = new ProbeSegments(h.segments);
      const a = await h.open(probe, { step: 100, threshold: 0.8 });
      const [u1, u2, u3] = users(3) as [number, number, number];
      const runs: Run[] = [];
      await allocateRecorded(a, probe, [u1, u2], [1, 1], runs);
      // What the first reservation covers (durable, seen by the probe): that much needs no store.
      const room = probe.reserved.get(u1)! - runs[0]!.last;
      expect(room).toBeGreaterThanOrEqual(2);
      probe.failing = new Error('segment store down');

      // Within the reserved segment: served, even past the threshold (the background reservation fails quietly).
      await allocateRecorded(a, probe, [u1], [Math.floor(room / 2)], runs);
      await allocateRecorded(a, probe, [u1], [room - Math.floor(room / 2)], runs);
      await sleep(50);
      await allocateRecorded(a, probe, [u2], [1], runs);
      expect(runs.filter((r) => r.user === u1).at(-1)!.last).toBe(probe.reserved.get(u1));

      const callsBefore = probe.calls;
      await expect(a.allocate([u1], [1])).rejects.toBeInstanceOf(UnavailableError); // needs the next segment
      await expect(a.allocate([u3], [1])).rejects.toBeInstanceOf(UnavailableError); // new user: needs a first segment
      await expect(a.allocate([u2, u1], [1, 100])).rejects.toBeInstanceOf(UnavailableError); // one needs one: the call rejects
      expect(probe.calls).toBeGreaterThan(callsBefore);
      // A rejected call hands out nothing: u2 continues right after its last seq.
      const u2Last = runs.filter((r) => r.user === u2).at(-1)!.last;
      await allocateRecorded(a, probe, [u2], [1], runs); // still fine
      expect(runs.at(-1)!.first).toBe(u2Last + 1);
      await h.resetFastState();
      await expect(a.allocate([u2], [1])).rejects.toBeInstanceOf(UnavailableError); // lost counter: needs a reservation

      probe.failing = null;
      await allocateRecorded(a, probe, [u1, u2, u3], [1, 1, 1], runs);
      await allocateRecorded(a, probe, [u1, u2, u3], [150, 2, 3], runs);
      checkRuns(runs);
      await checkDurable(h, runs);
    });

    it('close() is idempotent', async () => {
      const h = await setup();
      const a = await h.open(h.segments, { step: 10, threshold: 0.5 });
      await a.allocate(users(3), [9, 9, 9]); // past the threshold: background reservations start
      await a.close();
      await a.close();
    });
  });
}
