// single: 1:1 chat. `pairs` pairs of users, both sides of each pair send to
// the other, `rate` messages per second in total (round robin over all
// users, evenly spaced) for `duration`. Every push is counted (dedup by the
// recipient's seq, then by the sender's message index), ACKed cumulatively
// once per frame; latency = arrival − the send time carried in the content.
// Then every inbox row (sender's and receiver's) is looked for in MySQL.
import { setTimeout as sleep } from 'node:timers/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { encodeUp, nowMs, type LoadClient } from '../support/load-client.js';
import { gochat } from '../../src/proto/index.js';
import { profileWorkers } from '../support/profile.js';
import { stageSummary, stageTotals } from '../support/stages.js';
import type { Args } from '../support/args.js';
import { fmtInt, log, median } from '../support/report.js';
import { fmtLatency, fmtMs, fmtSeries, Hist, PerSecond, type LatencySummary } from '../support/hist.js';
import { treeCpuMeter } from '../support/server-cpu.js';
import { InboxChecker } from '../support/persist.js';
import { gochatTarget, type Target } from '../support/server.js';
import { closeAll, connectAll, cpuMeter, makeContent, readContent, Uplink, type UplinkStats } from '../support/traffic.js';
import { registerUsers, type BenchUser } from '../support/users.js';
import { loopMs, persistQueueEmpty } from './group.js';

export interface SingleConfig {
  pairs: number;
  /** messages per second, all pairs together */
  rate: number;
  durationMs: number;
  size: number;
  settleMs: number;
  drainMs: number;
  ackTimeoutMs: number;
  persistTimeoutMs: number;
  concurrency: number;
  persist: boolean;
  /** --profile DIR: CPU-profile every worker for profileSeconds from the first send of each measured run */
  profileDir: string | null;
  profileSeconds: number;
  /** the first this many seconds of sends are "cold", the rest "warm" */
  coldSeconds: number;
}

export interface SingleResult {
  mode: 'single';
  target: string;
  run: number;
  config: SingleConfig;
  messages: { sent: number; accepted: number; rejected: Record<string, number>; unacked: number; transientErrors: number; resent: number };
  /** messages sent per second (first send → last send) */
  achievedRate: number;
  sendLagMaxMs: number;
  deliveries: { expected: number; received: number; lost: number; duplicated: number; duplicatePushes: number; outOfOrder: number; unexpected: number; wrongSender: number };
  latency: LatencySummary;
  /** messages sent in the first coldSeconds / after */
  cold: LatencySummary;
  warm: LatencySummary;
  /** p99 of the messages sent in each second of the run */
  p99PerSecond: number[];
  ackLatency: LatencySummary;
  /** CPU of the server's primary and workers from the first send until every delivery was in, per message sent (µs); NaN when not known */
  serverCpuUsPerMsg: number;
  serverCpuCores: number;
  client: { cpu: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
  persist: { complete: boolean; rowsExpected: number; rowsFound: number; usersShort: number; usersOver: number; msAfterLastSend: number; messagesInDb: number } | null;
  /** server pipeline stages, mean ms per tick (GoChat with an admin port) */
  stages: string | null;
}

export async function runSingleOnce(t: Target, users: BenchUser[], cfg: SingleConfig, run: number): Promise<SingleResult> {
  const U = users.length; // 2 × pairs; user i talks to i ^ 1
  const total = Math.max(1, Math.round((cfg.rate * cfg.durationMs) / 1000));
  const perUser = Math.ceil(total / U);
  const runTag = Math.floor(Math.random() * 2 ** 32) >>> 0;
  const deviceId = `bench-${runTag.toString(36)}`;
  const name = run < 0 ? 'warm-up' : `run ${run + 1}`;

  // ---- receive ----
  const got: Uint8Array[] = []; // [recipient][partner's message index]
  const maxIdx = new Int32Array(U).fill(-1);
  const lat = new Hist();
  const perSec = new PerSecond();
  let t0 = 0;
  const hdr = { sender: 0, index: 0, sentAt: 0 };
  let unique = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let dupPushes = 0;
  let unexpected = 0;
  let wrongSender = 0;
  let lastProgress = nowMs();
  const errors: string[] = [];
  let closing = false;
  const uplinks: Uplink[] = [];

  const handlersFor = (i: number) => {
    got[i] = new Uint8Array(perUser);
    let bits = new Uint8Array(Math.max(1024, (perUser * 2) >> 2));
    const partner = i ^ 1;
    return {
      onPush(seq: number, senderId: number, _msgId: number, _st: number, b: Buffer, cS: number, cE: number, recvAt: number) {
        if (seq >= bits.length * 8) {
          let n = bits.length * 2;
          while (seq >= n * 8) n *= 2;
          const nb = new Uint8Array(n);
          nb.set(bits);
          bits = nb;
        }
        const byte = seq >> 3;
        const bit = 1 << (seq & 7);
        if (bits[byte]! & bit) {
          dupPushes++;
          return;
        }
        bits[byte]! |= bit;
        if (!readContent(b, cS, cE, runTag, hdr) || hdr.sender !== partner || hdr.index >= perUser) {
          unexpected++;
          return;
        }
        if (senderId !== users[partner]!.userId) wrongSender++;
        const g = got[i]!;
        if (g[hdr.index]) {
          duplicated++;
          return;
        }
        g[hdr.index] = 1;
        if (hdr.index < maxIdx[i]!) outOfOrder++;
        else maxIdx[i] = hdr.index;
        unique++;
        lat.add(recvAt - hdr.sentAt);
        perSec.add(hdr.sentAt - t0, recvAt - hdr.sentAt);
        lastProgress = recvAt;
      },
      onAck(clientId: number, code: number, seq: number) {
        uplinks[i]?.onAck(clientId, code, seq);
      },
      onError(type: number, code: number, msg: string) {
        errors.push(`user ${i}: type ${type} code ${code} ${msg}`);
      },
      onClose(code: number) {
        if (!closing) errors.push(`user ${i}: connection closed (${code}) during the run`);
      },
    };
  };

  log(`${name}: connecting ${U} users (${cfg.pairs} pairs) …`);
  const { clients, ms: connectMs } = await connectAll(t.wsUrl, users, deviceId, handlersFor, { concurrency: cfg.concurrency });
  log(`${name}: connected and logged in in ${connectMs} ms`);

  // ---- send ----
  const stats: UplinkStats = { transient: 0, resent: 0, rejected: new Map() };
  const accepted: Uint8Array[] = users.map(() => new Uint8Array(perUser)); // [sender][index]: 1 accepted, 2 rejected
  const sentCount = new Int32Array(U);
  let acceptedCount = 0;
  let resolved = 0;
  const ackLat = new Hist();
  for (let i = 0; i < U; i++) {
    uplinks[i] = new Uplink(clients[i]!, stats, (idx, code, _seq, firstSent, at) => {
      accepted[i]![idx] = code === 0 ? 1 : 2;
      if (code === 0) acceptedCount++;
      resolved++;
      ackLat.add(at - firstSent);
      lastProgress = at;
    });
  }
  const checker = cfg.persist && t.mysqlUrl ? new InboxChecker(t.mysqlUrl) : null;
  const ids = users.map((u) => u.userId);
  const before = checker ? await checker.perUser(ids) : null;
  const messagesBefore = checker ? await checker.singleMessages(ids) : 0;
  await sleep(cfg.settleMs);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const stagesBefore = await stageTotals(t);
  loop.enable();
  const cpu = cpuMeter();
  const timeoutTimer = setInterval(() => {
    const now = nowMs();
    for (const u of uplinks) u.checkTimeouts(now, cfg.ackTimeoutMs);
  }, 500);

  const gap = 1000 / cfg.rate;
  const serverCpu = treeCpuMeter(t.pid);
  t0 = nowMs();
  let lastSend = t0;
  const profiled = cfg.profileDir && run >= 0 && t.kind === 'gochat' ? profileWorkers(t, cfg.profileDir, cfg.profileSeconds, `single-run${run + 1}`) : null;
  let lagMax = 0;
  let n = 0;
  while (n < total) {
    const now = nowMs();
    while (n < total && t0 + n * gap <= now) {
      lagMax = Math.max(lagMax, now - (t0 + n * gap));
      const i = n % U;
      const idx = sentCount[i]!++;
      const at = nowMs();
      const content = makeContent(cfg.size, runTag, i, idx, at);
      const to = users[i ^ 1]!.userId;
      uplinks[i]!.send((cid) => encodeUp(cid, gochat.SessionType.ST_SINGLE, to, content), idx, at);
      lastSend = at;
      n++;
    }
    if (n < total) await sleep(Math.max(0, t0 + n * gap - nowMs()));
  }
  for (;;) {
    if (resolved === total && unique >= acceptedCount) break;
    if (nowMs() - lastProgress > cfg.drainMs) {
      log(`${name}: no progress for ${cfg.drainMs} ms; stopping with ${resolved}/${total} ACKs and ${unique}/${acceptedCount} deliveries`);
      break;
    }
    await sleep(20);
  }
  const cpuFrac = cpu();
  const serverCpuMs = serverCpu();
  const activeMs = nowMs() - t0;
  if (profiled) await profiled;
  const stages = stageSummary(stagesBefore, await stageTotals(t));
  loop.disable();
  clearInterval(timeoutTimer);
  for (const u of uplinks) u.stop();
  closing = true;
  await closeAll(clients as LoadClient[]);
  if (errors.length) log(`${name}: ${errors.length} errors, first: ${errors.slice(0, 3).join('; ')}`);

  let expected = 0;
  let received = 0;
  for (let i = 0; i < U; i++) {
    const acc = accepted[i ^ 1]!;
    const g = got[i]!;
    for (let k = 0; k < perUser; k++) {
      if (acc[k] === 1) {
        expected++;
        if (g[k]) received++;
      }
    }
  }

  let persist: SingleResult['persist'] = null;
  if (checker && before) {
    const acceptedBy = (i: number) => accepted[i]!.reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
    const want = new Map<number, number>(users.map((u, i) => [u.userId, acceptedBy(i) + acceptedBy(i ^ 1)]));
    log(`${name}: waiting for ${fmtInt(acceptedCount * 2)} inbox rows in MySQL …`);
    const p = await checker.waitPersisted(ids, before, (u) => want.get(u) ?? 0, { from: lastSend, after: lastSend, timeoutMs: cfg.persistTimeoutMs, gate: persistQueueEmpty(t) });
    const messagesInDb = (await checker.singleMessages(ids)) - messagesBefore;
    persist = { complete: p.complete, rowsExpected: p.rowsExpected, rowsFound: p.rowsFound, usersShort: p.usersShort, usersOver: p.usersOver, msAfterLastSend: p.msAfterFrom, messagesInDb };
    await checker.close();
  }

  const rejected: Record<string, number> = {};
  for (const [code, k] of stats.rejected) rejected[String(code)] = k;
  return {
    mode: 'single',
    target: t.label,
    run: run + 1,
    config: cfg,
    messages: { sent: total, accepted: acceptedCount, rejected, unacked: total - resolved, transientErrors: stats.transient, resent: stats.resent },
    achievedRate: lastSend > t0 ? ((total - 1) / (lastSend - t0)) * 1000 : NaN,
    sendLagMaxMs: lagMax,
    deliveries: { expected, received, lost: expected - received, duplicated, duplicatePushes: dupPushes, outOfOrder, unexpected, wrongSender },
    latency: lat.summary(),
    cold: perSec.range(0, cfg.coldSeconds).summary(),
    warm: perSec.range(cfg.coldSeconds).summary(),
    p99PerSecond: perSec.pcts(99),
    ackLatency: ackLat.summary(),
    serverCpuUsPerMsg: (serverCpuMs * 1000) / total,
    serverCpuCores: serverCpuMs / activeMs,
    client: { cpu: cpuFrac, loopDelayP99Ms: loopMs(loop.percentile(99)), loopDelayMaxMs: loopMs(loop.max) },
    persist,
    stages,
  };
}

export function printSingle(r: SingleResult): void {
  const c = r.config;
  const d = r.deliveries;
  const rej = Object.entries(r.messages.rejected);
  const out = [
    `== single run ${r.run}: ${r.target}`,
    `   ${c.pairs} pairs (${c.pairs * 2} users, both sides send), target ${fmtInt(c.rate)} msg/s for ${fmtMs(c.durationMs)}, ${c.size} B content`,
    `messages: sent ${fmtInt(r.messages.sent)} at ${fmtInt(r.achievedRate)} msg/s (max lag behind schedule ${fmtMs(r.sendLagMaxMs)}), accepted ${fmtInt(r.messages.accepted)}, rejected ${rej.length ? rej.map(([k, v]) => `${v} (code ${k})`).join(', ') : 0}, unacked ${r.messages.unacked}, transient errors ${r.messages.transientErrors}, resent ${r.messages.resent}`,
    `deliveries: expected ${fmtInt(d.expected)}, received ${fmtInt(d.received)}`,
    `lost: ${fmtInt(d.lost)}`,
    `duplicated: ${fmtInt(d.duplicated)}`,
    `out-of-order: ${fmtInt(d.outOfOrder)}`,
    `   duplicate pushes (same seq again, dropped by seq): ${d.duplicatePushes}; unexpected pushes: ${d.unexpected}; wrong sender_id: ${d.wrongSender}`,
    `latency (send -> delivery): ${fmtLatency(r.latency)}`,
    `   cold (sent in the first ${c.coldSeconds} s): ${fmtLatency(r.cold)}`,
    `   warm (sent after):        ${fmtLatency(r.warm)}`,
    `   p99 per second of sending: ${fmtSeries(r.p99PerSecond)}`,
    `   server CPU (primary + workers, first send → last delivery): ${Number.isFinite(r.serverCpuUsPerMsg) ? `${fmtInt(r.serverCpuUsPerMsg)} µs per message, ${r.serverCpuCores.toFixed(2)} cores` : 'not known (server not started by the tool)'}`,
    `   send -> ACK: ${fmtLatency(r.ackLatency)}`,
    `   load client: ${(r.client.cpu * 100).toFixed(0)}% of a core, event-loop delay p99 ${fmtMs(r.client.loopDelayP99Ms)} max ${fmtMs(r.client.loopDelayMaxMs)}`,
  ];
  if (r.stages) out.push(`   server pipeline: ${r.stages}`);
  const p = r.persist;
  if (!p) out.push('persisted: not checked');
  else if (p.complete && p.usersOver === 0 && p.messagesInDb === r.messages.accepted)
    out.push(`persisted: all ${fmtInt(p.rowsExpected)} inbox rows (sender's and receiver's), ${fmtInt(p.messagesInDb)} messages, by ${fmtMs(p.msAfterLastSend)} after the last send`);
  else out.push(`persisted: INCOMPLETE: ${fmtInt(p.rowsFound)} of ${fmtInt(p.rowsExpected)} rows; ${p.usersShort} users short, ${p.usersOver} over; ${fmtInt(p.messagesInDb)} messages`);
  process.stdout.write(out.join('\n') + '\n');
}

export function singleConfig(a: Args): SingleConfig {
  return {
    pairs: a.int('pairs', 100, 1),
    rate: a.num('rate', 1000, 0.001),
    durationMs: a.ms('duration', 10_000),
    size: a.int('size', 100, 24),
    settleMs: a.ms('settle', 500),
    drainMs: a.ms('drain-timeout', 15_000),
    ackTimeoutMs: a.ms('ack-timeout', 10_000),
    persistTimeoutMs: a.ms('persist-timeout', 180_000),
    concurrency: a.int('concurrency', 50, 1),
    persist: a.bool('persist', true),
    profileDir: a.str('profile') ?? null,
    profileSeconds: a.int('profile-seconds', 10, 1),
    coldSeconds: a.int('cold-seconds', 5, 0),
  };
}

export async function singleMode(a: Args): Promise<{ results: SingleResult[]; medians: Record<string, number> }> {
  const cfg = singleConfig(a);
  const runs = a.int('runs', 1, 1);
  const json = a.bool('json');
  const warmup = a.bool('warmup', false);
  // every run on a fresh server with fresh users (a deploy meets the cold
  // path); --no-fresh: one server and one set of users for every run
  const fresh = a.bool('fresh', !a.has('url'));
  const registerConcurrency = a.int('register-concurrency', 16, 1);
  const results: SingleResult[] = [];
  let t: Target | null = null;
  let users: BenchUser[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      if (!t || fresh) {
        if (t) await t.stop();
        t = await gochatTarget(a);
        users = await registerUsers(t, cfg.pairs * 2, registerConcurrency);
        for (const k of a.unused()) log(`warning: --${k} is not used by this mode`);
        if (warmup) {
          log('warm-up run (2 s, not reported; without --warmup there is none)');
          await runSingleOnce(t, users, { ...cfg, durationMs: 2000, persist: false }, -1);
        }
      }
      const r = await runSingleOnce(t, users, cfg, run);
      results.push(r);
      if (!json) printSingle(r);
    }
    const med = (f: (r: SingleResult) => number) => median(results.map(f));
    const medians = {
      runs,
      achievedRate: med((r) => r.achievedRate),
      p50: med((r) => r.latency.p50),
      p99: med((r) => r.latency.p99),
      max: med((r) => r.latency.max),
      coldP99: med((r) => r.cold.p99),
      warmP99: med((r) => r.warm.p99),
      serverCpuUsPerMsg: med((r) => r.serverCpuUsPerMsg),
      lost: med((r) => r.deliveries.lost),
      duplicated: med((r) => r.deliveries.duplicated),
    };
    if (json) process.stdout.write(JSON.stringify({ results, medians }) + '\n');
    else if (runs > 1)
      process.stdout.write(
        `== median of ${runs} runs${fresh ? ' (each on a fresh server, fresh users)' : ''}: ${fmtInt(medians.achievedRate)} msg/s, latency p50 ${fmtMs(medians.p50)} p99 ${fmtMs(medians.p99)} max ${fmtMs(medians.max)} (cold p99 ${fmtMs(medians.coldP99)}, warm p99 ${fmtMs(medians.warmP99)}), server CPU ${fmtInt(medians.serverCpuUsPerMsg)} µs/msg, lost ${medians.lost}, duplicated ${medians.duplicated}\n`,
      );
    return { results, medians };
  } finally {
    if (t) await t.stop();
  }
}
