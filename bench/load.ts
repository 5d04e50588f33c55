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
import { parseCommandLine, UsageError, exitUsage, type FlagTable } from './support/args.js';
import { log } from './support/report.js';

const USAGE = `usage: npm run bench -- <mode> [--flags]     (or: npx tsx bench/load.ts <mode> …)

modes:
  group     --members 50 --senders 10 --rounds 10 --interval 0 [--spread] [--size 100]
            [--baseline] [--coalesce|--no-coalesce] [--profile DIR [--profile-seconds 10]]
            [--warmup] [--no-fresh]
            interval 0 = unpaced (next round when the last round's ACKs are in);
            each run on a fresh GoChat with fresh users, no warm-up (--warmup: 3 unpaced
            rounds first); the server's CPU per delivery is printed.
            e.g. --interval 1s. --baseline also runs the bare ws server and prints the ratio.
  baseline  the same flags as group, on bench/baseline-server.ts only
  single    --pairs 100 --rate 1000 --duration 10s [--size 100] [--profile DIR [--profile-seconds 10]]
            [--cold-seconds 5] [--warmup] [--no-fresh]
            N pairs of users; both sides send 1:1 messages, --rate messages/s in total.
            Each run on a fresh server with fresh users, no warm-up (the cold path a
            deploy meets); latency reported cold (first --cold-seconds of sends) and
            warm, p99 per second, and the server's CPU per message.
  mixed     --members 500 --senders 500 --pairs 100 --rate 200 --duration 20s [--size 100]
            1:1 pairs (a child process running single) alone, then while the group's
            members flood it unpaced: is a 1:1 message queued behind the fan-out?
            A fresh server per run.
  conns     --conns 2000 [--per-proc 15000] [--per-addr 20000] [--concurrency 200]
            [--hold 5s] [--heartbeat 30s] [--logins]
            idle logged-in connections (child load processes past --per-proc, source
            addresses 127.0.0.2… past --per-addr each); server RSS/heap per connection.
            --logins also runs bench/conns.ts (logins/s via the balancer vs one worker).

common:
  --runs N            repeat the measurement, print each and the medians
  --json              print one JSON document instead of the text summary
  --workers 2         GoChat workers (server started by the tool)
  --server auto|dist|tsx   how to start it: dist = node dist/src/main.js (npm start),
                      tsx = node --import tsx src/main.ts (npm run dev); auto = dist when
                      it is newer than src/, else tsx. --build runs npm run build first.
  --server-env KEY=VALUE   extra GOCHAT_* settings (repeatable); rate limits are raised already
  --server-log        show the server's output;  --keep-db  keep its database and keys
  --url http://host:port [--admin-url URL] [--mysql-url URL] [--jwt-secret S]
                      use a running server instead of starting one
  --concurrency N     connections opened at once;  --register-concurrency 16
  --settle 500ms --drain-timeout 15s --ack-timeout 10s --persist-timeout 180s
  --no-persist        skip the MySQL check
`;

const argv = process.argv.slice(2);
const mode = argv[0];
/** Every flag of every mode; one a mode does not read is reported and ignored. */
const FLAGS = {
  // group, baseline
  members: 'int',
  senders: 'int',
  rounds: 'int',
  interval: 'ms',
  spread: 'bool',
  baseline: 'bool',
  coalesce: 'bool',
  'inject-faults': 'bool',
  // single, mixed
  pairs: 'int',
  rate: 'num',
  duration: 'ms',
  'cold-seconds': 'int',
  // conns
  conns: 'int',
  'per-proc': 'int',
  'per-addr': 'int',
  hold: 'ms',
  heartbeat: 'ms',
  logins: 'bool',
  'login-conns': 'int',
  'login-concurrency': 'int',
  'login-runs': 'int',
  // common
  size: 'int',
  profile: 'string',
  'profile-seconds': 'int',
  warmup: 'bool',
  fresh: 'bool',
  runs: 'int',
  json: 'bool',
  workers: 'int',
  server: 'string',
  build: 'bool',
  'server-env': 'list',
  'server-log': 'bool',
  'server-log-level': 'string',
  'keep-db': 'bool',
  url: 'string',
  'admin-url': 'string',
  'mysql-url': 'string',
  'jwt-secret': 'string',
  'max-ids-per-request': 'int',
  concurrency: 'int',
  'register-concurrency': 'int',
  settle: 'ms',
  'drain-timeout': 'ms',
  'ack-timeout': 'ms',
  'persist-timeout': 'ms',
  persist: 'bool',
} as const satisfies FlagTable;

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
