// The shape ARCHITECTURE.md describes, checked: no import cycle in src/, no
// client library in the chat logic, no oversized file. Reads the sources as
// text (every import in src/ is a static `import`/`export … from` of a
// relative `.js` path or a package name).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const GENERATED = path.join(SRC, 'proto');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === GENERATED ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Module specifiers a file imports or re-exports, type-only ones included. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) out.push((m[1] ?? m[2])!);
  return out;
}

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of sources(SRC)) {
    const deps = importsOf(readFileSync(f, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => path.resolve(path.dirname(f), s.replace(/\.js$/, '.ts')))
      .filter((p) => p.startsWith(SRC) && !p.startsWith(GENERATED));
    g.set(f, deps);
  }
  return g;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const rel = (p: string) => path.relative(ROOT, p);

describe('codebase shape', () => {
  it('the cycle finder finds a cycle and passes a chain', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(importsOf("import type { X } from './x.js';\nexport { y } from '../y.js';\nimport './side.js';\nimport {\n  a,\n  b,\n} from 'ioredis';")).toEqual(['./x.js', '../y.js', './side.js', 'ioredis']);
  });

  it('src/ has no import cycle (type-only imports included)', () => {
    expect(cycles(graph()).map((c) => c.map(rel))).toEqual([]);
  });

  it('src/chat imports no client library (DESIGN.md §1: the chat logic talks to contracts)', () => {
    const clients = ['ioredis', 'amqplib', 'mysql2', 'sequelize', 'sqlite3', '@grpc/grpc-js', 'etcd3', 'ws'];
    const found = sources(path.join(SRC, 'chat')).flatMap((f) =>
      importsOf(readFileSync(f, 'utf8'))
        .filter((s) => clients.some((c) => s === c || s.startsWith(`${c}/`)))
        .map((s) => `${rel(f)} imports ${s}`),
    );
    expect(found).toEqual([]);
  });
  it('backends import nothing from src/chat (dependencies point down: errors live in src/errors.ts)', () => {
    const backends = ['seq', 'dedup', 'presence', 'queue', 'store', 'directory', 'discovery'];
    const chat = path.join(SRC, 'chat');
    const found = backends.flatMap((d) =>
      sources(path.join(SRC, d)).flatMap((f) =>
        importsOf(readFileSync(f, 'utf8'))
          .filter((s) => s.startsWith('.') && path.resolve(path.dirname(f), s).startsWith(chat + path.sep))
          .map((s) => `${rel(f)} imports ${s}`),
      ),
    );
    expect(found).toEqual([]);
  });
  it('no file under src/ (generated code aside) exceeds 350 lines: one job per file', () => {
    const MAX_LINES = 350;
    const long = sources(SRC)
      .map((f) => ({ f: rel(f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > MAX_LINES)
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(long).toEqual([]);
  });
});
