// The fault matrix (`npm run drill`; not part of `npm test`): runs every
// scenario of test/support/scenarios.ts one after the other against the real
// services (MariaDB, Redis, RabbitMQ, etcd on this machine, plus private
// instances it starts), then prints one table:
//
//   scenario | sent | ACKed | lost | duplicated | out of order | sync backwards | verdict
//
// and, under it, the notes and first problems of every row that is not OK.
// Exits 1 if any row is not OK (or a scenario could not run), 0 otherwise.
//
//   npm run drill                          every scenario, drill lengths (blips 40 s, …)
//   npm run drill -- --scale 0.5           every duration × 0.5
//   npm run drill -- --only blips-2-nodes,redis-rollback
//   npm run drill -- --json                the rows as JSON on stdout (progress on stderr)
//   npm run drill -- --list                the scenario names
import { describeRow, rowOk, SCENARIOS, type ScenarioRow } from '../test/support/scenarios.js';
import { stopAllPrivateServices } from '../test/support/private-services.js';

interface Args {
  scale: number;
  only: string[] | null;
  json: boolean;
  list: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { scale: 1, only: null, json: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (k === '--scale') a.scale = Number(value());
    else if (k === '--only') a.only = value().split(',').map((x) => x.trim()).filter(Boolean);
    else if (k === '--json') a.json = true;
    else if (k === '--list') a.list = true;
    else if (k === '--help' || k === '-h') {
      console.log('usage: npm run drill -- [--scale X] [--only a,b] [--json] [--list]');
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  if (!(a.scale > 0)) throw new Error('--scale must be a positive number');
  const names = new Set(SCENARIOS.map((s) => s.name));
  for (const n of a.only ?? []) if (!names.has(n)) throw new Error(`unknown scenario ${n}; known: ${[...names].join(', ')}`);
  return a;
}

type Verdict = 'OK' | 'FAIL' | 'ERROR';
interface Result {
  row: ScenarioRow;
  verdict: Verdict;
}

function table(results: Result[]): string {
  const head = ['scenario', 'sent', 'ACKed', 'lost', 'duplicated', 'out of order', 'sync backwards', 'verdict'];
  const rows = results.map(({ row, verdict }) =>
    verdict === 'ERROR'
      ? [row.scenario, '-', '-', '-', '-', '-', '-', verdict]
      : [row.scenario, row.sent, row.acked, row.lost, row.duplicated, row.outOfOrder, row.syncBackwards, verdict].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const s of SCENARIOS) console.log(`${s.name.padEnd(18)} ${s.what}`);
    return 0;
  }
  const chosen = SCENARIOS.filter((s) => !args.only || args.only.includes(s.name));
  const results: Result[] = [];
  for (const s of chosen) {
    const t0 = Date.now();
    process.stderr.write(`drill: ${s.name} (${s.what}) …\n`);
    let r: Result;
    try {
      const row = await s.run(args.scale);
      r = { row, verdict: rowOk(row) ? 'OK' : 'FAIL' };
    } catch (err) {
      const e = err as Error;
      r = {
        verdict: 'ERROR',
        row: { scenario: s.name, sent: 0, acked: 0, lost: 0, duplicated: 0, outOfOrder: 0, syncBackwards: 0, unanswered: 0, seqReused: 0, problems: [`could not run: ${e.stack ?? e.message}`], notes: '', ms: Date.now() - t0 },
      };
    }
    results.push(r);
    process.stderr.write(`drill: ${s.name}: ${r.verdict} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  await stopAllPrivateServices();
  if (args.json) {
    console.log(JSON.stringify(results.map((r) => ({ ...r.row, verdict: r.verdict })), null, 2));
  } else {
    console.log('\n' + table(results) + '\n');
    for (const r of results) if (r.verdict !== 'OK') console.log(describeRow(r.row, 12) + '\n');
  }
  return results.every((r) => r.verdict === 'OK') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err instanceof Error ? err.message : err);
    await stopAllPrivateServices().catch(() => undefined);
    process.exit(2);
  },
);
