// The load tool's flags (bench/load.ts): the usage text a person reads and
// the table the parser checks a command line against. Every flag the usage
// names is in the table (test/unit/bench-args.test.ts checks it).
import type { FlagTable } from './args.js';

export const USAGE = `usage: npm run bench -- <mode> [--flags]     (or: npx tsx bench/load.ts <mode> …)

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

/** Every flag of every mode; one a mode does not read is reported and ignored. */
export const FLAGS = {
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
