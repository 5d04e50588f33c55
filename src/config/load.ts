import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type Config, type KeySpec, KEYS, LOG_LEVELS, SERVICE_URL_KEYS, envName } from './schema.js';
import { MIN_SECRET_CHARS, SECRET_HINT, secretWeakness } from './secret-strength.js';

/** A configuration value is wrong; the message names the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`config ${key}: ${message}`);
  }
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseDuration(spec: KeySpec, raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(raw);
    if (m) return Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? 'ms']!);
  }
  throw new ConfigError(spec.key, `expected a duration such as 500ms, 30s, 5m, 24h or a number of ms, got ${JSON.stringify(raw)}`);
}

function coerce(spec: KeySpec, raw: unknown, fromEnv: boolean): unknown {
  const bad = (what: string): never => {
    throw new ConfigError(spec.key, `expected ${what}, got ${JSON.stringify(raw)}`);
  };
  let v: unknown;
  switch (spec.type) {
    case 'string':
      if (typeof raw !== 'string' && !(typeof raw === 'number' && !fromEnv)) bad('a string');
      v = String(raw);
      if (spec.choices && !spec.choices.includes(v as string)) bad(`one of ${spec.choices.join(', ')}`);
      break;
    case 'int':
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) bad(spec.type === 'int' ? 'an integer' : 'a number');
      if (spec.type === 'int' && !Number.isInteger(n)) bad('an integer');
      v = n;
      break;
    }
    case 'duration':
      v = parseDuration(spec, raw);
      break;
    case 'bool':
      if (typeof raw === 'boolean') v = raw;
      else if (raw === 'true' || raw === '1') v = true;
      else if (raw === 'false' || raw === '0') v = false;
      else bad('true or false');
      break;
    case 'list':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) v = raw;
      else if (typeof raw === 'string') v = raw.split(',').map((s) => s.trim()).filter(Boolean);
      else bad('a list of strings');
      break;
    case 'level':
      if (!LOG_LEVELS.includes(raw as never)) bad(`one of ${LOG_LEVELS.join(', ')}`);
      v = raw;
      break;
  }
  if (typeof v === 'number') {
    if (spec.min !== undefined && v < spec.min) throw new ConfigError(spec.key, `must be at least ${spec.min}, got ${v}`);
    if (spec.max !== undefined && v > spec.max) throw new ConfigError(spec.key, `must be at most ${spec.max}, got ${v}`);
  }
  return v;
}

function getPath(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1]!] = value;
}

function unknownKeys(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (KEYS.some((s) => s.key === key)) continue;
    if (KEYS.some((s) => s.key.startsWith(key + '.'))) out.push(...unknownKeys(v, key));
    else out.push(key);
  }
  return out;
}

/** What the configuration is loaded for. */
export interface BuildOptions {
  /**
   * false for a tool that signs and verifies no tokens (`npm run migrate`):
   * jwt.secret is then not checked, so a cluster's migration needs no
   * secret. Default true: a server refuses a missing (cluster) or weak secret.
   */
  signsTokens?: boolean;
}

/**
 * Builds the configuration from a parsed YAML document, environment
 * overrides and explicit overrides (tests), validating every key.
 */
export function buildConfig(
  doc: unknown,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Record<string, unknown> = {},
  opts: BuildOptions = {},
): Config {
  if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
    throw new ConfigError('(file)', 'the configuration file must be a YAML mapping');
  }
  const stray = unknownKeys(doc ?? {});
  if (stray.length > 0) throw new ConfigError(stray[0]!, 'unknown key');
  const out: Record<string, unknown> = {};
  /** where each key not left at its default was set */
  const setBy = new Map<string, string>();
  for (const spec of KEYS) {
    const path = spec.key.split('.');
    let raw: unknown = spec.default;
    let fromEnv = false;
    const fromFile = getPath(doc, path);
    if (fromFile !== undefined && fromFile !== null) {
      raw = fromFile;
      setBy.set(spec.key, `${spec.key} set in the configuration file`);
    }
    const e = env[envName(spec.key)];
    if (e !== undefined && e !== '') {
      raw = e;
      fromEnv = true;
      setBy.set(spec.key, `${envName(spec.key)} set`);
    }
    if (spec.key in overrides) {
      raw = overrides[spec.key];
      setBy.set(spec.key, `${spec.key} given`);
    }
    setPath(out, path, coerce(spec, raw, fromEnv));
  }
  Object.assign(out, resolveEngine(out.engine as string, setBy));
  const cfg = out as unknown as Config;
  const production = env.NODE_ENV === 'production';
  if (production) cfg.dev_mode = false;
  if (opts.signsTokens !== false) checkJwtSecret(cfg, production);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(cfg.prefix)) throw new ConfigError('prefix', 'letters, digits, _ . - only (1-64)');
  for (const k of ['mysql.url', 'redis.url', 'rabbitmq.url'] as const) {
    const v = getPath(cfg, k.split('.')) as string;
    try {
      new URL(v);
    } catch {
      throw new ConfigError(k, `not a URL: ${v}`);
    }
  }
  if (cfg.sync.default_limit > cfg.sync.max_limit) throw new ConfigError('sync.default_limit', 'exceeds sync.max_limit');
  return cfg;
}

/**
 * jwt.secret: unset is allowed on a single node (secret-file.ts generates
 * one in data_dir) but not with several (they would each sign with their
 * own); a set one has a minimum length everywhere, and under
 * NODE_ENV=production must not be weak (secret-strength.ts). dev_mode has no
 * say in any of it.
 */
function checkJwtSecret(cfg: Config, production: boolean): void {
  const secret = cfg.jwt.secret;
  const howTo = `set GOCHAT_JWT_SECRET (or jwt.secret in the configuration file) to a random string of at least 32 characters (${SECRET_HINT})`;
  if (secret === '') {
    if (cfg.engine === 'cluster' && cfg.etcd.endpoints.length > 0) {
      throw new ConfigError('jwt.secret', `is not set, and the nodes of a cluster (the cluster engine with etcd.endpoints) must all sign tokens with the same one: ${howTo}, the same on every node`);
    }
    return;
  }
  if (secret.length < MIN_SECRET_CHARS) throw new ConfigError('jwt.secret', `must be at least ${MIN_SECRET_CHARS} characters: ${howTo}, or leave it unset on a single node to have one generated`);
  const weak = production ? secretWeakness(secret) : null;
  if (weak) throw new ConfigError('jwt.secret', `${weak}, and NODE_ENV=production refuses a weak secret: ${howTo}`);
}

/**
 * The engine that runs and why: an explicit `engine` wins; with auto, the
 * cluster engine runs when any service URL is set explicitly (those not set
 * keep their localhost defaults), the embedded engine otherwise.
 */
function resolveEngine(engine: string, setBy: Map<string, string>): Pick<Config, 'engine' | 'engine_reason'> {
  if (engine === 'embedded' || engine === 'cluster') return { engine, engine_reason: `engine: ${engine} (${setBy.get('engine') ?? 'default'})` };
  const urls = SERVICE_URL_KEYS.filter((k) => setBy.has(k)).map((k) => setBy.get(k)!);
  return urls.length > 0
    ? { engine: 'cluster', engine_reason: urls.join(', ') }
    : { engine: 'embedded', engine_reason: `no service URLs configured (${SERVICE_URL_KEYS.join(', ')})` };
}

/** Reads the YAML file (if any), then environment, then overrides. */
export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}, opts: BuildOptions = {}): Config {
  let doc: unknown = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError('(file)', `cannot read ${file}: ${(err as Error).message}`);
    }
    try {
      doc = parseYaml(text);
    } catch (err) {
      throw new ConfigError('(file)', `${file} is not valid YAML: ${(err as Error).message}`);
    }
  }
  return buildConfig(doc, env, overrides, opts);
}

/** The --config FILE argument, else ./app.yaml. */
export function configFileFromArgv(argv: string[]): string {
  const i = argv.indexOf('--config');
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const eq = argv.find((a) => a.startsWith('--config='));
  return eq ? eq.slice('--config='.length) : 'app.yaml';
}
