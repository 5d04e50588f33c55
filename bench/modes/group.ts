// group: fan-out in one group. `members` connected members, the first
// `senders` of them send one message per round for `rounds` rounds, either
// paced (a round every `interval`) or unpaced (interval 0: the next round as
// soon as every ACK of the last one is in). Every member counts every push:
// dedup by its inbox seq, then by (sender, round) carried in the content;
// ACKs cumulatively, once per frame. At the end: expected / received
// deliveries, lost, duplicated and out-of-order per sender, latency, and
// (GoChat) whether every member's inbox in MySQL holds every row.
import { setTimeout as sleep } from 'node:timers/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nowMs, type LoadClient } from '../support/load-client.js';
import { gochat } from '../../src/proto/index.js';
import { stageSummary, stageTotals } from '../support/stages.js';
import type { Args } from '../support/args.js';
import { fmtInt, log, median } from '../support/report.js';
import { fmtLatency, fmtMs, Hist, type LatencySummary } from '../support/hist.js';
import { InboxChecker } from '../support/persist.js';
import { gochatTarget, startBaseline, type Target, type WorkerSummary } from '../support/server.js';
import { closeAll, connectAll, cpuMeter, makeContent, readContent, Uplink, type UplinkStats } from '../support/traffic.js';
import { createGroup, fakeUsers, registerUsers, type BenchUser } from '../support/users.js';
import { encodeUp } from '../support/load-client.js';
import { profileWorkers } from '../support/profile.js';
import { treeCpuMeter } from '../support/server-cpu.js';

export interface GroupConfig {
  members: number;
  senders: number;
  rounds: number;
  /** ms between rounds; 0 = unpaced */
  intervalMs: number;
  /** spread a round's sends evenly over the interval instead of sending them together */
  spread: boolean;
  /** content bytes per message */
  size: number;
  /** wait after the last login before sending (presence is recorded asynchronously) */
  settleMs: number;
  /** give up waiting for deliveries after this long without progress */
  drainMs: number;
  ackTimeoutMs: number;
  persistTimeoutMs: number;
  concurrency: number;
  /** check MySQL (GoChat targets with a known database) */
  persist: boolean;
  /** self-test of the accounting: the receivers drop, double and delay pushes on purpose */
  injectFaults: boolean;
  /** an unreported warm-up run (up to 3 rounds) first */
  warmup: boolean;
  /** --profile DIR: CPU-profile every worker for profileSeconds from the first send of each measured run */
  profileDir: string | null;
  profileSeconds: number;
  /** unpaced runs: stop sending rounds once this answers true (mixed mode floods until its 1:1 run ends) */
  until?: () => boolean;
}

export interface PersistReport {
  complete: boolean;
  rowsExpected: number;
  rowsFound: number;
  usersShort: number;
  usersOver: number;
  /** all rows present by this long after the first send (upper bound: poll end) */
  msAfterFirstSend: number;
  msAfterLastDelivery: number;
  pollMs: number;
  /** joined on the group's msg_ids: every member holds every accepted message exactly once */
  verified: boolean;
  groupMessages: number;
  membersWrong: number;
}

export interface GroupResult {
  mode: 'group';
  target: string;
  kind: 'gochat' | 'baseline';
  run: number;
  config: GroupConfig;
  messages: { sent: number; accepted: number; rejected: Record<string, number>; unacked: number; transientErrors: number; resent: number };
  deliveries: {
    expected: number;
    received: number;
    lost: number;
    duplicated: number;
    /** pushes of a seq already seen (server retransmits; dropped by the device, harmless) */
    duplicatePushes: number;
    outOfOrder: number;
    /** pushes whose content is not one of this run's messages, or from the recipient itself */
    unexpected: number;
    /** pushes whose sender_id is not the sending user */
    wrongSender: number;
    /** deliveries of messages that were not accepted (rejected or never ACKed) */
    ofUnaccepted: number;
  };
  perSender: { lost: number[]; duplicated: number[]; outOfOrder: number[] };
  /** first send → last delivery */
  wallMs: number;
  /** first send → last send */
  sendMs: number;
  deliveriesPerSec: number;
  latency: LatencySummary;
  /** send → AT_UP ACK */
  ackLatency: LatencySummary;
  /** slowest delivery of each round (ms), by round: shows whether the tail is every round or a few */
  roundMaxMs: number[];
  /** how far the sends fell behind their schedule (paced runs) */
  sendLagMaxMs: number;
  client: { cpu: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
  /** CPU of the server's primary and workers from the first send to the last delivery, per delivery (µs); NaN when not known */
  serverCpuUsPerDelivery: number;
  server: { workers: number; rssBytes: number; pushRetransmits: number; loopDelayP99Ms: number } | null;
  /** server pipeline stages, mean ms per tick (GoChat with an admin port) */
  stages: string | null;
  persist: PersistReport | null;
  /** --inject-faults: what the receivers did on purpose, and whether the accounting found exactly that */
  injected: { dropped: number; duplicated: number; held: number; accountingOk: boolean } | null;
}

const LOOP_RES = 5;
/** monitorEventLoopDelay reports the timer's own resolution too */
export const loopMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RES);

/** "median 640 ms; worst r12 1.9 s, r13 1.7 s, …; 3 of 40 rounds over 1 s" */
export function roundMaxLine(ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const worst = ms
    .map((v, r) => ({ v, r }))
    .sort((a, b) => b.v - a.v)
    .slice(0, 5)
    .map((x) => `r${x.r + 1} ${fmtMs(x.v)}`);
  const over = ms.filter((v) => v > 1000).length;
  return `median ${fmtMs(sorted[Math.floor(sorted.length / 2)]!)}; worst ${worst.join(', ')}; ${over} of ${ms.length} rounds over 1 s`;
}

const sum = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
};

function serverDelta(before: WorkerSummary[] | null, after: WorkerSummary[] | null): GroupResult['server'] {
  if (!after) return null;
  const retrans = (ws: WorkerSummary[] | null) => (ws ?? []).reduce((s, w) => s + (w.push_retransmits ?? 0), 0);
  return {
    workers: after.length,
    rssBytes: after.reduce((s, w) => s + w.rss_bytes, 0),
    pushRetransmits: retrans(after) - retrans(before),
    loopDelayP99Ms: Math.max(...after.map((w) => w.event_loop_delay_ms?.p99 ?? 0)),
  };
}

/** True once no worker has batches waiting in its persistence queue (undefined: no admin port). */
export function persistQueueEmpty(t: Target): (() => Promise<boolean>) | undefined {
  if (!t.adminUrl) return undefined;
  return async () => {
    const ws = await t.summary();
    return !ws || ws.every((w) => !w.persist_queue_depth);
  };
}

/** One measured run on connected-anew clients. */
export async function runGroupOnce(t: Target, users: BenchUser[], groupId: number, cfg: GroupConfig, run: number): Promise<GroupResult> {
  const M = cfg.members;
  const S = cfg.senders;
  const R = cfg.rounds;
  const runTag = Math.floor(Math.random() * 2 ** 32) >>> 0;
  const deviceId = `bench-${runTag.toString(36)}`;
  const name = run < 0 ? 'warm-up' : `run ${run + 1}`;

  // ---- receive side: per member ----
  const got: Uint8Array[] = []; // [member][sender * R + round]
  const maxRound: Int32Array[] = []; // [member][sender]
  const seen: Uint8Array[] = []; // [member] seq bitmap
  const lost = new Float64Array(S);
  const duplicated = new Float64Array(S);
  const outOfOrder = new Float64Array(S);
  const senderIds = users.slice(0, S).map((u) => u.userId);
  let unique = 0;
  let dupPushes = 0;
  let unexpected = 0;
  let wrongSender = 0;
  let lastDelivery = 0;
  let lastProgress = nowMs();
  const lat = new Hist();
  const roundMax = new Float64Array(R);
  const hdr = { sender: 0, index: 0, sentAt: 0 };

  // Self-test of this accounting (--inject-faults): the receivers themselves
  // drop every 97th push (ACKed, so it is lost for good), count every 89th a
  // second time, and hold back sender 0's round 0 until everything else is
  // in (so it arrives after that sender's later rounds).
  const inject = cfg.injectFaults;
  const injected = { dropped: 0, duplicated: 0, held: 0 };
  const held: (() => void)[] = [];
  let pushNo = 0;

  /** Stage 2: one push with a new seq; dedup by (sender, round) and order per sender. */
  const account = (m: number, senderId: number, b: Buffer, cS: number, cE: number, recvAt: number) => {
    if (!readContent(b, cS, cE, runTag, hdr) || hdr.sender >= S || hdr.index >= R || hdr.sender === m) {
      unexpected++;
      return;
    }
    const s = hdr.sender;
    if (t.kind === 'gochat' && senderId !== senderIds[s]) wrongSender++;
    const k = s * R + hdr.index;
    const g = got[m]!;
    if (g[k]) {
      duplicated[s]!++;
      return;
    }
    g[k] = 1;
    const mr = maxRound[m]!;
    if (hdr.index < mr[s]!) outOfOrder[s]!++;
    else mr[s] = hdr.index;
    unique++;
    const ms = recvAt - hdr.sentAt;
    lat.add(ms);
    if (ms > roundMax[hdr.index]!) roundMax[hdr.index] = ms;
    lastDelivery = recvAt;
    lastProgress = recvAt;
  };

  const handlersFor = (m: number) => {
    got[m] = new Uint8Array(S * R);
    maxRound[m] = new Int32Array(S).fill(-1);
    let bits = new Uint8Array(1024);
    seen[m] = bits;
    return {
      onPush(seq: number, senderId: number, _msgId: number, _st: number, b: Buffer, cS: number, cE: number, recvAt: number) {
        // Stage 1: dedup by the recipient's seq (a retransmitted push).
        if (seq >= bits.length * 8) {
          let n = bits.length * 2;
          while (seq >= n * 8) n *= 2;
          const nb = new Uint8Array(n);
          nb.set(bits);
          bits = nb;
          seen[m] = bits;
        }
        const byte = seq >> 3;
        const bit = 1 << (seq & 7);
        if (bits[byte]! & bit) {
          dupPushes++;
          return;
        }
        bits[byte]! |= bit;
        if (inject) {
          pushNo++;
          const ours = readContent(b, cS, cE, runTag, hdr);
          if (ours && hdr.sender === 0 && hdr.index === 0 && R > 1) {
            const copy = Buffer.from(b.subarray(cS, cE));
            injected.held++;
            held.push(() => account(m, senderId, copy, 0, copy.length, nowMs()));
            return;
          }
          // (sender 0's later rounds always arrive, so each held push is out of order)
          if (ours && hdr.sender === 0) {
            account(m, senderId, b, cS, cE, recvAt);
            return;
          }
          if (pushNo % 97 === 0) {
            injected.dropped++;
            return;
          }
          if (pushNo % 89 === 0) {
            injected.duplicated++;
            account(m, senderId, b, cS, cE, recvAt);
          }
        }
        account(m, senderId, b, cS, cE, recvAt);
      },
      onAck(clientId: number, code: number, seq: number) {
        uplinks[m]?.onAck(clientId, code, seq);
      },
      onError(type: number, code: number, msg: string) {
        errors.push(`member ${m}: type ${type} code ${code} ${msg}`);
      },
      onClose(code: number) {
        if (!closing) errors.push(`member ${m}: connection closed (${code}) during the run`);
      },
    };
  };
  const errors: string[] = [];
  let closing = false;

  // ---- send side ----
  const uplinks: Uplink[] = [];
  const stats: UplinkStats = { transient: 0, resent: 0, rejected: new Map() };
  const accepted = new Uint8Array(S * R); // 1 accepted, 2 rejected
  const roundLeft = new Int32Array(R).fill(S);
  let roundWaiter: { round: number; resolve: () => void } | null = null;
  let acceptedCount = 0;
  let resolvedCount = 0;
  const ackLat = new Hist();

  log(`${name}: connecting ${M} members …`);
  const { clients, ms: connectMs } = await connectAll(t.wsUrl, users, deviceId, handlersFor, { concurrency: cfg.concurrency });
  log(`${name}: ${M} members connected and logged in in ${connectMs} ms`);
  for (let s = 0; s < S; s++) {
    uplinks[s] = new Uplink(clients[s]!, stats, (round, code, _seq, firstSent, at) => {
      const k = s * R + round;
      accepted[k] = code === 0 ? 1 : 2;
      if (code === 0) acceptedCount++;
      resolvedCount++;
      ackLat.add(at - firstSent);
      lastProgress = at;
      if (--roundLeft[round]! === 0 && roundWaiter && roundWaiter.round === round) {
        const w = roundWaiter;
        roundWaiter = null;
        w.resolve();
      }
    });
  }
  const checker = cfg.persist && t.mysqlUrl ? new InboxChecker(t.mysqlUrl) : null;
  const memberIds = users.map((u) => u.userId);
  const before = checker ? await checker.perUser(memberIds) : null;
  await sleep(cfg.settleMs);
  const summaryBefore = await t.summary().catch(() => null);

  const stagesBefore = await stageTotals(t);
  const loop = monitorEventLoopDelay({ resolution: LOOP_RES });
  loop.enable();
  const cpu = cpuMeter();
  const serverCpu = treeCpuMeter(t.kind === 'gochat' ? t.pid : undefined);
  const timeoutTimer = setInterval(() => {
    const now = nowMs();
    for (const u of uplinks) u.checkTimeouts(now, cfg.ackTimeoutMs);
  }, 500);

  // ---- rounds ----
  const contentSize = cfg.size;
  let lastSend = 0;
  let sentCount = 0;
  const sendOne = (s: number, r: number) => {
    const at = nowMs();
    lastSend = at;
    sentCount++;
    const content = makeContent(contentSize, runTag, s, r, at);
    uplinks[s]!.send((cid) => encodeUp(cid, gochat.SessionType.ST_GROUP, groupId, content), r, at);
  };
  const firstSend = nowMs();
  lastProgress = firstSend;
  const profiled = cfg.profileDir && run >= 0 && t.kind === 'gochat' ? profileWorkers(t, cfg.profileDir, cfg.profileSeconds, `group-run${run + 1}`) : null;
  let sendLagMax = 0;
  if (cfg.intervalMs === 0) {
    rounds: for (let r = 0; r < R; r++) {
      if (cfg.until?.()) break;
      const done = new Promise<void>((resolve) => (roundWaiter = { round: r, resolve }));
      for (let s = 0; s < S; s++) sendOne(s, r);
      while (roundLeft[r]! > 0) {
        await Promise.race([done, sleep(100)]);
        if (roundLeft[r]! > 0 && nowMs() - lastProgress > cfg.drainMs) {
          log(`${name}: round ${r} still waits for ${roundLeft[r]} ACKs after ${cfg.drainMs} ms without progress; not sending the remaining rounds`);
          break rounds;
        }
      }
      roundWaiter = null;
    }
  } else {
    const step = cfg.spread ? cfg.intervalMs / S : 0;
    const due = (i: number) => firstSend + Math.floor(i / S) * cfg.intervalMs + (i % S) * step;
    const total = R * S;
    let i = 0;
    while (i < total) {
      const now = nowMs();
      while (i < total && due(i) <= now) {
        sendLagMax = Math.max(sendLagMax, now - due(i));
        sendOne(i % S, Math.floor(i / S));
        i++;
      }
      if (i < total) await sleep(Math.max(0, due(i) - nowMs()));
    }
  }

  // ---- drain: every ACK in and every expected delivery, or no progress for drainMs ----
  for (;;) {
    const expectedNow = acceptedCount * (M - 1);
    if (held.length && resolvedCount === sentCount && unique + injected.dropped + held.length >= expectedNow) for (const f of held.splice(0)) f();
    if (resolvedCount === sentCount && unique + injected.dropped >= expectedNow) break;
    if (nowMs() - lastProgress > cfg.drainMs) {
      log(`${name}: no progress for ${cfg.drainMs} ms; stopping with ${resolvedCount}/${sentCount} ACKs and ${unique}/${expectedNow} deliveries`);
      break;
    }
    await sleep(20);
  }
  const drainEnd = nowMs();
  const cpuFrac = cpu();
  const serverCpuMs = serverCpu();
  const stages = stageSummary(stagesBefore, await stageTotals(t));
  loop.disable();
  clearInterval(timeoutTimer);
  for (const u of uplinks) u.stop();
  if (profiled) await profiled;
  const summaryAfter = await t.summary().catch(() => null);
  // Close before the persistence wait (which can outlast heartbeat_timeout).
  closing = true;
  await closeAll(clients as LoadClient[]);

  // ---- accounting ----
  let expected = 0;
  let received = 0;
  for (let m = 0; m < M; m++) {
    const g = got[m]!;
    for (let s = 0; s < S; s++) {
      if (s === m) continue;
      for (let r = 0; r < R; r++) {
        const k = s * R + r;
        if (accepted[k] === 1) {
          expected++;
          if (g[k]) received++;
          else lost[s]!++;
        }
      }
    }
  }
  const ofUnaccepted = unique - received;
  const wallMs = (lastDelivery || drainEnd) - firstSend;

  // ---- persistence ----
  let persist: PersistReport | null = null;
  if (checker && before) {
    log(`${name}: waiting for ${fmtInt(acceptedCount * M)} inbox rows in MySQL …`);
    const p = await checker.waitPersisted(memberIds, before, () => acceptedCount, {
      from: firstSend,
      after: lastDelivery || drainEnd,
      timeoutMs: cfg.persistTimeoutMs,
      gate: persistQueueEmpty(t),
    });
    log(`${name}: ${p.complete ? 'all rows present' : 'rows missing'} after ${p.polls} count(s); checking every member's rows against the group's msg_ids …`);
    const g = await checker.groupRows(groupId, memberIds);
    let membersWrong = 0;
    for (const u of memberIds) if (g.perUser.get(u) !== acceptedCount) membersWrong++;
    persist = {
      complete: p.complete,
      rowsExpected: p.rowsExpected,
      rowsFound: p.rowsFound,
      usersShort: p.usersShort,
      usersOver: p.usersOver,
      msAfterFirstSend: p.msAfterFrom,
      msAfterLastDelivery: p.msAfterAfter,
      pollMs: p.pollMs,
      verified: g.messages === acceptedCount && membersWrong === 0,
      groupMessages: g.messages,
      membersWrong,
    };
    await checker.close();
  }
  if (errors.length) log(`${name}: ${errors.length} errors, first: ${errors.slice(0, 3).join('; ')}`);

  const rejected: Record<string, number> = {};
  for (const [code, n] of stats.rejected) rejected[String(code)] = n;
  return {
    mode: 'group',
    target: t.label,
    kind: t.kind,
    run: run + 1,
    config: cfg,
    messages: {
      sent: sentCount,
      accepted: acceptedCount,
      rejected,
      unacked: sentCount - resolvedCount,
      transientErrors: stats.transient,
      resent: stats.resent,
    },
    deliveries: {
      expected,
      received,
      lost: expected - received,
      duplicated: sum(duplicated),
      duplicatePushes: dupPushes,
      outOfOrder: sum(outOfOrder),
      unexpected,
      wrongSender,
      ofUnaccepted,
    },
    perSender: { lost: Array.from(lost), duplicated: Array.from(duplicated), outOfOrder: Array.from(outOfOrder) },
    wallMs,
    sendMs: lastSend - firstSend,
    deliveriesPerSec: wallMs > 0 ? (received / wallMs) * 1000 : 0,
    latency: lat.summary(),
    ackLatency: ackLat.summary(),
    roundMaxMs: Array.from(roundMax),
    sendLagMaxMs: sendLagMax,
    client: { cpu: cpuFrac, loopDelayP99Ms: loopMs(loop.percentile(99)), loopDelayMaxMs: loopMs(loop.max) },
    serverCpuUsPerDelivery: (serverCpuMs * 1000) / Math.max(1, unique),
    server: serverDelta(summaryBefore, summaryAfter),
    persist,
    stages,
    injected: inject
      ? {
          ...injected,
          accountingOk:
            expected - received === injected.dropped && sum(duplicated) === injected.duplicated && sum(outOfOrder) === injected.held && unexpected === 0 && dupPushes === 0,
        }
      : null,
  };
}

// ---- printing ----

function perSenderLine(name: string, xs: number[]): string {
  const bad = xs.map((v, s) => [s, v] as const).filter(([, v]) => v > 0);
  if (!bad.length) return `${name} per sender: 0 for all ${xs.length} senders`;
  const top = [...bad].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return `${name} per sender: ${bad.length} of ${xs.length} senders affected; worst: ${top.map(([s, v]) => `#${s}=${v}`).join(' ')}`;
}

export function printGroup(r: GroupResult): void {
  const c = r.config;
  const d = r.deliveries;
  const out: string[] = [];
  out.push(`== group run ${r.run}: ${r.target}`);
  out.push(
    `   ${c.members} members, ${c.senders} senders, ${c.rounds} rounds, ${c.intervalMs === 0 ? 'unpaced (next round when the last round is ACKed)' : `paced every ${c.intervalMs} ms${c.spread ? ' (sends spread over the interval)' : ' (a round sent at once)'}`}, ${c.size} B content`,
  );
  const rej = Object.entries(r.messages.rejected);
  out.push(
    `messages: sent ${fmtInt(r.messages.sent)}, accepted ${fmtInt(r.messages.accepted)}, rejected ${rej.length ? rej.map(([k, v]) => `${v} (code ${k})`).join(', ') : 0}, unacked ${r.messages.unacked}, transient errors ${r.messages.transientErrors}, resent ${r.messages.resent}`,
  );
  out.push(`deliveries: expected ${fmtInt(d.expected)}, received ${fmtInt(d.received)}`);
  out.push(`lost: ${fmtInt(d.lost)}`);
  out.push(`duplicated: ${fmtInt(d.duplicated)}`);
  out.push(`out-of-order: ${fmtInt(d.outOfOrder)}`);
  out.push(`   ${perSenderLine('lost', r.perSender.lost)}`);
  out.push(`   ${perSenderLine('duplicated', r.perSender.duplicated)}`);
  out.push(`   ${perSenderLine('out-of-order', r.perSender.outOfOrder)}`);
  out.push(`   duplicate pushes (same seq again, dropped by seq): ${d.duplicatePushes}; unexpected pushes: ${d.unexpected}; wrong sender_id: ${d.wrongSender}; deliveries of unaccepted messages: ${d.ofUnaccepted}`);
  out.push(`wall time (first send -> last delivery): ${fmtMs(r.wallMs)}  (sending took ${fmtMs(r.sendMs)}${c.intervalMs ? `, max lag behind schedule ${fmtMs(r.sendLagMaxMs)}` : ''})`);
  out.push(`deliveries/s: ${fmtInt(r.deliveriesPerSec)}`);
  if (Number.isFinite(r.serverCpuUsPerDelivery)) out.push(`   server CPU (primary + workers, first send → last delivery): ${r.serverCpuUsPerDelivery.toFixed(2)} µs per delivery`);
  out.push(`latency (send -> delivery): ${fmtLatency(r.latency)}`);
  out.push(`   send -> ACK: ${fmtLatency(r.ackLatency)}`);
  if (r.roundMaxMs.length > 1) out.push(`   slowest delivery per round: ${roundMaxLine(r.roundMaxMs)}`);
  out.push(
    `   load client: ${(r.client.cpu * 100).toFixed(0)}% of a core, event-loop delay p99 ${fmtMs(r.client.loopDelayP99Ms)} max ${fmtMs(r.client.loopDelayMaxMs)}` +
      (r.server ? `; server: ${r.server.workers} worker(s), RSS ${(r.server.rssBytes / 2 ** 20).toFixed(0)} MiB, push retransmits ${r.server.pushRetransmits}, event-loop delay p99 ${fmtMs(r.server.loopDelayP99Ms)}` : ''),
  );
  if (r.stages) out.push(`   server pipeline: ${r.stages}`);
  if (r.injected) {
    const i = r.injected;
    out.push(
      `self-test (--inject-faults): receivers dropped ${i.dropped}, doubled ${i.duplicated}, delayed ${i.held} pushes; accounting found lost ${d.lost}, duplicated ${d.duplicated}, out-of-order ${d.outOfOrder}: ${i.accountingOk ? 'accounting OK' : 'ACCOUNTING MISMATCH'}`,
    );
  }
  const p = r.persist;
  if (!p) out.push(r.kind === 'baseline' ? 'persisted: n/a (baseline keeps nothing)' : 'persisted: not checked (no database URL)');
  else if (p.complete && p.verified)
    out.push(
      `persisted: all ${fmtInt(p.rowsExpected)} rows (every inbox holds every message) by ${fmtMs(p.msAfterFirstSend)} after the first send, ${fmtMs(p.msAfterLastDelivery)} after the last delivery (poll ${fmtMs(p.pollMs)})`,
    );
  else
    out.push(
      `persisted: INCOMPLETE: ${fmtInt(p.rowsFound)} of ${fmtInt(p.rowsExpected)} rows; ${p.usersShort} members short, ${p.usersOver} over; group messages in MySQL ${p.groupMessages} of ${r.messages.accepted}; members with a wrong count of the group's rows: ${p.membersWrong}`,
    );
  process.stdout.write(out.join('\n') + '\n');
}

export interface Medians {
  runs: number;
  deliveriesPerSec: number;
  wallMs: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  persistMs: number;
  serverCpuUsPerDelivery: number;
}

export function groupMedians(rs: GroupResult[]): Medians {
  return {
    runs: rs.length,
    deliveriesPerSec: median(rs.map((r) => r.deliveriesPerSec)),
    wallMs: median(rs.map((r) => r.wallMs)),
    p50: median(rs.map((r) => r.latency.p50)),
    p99: median(rs.map((r) => r.latency.p99)),
    max: median(rs.map((r) => r.latency.max)),
    lost: median(rs.map((r) => r.deliveries.lost)),
    duplicated: median(rs.map((r) => r.deliveries.duplicated)),
    outOfOrder: median(rs.map((r) => r.deliveries.outOfOrder)),
    persistMs: median(rs.map((r) => r.persist?.msAfterFirstSend ?? NaN)),
    serverCpuUsPerDelivery: median(rs.map((r) => r.serverCpuUsPerDelivery)),
  };
}

function printMedians(label: string, m: Medians): void {
  process.stdout.write(
    `== median of ${m.runs} runs: ${label}\n   deliveries/s ${fmtInt(m.deliveriesPerSec)}, wall ${fmtMs(m.wallMs)}, latency p50 ${fmtMs(m.p50)} p99 ${fmtMs(m.p99)} max ${fmtMs(m.max)}, lost ${m.lost}, duplicated ${m.duplicated}, out-of-order ${m.outOfOrder}${Number.isFinite(m.persistMs) ? `, persisted by ${fmtMs(m.persistMs)}` : ''}${Number.isFinite(m.serverCpuUsPerDelivery) ? `, server CPU ${m.serverCpuUsPerDelivery.toFixed(2)} µs per delivery` : ''}\n`,
  );
}

// ---- the mode ----

export function groupConfig(a: Args): GroupConfig {
  const members = a.int('members', 50, 2);
  const cfg: GroupConfig = {
    members,
    senders: a.int('senders', Math.min(members, 10), 1),
    rounds: a.int('rounds', 10, 1),
    intervalMs: a.ms('interval', 0),
    spread: a.bool('spread'),
    size: a.int('size', 100, 24),
    settleMs: a.ms('settle', 500),
    drainMs: a.ms('drain-timeout', 15_000),
    ackTimeoutMs: a.ms('ack-timeout', 10_000),
    persistTimeoutMs: a.ms('persist-timeout', 180_000),
    concurrency: a.int('concurrency', 50, 1),
    persist: a.bool('persist', true),
    injectFaults: a.bool('inject-faults'),
    warmup: a.bool('warmup', false),
    profileDir: a.str('profile') ?? null,
    profileSeconds: a.int('profile-seconds', 10, 1),
  };
  if (cfg.senders > members) throw new Error('--senders cannot exceed --members');
  return cfg;
}

export interface GroupModeOutput {
  results: GroupResult[];
  medians: Medians;
  baseline?: { results: GroupResult[]; medians: Medians; ratio: number };
}

/**
 * `group` (GoChat, optionally followed by the baseline: --baseline) and
 * `baseline` (the bare ws server only).
 */
export async function groupMode(a: Args, which: 'group' | 'baseline'): Promise<GroupModeOutput> {
  const cfg = groupConfig(a);
  const runs = a.int('runs', 1, 1);
  const json = a.bool('json');
  const withBaseline = which === 'group' && a.bool('baseline');
  const coalesce = a.bool('coalesce', true);
  const registerConcurrency = a.int('register-concurrency', 16, 1);
  const targets: Target[] = [];
  // GoChat: a fresh server and fresh users every run (a deploy and a new
  // group meet the cold path); --no-fresh keeps one for every run
  const fresh = which === 'group' && a.bool('fresh', !a.has('url'));
  const startGochatTarget = async () => {
    const t = await gochatTarget(a, { env: { GOCHAT_LIMITS_MAX_GROUP_MEMBERS: String(Math.max(2000, cfg.members)) } });
    return { t, users: await registerUsers(t, cfg.members, registerConcurrency) };
  };
  try {
    let gochatUsers: BenchUser[] = [];
    if (which === 'group') {
      const g = await startGochatTarget();
      targets.push(g.t);
      gochatUsers = g.users;
    }
    if (which === 'baseline' || withBaseline) {
      const b = await startBaseline(coalesce);
      log(`${b.label} at ${b.wsUrl}`);
      targets.push(b);
    }
    for (const k of a.unused()) log(`warning: --${k} is not used by this mode`);
    const results = new Map<Target, GroupResult[]>(targets.map((t) => [t, []]));
    const once = async (t: Target, c: GroupConfig, run: number) => {
      let users: BenchUser[];
      let groupId = 1;
      if (t.kind === 'gochat') {
        users = gochatUsers;
        groupId = await createGroup(t, users, `bench-${run}`);
      } else users = fakeUsers(c.members);
      return runGroupOnce(t, users, groupId, c, run);
    };
    const warmUp = async (t: Target) => {
      log(`warm-up run on ${t.kind} (${Math.min(3, cfg.rounds)} rounds unpaced, not reported; without --warmup there is none)`);
      const w = await once(t, { ...cfg, rounds: Math.min(3, cfg.rounds), intervalMs: 0, persist: false, injectFaults: false }, -1);
      if (w.deliveries.lost || w.deliveries.duplicated) log(`warm-up: lost ${w.deliveries.lost}, duplicated ${w.deliveries.duplicated}`);
    };
    if (cfg.warmup) for (const t of targets) await warmUp(t);
    for (let run = 0; run < runs; run++) {
      if (fresh && run > 0) {
        // the GoChat target is replaced; its results move with the new one
        const old = targets[0]!;
        const done = results.get(old)!;
        await old.stop();
        const g = await startGochatTarget();
        targets[0] = g.t;
        gochatUsers = g.users;
        results.delete(old);
        results.set(g.t, done);
        if (cfg.warmup) await warmUp(g.t);
      }
      for (const t of targets) {
        const r = await once(t, cfg, run);
        results.get(t)!.push(r);
        if (!json) printGroup(r);
      }
    }
    const main = targets[0]!;
    const out: GroupModeOutput = { results: results.get(main)!, medians: groupMedians(results.get(main)!) };
    if (withBaseline) {
      const b = targets[1]!;
      const bm = groupMedians(results.get(b)!);
      out.baseline = { results: results.get(b)!, medians: bm, ratio: out.medians.deliveriesPerSec / bm.deliveriesPerSec };
    }
    if (json) process.stdout.write(JSON.stringify(out) + '\n');
    else {
      if (runs > 1) printMedians(main.label, out.medians);
      if (out.baseline) {
        if (runs > 1) printMedians(targets[1]!.label, out.baseline.medians);
        process.stdout.write(
          `== gochat / baseline deliveries/s: ${fmtInt(out.medians.deliveriesPerSec)} / ${fmtInt(out.baseline.medians.deliveriesPerSec)} = ${(out.baseline.ratio * 100).toFixed(1)}%${cfg.intervalMs ? ' (paced: both bounded by the schedule; compare unpaced runs, --interval 0)' : ''}\n`,
        );
      }
    }
    return out;
  } finally {
    for (const t of targets) await t.stop();
  }
}
