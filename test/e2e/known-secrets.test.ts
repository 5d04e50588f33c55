// No secret anyone else knows (issue #20): a node given no jwt.secret — here
// as the image runs it, NODE_ENV=production — generates one on first start
// into its data directory (mode 0600), logs that once with the path, and
// signs with it in the primary and every worker; after a restart it reuses
// it, so tokens issued before still verify. NODE_ENV=production refuses a
// weak configured secret. (Several nodes without a shared secret:
// secrets.test.ts; the compose file: deploy-files.test.ts.)
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/auth/token.js';
import { RawClient } from '../../src/client/raw-client.js';
import { SECRET_FILE_NAME } from '../../src/config/secret-file.js';
import { freePort, http, startCluster, type ClusterProc } from '../support/cluster.js';
import { createTestSqlite, type TestDb } from '../support/env.js';
import { runNodeToExit, tcpConnects } from '../support/node-process.js';

const WORKERS = 2;

describe('a node with no jwt.secret (embedded engine, NODE_ENV=production)', () => {
  let db: TestDb;
  let dataDir = '';
  let node: ClusterProc | null = null;

  /** The node on this test's SQLite file and data dir, with nothing configured but ports. */
  const start = () =>
    startCluster({
      workers: WORKERS,
      db,
      env: {
        NODE_ENV: 'production',
        GOCHAT_DEV_MODE: 'true', // what app.yaml used to ship; production turns it off
        GOCHAT_JWT_SECRET: '', // an empty variable is no setting
        GOCHAT_ENGINE: 'auto',
        GOCHAT_MYSQL_URL: '',
        GOCHAT_REDIS_URL: '',
        GOCHAT_RABBITMQ_URL: '',
        GOCHAT_SQLITE_PATH: db.sqlitePath!,
        GOCHAT_DATA_DIR: dataDir,
        GOCHAT_LOG_LEVEL: 'info',
      },
    });
  const generatedLines = (out: string) => out.split('\n').filter((l) => l.includes('generated a signing secret'));

  beforeAll(async () => {
    db = await createTestSqlite();
    dataDir = path.join(path.dirname(db.sqlitePath!), 'node-data');
  });
  afterAll(async () => {
    await node?.cleanup();
    await db?.drop();
  });

  it('generates the secret once into data_dir (0600), signs with it everywhere; a restart reuses it and old tokens still verify', async () => {
    node = await start();
    const file = path.join(dataDir, SECRET_FILE_NAME);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = node.output();
    expect(first).toMatch(/"msg":"engine=embedded/);
    expect(generatedLines(first), first).toHaveLength(1);
    expect(generatedLines(first)[0]).toContain(file);
    expect(first).not.toContain(secret);

    // a token issued by a worker (login), signed with the file's secret …
    const username = `ks_${Date.now().toString(36)}`;
    expect((await http(node.httpUrl, 'POST', '/api/register', { username, password: 'password123' })).status).toBe(201);
    const login = await http(node.httpUrl, 'POST', '/api/login', { username, password: 'password123' });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    expect((await new TokenService(secret, 60_000).verify(token)).userId).toBe(login.body.user_id);
    // … accepted by every worker (API requests go round robin) and by the primary (the WebSocket upgrade)
    const useToken = async (n: ClusterProc) => {
      for (let i = 0; i < 2 * WORKERS; i++) expect((await http(n.httpUrl, 'GET', '/api/users/me', undefined, token)).status).toBe(200);
      const ws = await RawClient.connect(n.wsUrl, token);
      await ws.login(token, 'ks-device');
      ws.close();
    };
    await useToken(node);
    // a token signed with another secret is refused: the check above can fail
    const foreign = (await new TokenService('another-secret-of-32-characters-x9', 60_000).issue(login.body.user_id)).token;
    expect((await http(node.httpUrl, 'GET', '/api/users/me', undefined, foreign)).status).toBe(401);

    node.signal('SIGTERM');
    expect((await node.exited).code).toBe(0);
    node = await start();
    const second = node.output();
    expect(generatedLines(second), second).toHaveLength(0);
    expect(second).toContain(`signing with the secret kept in ${file}`);
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    await useToken(node);
  }, 120_000);
});

describe('NODE_ENV=production with a weak jwt.secret', () => {
  it('refuses to start (exit 2) with a message naming jwt.secret, whatever dev_mode says; listens on nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gochat-weak-'));
    const weak = ['a-long-enough-production-secret', 'gochat-dev-secret-change-me-0123456789'];
    try {
      const runs = await Promise.all(
        weak.map(async (secret, i) => {
          const ports = { http: await freePort(), admin: await freePort(), rpc: await freePort() };
          const run = await runNodeToExit({
            NODE_ENV: 'production',
            GOCHAT_DEV_MODE: 'true',
            GOCHAT_JWT_SECRET: secret,
            GOCHAT_SQLITE_PATH: path.join(dataDir, `n${i}`, 'gochat.sqlite'),
            GOCHAT_DATA_DIR: path.join(dataDir, `n${i}`),
            GOCHAT_WORKERS: '1',
            GOCHAT_HTTP_HOST: '127.0.0.1',
            GOCHAT_HTTP_PORT: String(ports.http),
            GOCHAT_ADMIN_PORT: String(ports.admin),
            GOCHAT_RPC_PORT: String(ports.rpc),
          });
          return { secret, ports, ...run };
        }),
      );
      const [short, placeholder] = runs as [(typeof runs)[0], (typeof runs)[0]];
      for (const r of runs) {
        expect(r.exit, r.output).toBe(2);
        expect(r.output).toMatch(/^gochat: config jwt\.secret: .*NODE_ENV=production refuses a weak secret: set GOCHAT_JWT_SECRET/m);
        expect(r.output, 'the secret itself is not printed').not.toContain(r.secret);
        expect(await tcpConnects('127.0.0.1', r.ports.http)).toBe(false);
        expect(await tcpConnects('127.0.0.1', r.ports.admin)).toBe(false);
      }
      expect(short.output).toMatch(/has 31 characters; at least 32 are needed/);
      expect(placeholder.output).toMatch(/looks like a placeholder/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
