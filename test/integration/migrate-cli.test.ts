// `npm run migrate` as an operator runs it, in its own process: it migrates
// a cluster's database without a jwt.secret (it signs no tokens; the nodes
// started afterwards are the ones that refuse to run without one), and a
// wrong configuration value ends it with the message and exit code 2.
import { spawn } from 'node:child_process';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { MYSQL_SERVER, uniqueName } from '../support/env.js';

const MIGRATE_MS = 60_000;
const created: string[] = [];

/** Runs the migrate command with this environment (GOCHAT_* only from `env`), no config file. */
function runMigrate(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GOCHAT_') && k !== 'NODE_ENV'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/store/migrate-cli.ts', '--config', '/dev/null'], { env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

afterAll(async () => {
  const c = await mysql.createConnection({ uri: MYSQL_SERVER });
  try {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await c.end();
  }
});

describe('npm run migrate', () => {
  it('migrates a cluster (cluster engine, etcd.endpoints) that has no jwt.secret set, even under NODE_ENV=production', async () => {
    const name = uniqueName('migrate');
    created.push(name);
    const r = await runMigrate({ GOCHAT_MYSQL_URL: `${MYSQL_SERVER}/${name}`, GOCHAT_ETCD_ENDPOINTS: '127.0.0.1:2379', NODE_ENV: 'production' });
    expect(r.stderr).not.toContain('jwt.secret');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('schema up to date');
    const c = await mysql.createConnection({ uri: `${MYSQL_SERVER}/${name}` });
    try {
      const [rows] = await c.query('SHOW TABLES');
      const tables = (rows as Record<string, string>[]).map((row) => Object.values(row)[0]);
      expect(tables).toEqual(expect.arrayContaining(['users', 'inbox', 'conversations']));
    } finally {
      await c.end();
    }
  }, MIGRATE_MS);

  it('a wrong configuration value: its message on stderr, exit code 2, nothing created', async () => {
    const r = await runMigrate({ GOCHAT_MYSQL_URL: 'not a url', GOCHAT_ETCD_ENDPOINTS: '127.0.0.1:2379' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gochat: config mysql\.url: not a URL/m);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
  }, MIGRATE_MS);
});
