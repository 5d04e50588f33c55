// mixed: is a 1:1 message queued behind a big group's fan-out? On one
// server, 1:1 pairs send at a steady rate (the `single` mode, run in a child
// process so that the flood's receivers do not share its event loop) twice:
// alone, then while the members of one big group flood it unpaced (the
// `group` mode in this process, round after round until the 1:1 run ends).
// Prints the 1:1 latency of both and their ratio, and the group's
// deliveries per second during the flood.
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../test/support/cluster.js';
import type { Args } from '../support/args.js';
import { fmtInt, log, median } from '../support/report.js';
import { fmtLatency, fmtMs, fmtSeries, type LatencySummary } from '../support/hist.js';
import { gochatTarget, type Target } from '../support/server.js';
import { createGroup, registerUsers } from '../support/users.js';
import { groupConfig, runGroupOnce, type GroupResult } from './group.js';
import type { SingleResult } from './single.js';

interface MixedResult {
  run: number;
  alone: SingleResult;
  flooded: SingleResult;
  group: GroupResult;
}

/** Runs `single` against the target in a child process; resolves to its one result. */
function singleChild(t: Target, a: { pairs: number; rate: number; duration: string; size: number }): Promise<SingleResult> {
  const args = ['--import', 'tsx', 'bench/load.ts', 'single', '--url', t.httpUrl, '--pairs', String(a.pairs), '--rate', String(a.rate), '--duration', a.duration, '--size', String(a.size), '--no-persist', '--json'];
  if (t.adminUrl) args.push('--admin-url', t.adminUrl);
  if (t.jwtSecret) args.push('--jwt-secret', t.jwtSecret);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`single (child) exited with ${code}: ${out.slice(-2000)}`));
      resolve((JSON.parse(line) as { results: SingleResult[] }).results[0]!);
    });
  });
}

const lat = (s: LatencySummary) => `p50 ${fmtMs(s.p50)} p99 ${fmtMs(s.p99)} max ${fmtMs(s.max)}`;

export async function mixedMode(a: Args): Promise<{ results: MixedResult[] }> {
  const members = a.int('members', 500, 2);
  const cfg = { ...groupConfig(a), rounds: 1_000_000, intervalMs: 0, warmup: false, persist: false };
  const one = { pairs: a.int('pairs', 100, 1), rate: a.num('rate', 200, 0.001), duration: a.str('duration', '20s'), size: cfg.size };
  const runs = a.int('runs', 1, 1);
  const json = a.bool('json');
  const results: MixedResult[] = [];
  for (let run = 0; run < runs; run++) {
    // a fresh server and fresh users every run
    const t = await gochatTarget(a, { env: { GOCHAT_LIMITS_MAX_GROUP_MEMBERS: String(Math.max(2000, members)) } });
    try {
      for (const k of a.unused()) log(`warning: --${k} is not used by this mode`);
      const users = await registerUsers(t, members, a.int('register-concurrency', 16, 1));
      const groupId = await createGroup(t, users, `mixed-${run}`);
      log(`run ${run + 1}: 1:1 alone (${one.pairs} pairs, ${one.rate} msg/s, ${one.duration}) …`);
      const alone = await singleChild(t, one);
      log(`run ${run + 1}: 1:1 again while ${members} members flood their group unpaced …`);
      let done = false;
      const flooded = singleChild(t, one).finally(() => (done = true));
      const group = await runGroupOnce(t, users, groupId, { ...cfg, until: () => done }, run);
      const r: MixedResult = { run: run + 1, alone, flooded: await flooded, group };
      results.push(r);
      if (!json)
        process.stdout.write(
          [
            `== mixed run ${r.run}: ${t.label}`,
            `   1:1 ${one.pairs} pairs at ${one.rate} msg/s for ${one.duration}; group of ${members} (${cfg.senders} senders) flooded unpaced during the second 1:1 run`,
            `1:1 alone:          ${fmtLatency(alone.latency)}; lost ${alone.deliveries.lost}`,
            `   send -> ACK:      ${fmtLatency(alone.ackLatency)}`,
            `1:1 during flood:   ${fmtLatency(r.flooded.latency)}; lost ${r.flooded.deliveries.lost}`,
            `   send -> ACK:      ${fmtLatency(r.flooded.ackLatency)}`,
            `   p99 per second:   ${fmtSeries(r.flooded.p99PerSecond)}`,
            `group during flood: ${fmtInt(group.deliveriesPerSec)} deliveries/s, ${fmtInt(group.deliveries.received)} deliveries, lost ${group.deliveries.lost}, duplicated ${group.deliveries.duplicated}, latency ${lat(group.latency)}`,
          ].join('\n') + '\n',
        );
    } finally {
      await t.stop();
    }
  }
  if (json) process.stdout.write(JSON.stringify({ results }) + '\n');
  else if (runs > 1) {
    const m = (f: (r: MixedResult) => number) => median(results.map(f));
    process.stdout.write(
      `== median of ${runs} runs: 1:1 alone p99 ${fmtMs(m((r) => r.alone.latency.p99))} max ${fmtMs(m((r) => r.alone.latency.max))}; during the flood p99 ${fmtMs(m((r) => r.flooded.latency.p99))} max ${fmtMs(m((r) => r.flooded.latency.max))}; group ${fmtInt(m((r) => r.group.deliveriesPerSec))} deliveries/s\n`,
    );
  }
  return { results };
}
