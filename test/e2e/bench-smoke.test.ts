// A tiny run of the load tool (bench/load.ts, issue #7) as users run it:
// group mode against a GoChat it starts itself (20 members, 5 senders,
// 3 rounds), whose summary must report every delivery, none lost,
// duplicated or out of order, and every inbox row in MySQL; and the
// accounting's self-test on the baseline server (the receivers drop, double
// and delay pushes on purpose; the summary must find exactly those).
// Benchmarks proper are not run by `npm test`.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { encodePushAck } from '../../bench/support/load-client.js';
import { gochat } from '../../src/proto/index.js';
import { REPO_ROOT } from '../support/cluster.js';
import type { GroupModeOutput } from '../../bench/modes/group.js';

function runTool(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST') && !k.startsWith('GOCHAT_')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('load tool (bench/load.ts)', () => {
  it('hand-encoded push ACK matches the generated encoder', () => {
    for (const seq of [0, 1, 127, 128, 300, 2 ** 31, 2 ** 40 + 5]) {
      const ref = gochat.Input.encode({ type: gochat.CmdType.CT_ACK, data: gochat.ACKMsg.encode({ type: gochat.ACKType.AT_PUSH, seq }).finish() }).finish();
      expect(Buffer.from(encodePushAck(seq)).toString('hex')).toBe(Buffer.from(ref).toString('hex'));
    }
  });

  it('group: 20 members × 5 senders × 3 rounds on a started GoChat: 0 lost, 0 duplicated, all rows persisted', async () => {
    const r = await runTool(['group', '--members', '20', '--senders', '5', '--rounds', '3', '--server', 'tsx', '--no-warmup'], 170_000);
    const out = r.stdout;
    expect(r.code, `${out}\n${r.stderr.slice(-3000)}`).toBe(0);
    // 5 senders × 3 rounds to 19 other members each
    expect(out).toMatch(/^messages: sent 15, accepted 15, rejected 0, unacked 0/m);
    expect(out).toMatch(/^deliveries: expected 285, received 285$/m);
    expect(out).toMatch(/^lost: 0$/m);
    expect(out).toMatch(/^duplicated: 0$/m);
    expect(out).toMatch(/^out-of-order: 0$/m);
    expect(out).toMatch(/^deliveries\/s: [\d,]+$/m);
    expect(out).toMatch(/^latency \(send -> delivery\): p50 [\d.]+ m?s .* \(n=285\)$/m);
    // every member's inbox holds all 15 messages: 20 × 15 rows
    expect(out).toMatch(/^persisted: all 300 rows \(every inbox holds every message\) by [\d.]+ m?s after the first send/m);
  }, 180_000);

  it('the accounting finds exactly the faults the receivers inject (baseline server)', async () => {
    const r = await runTool(['baseline', '--members', '30', '--senders', '6', '--rounds', '5', '--no-warmup', '--inject-faults', '--json'], 60_000);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const res = JSON.parse(r.stdout) as GroupModeOutput;
    const run = res.results[0]!;
    expect(run.deliveries.expected).toBe(6 * 5 * 29);
    expect(run.injected!.dropped).toBeGreaterThan(0);
    expect(run.injected!.duplicated).toBeGreaterThan(0);
    expect(run.injected!.held).toBe(29); // sender 0's first message, at every other member
    expect(run.deliveries.lost).toBe(run.injected!.dropped);
    expect(run.deliveries.duplicated).toBe(run.injected!.duplicated);
    expect(run.deliveries.outOfOrder).toBe(run.injected!.held);
    expect(run.injected!.accountingOk).toBe(true);
    expect(run.perSender.outOfOrder[0]).toBe(29);
  }, 70_000);
});
