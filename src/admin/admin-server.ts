// The admin port (DESIGN.md §7): metrics, health, diagnostics and
// profiling. Bound to loopback unless configured otherwise; never served on
// the public port.
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What the admin port can ask of the node (the primary, or a standalone worker). */
export interface AdminTarget {
  /** worker indexes that can answer now */
  workers(): number[];
  metrics(): Promise<{ contentType: string; body: string }>;
  ready(): Promise<boolean>;
  connections(): Promise<unknown>;
  /** per-worker process figures; gc: after a full garbage collection in each worker (live memory, not garbage) */
  summary(opts?: { gc?: boolean }): Promise<unknown[]>;
  /** a .cpuprofile (JSON text) of one worker, with the pid of the process profiled */
  cpuProfile(worker: number, seconds: number): Promise<{ pid: number; profile: string }>;
  /** a .cpuprofile of the process serving the admin port (the primary: routing, hand-offs); absent on a standalone worker (worker=0 is that process) */
  cpuProfileSelf?(seconds: number): Promise<{ pid: number; profile: string }>;
  /** writes a heap snapshot of one worker to `file` */
  heapSnapshot(worker: number, file: string): Promise<void>;
}

/** Longest CPU profile the admin port takes. */
export const MAX_PROFILE_SECONDS = 120;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
function error(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, { error: { code, message } });
}

export function createAdminServer(target: AdminTarget, log: { error(o: object, m: string): void }): Server {
  // One profile or snapshot at a time: they stall the worker they run in.
  let busy = false;
  const exclusive = async (res: ServerResponse, work: () => Promise<void>) => {
    if (busy) return error(res, 409, 'profile_in_progress', 'a profile or heap snapshot is already being taken; try again when it finishes');
    busy = true;
    try {
      await work();
    } finally {
      busy = false;
    }
  };
  const pickWorker = (url: URL, res: ServerResponse, allowAll: boolean): number[] | null => {
    const raw = url.searchParams.get('worker') ?? '0';
    const live = target.workers();
    if (allowAll && raw === 'all') return live;
    const w = Number(raw);
    if (!Number.isInteger(w) || !live.includes(w)) {
      error(res, 400, 'invalid_worker', `worker must be one of ${live.join(', ')}${allowAll ? ' or all' : ''}${allowAll && target.cpuProfileSelf ? ' or primary' : ''}`);
      return null;
    }
    return [w];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://admin');
    if (req.method !== 'GET') return error(res, 405, 'method_not_allowed', 'GET only');
    switch (url.pathname) {
      case '/metrics': {
        const m = await target.metrics();
        res.writeHead(200, { 'content-type': m.contentType }).end(m.body);
        return;
      }
      case '/healthz':
        return json(res, 200, { status: 'ok' });
      case '/readyz': {
        const ok = await target.ready();
        return json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' });
      }
      case '/debug/connections':
        return json(res, 200, await target.connections());
      case '/debug/summary':
        return json(res, 200, { workers: await target.summary({ gc: url.searchParams.get('gc') === '1' }) });
      case '/debug/cpu-profile': {
        const seconds = Number(url.searchParams.get('seconds') ?? '10');
        if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_PROFILE_SECONDS) {
          return error(res, 400, 'invalid_seconds', `seconds must be more than 0 and at most ${MAX_PROFILE_SECONDS}`);
        }
        if (url.searchParams.get('worker') === 'primary' && target.cpuProfileSelf) {
          const self = target.cpuProfileSelf;
          return exclusive(res, async () => {
            const p = await self(seconds);
            res.writeHead(200, {
              'content-type': 'application/json',
              'content-disposition': `attachment; filename="gochat-primary-${Date.now()}.cpuprofile"`,
              'x-gochat-pid': String(p.pid),
            });
            res.end(p.profile);
          });
        }
        const workers = pickWorker(url, res, true);
        if (!workers) return;
        return exclusive(res, async () => {
          const profiles = await Promise.all(workers.map((w) => target.cpuProfile(w, seconds)));
          if (url.searchParams.get('worker') === 'all') {
            // One JSON document: {"workers":[{"worker":0,"pid":…,"profile":{…}},…]}
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(`{"workers":[${profiles.map((p, i) => `{"worker":${workers[i]},"pid":${p.pid},"profile":${p.profile}}`).join(',')}]}`);
          } else {
            res.writeHead(200, {
              'content-type': 'application/json',
              'content-disposition': `attachment; filename="gochat-worker${workers[0]}-${Date.now()}.cpuprofile"`,
              'x-gochat-pid': String(profiles[0]!.pid),
            });
            res.end(profiles[0]!.profile);
          }
        });
      }
      case '/debug/heap-snapshot': {
        const workers = pickWorker(url, res, false);
        if (!workers) return;
        return exclusive(res, async () => {
          const file = path.join(tmpdir(), `gochat-${process.pid}-${Date.now()}.heapsnapshot`);
          try {
            await target.heapSnapshot(workers[0]!, file);
            res.writeHead(200, {
              'content-type': 'application/octet-stream',
              'content-disposition': `attachment; filename="gochat-worker${workers[0]}-${Date.now()}.heapsnapshot"`,
            });
            await new Promise<void>((resolve, reject) => {
              const s = createReadStream(file);
              s.on('error', reject);
              s.on('end', () => resolve());
              s.pipe(res);
            });
          } finally {
            await unlink(file).catch(() => undefined);
          }
        });
      }
      default:
        return error(res, 404, 'not_found', 'not found');
    }
  };

  return createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.error({ err }, 'admin request failed');
      if (!res.headersSent) error(res, 500, 'internal', (err as Error).message);
      else res.destroy();
    });
  });
}
