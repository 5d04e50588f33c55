// The deployment files (issue #6) checked against the code they deploy:
// docker-compose.yml is valid for Compose and wires the stack as intended
// (health checks and healthy-dependency ordering everywhere, only the client
// ports and Grafana published, every GOCHAT_* variable a real configuration
// key whose value validates), Prometheus scrapes every GoChat node's admin
// port and loads the alerting rules (prometheus/alerts.yml: promtool check
// rules and their unit tests, promtool test rules), Grafana is provisioned
// from the repository, and every metric a dashboard or a rule queries is one
// the server exports (src/metrics/).
//
// Needs the `docker-compose` command (Debian package docker-compose; it
// validates without a Docker engine) and `promtool` (Debian package prometheus).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AggregatorRegistry } from 'prom-client';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load.js';
import { KEYS, envName, type Config } from '../../src/config/schema.js';
import { Metrics, type MetricSources } from '../../src/metrics/metrics.js';
import { at, dockerCompose, envOf, gochatConfig, gochatNames, IMAGE_ENV, interpolate, ROOT, run, services, type Obj } from '../support/compose.js';

const DASHBOARD_DIR = at('grafana', 'dashboards');

// ---- Compose helpers ----

interface PortMapping {
  hostIp: string;
  published: string;
  target: string;
}
/** Published ports of a service (short "host:container" or long syntax). */
function portsOf(svc: Obj): PortMapping[] {
  return ((svc.ports ?? []) as unknown[]).map((p) => {
    if (typeof p === 'object' && p !== null) {
      const o = p as Obj;
      return { hostIp: String(o.host_ip ?? ''), published: String(o.published ?? ''), target: String(o.target) };
    }
    const parts = interpolate(String(p)).replace(/\/(tcp|udp)$/, '').split(':');
    const target = parts.pop()!;
    const published = parts.pop() ?? '';
    return { hostIp: parts.join(':'), published, target };
  });
}

function dependsOn(svc: Obj): Record<string, Obj | null> {
  const d = svc.depends_on;
  if (!d) return {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((n: string) => [n, null]));
  return d as Record<string, Obj>;
}

/** Host-side path of a file at `containerPath` in the service, through its bind mounts. */
function hostPathOf(svc: Obj, containerPath: string): string | null {
  let best: { src: string; dst: string } | null = null;
  for (const v of (svc.volumes ?? []) as unknown[]) {
    let src: string;
    let dst: string;
    if (typeof v === 'string') [src, dst] = v.split(':') as [string, string];
    else [src, dst] = [String((v as Obj).source), String((v as Obj).target)];
    if (!src.startsWith('.') && !src.startsWith('/')) continue; // a named volume
    if ((containerPath === dst || containerPath.startsWith(dst.replace(/\/$/, '') + '/')) && (!best || dst.length > best.dst.length)) best = { src, dst };
  }
  return best ? path.join(ROOT, best.src, path.relative(best.dst, containerPath)) : null;
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

// ---- metric names ----

/**
 * Every series name the server exports, as a Prometheus scrape sees them
 * (histograms as _bucket/_sum/_count): a worker's registry passed through
 * the same aggregation the node's primary serves /metrics with
 * (src/cluster/primary.ts), which drops metrics marked aggregator 'omit'
 * (e.g. process_start_time_seconds).
 */
async function exportedMetricNames(): Promise<Set<string>> {
  const sources: MetricSources = {
    connections: () => 0,
    retransmits: () => 0,
    giveUps: () => 0,
    seqAllocations: () => 0,
    segmentReservations: () => 0,
    seqRedisCalls: () => 0,
    seqReseeds: () => 0,
    queueDepth: async () => null,
    pendingPushes: () => 0,
  };
  const m = new Metrics(sources, { node: 'n' }, { worker: '0' });
  const names = new Set<string>();
  const aggregated = AggregatorRegistry.aggregate([await m.registry.getMetricsAsJSON(), await m.registry.getMetricsAsJSON()]);
  for (const metric of await aggregated.getMetricsAsJSON()) {
    const type = String(metric.type);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
    else if (type === 'summary') for (const s of ['', '_sum', '_count']) names.add(metric.name + s);
    else names.add(metric.name);
  }
  m.registry.clear();
  return names;
}

const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** Metric names a PromQL expression selects (strings, label matchers, ranges, label lists and functions left out). */
function promqlMetricNames(expr: string): string[] {
  let s = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ');
  s = s.replace(/\{[^}]*\}/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const out: string[] = [];
  for (const m of s.matchAll(/[A-Za-z0-9_:.$]+/g)) {
    const word = m[0];
    if (!/^[A-Za-z_:][A-Za-z0-9_:]*$/.test(word)) continue; // numbers, durations, $variables
    if (PROMQL_KEYWORDS.has(word.toLowerCase())) continue;
    if (s.slice(m.index! + word.length).trimStart().startsWith('(')) continue; // a function
    out.push(word);
  }
  return out;
}

/** The PromQL inside a Grafana query variable (label_values(expr, label) → expr). */
function variableExpr(query: unknown): string {
  const q = typeof query === 'string' ? query : String((query as Obj | null)?.query ?? '');
  const lv = /^\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/s.exec(q);
  if (lv) return lv[1]!;
  if (/^\s*label_values\(\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/.test(q) || /^\s*label_names\(/.test(q)) return '';
  const qr = /^\s*query_result\((.*)\)\s*$/s.exec(q);
  if (qr) return qr[1]!;
  const mt = /^\s*metrics\(.*\)\s*$/s.exec(q);
  return mt ? '' : q;
}

/** Panels of a dashboard, rows' nested panels included. */
function allPanels(d: Obj): Obj[] {
  const out: Obj[] = [];
  for (const p of (d.panels ?? []) as Obj[]) {
    out.push(p);
    for (const c of (p.panels ?? []) as Obj[]) out.push(c);
  }
  return out;
}

// ---- the files ----

const datasources = parseYaml(readFileSync(at('grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as Obj;
const providers = parseYaml(readFileSync(at('grafana', 'provisioning', 'dashboards', 'dashboards.yml'), 'utf8')) as Obj;
const promConfig = parseYaml(readFileSync(at('grafana', 'prometheus.yml'), 'utf8')) as Obj;
const dashboardFiles = readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith('.json'));
const RULES_FILE = at('prometheus', 'alerts.yml');

/** Every alerting rule of prometheus/alerts.yml. */
function alertRules(): Obj[] {
  const groups = (parseYaml(readFileSync(RULES_FILE, 'utf8')) as Obj).groups as Obj[];
  return groups.flatMap((g) => (g.rules as Obj[]).filter((r) => r.alert));
}

describe('docker-compose.yml', () => {
  it('is valid for docker-compose (config -q)', () => {
    const r = dockerCompose(['config', '-q']);
    expect(r.status, r.out).toBe(0);
  });

  it('has the whole stack: backends, two GoChat nodes, Prometheus, Grafana', () => {
    expect(gochatNames.sort()).toEqual(['gochat-1', 'gochat-2']);
    for (const n of ['mariadb', 'redis', 'rabbitmq', 'etcd', 'prometheus', 'grafana']) expect(Object.keys(services)).toContain(n);
    for (const n of gochatNames) expect(services[n]!.build, n).toBeDefined();
  });

  it('every service has a health check and every dependency waits for service_healthy', () => {
    for (const [name, svc] of Object.entries(services)) {
      const hc = svc.healthcheck as Obj | undefined;
      expect(hc, `${name}: healthcheck`).toBeTruthy();
      expect(hc!.disable, `${name}: healthcheck disabled`).not.toBe(true);
      expect(Array.isArray(hc!.test) ? hc!.test.length > 1 : typeof hc!.test === 'string' && hc!.test.length > 0, `${name}: healthcheck test`).toBe(true);
      expect(Array.isArray(hc!.test) ? hc!.test[0] : 'CMD-SHELL', `${name}: healthcheck test`).not.toBe('NONE');
      for (const [dep, spec] of Object.entries(dependsOn(svc))) {
        expect(Object.keys(services), `${name} depends on unknown ${dep}`).toContain(dep);
        expect(spec?.condition, `${name} → ${dep}`).toBe('service_healthy');
      }
    }
  });

  it('services wait for what they connect to', () => {
    for (const n of gochatNames) {
      const cfg = gochatConfig(n);
      const hosts = [hostOf(cfg.mysql.url), hostOf(cfg.redis.url), hostOf(cfg.rabbitmq.url), ...cfg.etcd.endpoints.map((e) => e.split(':')[0]!)];
      for (const h of hosts) {
        expect(Object.keys(services), `${n} connects to ${h}, not a service`).toContain(h);
        expect(Object.keys(dependsOn(services[n]!)), `${n} must wait for ${h}`).toContain(h);
      }
    }
    const promDeps = Object.keys(dependsOn(services.prometheus!));
    for (const n of gochatNames) expect(promDeps, `prometheus waits for ${n}`).toContain(n);
    const ds = (datasources.datasources as Obj[])[0]!;
    expect(Object.keys(dependsOn(services.grafana!))).toContain(hostOf(ds.url));
  });

  it('publishes only the GoChat client ports and Grafana', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect(svc.network_mode, `${name}: network_mode`).toBeUndefined();
      const ports = portsOf(svc);
      if (gochatNames.includes(name)) {
        const cfg = gochatConfig(name);
        // ws_url/http_url in the registry carry the listening port: the published port must be the same
        expect(ports, `${name}: only its http_port`).toEqual([{ hostIp: '', published: String(cfg.http_port), target: String(cfg.http_port) }]);
      } else if (name === 'grafana') {
        expect(ports.map((p) => p.target)).toEqual(['3000']);
      } else {
        expect(ports, `${name} must not publish ports`).toEqual([]);
      }
    }
    const published = Object.values(services).flatMap((s) => portsOf(s).map((p) => p.published));
    expect(new Set(published).size, 'published host ports are distinct').toBe(published.length);
  });

  it('gives GoChat only real configuration keys, with values that validate', () => {
    const known = new Set(KEYS.map((k) => envName(k.key)));
    for (const n of gochatNames) {
      const env = envOf(services[n]!);
      for (const k of Object.keys(env)) {
        expect(k.startsWith('GOCHAT_'), `${n}: ${k} is not a GoChat setting`).toBe(true);
        expect(known.has(k), `${n}: ${k} is not a key of src/config/schema.ts`).toBe(true);
      }
      expect(() => gochatConfig(n), n).not.toThrow();
      // with no app.yaml at all the environment alone must be enough as well
      expect(() => buildConfig({}, { ...IMAGE_ENV, ...env }), `${n} without app.yaml`).not.toThrow();
    }
  });

  it('configures the GoChat nodes as one production cluster', () => {
    const cfgs = gochatNames.map((n) => ({ name: n, cfg: gochatConfig(n) }));
    const mariadb = envOf(services.mariadb!);
    const rabbit = envOf(services.rabbitmq!);
    for (const { name, cfg } of cfgs) {
      expect(cfg.dev_mode, name).toBe(false);
      expect(cfg.advertise_host, `${name}: advertise_host (gRPC between nodes) is its service name`).toBe(name);
      expect(cfg.public_host, `${name}: public_host`).not.toBe('');
      expect(cfg.rpc_host, name).toBe('0.0.0.0');
      expect(cfg.admin_host, `${name}: Prometheus scrapes the admin port over the network`).toBe('0.0.0.0');
      expect(cfg.http_host, name).toBe('0.0.0.0');
      expect(cfg.etcd.endpoints.length, `${name}: etcd`).toBeGreaterThan(0);
      expect(cfg.workers, `${name}: workers set explicitly`).toBeGreaterThan(0);
      const db = new URL(cfg.mysql.url);
      expect(db.pathname, `${name}: the database compose creates`).toBe(`/${mariadb.MARIADB_DATABASE}`);
      expect(decodeURIComponent(db.username)).toBe(mariadb.MARIADB_USER);
      expect(decodeURIComponent(db.password)).toBe(mariadb.MARIADB_PASSWORD);
      const mq = new URL(cfg.rabbitmq.url);
      expect(decodeURIComponent(mq.username)).toBe(rabbit.RABBITMQ_DEFAULT_USER);
      expect(decodeURIComponent(mq.password)).toBe(rabbit.RABBITMQ_DEFAULT_PASS);
      // the container's health check asks this node's admin port
      expect(JSON.stringify(services[name]!.healthcheck.test)).toContain(`:${cfg.admin_port}/`);
    }
    const [a, b] = cfgs.map((c) => c.cfg) as [Config, Config];
    expect(a.node_id).not.toBe(b.node_id);
    expect(a.http_port).not.toBe(b.http_port);
    expect(a.jwt.secret, 'tokens of one node are accepted by the other').toBe(b.jwt.secret);
    expect(a.prefix).toBe(b.prefix);
    expect(a.etcd.endpoints).toEqual(b.etcd.endpoints);
  });

  it('docker-compose resolves the same GoChat environment as this test reads', () => {
    const r = dockerCompose(['config']);
    expect(r.status, r.out).toBe(0);
    const resolved = parseYaml(r.stdout) as Obj;
    for (const n of gochatNames) {
      const theirs = Object.fromEntries(Object.entries(resolved.services[n].environment as Obj).map(([k, v]) => [k, String(v)]));
      expect(theirs, n).toEqual(envOf(services[n]!));
    }
  });
});

describe('Prometheus (grafana/prometheus.yml)', () => {
  it('is a valid Prometheus configuration (promtool), with the rule files compose mounts from the repository', () => {
    const rules = (promConfig.rule_files ?? []) as string[];
    expect(rules.map((r) => hostPathOf(services.prometheus!, r))).toEqual([RULES_FILE]);
    // promtool reads the rule files too: the same configuration with their paths on this side of the mount
    const dir = mkdtempSync(path.join(tmpdir(), 'gochat-promcfg-'));
    try {
      const cfg = path.join(dir, 'prometheus.yml');
      writeFileSync(cfg, stringifyYaml({ ...promConfig, rule_files: [RULES_FILE] }));
      const r = run('promtool', ['check', 'config', cfg]);
      expect(r.status, r.out).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scrapes the admin port of every GoChat node, and is mounted where Prometheus reads it', () => {
    const targets = (promConfig.scrape_configs as Obj[]).flatMap((j) => ((j.static_configs ?? []) as Obj[]).flatMap((s) => s.targets as string[]));
    expect(targets.sort()).toEqual(gochatNames.map((n) => `${n}:${gochatConfig(n).admin_port}`).sort());
    const job = (promConfig.scrape_configs as Obj[]).find((j) => (j.static_configs as Obj[]).some((s) => (s.targets as string[]).includes(targets[0]!)))!;
    expect(job.metrics_path ?? '/metrics').toBe('/metrics');
    const prom = services.prometheus!;
    const cfgArg = ((prom.command ?? []) as string[]).find((a) => a.startsWith('--config.file='));
    const cfgPath = cfgArg ? cfgArg.slice('--config.file='.length) : '/etc/prometheus/prometheus.yml';
    expect(hostPathOf(prom, cfgPath)).toBe(at('grafana', 'prometheus.yml'));
  });
});

describe('Alerting rules (prometheus/alerts.yml)', () => {
  it('are valid (promtool check rules) and pass their unit tests (promtool test rules prometheus/alerts.test.yml)', () => {
    const check = run('promtool', ['check', 'rules', RULES_FILE]);
    expect(check.status, check.out).toBe(0);
    const test = run('promtool', ['test', 'rules', at('prometheus', 'alerts.test.yml')]);
    expect(test.status, test.out).toBe(0);
    // every alert has a unit test
    const tested = new Set((parseYaml(readFileSync(at('prometheus', 'alerts.test.yml'), 'utf8')) as Obj).tests.flatMap((t: Obj) => (t.alert_rule_test as Obj[]).filter((a) => (a.exp_alerts as unknown[]).length > 0).map((a) => a.alertname)));
    expect([...tested].sort()).toEqual(alertRules().map((r) => r.alert).sort());
  });

  it('use only metrics the server exports, and say what they mean', async () => {
    const exported = await exportedMetricNames();
    const rules = alertRules();
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const r of rules) {
      const names = promqlMetricNames(String(r.expr));
      expect(names.length, `${r.alert}: ${r.expr} selects no metric`).toBeGreaterThan(0);
      for (const n of names) expect(exported.has(n), `${r.alert}: ${n} is not exported by src/metrics/`).toBe(true);
      expect(['critical', 'warning'], `${r.alert}: severity`).toContain(r.labels?.severity);
      expect(r.annotations?.summary && r.annotations?.description, `${r.alert}: summary and description`).toBeTruthy();
    }
  });
});

describe('Grafana provisioning', () => {
  const grafana = services.grafana!;
  const genv = envOf(grafana);
  const ds = (datasources.datasources as Obj[])[0]!;

  it('provisions the Prometheus datasource and the dashboards folder from the repository', () => {
    expect(datasources.datasources).toHaveLength(1);
    expect(ds.type).toBe('prometheus');
    expect(ds.uid).toBeTruthy();
    expect(hostOf(ds.url)).toBe('prometheus');
    expect(new URL(ds.url).port || '9090').toBe('9090');
    // $__rate_interval is derived from the datasource's scrape interval
    expect(ds.jsonData?.timeInterval).toBe(promConfig.global.scrape_interval);
    expect(hostPathOf(grafana, '/etc/grafana/provisioning/datasources/prometheus.yml')).toBe(at('grafana', 'provisioning', 'datasources', 'prometheus.yml'));
    expect(hostPathOf(grafana, '/etc/grafana/provisioning/dashboards/dashboards.yml')).toBe(at('grafana', 'provisioning', 'dashboards', 'dashboards.yml'));
    const provider = (providers.providers as Obj[])[0]!;
    expect(provider.type).toBe('file');
    expect(hostPathOf(grafana, provider.options.path)).toBe(DASHBOARD_DIR);
  });

  it('opens on the overview dashboard with no manual step', () => {
    const home = genv.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(home).toBeTruthy();
    const file = hostPathOf(grafana, home!);
    expect(file).toBe(path.join(DASHBOARD_DIR, 'overview.json'));
    expect(existsSync(file!)).toBe(true);
    expect(genv.GF_AUTH_ANONYMOUS_ENABLED === 'true' || !!genv.GF_SECURITY_ADMIN_PASSWORD, 'anonymous access or an admin password').toBe(true);
  });

  it('dashboards are valid Grafana JSON on the provisioned datasource and query only exported metrics', async () => {
    const exported = await exportedMetricNames();
    expect(exported.has('gochat_connections')).toBe(true);
    expect(exported.has('gochat_delivery_latency_seconds_bucket')).toBe(true);
    expect(exported.has('gochat_nodejs_heap_size_used_bytes')).toBe(true);
    expect(exported.has('gochat_process_start_time_seconds'), 'dropped by the aggregation').toBe(false);
    expect(dashboardFiles.sort()).toEqual(['ledger.json', 'node.json', 'overview.json', 'pipeline.json']);
    const uids = new Set<string>();
    for (const f of dashboardFiles) {
      const d = JSON.parse(readFileSync(path.join(DASHBOARD_DIR, f), 'utf8')) as Obj;
      expect(typeof d.uid === 'string' && d.uid.length > 0 && d.uid.length <= 40, `${f}: uid`).toBe(true);
      expect(uids.has(d.uid), `${f}: uid unique`).toBe(false);
      uids.add(d.uid);
      expect(d.title, `${f}: title`).toBeTruthy();
      expect(d.schemaVersion, `${f}: schemaVersion`).toBeGreaterThanOrEqual(36);
      const panels = allPanels(d);
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size, `${f}: panel ids unique`).toBe(ids.length);
      let queries = 0;
      for (const p of panels) {
        expect(p.gridPos, `${f} "${p.title}": gridPos`).toBeTruthy();
        if (p.type === 'row') continue;
        expect(p.datasource?.uid, `${f} "${p.title}": datasource`).toBe(ds.uid);
        expect(p.targets?.length, `${f} "${p.title}": targets`).toBeGreaterThan(0);
        for (const t of p.targets as Obj[]) {
          if (t.datasource) expect(t.datasource.uid, `${f} "${p.title}" ${t.refId}`).toBe(ds.uid);
          const names = promqlMetricNames(String(t.expr ?? ''));
          expect(names.length, `${f} "${p.title}" ${t.refId}: ${t.expr} selects no metric`).toBeGreaterThan(0);
          for (const n of names) expect(exported.has(n), `${f} "${p.title}": ${n} is not exported by src/metrics/metrics.ts`).toBe(true);
          queries++;
        }
      }
      expect(queries, `${f}: queries`).toBeGreaterThan(3);
      for (const v of (d.templating?.list ?? []) as Obj[]) {
        if (v.type !== 'query') continue;
        expect(v.datasource?.uid, `${f} variable ${v.name}`).toBe(ds.uid);
        for (const n of promqlMetricNames(variableExpr(v.query))) expect(exported.has(n), `${f} variable ${v.name}: ${n}`).toBe(true);
      }
    }
    expect(uids.has(JSON.parse(readFileSync(path.join(DASHBOARD_DIR, 'overview.json'), 'utf8')).uid)).toBe(true);
  });

  it('the PromQL name extraction sees through functions, matchers, ranges and label lists', () => {
    expect(
      promqlMetricNames('histogram_quantile(0.99, sum by (node, le) (rate(gochat_x_bucket{node=~"$node", a="b(c)"}[$__rate_interval]))) / ignoring(le) gochat_y offset 5m + 1e3'),
    ).toEqual(['gochat_x_bucket', 'gochat_y']);
    expect(promqlMetricNames('time() - gochat_process_start_time_seconds')).toEqual(['gochat_process_start_time_seconds']);
    expect(promqlMetricNames('sum(up)')).toEqual(['up']);
    expect(variableExpr('label_values(gochat_connections{node=~"$node"}, worker)')).toBe('gochat_connections{node=~"$node"}');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(at('Dockerfile'), 'utf8');
  const ignore = readFileSync(at('.dockerignore'), 'utf8').split('\n').map((l) => l.trim());

  it('builds in one stage and runs production dependencies only, as a non-root user, with a health check', () => {
    const froms = text.match(/^FROM\s+\S+/gm) ?? [];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.at(-1)).toMatch(/^FROM\s+node:20/);
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(text).toMatch(/^COPY --from=\S+ \/app\/dist/m);
    expect(text).toMatch(/^COPY sql /m);
    expect(text).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(text).toMatch(/^HEALTHCHECK /m);
    expect(text).toMatch(/^EXPOSE /m);
    expect(text).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]/m);
    for (const p of ['node_modules', 'dist', '.git']) expect(ignore, `.dockerignore: ${p}`).toContain(p);
  });
});
