import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../../src/config/load.js';
import { KEYS, envName } from '../../src/config/schema.js';

describe('config', () => {
  it('defaults validate (no jwt.secret: a single node generates its own at start)', () => {
    const c = buildConfig({}, {});
    expect(c.jwt.secret).toBe('');
    expect(c.http_port).toBe(8080);
    expect(c.jwt.ttl).toBe(86_400_000);
    expect(c.sync.gap_timeout).toBe(40_000);
  });

  it('env overrides file, named GOCHAT_ + path', () => {
    expect(envName('mysql.url')).toBe('GOCHAT_MYSQL_URL');
    const c = buildConfig({ http_port: 1 }, { GOCHAT_HTTP_PORT: '2', GOCHAT_ETCD_ENDPOINTS: 'a:1, b:2', GOCHAT_JWT_TTL: '30s' });
    expect(c.http_port).toBe(2);
    expect(c.etcd.endpoints).toEqual(['a:1', 'b:2']);
    expect(c.jwt.ttl).toBe(30_000);
  });

  it.each([
    [{ http_port: 'x' }, 'http_port'],
    [{ http_port: 70000 }, 'http_port'],
    [{ workers: 1.5 }, 'workers'],
    [{ heartbeat_timeout: 'soon' }, 'heartbeat_timeout'],
    [{ log: { level: 'loud' } }, 'log.level'],
    [{ mysql: { url: 'not a url' } }, 'mysql.url'],
    [{ nosuchkey: 1 }, 'nosuchkey'],
    [{ limits: { bogus: 1 } }, 'limits.bogus'],
    [{ jwt: { secret: 'short' } }, 'jwt.secret'],
    [{ prefix: 'has space' }, 'prefix'],
  ])('rejects %j naming the key', (doc, key) => {
    let err: unknown;
    try {
      buildConfig(doc, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe(key);
    expect((err as Error).message).toContain(key);
  });

  it('every key has a default that validates', () => {
    for (const k of KEYS) expect(k.doc.length).toBeGreaterThan(0);
    expect(() => buildConfig({}, {})).not.toThrow();
  });
});
