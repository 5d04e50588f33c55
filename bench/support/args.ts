// The one command-line parser of every bench script, over node:util
// parseArgs. A script declares its flags in a table (name → kind); forms
// accepted: `--name value`, `--name=value`, a bare `--flag` (true) and
// `--no-flag` (false) for on/off flags, a `list` flag as often as wanted
// (`--server-env A=1 --server-env B=2`). A flag not in the table, a missing
// value, or a value that is not of the flag's kind (`--rounds x`,
// `--duration 5x`) is a UsageError at parse time, before anything starts.
// Defaults are given where a flag is read (they may depend on other flags).
import { parseArgs } from 'node:util';

/**
 * How a flag's value is read: text, a whole number, any number, a duration in
 * ms, on/off, or every value of a repeated flag. Numbers may use `_` (20_000).
 */
export type FlagKind = 'string' | 'int' | 'num' | 'ms' | 'bool' | 'list';
export type FlagTable = Readonly<Record<string, FlagKind>>;

/** A command line that does not fit the script's flags: print it with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A duration in ms: `250`, `250ms`, `1.5s`, `2m`; null if it is none of these. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return Math.round(m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n);
}

/** A number, `_` allowed between digits; NaN if it is not one. */
function parseNumber(s: string): number {
  return s.trim() === '' ? NaN : Number(s.replace(/_/g, ''));
}

const CHECK: Record<Exclude<FlagKind, 'bool' | 'list' | 'string'>, (s: string) => string | null> = {
  int: (s) => (Number.isSafeInteger(parseNumber(s)) ? null : 'must be an integer'),
  num: (s) => (Number.isFinite(parseNumber(s)) ? null : 'must be a number'),
  ms: (s) => (parseDuration(s) === null ? 'must be a duration such as 500, 500ms, 1s or 2m' : null),
};

/** The parsed command line; typed getters with the default of each call site. */
export class Args {
  private readonly used = new Set<string>();

  constructor(
    private readonly table: FlagTable,
    private readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>,
    readonly positional: readonly string[],
  ) {}

  /** Given on the command line. */
  has(name: string): boolean {
    this.kind(name);
    return this.values[name] !== undefined;
  }

  /** The text of a flag (of any kind but bool and list), or `def`. */
  str(name: string, def: string): string;
  str(name: string, def?: string): string | undefined;
  str(name: string, def?: string): string | undefined {
    this.read(name, 'string', 'int', 'num', 'ms');
    return (this.values[name] as string | undefined) ?? def;
  }

  /** Every value of a repeatable flag, in order. */
  list(name: string): string[] {
    this.read(name, 'list');
    return [...((this.values[name] as string[] | undefined) ?? [])];
  }

  int(name: string, def: number, min = 0): number {
    this.read(name, 'int');
    return this.atLeast(name, this.values[name] as string | undefined, def, min, 'an integer');
  }

  num(name: string, def: number, min = 0): number {
    this.read(name, 'num', 'int');
    return this.atLeast(name, this.values[name] as string | undefined, def, min, 'a number');
  }

  /** A duration in ms. */
  ms(name: string, def: number): number {
    this.read(name, 'ms');
    const s = this.values[name] as string | undefined;
    return s === undefined ? def : parseDuration(s)!;
  }

  bool(name: string, def = false): boolean {
    this.read(name, 'bool');
    return (this.values[name] as boolean | undefined) ?? def;
  }

  /** Flags given but never read: a flag of another mode, which this run ignores. */
  unused(): string[] {
    return Object.keys(this.values).filter((k) => this.values[k] !== undefined && k !== 'help' && !this.used.has(k));
  }

  private atLeast(name: string, s: string | undefined, def: number, min: number, what: string): number {
    if (s === undefined) return def;
    const v = parseNumber(s);
    if (v < min) throw new UsageError(`--${name} must be ${what} ≥ ${min} (got ${s})`);
    return v;
  }

  private kind(name: string): FlagKind {
    const k = this.table[name];
    if (!k) throw new Error(`bench: flag --${name} is read but not declared in the script's flag table`);
    return k;
  }

  private read(name: string, ...kinds: FlagKind[]): void {
    const k = this.kind(name);
    if (!kinds.includes(k)) throw new Error(`bench: flag --${name} is declared ${k}, read as ${kinds[0]}`);
    this.used.add(name);
  }
}

/**
 * Parses `argv` (without the script and mode) against `table`; `--help` is
 * always known. Throws UsageError on an unknown flag, a missing value, a
 * value not of the flag's kind, or a positional argument when
 * `positionals` is false.
 */
export function parseFlags(argv: readonly string[], table: FlagTable, opts: { positionals?: boolean } = {}): Args {
  const all: FlagTable = { help: 'bool', ...table };
  const options = Object.fromEntries(
    Object.entries(all).map(([name, kind]) => [name, kind === 'bool' ? { type: 'boolean' as const } : { type: 'string' as const, multiple: kind === 'list' }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv.map((a) => boolWithValue(a, all)), options, strict: true, allowNegative: true, allowPositionals: opts.positionals ?? false });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const [name, v] of Object.entries(values)) {
    const kind = all[name]!;
    if (kind === 'bool' || kind === 'list' || kind === 'string' || typeof v !== 'string') continue;
    const problem = CHECK[kind](v);
    if (problem) throw new UsageError(`--${name} ${problem} (got ${v})`);
  }
  return new Args(all, values, parsed.positionals);
}

/**
 * `--flag=true|false` (also 1/0, yes/no) for an on/off flag, which parseArgs
 * refuses: rewritten to `--flag` / `--no-flag`.
 */
function boolWithValue(arg: string, table: FlagTable): string {
  const m = /^--([^=]+)=(.*)$/.exec(arg);
  if (!m || table[m[1]!] !== 'bool') return arg;
  if (['true', '1', 'yes'].includes(m[2]!)) return `--${m[1]}`;
  if (['false', '0', 'no'].includes(m[2]!)) return `--no-${m[1]}`;
  throw new UsageError(`--${m[1]} takes no value or true/false (got ${m[2]})`);
}

/**
 * parseFlags for a script's entry point: `--help` prints `usage` to stdout
 * and exits 0; a UsageError prints its message and `usage` to stderr and
 * exits 2.
 */
export function parseCommandLine(argv: readonly string[], table: FlagTable, usage: string, opts: { positionals?: boolean } = {}): Args {
  try {
    const a = parseFlags(argv, table, opts);
    if (a.bool('help')) {
      process.stdout.write(usage);
      process.exit(0);
    }
    return a;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    exitUsage(err, usage);
  }
}

/** Runs `read` (flag reads with their minimums); a UsageError it throws exits as in parseCommandLine. */
export function orUsage<T>(read: () => T, usage: string): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    exitUsage(err, usage);
  }
}

/** Prints a UsageError and the usage to stderr; exits 2. */
export function exitUsage(err: UsageError, usage: string): never {
  process.stderr.write(`${err.message}\n\n${usage}`);
  process.exit(2);
}
