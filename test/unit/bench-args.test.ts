// The bench scripts' one argument parser (bench/support/args.ts, over
// node:util parseArgs): every form a documented command line uses, durations,
// repeatable flags, and a UsageError for anything that does not fit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration, parseFlags, UsageError, type FlagTable } from '../../bench/support/args.js';
import { FLAGS as LOAD_FLAGS, USAGE as LOAD_USAGE } from '../../bench/support/load-flags.js';

const FLAGS = {
  members: 'int',
  rate: 'num',
  duration: 'ms',
  profile: 'string',
  persist: 'bool',
  json: 'bool',
  'server-env': 'list',
} as const satisfies FlagTable;

const usageError = (argv: string[], re: RegExp) => {
  let caught: unknown;
  try {
    parseFlags(argv, FLAGS);
  } catch (err) {
    caught = err;
  }
  expect(caught, argv.join(' ')).toBeInstanceOf(UsageError);
  expect((caught as Error).message).toMatch(re);
};

describe('bench argument parser', () => {
  it('durations: bare ms, ms, s (fractions), m', () => {
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('20s')).toBe(20_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration(' 3s ')).toBe(3000);
    for (const bad of ['', 's', '5x', '-1s', '1h', '1e3']) expect(parseDuration(bad), bad).toBeNull();
    const a = parseFlags(['--duration', '20s'], FLAGS);
    expect(a.ms('duration', 10_000)).toBe(20_000);
    expect(a.str('duration')).toBe('20s');
    expect(parseFlags(['--duration=500ms'], FLAGS).ms('duration', 0)).toBe(500);
    expect(parseFlags([], FLAGS).ms('duration', 10_000)).toBe(10_000);
  });

  it('values, defaults, `=` form, underscores, on/off flags and their negation', () => {
    const a = parseFlags(['--members', '20_000', '--rate=0.5', '--no-persist', '--json', '--profile', '/tmp/p'], FLAGS);
    expect(a.int('members', 50, 2)).toBe(20_000);
    expect(a.num('rate', 1000)).toBe(0.5);
    expect(a.bool('persist', true)).toBe(false);
    expect(a.bool('json')).toBe(true);
    expect(a.str('profile')).toBe('/tmp/p');
    expect(a.has('members')).toBe(true);
    const d = parseFlags([], FLAGS);
    expect([d.int('members', 50), d.num('rate', 1000), d.bool('persist', true), d.bool('json'), d.str('profile')]).toEqual([50, 1000, true, false, undefined]);
    expect(d.has('members')).toBe(false);
    expect(parseFlags(['--persist=false', '--json=true'], FLAGS).bool('persist', true)).toBe(false);
    expect(parseFlags(['--members', '3', '--members', '4'], FLAGS).int('members', 0)).toBe(4);
  });

  it('a repeatable flag keeps every value in order', () => {
    const a = parseFlags(['--server-env', 'GOCHAT_TICK=5', '--server-env=GOCHAT_LOG_LEVEL=info', '--server-env', 'X='], FLAGS);
    expect(a.list('server-env')).toEqual(['GOCHAT_TICK=5', 'GOCHAT_LOG_LEVEL=info', 'X=']);
    expect(parseFlags([], FLAGS).list('server-env')).toEqual([]);
  });

  it('an unknown flag is an error that names it', () => {
    usageError(['--members', '5', '--memebrs', '6'], /--memebrs/);
    usageError(['--no-such'], /--no-such/);
  });

  it('malformed values are errors at parse time; minimums at read', () => {
    usageError(['--members', 'x'], /--members must be an integer \(got x\)/);
    usageError(['--members', '1.5'], /--members must be an integer/);
    usageError(['--rate', 'fast'], /--rate must be a number/);
    usageError(['--duration', '5x'], /--duration must be a duration such as 500, 500ms, 1s or 2m \(got 5x\)/);
    usageError(['--profile'], /--profile/); // a value is missing
    usageError(['--members', '--json'], /--members/); // the next flag is not a value
    usageError(['--json=maybe'], /--json takes no value or true\/false/);
    usageError(['stray'], /stray/); // no positionals unless the script takes them
    expect(() => parseFlags(['--members', '1'], FLAGS).int('members', 50, 2)).toThrow(UsageError);
    expect(() => parseFlags(['--members', '1'], FLAGS).int('members', 50, 2)).toThrow('--members must be an integer ≥ 2 (got 1)');
  });

  it('positionals when allowed; --help always known; unused flags reported', () => {
    const a = parseFlags(['a.cpuprofile', '--json', 'b.cpuprofile', '--help', '--rate', '3'], FLAGS, { positionals: true });
    expect(a.positional).toEqual(['a.cpuprofile', 'b.cpuprofile']);
    expect(a.bool('help')).toBe(true);
    expect(a.bool('json')).toBe(true);
    expect(a.unused()).toEqual(['rate']);
  });

  it('reading a flag the table does not declare, or as another kind, is a programming error', () => {
    const a = parseFlags([], FLAGS);
    expect(() => a.int('nosuch', 1)).toThrow(/not declared/);
    expect(() => a.int('rate', 1)).toThrow(/declared num/);
    expect(() => a.ms('members', 1)).toThrow(/declared int/);
  });

  it("the load tool: every flag its usage names is declared; every command line in BENCHMARKS.md and the usage parses", () => {
    const named = new Set([...LOAD_USAGE.matchAll(/--(?:no-)?([a-z][a-z-]*)/g)].map((m) => m[1]!));
    named.delete('flags'); // `<mode> [--flags]`
    named.delete('import'); // `node --import tsx`
    expect(named.size).toBeGreaterThan(40);
    for (const f of named) expect(LOAD_FLAGS, `--${f}`).toHaveProperty(f);
    const docs = readFileSync(new URL('../../BENCHMARKS.md', import.meta.url), 'utf8');
    const lines = [...docs.matchAll(/npm run bench -- (group|baseline|single|mixed|conns)\s+([^#\n`]*)/g)];
    expect(lines.length).toBeGreaterThan(10);
    for (const [line, , flags] of lines) {
      expect(() => parseFlags(flags!.trim().split(/\s+/).filter(Boolean), LOAD_FLAGS), line).not.toThrow();
    }
  });
});
