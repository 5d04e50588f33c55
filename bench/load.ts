// The load tool (issue #7): `npm run bench -- <mode> [--flags]`, or
// `npx tsx bench/load.ts <mode> [--flags]`.
//
//   group     group fan-out on GoChat, with loss/dup/order accounting and a
//             MySQL persistence check
//   baseline  the same fan-out on a bare ws broadcast server (no persistence)
//   single    1:1 pairs at a target rate: latency and loss
//   conns     idle logged-in connections: server RSS and heap per connection
//
// Progress goes to stderr, summaries to stdout (`--json`: one JSON document).
// Benchmarks, not tests: the full sizes are for a quiet machine. See
// `npm run bench -- help` for every flag.
import { parseCommandLine, UsageError, exitUsage } from './support/args.js';
import { FLAGS, USAGE } from './support/load-flags.js';
import { log } from './support/report.js';

const argv = process.argv.slice(2);
const mode = argv[0];

// Ctrl-C / SIGTERM: exit through process.exit so that the 'exit' hooks kill
// the servers and load processes this run started.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

async function main(): Promise<void> {
  if (!mode || mode === 'help' || mode === '--help' || mode === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  const a = parseCommandLine(argv.slice(1), FLAGS, USAGE);
  switch (mode) {
    case 'group':
    case 'baseline': {
      const { groupMode } = await import('./modes/group.js');
      await groupMode(a, mode);
      return;
    }
    case 'single': {
      const { singleMode } = await import('./modes/single.js');
      await singleMode(a);
      return;
    }
    case 'mixed': {
      const { mixedMode } = await import('./modes/mixed.js');
      await mixedMode(a);
      return;
    }
    case 'conns': {
      const { connsMode } = await import('./modes/conns.js');
      await connsMode(a);
      return;
    }
    case 'conns-child': {
      const { connsChild } = await import('./modes/conns.js');
      await connsChild();
      return;
    }
    default:
      process.stderr.write(`unknown mode ${mode}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main().then(
  () => {
    // Sockets of closed clients and pools may linger; the summary is out.
    if (mode !== 'conns-child') setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
  },
  (err) => {
    if (err instanceof UsageError) exitUsage(err, USAGE);
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
