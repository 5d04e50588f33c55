// docker-compose.yml as the tests read it: the file parsed, each service's
// environment interpolated as Compose does, the config each GoChat container
// starts with, and `docker-compose` run on a clean environment.
//
// Needs the `docker-compose` command (Debian package docker-compose; it
// validates without a Docker engine).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const at = (...p: string[]) => path.join(ROOT, ...p);
export const COMPOSE_FILE = at('docker-compose.yml');

export type Obj = Record<string, any>;

/**
 * What an operator puts in .env (README, "Running the full stack"): the
 * compose file has no default for any of them. Random per run, as generated.
 */
export const COMPOSE_SECRETS: Record<string, string> = Object.fromEntries(
  ['GOCHAT_JWT_SECRET', 'GOCHAT_DB_PASSWORD', 'GOCHAT_RABBITMQ_PASSWORD', 'GRAFANA_ADMIN_PASSWORD'].map((k) => [k, randomBytes(24).toString('hex')]),
);
/** The GoChat image's own environment (Dockerfile), under the compose one. */
export const IMAGE_ENV = { NODE_ENV: 'production' };

/** Compose variable interpolation (${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, $$), against `env`. */
export function interpolate(value: string, env: Record<string, string | undefined> = COMPOSE_SECRETS): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name, op, arg, bare) => {
    if (all === '$$') return '$';
    if (bare) return env[bare] ?? '';
    const v = env[name];
    if (op === ':-') return v ? v : arg;
    if (op === '-') return v ?? arg;
    if (op === ':?' || op === '?') {
      if (v === undefined || (op === ':?' && v === '')) throw new Error(`compose requires ${name}: ${arg}`);
      return v;
    }
    return v ?? '';
  });
}

/** A service's environment as a map (list or mapping form), interpolated with COMPOSE_SECRETS only (defaults apply to the rest). */
export function envOf(svc: Obj): Record<string, string> {
  const raw = svc.environment ?? {};
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const item of raw as string[]) {
      const i = item.indexOf('=');
      out[i < 0 ? item : item.slice(0, i)] = i < 0 ? '' : interpolate(item.slice(i + 1));
    }
  } else for (const [k, v] of Object.entries(raw)) out[k] = v === null ? '' : interpolate(String(v));
  return out;
}

export const composeText = readFileSync(COMPOSE_FILE, 'utf8');
export const compose = parseYaml(composeText, { merge: true }) as Obj;
export const services = compose.services as Record<string, Obj>;
export const gochatNames = Object.keys(services).filter((n) => services[n]!.build !== undefined || Object.keys(envOf(services[n]!)).some((k) => k.startsWith('GOCHAT_')));
export const appYaml = parseYaml(readFileSync(at('app.yaml'), 'utf8'));

/** The validated config each GoChat container starts with: the image's app.yaml + the compose environment. */
export function gochatConfig(name: string): Config {
  return buildConfig(appYaml, { ...IMAGE_ENV, ...envOf(services[name]!) });
}

/** Runs a command-line tool in the repository; a missing one fails with how to install it. */
export function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { status: number | null; stdout: string; out: string } {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`\`${cmd}\` is not installed; on Debian: apt-get install -y ${cmd === 'docker-compose' ? 'docker-compose' : 'prometheus'}`);
  }
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, out: `${r.stdout}\n${r.stderr}` };
}

/** An empty file for --env-file: a developer's own .env next to the compose file plays no part in these runs. */
export const NO_ENV_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'gochat-compose-')), 'empty.env');
writeFileSync(NO_ENV_FILE, '');

/** `docker-compose -f docker-compose.yml ARGS` with nothing in its environment but PATH and `vars`. */
export function dockerCompose(args: string[], vars: Record<string, string> = COMPOSE_SECRETS) {
  return run('docker-compose', ['-f', COMPOSE_FILE, '--env-file', NO_ENV_FILE, ...args], { PATH: process.env.PATH, ...vars });
}
