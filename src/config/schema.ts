// Every configuration key: its type, default and meaning. The loader
// (load.ts) reads app.yaml, applies GOCHAT_* environment overrides and
// validates each key against this table once, at start.

export type KeyType = 'string' | 'int' | 'number' | 'bool' | 'duration' | 'list' | 'level';

export interface KeySpec {
  key: string;
  type: KeyType;
  default: unknown;
  min?: number;
  max?: number;
  /** the allowed values of a string key */
  choices?: readonly string[];
  doc: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Values of `engine`. */
export const ENGINES = ['auto', 'embedded', 'cluster'] as const;
/** Service URLs whose explicit setting selects the cluster engine when `engine` is auto. */
export const SERVICE_URL_KEYS = ['mysql.url', 'redis.url', 'rabbitmq.url'] as const;

/**
 * The table. Declared `as const` so that each entry's key, type and choices
 * stay literal: `Config` below is computed from it, and a key added here is
 * in `Config` with no second edit.
 */
export const KEYS = [
  { key: 'node_id', type: 'string', default: 'node-1', doc: 'unique name of this node in the cluster' },
  {
    key: 'dev_mode',
    type: 'bool',
    default: false,
    doc: 'development mode; NODE_ENV=production forces it off. It relaxes no secret check: there is no built-in jwt.secret, and a weak one is refused under NODE_ENV=production whatever dev_mode says',
  },
  { key: 'data_dir', type: 'string', default: './data', doc: "the node's own state: the generated signing secret (data_dir/jwt-secret, mode 0600) when jwt.secret is not set (created with the directory; relative to the working directory)" },
  { key: 'prefix', type: 'string', default: 'gochat', doc: 'prefix of Redis keys, RabbitMQ queues and etcd keys (several clusters can share the services)' },
  { key: 'advertise_host', type: 'string', default: '127.0.0.1', doc: 'host other nodes and clients use to reach this node' },
  { key: 'http_host', type: 'string', default: '0.0.0.0', doc: 'address the public HTTP/WebSocket port binds to' },
  { key: 'http_port', type: 'int', default: 8080, min: 0, max: 65535, doc: 'public HTTP API and WebSocket port' },
  { key: 'rpc_host', type: 'string', default: '0.0.0.0', doc: 'address the gRPC delivery ports bind to (internal: firewall it from clients)' },
  { key: 'rpc_port', type: 'int', default: 9090, min: 0, max: 65535, doc: 'first gRPC port; worker i listens on rpc_port + i' },
  { key: 'admin_host', type: 'string', default: '127.0.0.1', doc: 'address of the admin port (metrics, health); loopback by default' },
  { key: 'admin_port', type: 'int', default: 9100, min: 0, max: 65535, doc: 'admin port: /metrics, /healthz, /readyz' },
  { key: 'workers', type: 'int', default: 0, min: 0, max: 256, doc: 'worker processes; 0 = one per core' },
  {
    key: 'engine',
    type: 'string',
    default: 'auto',
    choices: ENGINES,
    doc: 'backends: embedded (one node, a SQLite file, state in process; needs no service), cluster (MariaDB, Redis, RabbitMQ, optionally etcd), or auto: cluster when mysql.url, redis.url or rabbitmq.url is set (file or environment), else embedded',
  },
  { key: 'sqlite.path', type: 'string', default: './data/gochat.sqlite', doc: 'embedded engine: the SQLite database file (created with its directory; relative to the working directory)' },
  { key: 'mysql.url', type: 'string', default: 'mysql://root@127.0.0.1:3306/gochat', doc: 'MySQL/MariaDB URL; the path names the database' },
  { key: 'mysql.pool', type: 'int', default: 10, min: 1, max: 200, doc: 'connections per worker' },
  { key: 'redis.url', type: 'string', default: 'redis://127.0.0.1:6379', doc: 'Redis URL' },
  { key: 'rabbitmq.url', type: 'string', default: 'amqp://guest:guest@127.0.0.1:5672', doc: 'RabbitMQ URL' },
  { key: 'rabbitmq.prefetch', type: 'int', default: 64, min: 1, max: 10000, doc: 'unacknowledged persistence batches per consumer' },
  { key: 'rabbitmq.persist_gather', type: 'duration', default: 100, min: 0, max: 10_000, doc: 'the persister waits this long after a batch arrives for more before it writes them in one transaction: longer = fewer MySQL round trips per message at low load, rows persisted that much later (pushes are not delayed)' },
  { key: 'rabbitmq.heartbeat', type: 'duration', default: 10_000, min: 1000, max: 600_000, doc: 'AMQP heartbeat (whole seconds): the broker requeues the batches of a consumer it has not heard from for about this long' },
  { key: 'rabbitmq.publish_timeout', type: 'duration', default: 5000, min: 100, max: 600_000, doc: 'a persist batch not confirmed by the broker within this is abandoned (code 7 to its senders)' },
  { key: 'rabbitmq.retry_max', type: 'duration', default: 5000, min: 200, max: 600_000, doc: 'longest back-off before a batch the persister failed to write is requeued' },
  { key: 'etcd.endpoints', type: 'list', default: [], doc: 'etcd endpoints (host:port); empty = a single node without a registry' },
  { key: 'etcd.lease_ttl', type: 'duration', default: 10_000, min: 2000, max: 600_000, doc: 'registry lease: a node that stops refreshing vanishes after this' },
  { key: 'public_host', type: 'string', default: '', doc: 'host clients use in ws_url/http_url (default: advertise_host)' },
  {
    key: 'jwt.secret',
    type: 'string',
    default: '',
    doc: 'HS256 signing secret for tokens. Empty: a single node generates one on first start and keeps it in data_dir/jwt-secret; several nodes (the cluster engine with etcd.endpoints) refuse to start without one, as they must share it. At least 16 characters; under NODE_ENV=production at least 32 and not obviously guessable (a repeated pattern, few distinct characters, a run such as abcd…, a placeholder such as change-me)',
  },
  { key: 'jwt.ttl', type: 'duration', default: 86_400_000, min: 1000, doc: 'token lifetime' },
  { key: 'heartbeat_timeout', type: 'duration', default: 90_000, min: 1000, doc: 'a connection silent longer than this is closed' },
  { key: 'log.level', type: 'level', default: 'info', doc: 'pino log level' },
  { key: 'log.pretty', type: 'bool', default: false, doc: 'human-readable log lines (pino-pretty) instead of JSON; on by itself when stdout is a terminal' },
  { key: 'tick', type: 'duration', default: 2, min: 0, max: 1000, doc: 'batching tick of the message pipeline (0 = next turn of the event loop)' },
  { key: 'limits.max_frame_bytes', type: 'int', default: 65_536, min: 256, max: 16_777_216, doc: 'largest inbound WebSocket frame' },
  { key: 'limits.max_content_bytes', type: 'int', default: 16_384, min: 1, max: 16_000_000, doc: 'largest message content' },
  { key: 'limits.max_group_members', type: 'int', default: 2000, min: 2, max: 100_000, doc: 'largest group' },
  { key: 'limits.max_ids_per_request', type: 'int', default: 500, min: 1, max: 100_000, doc: 'most ids in one HTTP request body' },
  { key: 'limits.max_body_bytes', type: 'int', default: 65_536, min: 1024, max: 16_777_216, doc: 'largest HTTP request body' },
  { key: 'limits.uplink_window', type: 'int', default: 64, min: 1, max: 10_000, doc: 'client_ids of one device that may wait behind an in-flight one' },
  { key: 'limits.max_send_queue_bytes', type: 'int', default: 4_194_304, min: 65_536, max: 1_073_741_824, doc: 'unsent downlink bytes a connection may hold before it is closed as too slow' },
  { key: 'limits.max_pending_pushes', type: 'int', default: 4096, min: 16, max: 1_000_000, doc: 'unacknowledged pushes a connection may hold before it is closed as too slow' },
  { key: 'delivery.ack_timeout', type: 'duration', default: 1000, min: 10, doc: "least wait for a push ACK: the timeout follows the connection's measured ACK round trip (2 × smoothed + 4 × deviation), never below this; doubles after each retransmit of the oldest unacknowledged push" },
  { key: 'delivery.max_retries', type: 'int', default: 3, min: 0, max: 20, doc: 'push retransmits before giving up (the device will sync)' },
  { key: 'delivery.wheel_tick', type: 'duration', default: 50, min: 1, max: 10_000, doc: 'timing-wheel tick (timer granularity)' },
  { key: 'delivery.wheel_slots', type: 'int', default: 512, min: 8, max: 1_048_576, doc: 'timing-wheel buckets per revolution' },
  { key: 'limits.messages_per_sec', type: 'number', default: 100, min: 0.1, max: 1_000_000, doc: 'uplink messages per second per connection (burst: 2 s worth); over it: code 6' },
  { key: 'limits.user_messages_per_sec', type: 'number', default: 200, min: 0.1, max: 1_000_000, doc: 'uplink messages per second per user across its devices; over it: code 6' },
  { key: 'limits.bytes_per_sec', type: 'int', default: 1_048_576, min: 1024, max: 1_073_741_824, doc: 'inbound bytes per second per connection (burst: 2 s worth); over it the socket is paused' },
  { key: 'limits.syncs_per_sec', type: 'number', default: 10, min: 0.1, max: 100_000, doc: 'CT_SYNC requests per second per connection (burst: 2 s worth); over it: code 6' },
  { key: 'limits.commands_per_sec', type: 'number', default: 20, min: 0.1, max: 100_000, doc: 'CT_READ, CT_TYPING, CT_PRESENCE and CT_CONVERSATIONS requests per second per connection together (burst: 2 s worth); over it: code 6 (typing: dropped)' },
  { key: 'recall_window', type: 'duration', default: 120_000, min: 0, max: 604_800_000, doc: 'how long after its send_time a message may be recalled (MT_RECALL) by its sender; later: code 3' },
  { key: 'presence.offline_delay', type: 'duration', default: 5000, min: 0, max: 600_000, doc: 'a user is announced offline to friends this long after its last device left, if none came back meanwhile (no flapping on a reconnect)' },
  { key: 'limits.auth_per_ip_per_sec', type: 'number', default: 20, min: 0.01, max: 1_000_000, doc: 'register/login requests per second per client IP (burst: 10 s worth); over it: HTTP 429' },
  { key: 'limits.max_connections_per_user', type: 'int', default: 16, min: 1, max: 10_000, doc: 'devices of one user connected at once (per node)' },
  { key: 'allowed_origins', type: 'list', default: [], doc: 'browser Origins allowed to open a WebSocket or call the API (e.g. https://chat.example.com); empty = any' },
  { key: 'seq.step', type: 'int', default: 1000, min: 10, max: 10_000_000, doc: 'seqs reserved durably in MySQL per segment' },
  { key: 'seq.threshold', type: 'number', default: 0.8, min: 0.1, max: 0.99, doc: 'fraction of a segment after which the next one is reserved in the background' },
  {
    key: 'sync.gap_timeout',
    type: 'duration',
    default: 40_000,
    min: 100,
    doc: 'sync holds back rows above a gap until the gap is filled or older than this; it must exceed the longest time a persist batch can be in flight, rabbitmq.publish_timeout + 2 × rabbitmq.heartbeat + rabbitmq.retry_max (30 s by default: 10 s of margin); a start with less logs a warning',
  },
  {
    key: 'uplink.recovery_wait',
    type: 'duration',
    default: 3000,
    min: 0,
    max: 600_000,
    doc: 'after Redis lost a device\'s dedup state: how long a retransmitted client_id is looked for in MySQL (its first copy may still be on its way) before it is processed again with a fence',
  },
  { key: 'uplink.stall_threshold', type: 'duration', default: 10_000, min: 100, max: 3_600_000, doc: 'a device whose uplink has client_ids waiting behind a missing one for longer than this counts as stalled (gochat_uplink_stalled_devices; alert GochatUplinkStalled)' },
  { key: 'audit.sample_rate', type: 'number', default: 0.001, min: 0, max: 1, doc: 'share of accepted messages the delivery audit samples: once older than the persistence bound, each sampled message is looked up in every recipient\'s inbox (gochat_audit_checked_total, gochat_audit_missing_total); 0 = off' },
  { key: 'audit.max_per_sec', type: 'number', default: 20, min: 0, max: 100_000, doc: 'most messages the delivery audit samples per second per worker (bounds its queries whatever the load)' },
  { key: 'sync.default_limit', type: 'int', default: 100, min: 1, max: 500, doc: 'page size when a sync asks for 0' },
  { key: 'sync.max_limit', type: 'int', default: 500, min: 1, max: 10_000, doc: 'largest sync page' },
  { key: 'shutdown_timeout', type: 'duration', default: 10_000, min: 100, doc: 'graceful shutdown gives up after this' },
] as const satisfies readonly KeySpec[];

/** The value a key of each type is validated into (load.ts coerce()). Durations are in ms. */
interface KeyValue {
  string: string;
  int: number;
  number: number;
  bool: boolean;
  duration: number;
  list: string[];
  level: LogLevel;
}

/** A key's value: the union of its choices if it has any, else by its type. */
type ValueOf<S extends KeySpec> = S extends { choices: readonly (infer C extends string)[] } ? C : KeyValue[S['type']];
/** `a` of `a.b.c`; the whole key when it has no dot. */
type Head<K extends string> = K extends `${infer H}.${string}` ? H : K;
/** The entries under `H.`, with `H.` taken off their keys. */
type Under<S extends KeySpec, H extends string> = S extends { key: `${H}.${infer T}` } ? Omit<S, 'key'> & { key: T } : never;

/**
 * The object a table of key specs validates into: dotted keys become nested
 * objects (`rabbitmq.prefetch` → `{ rabbitmq: { prefetch: number } }`), each
 * leaf typed by ValueOf.
 */
export type ConfigOf<S extends KeySpec> = {
  -readonly [H in Head<S['key']>]: [Extract<S, { key: H }>] extends [never] ? ConfigOf<Under<S, H>> : ValueOf<Extract<S, { key: H }>>;
};

/**
 * The validated configuration, as the server uses it: every key of KEYS
 * (durations in ms), with `engine` resolved (load.ts: auto becomes embedded or
 * cluster) and the reason for that engine.
 */
export type Config = Omit<ConfigOf<(typeof KEYS)[number]>, 'engine'> & {
  /** the engine that runs: `engine` with auto resolved (load.ts) */
  engine: 'embedded' | 'cluster';
  /** why that engine (logged at start) */
  engine_reason: string;
};

/**
 * The longest time (ms) a persist batch can be in flight between the seq
 * allocation of its rows and their commit in MySQL (cluster engine): its
 * publish may take until the publish timeout; a consumer holding it may die
 * silently, noticed by the broker after about one heartbeat timeout (two
 * counted here), then it waits one back-off at most per failed write (a
 * failing write also restarts sync's gap clock in that worker).
 */
export function persistInFlightBound(cfg: Pick<Config, 'rabbitmq'>): number {
  return cfg.rabbitmq.publish_timeout + 2 * cfg.rabbitmq.heartbeat + cfg.rabbitmq.retry_max;
}

/** Environment variable for a key: GOCHAT_ + path upper-cased, dots as underscores. */
export function envName(key: string): string {
  return 'GOCHAT_' + key.toUpperCase().replace(/\./g, '_');
}
