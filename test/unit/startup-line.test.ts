import { describe, expect, it } from 'vitest';
import { startupLine } from '../../src/app/startup-line.js';
import { buildConfig } from '../../src/config/load.js';
import { wantsPretty } from '../../src/log.js';

describe('start-up line', () => {
  it('names the engine and every URL a person needs, with a reachable host for 0.0.0.0', () => {
    const cfg = buildConfig({ advertise_host: '10.0.0.5' }, {});
    const { msg, fields } = startupLine(cfg, { httpPort: 8080, adminPort: 9100, workers: 2 });
    expect(fields).toEqual({
      engine: 'embedded',
      workers: 2,
      chat_page: 'http://10.0.0.5:8080/',
      api: 'http://10.0.0.5:8080/api/',
      websocket: 'ws://10.0.0.5:8080/ws',
      admin: 'http://127.0.0.1:9100/metrics',
    });
    expect(msg).toMatch(/^GoChat ready: engine embedded \(.+\), 2 workers; chat page http:\/\/10\.0\.0\.5:8080\/ {2}API /);
  });

  it('prefers public_host, bracketing IPv6, and the cluster engine when a service URL is set', () => {
    const cfg = buildConfig({ public_host: 'chat.example.com', admin_host: '::1', redis: { url: 'redis://127.0.0.1:6379' } }, {});
    const { msg, fields } = startupLine(cfg, { httpPort: 443, adminPort: 9100, workers: 1 });
    expect(fields.chat_page).toBe('http://chat.example.com:443/');
    expect(fields.admin).toBe('http://[::1]:9100/metrics');
    expect(msg).toContain('engine cluster');
    expect(msg).toContain('1 worker;');
  });
});

describe('log format', () => {
  it('pretty when asked or on a terminal, JSON otherwise', () => {
    expect(wantsPretty(false, false)).toBe(false);
    expect(wantsPretty(true, false)).toBe(true);
    expect(wantsPretty(false, true)).toBe(true);
  });
});
