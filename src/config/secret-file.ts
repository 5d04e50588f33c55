// The signing secret of a node that was given none: generated once, on the
// node's first start, and kept in its data directory (data_dir/jwt-secret,
// mode 0600) so that tokens outlive a restart. Only the primary calls this,
// before it forks: its workers get the secret from it (cluster/primary.ts), so
// every process of the node signs with the same one. Several nodes never get
// here: load.ts refuses a cluster with a registry and no jwt.secret.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import { ConfigError } from './load.js';
import type { Config } from './schema.js';
import { STRONG_SECRET_CHARS, secretWeakness } from './secret-strength.js';

/** The file under data_dir. */
export const SECRET_FILE_NAME = 'jwt-secret';
/** Random bytes in a generated secret (43 characters of base64url). */
export const GENERATED_SECRET_BYTES = 32;

export interface KeptSecret {
  secret: string;
  /** absolute path of the file */
  file: string;
  /** this call wrote the file (false: it was there already) */
  created: boolean;
  /** the file can be read by other users than its owner */
  exposed: boolean;
}

/**
 * The secret kept in `dir`, generated first if there is none. Starts that
 * race on one directory agree: the new secret is written whole (and synced)
 * to a private temporary file, then linked to its name — link(2) fails if
 * the name exists, so exactly one start creates it and the others read that
 * one; no one ever reads a half-written file.
 */
export function keepSecret(dir: string): KeptSecret {
  const file = path.resolve(dir, SECRET_FILE_NAME);
  const kept = (created: boolean): KeptSecret => ({ ...readSecretFile(file), file, created });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (exists(file)) return kept(false);
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(GENERATED_SECRET_BYTES).toString('base64url') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, file);
      return kept(true);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return kept(false); // another start won the race: use its secret
    } finally {
      unlinkSync(tmp);
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('data_dir', `cannot keep the generated signing secret in ${file}: ${(err as Error).message} (make data_dir writable, or set GOCHAT_JWT_SECRET)`);
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function readSecretFile(file: string): { secret: string; exposed: boolean } {
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < STRONG_SECRET_CHARS) {
    throw new ConfigError('jwt.secret', `is not set and ${file} holds no usable secret (fewer than ${STRONG_SECRET_CHARS} characters): delete the file to have a new one generated, or set GOCHAT_JWT_SECRET`);
  }
  return { secret, exposed: (statSync(file).mode & 0o077) !== 0 };
}

/**
 * The configuration with the secret this node signs with: the configured
 * jwt.secret (a warning if it is weak: only NODE_ENV=production refuses
 * it), else the one kept in data_dir. Logs where a generated secret was
 * written, never the secret.
 */
export function resolveJwtSecret(cfg: Config, log: Logger): Config {
  if (cfg.jwt.secret !== '') {
    const weak = secretWeakness(cfg.jwt.secret);
    if (weak) log.warn({ key: 'jwt.secret' }, `jwt.secret ${weak}; NODE_ENV=production would refuse it`);
    return cfg;
  }
  const kept = keepSecret(cfg.data_dir);
  if (kept.created) log.info({ file: kept.file }, `no jwt.secret configured: generated a signing secret in ${kept.file} (mode 0600); set GOCHAT_JWT_SECRET to choose one`);
  else log.info({ file: kept.file }, `no jwt.secret configured: signing with the secret kept in ${kept.file}`);
  if (kept.exposed) log.warn({ file: kept.file }, `${kept.file} can be read by other users: chmod 600 it`);
  return { ...cfg, jwt: { ...cfg.jwt, secret: kept.secret } };
}
