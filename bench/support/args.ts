// Command-line flags: `--name value`, `--name=value`, bare `--flag` (true),
// `--no-flag` (false). Repeated flags keep every value (see list()).

export class Args {
  private readonly values = new Map<string, string[]>();
  readonly positional: string[] = [];
  private readonly used = new Set<string>();

  constructor(argv: string[], booleans: readonly string[] = []) {
    const bools = new Set(booleans);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (!a.startsWith('--')) {
        this.positional.push(a);
        continue;
      }
      const eq = a.indexOf('=');
      let name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      let value: string;
      if (eq > 0) value = a.slice(eq + 1);
      else if (name.startsWith('no-') && bools.has(name.slice(3))) {
        name = name.slice(3);
        value = 'false';
      } else if (bools.has(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) value = 'true';
      else value = argv[++i]!;
      const list = this.values.get(name) ?? [];
      list.push(value);
      this.values.set(name, list);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  str(name: string, def: string): string;
  str(name: string, def?: string): string | undefined;
  str(name: string, def?: string): string | undefined {
    this.used.add(name);
    const v = this.values.get(name);
    return v ? v[v.length - 1] : def;
  }

  list(name: string): string[] {
    this.used.add(name);
    return this.values.get(name) ?? [];
  }

  int(name: string, def: number, min = 0): number {
    const s = this.str(name);
    if (s === undefined) return def;
    const v = Number(s.replace(/_/g, ''));
    if (!Number.isSafeInteger(v) || v < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${s})`);
    return v;
  }

  num(name: string, def: number, min = 0): number {
    const s = this.str(name);
    if (s === undefined) return def;
    const v = Number(s.replace(/_/g, ''));
    if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number ≥ ${min} (got ${s})`);
    return v;
  }

  /** A duration in ms: `250`, `250ms`, `1.5s`, `2m`. */
  ms(name: string, def: number): number {
    const s = this.str(name);
    if (s === undefined) return def;
    const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s.trim());
    if (!m) throw new Error(`--${name} must be a duration such as 500, 500ms, 1s or 2m (got ${s})`);
    const n = Number(m[1]);
    return Math.round(m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n);
  }

  bool(name: string, def = false): boolean {
    const s = this.str(name);
    if (s === undefined) return def;
    if (s === 'true' || s === '1' || s === 'yes') return true;
    if (s === 'false' || s === '0' || s === 'no') return false;
    throw new Error(`--${name} takes no value or true/false (got ${s})`);
  }

  /** Flags given but never read: almost always a typo. */
  unknown(): string[] {
    return [...this.values.keys()].filter((k) => !this.used.has(k));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Progress and diagnostics go to stderr; summaries to stdout. */
export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
