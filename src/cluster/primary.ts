// The node's primary process (DESIGN.md §1): owns the listening socket,
// reads each connection's request head, routes WebSockets to
// hash(userId) % workers (sticky) and other requests round robin, restarts
// dead workers under the same index, serves the admin port for all workers.
import cluster, { type Worker } from 'node:cluster';
import type { Server as HttpServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AggregatorRegistry } from 'prom-client';
import { createAdminServer } from '../admin/admin-server.js';
import { cpuProfile } from '../admin/profiler.js';
import { TokenService, type TokenClaims } from '../auth/token.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { REGISTRY_REFRESH_MS, type NodeInfo, type NodeRegistration } from '../discovery/discovery.js';
import { openEngineHost } from '../app/open-engine.js';
import { openRegistry } from '../app/registry.js';
import { prepareStorage } from '../app/storage.js';
import { startupLine } from '../app/startup-line.js';
import { answerEngineCall } from './engine-channel.js';
import { parseHead } from './head.js';
import { isToPrimary, type ToPrimary, type ToWorker, type WorkerDebugInfo } from './ipc.js';
import { workerFor } from './sticky.js';

/** Largest request head the primary reads before routing. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** A connection must send its whole head within this time. */
export const HEAD_TIMEOUT_MS = 10_000;
/** A handed-over connection waits at most this long for its worker to be (re)started. */
const WAIT_FOR_WORKER_MS = 15_000;
const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 30_000;
/** A worker that lived this long resets its restart back-off. */
const STABLE_MS = 30_000;
const IPC_TIMEOUT_MS = 3000;

interface Slot {
  index: number;
  worker: Worker | null;
  ready: boolean;
  rpcAddr: string;
  startedAt: number;
  failures: number;
  /** connections waiting for this worker to become ready */
  waiting: { socket: Socket; data: Buffer; timer: NodeJS.Timeout; verified?: TokenClaims }[];
  /** connections sent to the worker and not yet confirmed by it, by id */
  handing: Map<number, Socket>;
}

export interface PrimaryHandle {
  httpPort: number;
  adminPort: number;
  workers: number;
  /** Graceful shutdown (SIGTERM does the same). */
  close(): Promise<void>;
}

export async function runPrimary(cfg: Config, logger: Logger): Promise<PrimaryHandle> {
  const log = logger.child({ role: 'primary' });
  const n = cfg.workers === 0 ? availableParallelism() : cfg.workers;
  // Logs which engine runs and why; for the embedded engine, opens the node-wide state (seq allocation, presence) the workers share.
  const host = await openEngineHost(cfg, log);
  await prepareStorage(cfg, log);

  const tokens = new TokenService(cfg.jwt.secret, cfg.jwt.ttl);
  // Worker i serves gRPC on rpc_port + i. With rpc_port 0 the primary picks
  // a free port per worker once (a worker listening on 0 itself would share
  // one socket with its siblings through node:cluster), kept across restarts.
  const rpcPorts = cfg.rpc_port === 0 ? await Promise.all(Array.from({ length: n }, () => freePort(cfg.rpc_host))) : Array.from({ length: n }, (_, i) => cfg.rpc_port + i);
  const slots: Slot[] = Array.from({ length: n }, (_, index) => ({ index, worker: null, ready: false, rpcAddr: '', startedAt: 0, failures: 0, waiting: [], handing: new Map() }));
  let stopping = false;
  let rr = 0;
  let connId = 0;
  let reqId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; timer: NodeJS.Timeout }>();

  const fork = (slot: Slot) => {
    slot.ready = false;
    slot.startedAt = Date.now();
    // The secret as the primary resolved it (maybe generated, config/secret-file.ts): every worker signs with it.
    const env = { GOCHAT_WORKER_INDEX: String(slot.index), GOCHAT_WORKER_COUNT: String(n), GOCHAT_WORKER_RPC_PORT: String(rpcPorts[slot.index]), GOCHAT_JWT_SECRET: cfg.jwt.secret };
    const w = cluster.fork(env);
    slot.worker = w;
    w.on('message', (m: unknown) => {
      if (!isToPrimary(m)) return;
      // answered to this very worker: a restarted one numbers its calls anew
      if (m.type === 'engine_call') return void (host && answerEngineCall(host.serve, m, (r) => w.isConnected() && w.send(r)));
      onWorkerMessage(slot, m);
    });
    w.on('exit', (code, signal) => {
      if (slot.worker !== w) return;
      slot.worker = null;
      slot.ready = false;
      for (const socket of slot.handing.values()) reply(socket, 503, 'worker_unavailable');
      slot.handing.clear();
      if (stopping) return;
      slot.failures = Date.now() - slot.startedAt > STABLE_MS ? 1 : slot.failures + 1;
      const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** (slot.failures - 1));
      log.error({ worker: slot.index, code, signal, restartInMs: delay }, 'worker died; restarting');
      setTimeout(() => !stopping && fork(slot), delay).unref();
    });
  };

  /** the start-up line is logged once, when every worker first is ready */
  let announced = false;
  const onWorkerMessage = (slot: Slot, m: ToPrimary) => {
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        slot.rpcAddr = m.rpcAddr;
        log.info({ worker: slot.index, pid: slot.worker?.process.pid, rpc: m.rpcAddr }, 'worker ready');
        if (!announced && slots.every((s) => s.ready)) {
          announced = true;
          const line = startupLine(cfg, { httpPort, adminPort, workers: n });
          log.info(line.fields, line.msg);
        }
        for (const w of slot.waiting.splice(0)) {
          clearTimeout(w.timer);
          send(slot, w.socket, w.data, w.verified);
        }
        return;
      case 'conn_ack': {
        // The worker holds the connection now: close only this process's copy of the handle.
        const socket = slot.handing.get(m.id);
        slot.handing.delete(m.id);
        socket?.destroy();
        return;
      }
      case 'metrics_res':
      case 'debug_res':
      case 'summary_res':
      case 'profile_res':
      case 'heap_res': {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        clearTimeout(p.timer);
        p.resolve(m.type === 'metrics_res' ? m.metrics : m.type === 'debug_res' ? m.info : m.type === 'summary_res' ? m.summary : m);
        return;
      }
    }
  };

  /** One request to one worker; resolves to its answer, or null if none comes within `timeoutMs`. */
  const request = <T>(s: Slot, msg: ToWorker & { id: number }, timeoutMs = IPC_TIMEOUT_MS): Promise<T | null> =>
    new Promise<T | null>((resolve) => {
      if (!s.ready || !s.worker) return resolve(null);
      const timer = setTimeout(() => {
        pending.delete(msg.id);
        resolve(null);
      }, timeoutMs);
      pending.set(msg.id, { resolve: resolve as (v: unknown) => void, timer });
      s.worker.send(msg);
    });

  /** Asks every ready worker; answers that do not come in time are left out. */
  const ask = <T>(type: 'metrics_req' | 'debug_req' | 'summary_req', extra: { gc?: boolean } = {}): Promise<T[]> =>
    Promise.all(slots.map((s) => request<T>(s, { type, id: ++reqId, ...extra }))).then((all) => all.filter((x): x is Awaited<T> => x !== null) as T[]);

  const send = (slot: Slot, socket: Socket, data: Buffer, verified?: TokenClaims) => {
    const w = slot.worker;
    if (!w || !slot.ready) {
      if (slot.waiting.length >= 10_000) return reply(socket, 503, 'worker_unavailable');
      const timer = setTimeout(() => {
        slot.waiting = slot.waiting.filter((x) => x.socket !== socket);
        reply(socket, 503, 'worker_unavailable');
      }, WAIT_FOR_WORKER_MS);
      slot.waiting.push({ socket, data, timer, verified });
      return;
    }
    // keepOpen: the primary keeps its copy until the worker confirms it has
    // the connection (conn_ack). A worker that dies first never confirms: its
    // unconfirmed connections are then answered 503 here instead of hanging.
    const id = ++connId;
    slot.handing.set(id, socket);
    w.send({ type: 'conn', id, head: data.toString('latin1'), ...(verified ? { verified } : {}) } satisfies ToWorker, socket, { keepOpen: true }, (err) => {
      if (err && slot.handing.delete(id)) reply(socket, 503, 'worker_unavailable');
    });
  };

  const onConnection = (socket: Socket) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let routed = false;
    const timer = setTimeout(() => reply(socket, 408, 'request_timeout'), HEAD_TIMEOUT_MS);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => clearTimeout(timer));
    const handOff = (index: number, verified?: TokenClaims) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      // Stop the kernel socket reading before the handle leaves this
      // process, and keep whatever the stream already buffered.
      socket.pause();
      (socket as unknown as { _handle?: { readStop(): void } })._handle?.readStop();
      for (let b: Buffer | null; (b = socket.read() as Buffer | null) !== null; ) chunks.push(b);
      if (socket.destroyed) return;
      send(slots[index]!, socket, Buffer.concat(chunks), verified);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (routed) return; // bytes arriving while the token is checked ride along
      const head = parseHead(chunks.length === 1 ? chunk : Buffer.concat(chunks, size), MAX_HEAD_BYTES);
      if (head.state === 'incomplete') return;
      routed = true;
      if (head.state === 'too_large') return reply(socket, 431, 'header_too_large');
      if (head.state === 'bad') return reply(socket, 400, 'bad_request');
      if (head.path === '/ws') {
        if (stopping) return reply(socket, 503, 'shutting_down');
        tokens.verify(head.query.get('token')).then(
          (claims) => handOff(workerFor(claims.userId, n), claims),
          () => reply(socket, 401, 'unauthorized'),
        );
        return;
      }
      handOff(rr++ % n);
    };
    socket.on('data', onData);
  };

  const server: NetServer = createNetServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.http_port, cfg.http_host, () => resolve());
  });
  const httpPort = (server.address() as AddressInfo).port;

  const admin: HttpServer = createAdminServer(
    {
      workers: () => slots.filter((s) => s.ready).map((s) => s.index),
      metrics: async () => {
        const reg = AggregatorRegistry.aggregate(await ask<object[]>('metrics_req'));
        return { contentType: reg.contentType, body: await reg.metrics() };
      },
      ready: async () => !stopping && slots.every((s) => s.ready),
      connections: async () => {
        const workers = await ask<WorkerDebugInfo>('debug_req');
        return { workers: workers.sort((a, b) => a.index - b.index), worker_count: n };
      },
      summary: async (opts) => {
        const all = await ask<{ index: number }>('summary_req', { gc: opts?.gc });
        return all.sort((a, b) => a.index - b.index);
      },
      cpuProfile: async (w, seconds) => {
        const r = await request<{ pid: number; profile?: string; error?: string }>(slots[w]!, { type: 'profile_req', id: ++reqId, seconds }, seconds * 1000 + 30_000);
        if (!r?.profile) throw new Error(r?.error ?? `worker ${w} did not answer`);
        return { pid: r.pid, profile: r.profile };
      },
      cpuProfileSelf: async (seconds) => ({ pid: process.pid, profile: await cpuProfile(seconds) }),
      heapSnapshot: async (w, file) => {
        const r = await request<{ error?: string }>(slots[w]!, { type: 'heap_req', id: ++reqId, file }, 120_000);
        if (!r || r.error) throw new Error(r?.error ?? `worker ${w} did not answer`);
      },
    },
    log,
  );
  await new Promise<void>((resolve, reject) => {
    admin.once('error', reject);
    admin.listen(cfg.admin_port, cfg.admin_host, () => resolve());
  });
  const adminPort = (admin.address() as AddressInfo).port;

  for (const s of slots) fork(s);
  log.info({ httpPort, adminPort, workers: n }, 'primary listening');

  // The node in the registry: registered once every worker is ready,
  // republished with its connections and load, removed on shutdown.
  const etcd = openRegistry(cfg, log);
  let registration: NodeRegistration | null = null;
  let refresh: NodeJS.Timeout | null = null;
  const publicHost = cfg.public_host || cfg.advertise_host;
  const nodeInfo = async (): Promise<NodeInfo> => {
    const infos = await ask<WorkerDebugInfo>('debug_req');
    return {
      node_id: cfg.node_id,
      ws_url: `ws://${publicHost}:${httpPort}/ws`,
      http_url: `http://${publicHost}:${httpPort}`,
      rpc: slots.map((s) => s.rpcAddr || `${cfg.advertise_host}:${cfg.rpc_port + s.index}`),
      connections: infos.reduce((a, i) => a + i.connections, 0),
      load: infos.reduce((a, i) => Math.max(a, i.loopDelayMs), 0),
      updated_at: Date.now(),
    };
  };
  if (etcd) {
    const start = Date.now();
    while (!slots.every((s) => s.ready) && Date.now() - start < 60_000) await sleep(50);
    registration = await etcd.register(await nodeInfo());
    // Others may have taken this node for gone meanwhile: every worker re-asserts its presence.
    registration.onRenewed(() => {
      for (const s of slots) if (s.worker?.isConnected()) s.worker.send({ type: 'registry_renewed' } satisfies ToWorker);
    });
    refresh = setInterval(() => {
      if (stopping) return;
      nodeInfo()
        .then((info) => registration?.update(info))
        .catch((err) => log.warn({ err }, 'registry refresh failed'));
    }, REGISTRY_REFRESH_MS);
    refresh.unref();
    log.info({ node: cfg.node_id }, 'registered in etcd');
  }

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      stopping = true;
      if (refresh) clearInterval(refresh);
      await registration?.close().catch(() => undefined);
      await etcd?.close();
      server.close();
      for (const s of slots) for (const w of s.waiting.splice(0)) (clearTimeout(w.timer), reply(w.socket, 503, 'shutting_down'));
      const exits = slots.map(
        (s) =>
          new Promise<void>((resolve) => {
            const w = s.worker;
            if (!w || w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.send({ type: 'shutdown' } satisfies ToWorker);
          }),
      );
      const deadline = sleep(cfg.shutdown_timeout, undefined, { ref: false });
      await Promise.race([Promise.all(exits), deadline]);
      for (const s of slots) if (s.worker && !s.worker.isDead()) s.worker.process.kill('SIGKILL');
      await host?.close().catch((err) => log.warn({ err }, 'engine state close failed'));
      admin.close();
      log.info('primary stopped');
    })());
  return { httpPort, adminPort, workers: n, close };
}

/** A TCP port free at the moment of asking. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Answers a connection the primary will not hand over, in the API's error shape. */
function reply(socket: Socket, status: number, code: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message: code.replace(/_/g, ' ') } });
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  socket.destroySoon?.();
}
