// The generated signing secret (src/config/secret-file.ts): created once in
// data_dir with mode 0600, reused afterwards, the same for starts that race,
// logged by path and never by value.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../../src/config/load.js';
import { GENERATED_SECRET_BYTES, keepSecret, resolveJwtSecret, SECRET_FILE_NAME } from '../../src/config/secret-file.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const root = mkdtempSync(path.join(tmpdir(), 'gochat-secret-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `node-${++n}`, 'data');

/** A logger whose JSON lines land in `lines`. */
function capture(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { log: pino({ level: 'trace' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }), lines };
}

describe('keepSecret', () => {
  it('a fresh data dir: creates it (0700) and the secret file (0600, 32 random bytes in base64url); then reuses it', () => {
    const dir = freshDir();
    const first = keepSecret(dir);
    expect(first).toMatchObject({ file: path.join(dir, SECRET_FILE_NAME), created: true, exposed: false });
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.secret, 'base64url')).toHaveLength(GENERATED_SECRET_BYTES);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(first.file, 'utf8')).toBe(first.secret + '\n');
    expect(readdirSync(dir), 'no temporary file left').toEqual([SECRET_FILE_NAME]);
    const again = keepSecret(dir);
    expect(again).toEqual({ ...first, created: false });
    expect(keepSecret(freshDir()).secret, 'another node: another secret').not.toBe(first.secret);
  });

  it('starts racing on one data dir agree on one secret, created by exactly one of them', async () => {
    const dir = freshDir();
    // each process loads, says so, and calls keepSecret when a line arrives on stdin: all at once
    const script = `import { keepSecret } from './src/config/secret-file.ts'; console.log('ready'); process.stdin.once('data', () => { const k = keepSecret(${JSON.stringify(dir)}); console.log(JSON.stringify({ secret: k.secret, created: k.created })); process.exit(0); });`;
    const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] }));
    const outputs = children.map((child) => {
      let out = '';
      child.stderr.on('data', (b: Buffer) => (out += b));
      const ready = new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => ((out += b), out.includes('ready') && resolve())));
      const done = new Promise<{ secret: string; created: boolean }>((resolve, reject) =>
        child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(out)))),
      );
      return { ready, done };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin.write('go\n');
    const runs = await Promise.all(outputs.map((o) => o.done));
    expect(new Set(runs.map((r) => r.secret)).size).toBe(1);
    expect(runs.filter((r) => r.created)).toHaveLength(1);
    expect(runs[0]!.secret).toBe(readFileSync(path.join(dir, SECRET_FILE_NAME), 'utf8').trim());
    expect(readdirSync(dir)).toEqual([SECRET_FILE_NAME]);
  }, 60_000);

  it('a file that holds no usable secret is refused, naming jwt.secret and the file', () => {
    const dir = freshDir();
    keepSecret(dir);
    writeFileSync(path.join(dir, SECRET_FILE_NAME), 'too-short\n');
    expect(() => keepSecret(dir)).toThrow(ConfigError);
    expect(() => keepSecret(dir)).toThrow(new RegExp(`config jwt.secret: .*${SECRET_FILE_NAME}.*delete the file`));
  });

  it('a data dir that cannot hold the file is refused, naming data_dir', () => {
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'x');
    let err: unknown;
    try {
      keepSecret(path.join(file, 'data'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe('data_dir');
    expect((err as Error).message).toMatch(/GOCHAT_JWT_SECRET/);
  });
});

describe('resolveJwtSecret', () => {
  it('no jwt.secret: generates one in data_dir, logs that once with the path and never the secret; a restart reuses it', () => {
    const dir = freshDir();
    const cfg = buildConfig({}, {}, { data_dir: dir });
    const a = capture();
    const first = resolveJwtSecret(cfg, a.log);
    const file = path.join(dir, SECRET_FILE_NAME);
    expect(first.jwt.secret).toBe(readFileSync(file, 'utf8').trim());
    expect(cfg.jwt.secret, 'the loaded config is left as it was').toBe('');
    const generated = a.lines.filter((l) => String(l.msg).includes('generated'));
    expect(generated).toHaveLength(1);
    expect(generated[0]).toMatchObject({ level: 30, file });
    expect(String(generated[0]!.msg)).toContain(file);
    const b = capture();
    expect(resolveJwtSecret(cfg, b.log).jwt.secret, 'after a restart').toBe(first.jwt.secret);
    expect(b.lines.filter((l) => String(l.msg).includes('generated'))).toHaveLength(0);
    for (const l of [...a.lines, ...b.lines]) expect(JSON.stringify(l)).not.toContain(first.jwt.secret);
  });

  it('a file others can read: a warning naming it', () => {
    const dir = freshDir();
    const { file } = keepSecret(dir);
    chmodSync(file, 0o644);
    const c = capture();
    resolveJwtSecret(buildConfig({}, {}, { data_dir: dir }), c.log);
    expect(c.lines.find((l) => l.level === 40)).toMatchObject({ file, msg: expect.stringContaining('chmod 600') });
  });

  it('a configured secret is used as it is and nothing is written; a weak one (outside production) is warned about without its value', () => {
    const dir = freshDir();
    const c = capture();
    const strong = 'q7Vd2LxN9pRz4TbW8mKc3HfJ6sYg1AeU';
    expect(resolveJwtSecret(buildConfig({}, {}, { data_dir: dir, 'jwt.secret': strong }), c.log).jwt.secret).toBe(strong);
    expect(c.lines).toEqual([]);
    const weak = 'only-twenty-chars-x';
    expect(resolveJwtSecret(buildConfig({}, {}, { data_dir: dir, 'jwt.secret': weak }), c.log).jwt.secret).toBe(weak);
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatchObject({ level: 40, key: 'jwt.secret', msg: expect.stringMatching(/jwt.secret has 19 characters.*NODE_ENV=production would refuse it/) });
    expect(JSON.stringify(c.lines)).not.toContain(weak);
    expect(() => statSync(dir)).toThrow(/ENOENT/);
  });
});
