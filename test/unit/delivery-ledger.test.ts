// The delivery ledger's pure parts on a fake clock (src/delivery/
// audit-sampler.ts, unpersisted-watch.ts) and DeliveryLedger (ledger.ts)
// over an in-memory inbox: which ACKed messages the audit samples and when
// it checks them, what counts as missing, and the oldest-unpersisted age.
import { describe, expect, it } from 'vitest';
import type { Fanout } from '../../src/chat/types.js';
import { AuditSampler, judge } from '../../src/delivery/audit-sampler.js';
import { DeliveryLedger } from '../../src/delivery/ledger.js';
import { UnpersistedWatch } from '../../src/delivery/unpersisted-watch.js';
import { createLogger } from '../../src/log.js';
import { Metrics, type MetricSources } from '../../src/metrics/metrics.js';

/** A fan-out of message `msgId` to users 1..n at seq 10+msgId each (the wire push is not looked at). */
function fanout(msgId: number | undefined, sendTime: number, n = 2): Fanout {
  const userIds = Array.from({ length: n }, (_, i) => i + 1);
  return { push: null as never, sendTime, senderId: 1, senderDevice: 'd', userIds, seqs: userIds.map(() => 10 + (msgId ?? 0)), msgId };
}

/** Math.random stand-in returning the values given, in turn. */
function draws(...v: number[]): () => number {
  let i = 0;
  return () => v[i++ % v.length]!;
}

describe('AuditSampler', () => {
  it('samples the share drawn below the rate, each due once older than the delay, oldest first', () => {
    const s = new AuditSampler({ rate: 0.25, maxPerSec: 100, delayMs: 5000, maxHeld: 100, random: draws(0.1, 0.5, 0.24, 0.25) });
    s.offer([fanout(1, 1000), fanout(2, 1000), fanout(3, 1000), fanout(4, 1000)], 1000);
    expect(s.size).toBe(2);
    expect(s.due(5999, 1000)).toEqual([]);
    expect(s.due(6000, 1000).map((x) => [x.msgId, x.userIds, x.seqs])).toEqual([
      [1, [1, 2], [11, 11]],
      [3, [1, 2], [13, 13]],
    ]);
    expect(s.size).toBe(0);
  });

  it('takes at most maxPerSec a second (one second of burst), whatever the rate', () => {
    const s = new AuditSampler({ rate: 1, maxPerSec: 3, delayMs: 0, maxHeld: 100 });
    const tick = (t: number, n: number) => s.offer(Array.from({ length: n }, (_, i) => fanout(t + i, t)), t);
    tick(0, 10);
    expect(s.size).toBe(3);
    tick(100, 10); // 0.3 tokens back: none
    expect(s.size).toBe(3);
    tick(1000, 10); // a second later: 3 more
    expect(s.size).toBe(6);
    tick(60_000, 10); // a long pause refills one second's worth only
    expect(s.size).toBe(9);
    // below one per second, one sample is still possible
    const slow = new AuditSampler({ rate: 1, maxPerSec: 0.5, delayMs: 0, maxHeld: 100 });
    slow.offer([fanout(1, 0), fanout(2, 0)], 0);
    slow.offer([fanout(3, 1000)], 1000);
    slow.offer([fanout(4, 2000)], 2000);
    expect(slow.due(2000, 100).map((x) => x.msgId)).toEqual([1, 4]);
  });

  it('rate 0 or maxPerSec 0 samples nothing; fan-outs without a msg_id (from other workers) are skipped; maxHeld caps what is held', () => {
    for (const o of [{ rate: 0, maxPerSec: 10 }, { rate: 1, maxPerSec: 0 }]) {
      const s = new AuditSampler({ ...o, delayMs: 0, maxHeld: 10 });
      s.offer([fanout(1, 0)], 0);
      expect(s.size).toBe(0);
    }
    const s = new AuditSampler({ rate: 1, maxPerSec: 100, delayMs: 0, maxHeld: 2 });
    s.offer([fanout(undefined, 0), fanout(1, 0), fanout(2, 0), fanout(3, 0)], 0);
    expect(s.due(0, 100).map((x) => x.msgId)).toEqual([1, 2]);
    expect(() => new AuditSampler({ rate: 2, maxPerSec: 1, delayMs: 0, maxHeld: 1 })).toThrow(RangeError);
  });

  it('due() stops before maxPositions (but returns at least one); putBack makes samples due again first', () => {
    const s = new AuditSampler({ rate: 1, maxPerSec: 100, delayMs: 0, maxHeld: 100 });
    s.offer([fanout(1, 0, 3), fanout(2, 0, 3), fanout(3, 0, 3)], 0);
    expect(s.due(0, 7).map((x) => x.msgId)).toEqual([1, 2]);
    const rest = s.due(0, 1);
    expect(rest.map((x) => x.msgId)).toEqual([3]);
    s.offer([fanout(4, 0)], 0);
    s.putBack(rest);
    expect(s.due(0, 100).map((x) => x.msgId)).toEqual([3, 4]);
  });

  it('judge(): every position must hold the message; no row, a tombstone or another message are misses', () => {
    const sample = { msgId: 7, sendTime: 0, userIds: [1, 2, 3, 4], seqs: [5, 5, 5, 5] };
    expect(judge(sample, [7, 7, 7, 7]).missing).toEqual([]);
    expect(judge(sample, [7, null, 0, 8]).missing).toEqual([
      { index: 1, found: null },
      { index: 2, found: 0 },
      { index: 3, found: 8 },
    ]);
  });
});

describe('UnpersistedWatch', () => {
  it('reports the oldest batch not yet seen persisted (ages under the grace read 0); found ones are forgotten, failed lookups forget nothing', async () => {
    const w = new UnpersistedWatch({ maxHeld: 100, maxPerRound: 100, graceMs: 2000 });
    const inbox = new Map<string, number>();
    const lookup = async (u: number[], s: number[]) => u.map((x, i) => inbox.get(`${x}:${s[i]}`) ?? null);
    expect(w.oldestMs(0)).toBe(0);
    w.record(1, 1, 1000);
    w.record(2, 1, 1500);
    expect(w.oldestMs(2999)).toBe(0);
    expect(w.oldestMs(3000)).toBe(2000);
    inbox.set('1:1', 9); // the first batch committed
    expect(await w.check(lookup)).toBe(2);
    expect(w.size).toBe(1);
    expect(w.oldestMs(4000)).toBe(2500);
    await expect(w.check(async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(w.size).toBe(1);
    inbox.set('2:1', 0); // a tombstone: its fate is durable too
    await w.check(lookup);
    expect(w.size).toBe(0);
    expect(w.oldestMs(60_000)).toBe(0);
  });

  it('looks up at most maxPerRound a round and holds at most maxHeld', async () => {
    const w = new UnpersistedWatch({ maxHeld: 3, maxPerRound: 2, graceMs: 0 });
    for (let i = 1; i <= 5; i++) w.record(i, 1, i);
    expect(w.size).toBe(3);
    const asked: number[][] = [];
    await w.check(async (u) => {
      asked.push(u);
      return u.map(() => 1);
    });
    expect(asked).toEqual([[1, 2]]);
    expect(w.oldestMs(10)).toBe(7);
  });
});

describe('DeliveryLedger', () => {
  function setup(o: { bound: number; watch: boolean }) {
    let t = 1_000_000;
    const inbox = new Map<string, number>();
    let failing = false;
    let lookups = 0;
    const store = {
      async inboxAt(u: ArrayLike<number>, s: ArrayLike<number>) {
        lookups++;
        if (failing) throw new Error('db down');
        return Array.from(u, (x, i) => inbox.get(`${x}:${s[i]}`) ?? null);
      },
    };
    const metrics = new Metrics({} as MetricSources);
    const ledger = new DeliveryLedger({ store, metrics: metrics.ledger, logger: createLogger('silent'), sampleRate: 1, maxPerSec: 100, boundMs: o.bound, watchPersistence: o.watch, now: () => t });
    const counter = async (name: string) => (await metrics.registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;
    return {
      ledger,
      inbox,
      persist: (f: Fanout) => Array.from(f.userIds).forEach((u, i) => inbox.set(`${u}:${f.seqs[i]}`, f.msgId!)),
      advance: (ms: number) => (t += ms),
      now: () => t,
      fail: (v: boolean) => (failing = v),
      lookups: () => lookups,
      checked: () => counter('gochat_audit_checked_total'),
      missing: () => counter('gochat_audit_missing_total'),
    };
  }

  it('audits each sampled message once past the bound: present in every inbox, or counted missing', async () => {
    const h = setup({ bound: 5000, watch: false });
    const ok = fanout(1, h.now(), 3);
    const lost = fanout(2, h.now(), 3);
    h.ledger.accepted([ok, lost]);
    h.persist(ok);
    h.persist(lost);
    h.inbox.delete('2:12'); // user 2 never got message 2
    await h.ledger.tick();
    expect(h.lookups()).toBe(0); // not due yet: no query at all
    h.advance(5000);
    await h.ledger.tick();
    expect(h.lookups()).toBe(1); // both in one query
    expect([await h.checked(), await h.missing()]).toEqual([2, 1]);
    await h.ledger.tick();
    expect([await h.checked(), await h.missing()]).toEqual([2, 1]); // each checked once
  });

  it('a failed lookup is retried in the next round, not counted', async () => {
    const h = setup({ bound: 0, watch: false });
    const f = fanout(3, h.now());
    h.ledger.accepted([f]);
    h.persist(f);
    h.fail(true);
    await h.ledger.tick();
    expect(await h.checked()).toBe(0);
    h.fail(false);
    await h.ledger.tick();
    expect([await h.checked(), await h.missing()]).toEqual([1, 0]);
  });

  it('watches one row per ACKed tick until it is persisted: the oldest-unpersisted age grows until then', async () => {
    const h = setup({ bound: 60_000, watch: true });
    const a = fanout(4, h.now());
    h.ledger.accepted([a, fanout(5, h.now())]); // one tick, one batch
    h.advance(1000);
    await h.ledger.tick();
    expect(h.ledger.oldestUnpersistedMs()).toBe(0); // within the grace of two rounds
    h.advance(2000);
    await h.ledger.tick();
    expect(h.ledger.oldestUnpersistedMs()).toBe(3000);
    h.persist(a);
    await h.ledger.tick();
    expect(h.ledger.oldestUnpersistedMs()).toBe(0);
    // the embedded engine (nothing to watch) reads 0
    const e = setup({ bound: 0, watch: false });
    e.ledger.accepted([fanout(6, e.now())]);
    e.advance(10_000);
    expect(e.ledger.oldestUnpersistedMs()).toBe(0);
  });
});
