// Config is computed from the KEYS table (src/config/schema.ts). Type level:
// each key type maps to the value the loader produces, dotted keys nest, a
// key added to a table appears in the derived type. Run time: every KEYS
// entry is a leaf of a loaded default config, of the type its spec names.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { buildConfig } from '../../src/config/load.js';
import { KEYS, type Config, type ConfigOf, type LogLevel } from '../../src/config/schema.js';

describe('Config derived from KEYS', () => {
  it('maps each key type to its value type, dotted keys to nested objects', () => {
    expectTypeOf<Config['node_id']>().toEqualTypeOf<string>();
    expectTypeOf<Config['dev_mode']>().toEqualTypeOf<boolean>();
    expectTypeOf<Config["http_port"]>().toEqualTypeOf<number>();
    expectTypeOf<Config['seq']['threshold']>().toEqualTypeOf<number>();
    expectTypeOf<Config['rabbitmq']['persist_gather']>().toEqualTypeOf<number>();
    expectTypeOf<Config['etcd']['endpoints']>().toEqualTypeOf<string[]>();
    expectTypeOf<Config['allowed_origins']>().toEqualTypeOf<string[]>();
    expectTypeOf<Config['log']>().toEqualTypeOf<{ level: LogLevel; pretty: boolean }>();
    expectTypeOf<Config['mysql']>().toEqualTypeOf<{ url: string; pool: number }>();
    expectTypeOf<Config['sync']>().toEqualTypeOf<{ gap_timeout: number; default_limit: number; max_limit: number }>();
    // `engine` is the resolved engine, not the configured choice (auto)
    expectTypeOf<Config['engine']>().toEqualTypeOf<'embedded' | 'cluster'>();
    expectTypeOf<Config['engine_reason']>().toEqualTypeOf<string>();
    expectTypeOf<Config>().not.toHaveProperty('nosuchkey');
  });

  it('a key added to a table appears in the derived type with no second edit', () => {
    const table = [
      { key: 'a', type: 'int', default: 1, doc: '' },
      { key: 'x.y', type: 'bool', default: false, doc: '' },
      { key: 'x.mode', type: 'string', default: 'on', choices: ['on', 'off'], doc: '' },
      { key: 'x.deep.ttl', type: 'duration', default: 5, doc: '' },
      { key: 'x.deep.hosts', type: 'list', default: [], doc: '' },
    ] as const;
    expectTypeOf<ConfigOf<(typeof table)[number]>>().toEqualTypeOf<{
      a: number;
      x: { y: boolean; mode: 'on' | 'off'; deep: { ttl: number; hosts: string[] } };
    }>();
    expect(table).toHaveLength(5);
  });

  it('every KEYS entry is reachable in a loaded default config, with the type its spec names', () => {
    const cfg = buildConfig({}, {});
    const typeOf: Record<string, (v: unknown) => boolean> = {
      string: (v) => typeof v === 'string',
      int: (v) => Number.isSafeInteger(v),
      number: (v) => typeof v === 'number' && Number.isFinite(v),
      duration: (v) => typeof v === 'number' && Number.isFinite(v),
      bool: (v) => typeof v === 'boolean',
      list: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
      level: (v) => typeof v === 'string',
    };
    for (const spec of KEYS) {
      let v: unknown = cfg;
      for (const part of spec.key.split('.')) {
        expect(v, spec.key).toBeTypeOf('object');
        expect(Object.hasOwn(v as object, part), spec.key).toBe(true);
        v = (v as Record<string, unknown>)[part];
      }
      // engine is resolved (auto → embedded or cluster), every other key keeps its default
      if (spec.key === 'engine') expect(['embedded', 'cluster']).toContain(v);
      else expect(v, spec.key).toEqual(spec.default);
      expect(typeOf[spec.type]!(v), `${spec.key} is a ${spec.type}`).toBe(true);
    }
    expect(KEYS.length).toBeGreaterThan(40);
  });
});
