// Engine selection (issue #9): an explicit `engine` wins; with auto, setting
// any service URL (file or environment) selects the cluster engine, else the
// embedded one runs; the reason is kept for the start-up log.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError, loadConfig } from '../../src/config/load.js';

describe('engine selection', () => {
  it('nothing configured: embedded, SQLite under ./data', () => {
    const c = buildConfig({}, {});
    expect(c.engine).toBe('embedded');
    expect(c.engine_reason).toBe('no service URLs configured (mysql.url, redis.url, rabbitmq.url)');
    expect(c.sqlite.path).toBe('./data/gochat.sqlite');
  });

  it('the app.yaml as shipped runs the embedded engine', () => {
    const c = loadConfig(path.resolve(import.meta.dirname, '../../app.yaml'), {});
    expect(c.engine).toBe('embedded');
  });

  it('a service URL in the environment or the file selects the cluster engine, naming it', () => {
    const env = buildConfig({}, { GOCHAT_MYSQL_URL: 'mysql://u@db:3306/gochat' });
    expect(env).toMatchObject({ engine: 'cluster', engine_reason: 'GOCHAT_MYSQL_URL set' });
    expect(env.redis.url).toBe('redis://127.0.0.1:6379'); // the others keep their defaults
    const file = buildConfig({ redis: { url: 'redis://r:6379' }, rabbitmq: { url: 'amqp://q' } }, {});
    expect(file).toMatchObject({ engine: 'cluster', engine_reason: 'redis.url set in the configuration file, rabbitmq.url set in the configuration file' });
    expect(buildConfig({}, {}, { 'mysql.url': 'mysql://u@h/db' }).engine).toBe('cluster');
    // an empty variable is not a setting
    expect(buildConfig({}, { GOCHAT_REDIS_URL: '' }).engine).toBe('embedded');
  });

  it('an explicit engine wins over the URLs either way', () => {
    expect(buildConfig({ engine: 'cluster' }, {})).toMatchObject({ engine: 'cluster', engine_reason: 'engine: cluster (engine set in the configuration file)' });
    expect(buildConfig({}, { GOCHAT_ENGINE: 'embedded', GOCHAT_MYSQL_URL: 'mysql://u@h/db' })).toMatchObject({
      engine: 'embedded',
      engine_reason: 'engine: embedded (GOCHAT_ENGINE set)',
    });
    expect(buildConfig({ engine: 'auto' }, { GOCHAT_RABBITMQ_URL: 'amqp://q' }).engine).toBe('cluster');
  });

  it('rejects an unknown engine naming the key', () => {
    let err: unknown;
    try {
      buildConfig({ engine: 'sqlite' }, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe('engine');
    expect((err as Error).message).toContain('auto, embedded, cluster');
  });
});
