// jwt.secret rules (issue #20, "known secrets"): no built-in secret; a
// single node may leave it unset (it generates one, config-secret-file.test.ts),
// several nodes may not; NODE_ENV=production turns dev_mode off and refuses a
// weak secret; dev_mode relaxes nothing.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../../src/config/load.js';
import { KEYS } from '../../src/config/schema.js';
import { secretWeakness } from '../../src/config/secret-strength.js';

const PROD = { NODE_ENV: 'production' };
const GOOD = 'q7Vd2LxN9pRz4TbW8mKc3HfJ6sYg1AeU'; // 32 characters, nothing repeated or in a run
const CLUSTER = { GOCHAT_MYSQL_URL: 'mysql://u@db:3306/gochat', GOCHAT_ETCD_ENDPOINTS: 'etcd:2379' };

/** The ConfigError buildConfig throws for these inputs (fails if it accepts them). */
function refusal(doc: unknown, env: NodeJS.ProcessEnv): ConfigError {
  try {
    buildConfig(doc, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify({ doc, env })}`);
}

describe('jwt.secret', () => {
  it('has no built-in value: unset is empty, on either engine with a single node', () => {
    expect(KEYS.find((k) => k.key === 'jwt.secret')!.default).toBe('');
    expect(buildConfig({}, {}).jwt.secret).toBe('');
    expect(buildConfig({}, { GOCHAT_MYSQL_URL: 'mysql://u@db:3306/gochat' })).toMatchObject({ engine: 'cluster', jwt: { secret: '' } });
    expect(buildConfig({}, { ...PROD }).jwt.secret).toBe(''); // production too: the generated one is strong
    // the embedded engine never opens the registry: still one node
    expect(buildConfig({ engine: 'embedded' }, { GOCHAT_ETCD_ENDPOINTS: 'etcd:2379' }).jwt.secret).toBe('');
  });

  it('several nodes (cluster engine + etcd.endpoints) refuse to start without one, saying how to set it', () => {
    for (const env of [CLUSTER, { ...CLUSTER, GOCHAT_JWT_SECRET: '' }, { ...CLUSTER, GOCHAT_DEV_MODE: 'true' }]) {
      const e = refusal({}, env);
      expect(e.key).toBe('jwt.secret');
      expect(e.message).toContain('GOCHAT_JWT_SECRET');
      expect(e.message).toMatch(/same on every node/);
    }
    expect(refusal({ etcd: { endpoints: ['etcd:2379'] }, mysql: { url: 'mysql://u@db/g' } }, {}).key).toBe('jwt.secret');
    expect(buildConfig({}, { ...CLUSTER, GOCHAT_JWT_SECRET: GOOD }).jwt.secret).toBe(GOOD);
    expect(buildConfig({ jwt: { secret: GOOD } }, CLUSTER).jwt.secret).toBe(GOOD);
  });

  it('shorter than 16 characters is refused everywhere, dev_mode or not', () => {
    for (const dev_mode of [true, false]) {
      const e = refusal({ dev_mode, jwt: { secret: 'short-secret' } }, {});
      expect(e.key).toBe('jwt.secret');
      expect(e.message).toMatch(/at least 16/);
    }
  });

  it('NODE_ENV=production refuses a weak secret naming jwt.secret, whatever dev_mode says; elsewhere it is accepted', () => {
    const weak = ['0123456789abcdef0123', 'a-long-enough-production-secret', 'gochat-dev-secret-change-me-0123456789', 'abababababababababababababababababab', 'abcdefghijklmnopqrstuvwxyz0123456789'];
    for (const secret of weak) {
      for (const dev of [{}, { GOCHAT_DEV_MODE: 'true' }, { GOCHAT_DEV_MODE: 'false' }]) {
        const e = refusal({}, { ...PROD, ...dev, GOCHAT_JWT_SECRET: secret });
        expect(e.key, secret).toBe('jwt.secret');
        expect(e.message, secret).toContain('jwt.secret');
        expect(e.message, secret).toContain('NODE_ENV=production');
      }
      if (secret.length >= 16) expect(buildConfig({}, { NODE_ENV: 'development', GOCHAT_JWT_SECRET: secret }).jwt.secret).toBe(secret);
    }
    expect(buildConfig({}, { ...PROD, GOCHAT_JWT_SECRET: GOOD }).jwt.secret).toBe(GOOD);
  });

  it('NODE_ENV=production implies dev_mode: false, even when the file or the environment says true', () => {
    expect(buildConfig({ dev_mode: true }, { ...PROD, GOCHAT_JWT_SECRET: GOOD }).dev_mode).toBe(false);
    expect(buildConfig({}, { ...PROD, GOCHAT_DEV_MODE: 'true' }).dev_mode).toBe(false);
    expect(buildConfig({ dev_mode: true }, { NODE_ENV: 'test' }).dev_mode).toBe(true);
  });
});

describe('jwt.secret for a tool that signs no tokens (npm run migrate: signsTokens false)', () => {
  it('is not required or judged: a cluster migrates without one, or with a weak one in production', () => {
    expect(buildConfig({}, CLUSTER, {}, { signsTokens: false })).toMatchObject({ engine: 'cluster', jwt: { secret: '' } });
    expect(buildConfig({}, { ...CLUSTER, ...PROD, GOCHAT_JWT_SECRET: 'short' }, {}, { signsTokens: false }).jwt.secret).toBe('short');
    // the same inputs still stop a server
    expect(refusal({}, CLUSTER).key).toBe('jwt.secret');
    expect(refusal({}, { ...CLUSTER, ...PROD, GOCHAT_JWT_SECRET: 'short' }).key).toBe('jwt.secret');
  });

  it('every other key is still validated', () => {
    expect(() => buildConfig({}, { ...CLUSTER, GOCHAT_MYSQL_URL: 'not a url' }, {}, { signsTokens: false })).toThrow(/mysql\.url/);
    expect(() => buildConfig({ nope: 1 }, CLUSTER, {}, { signsTokens: false })).toThrow(ConfigError);
  });
});

describe('secretWeakness', () => {
  it.each([
    ['x'.repeat(31), /31 characters/],
    ['my-jwt-secret-changeme-please-now-ok', /placeholder/],
    ['REPLACE_ME_with_something_random_0123', /placeholder/],
    ['Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3', /repeats/],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /repeats/],
    ['aaaaabbbbbcccccdddddeeeeefffffggg', /distinct/],
    ['9876543210zyxwvutsrqponmlkjihgfedcba', /run/],
  ])('%s is weak', (secret, why) => {
    expect(secretWeakness(secret)).toMatch(why);
  });

  it('random secrets of 32 characters and more are not', () => {
    for (let i = 0; i < 2000; i++) {
      expect(secretWeakness(randomBytes(16).toString('hex'))).toBeNull(); // openssl rand -hex 16
      expect(secretWeakness(randomBytes(32).toString('base64'))).toBeNull(); // openssl rand -base64 32
      expect(secretWeakness(randomBytes(32).toString('base64url'))).toBeNull(); // what a node generates
    }
    expect(secretWeakness(GOOD)).toBeNull();
  });
});
