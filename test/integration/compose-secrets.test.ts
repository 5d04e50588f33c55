// docker-compose.yml keeps no secret (issue #20): no password or signing
// secret has a default, `docker-compose config` refuses to run without each
// one and says which to set, the README's recipe generates a .env Compose
// accepts, and the image runs under NODE_ENV=production. (The rest of the
// stack's wiring: deploy-files.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load.js';
import { appYaml, at, COMPOSE_FILE, COMPOSE_SECRETS, composeText, dockerCompose, gochatNames, IMAGE_ENV, run, type Obj } from '../support/compose.js';

describe('docker-compose.yml secrets', () => {
  it('has no default for any secret: without one, `docker-compose config` fails saying which to set', () => {
    for (const name of Object.keys(COMPOSE_SECRETS)) {
      const { [name]: _left, ...rest } = COMPOSE_SECRETS;
      const r = dockerCompose(['config', '-q'], rest);
      expect(r.status, `${name} unset:\n${r.out}`).not.toBe(0);
      expect(r.out, name).toContain(`set ${name} (see README)`);
      // every use of it is required (${NAME:?…}): none with a default (${NAME:-…}) or empty when unset (${NAME})
      const uses = [...composeText.matchAll(new RegExp(`\\$\\{${name}\\b(.{0,2})`, 'g'))].map((m) => m[1]);
      expect(uses.length, name).toBeGreaterThan(0);
      expect(uses.filter((u) => u !== ':?'), name).toEqual([]);
    }
    expect(dockerCompose(['config', '-q'], {}).status, 'none set').not.toBe(0);
  });

  it("the README's .env recipe gives compose every secret: strong, private (0600), not overwritten by a second run", () => {
    const recipe = readFileSync(at('README.md'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('[ -f .env ]'));
    expect(recipe, 'README, "Running the full stack": the line that generates .env').toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'gochat-dotenv-'));
    const envFile = path.join(dir, '.env');
    expect(spawnSync('bash', ['-c', recipe!], { cwd: dir }).status).toBe(0);
    const text = readFileSync(envFile, 'utf8');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(spawnSync('bash', ['-c', recipe!], { cwd: dir }).status).toBe(0);
    expect(readFileSync(envFile, 'utf8'), 'kept: the volumes remember the first passwords').toBe(text);
    const vars = Object.fromEntries(text.trim().split('\n').map((l) => l.split('=') as [string, string]));
    expect(Object.keys(vars).sort()).toEqual(Object.keys(COMPOSE_SECRETS).sort());
    const r = run('docker-compose', ['-f', COMPOSE_FILE, '--env-file', envFile, 'config'], { PATH: process.env.PATH });
    expect(r.status, r.out).toBe(0);
    const resolved = parseYaml(r.stdout) as Obj;
    for (const n of gochatNames) {
      const cfg = buildConfig(appYaml, { ...IMAGE_ENV, ...(resolved.services[n].environment as Record<string, string>) });
      expect(cfg.jwt.secret, n).toBe(vars.GOCHAT_JWT_SECRET);
    }
  });

  it('the image runs under NODE_ENV=production (no dev mode; a weak jwt.secret is refused)', () => {
    expect(readFileSync(at('Dockerfile'), 'utf8')).toMatch(/^ENV NODE_ENV=production$/m);
  });
});
