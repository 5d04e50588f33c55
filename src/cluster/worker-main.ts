// A worker process under the primary: runs the gateway and the logic, takes
// connections handed over by the primary, answers its IPC requests.
import type { Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuProfile, heapSnapshot } from '../admin/profiler.js';
import { startWorker } from '../app/worker-app.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { isToWorker, type ToPrimary } from './ipc.js';
import { workerFor } from './sticky.js';
import { LOOP_MONITOR_RESOLUTION_MS } from '../util/loop-monitor.js';

/** Handed-over sockets idle this long are closed (the worker's http.Server never listens, so its own timeouts do not run). */
const SOCKET_IDLE_MS = 120_000;

/** A module-level listener: a closure here would keep the hand-off message (and its request head) alive as long as the socket. */
function destroyWhenIdle(this: Socket): void {
  this.destroy();
}

const UPGRADE_HEADER = /\r\nupgrade:[ \t]*websocket/i;

export async function runWorker(cfg: Config, logger: Logger): Promise<void> {
  const index = Number(process.env.GOCHAT_WORKER_INDEX ?? 0);
  const count = Number(process.env.GOCHAT_WORKER_COUNT ?? 1);
  const rpcPort = Number(process.env.GOCHAT_WORKER_RPC_PORT ?? cfg.rpc_port + index);
  const app = await startWorker(cfg, logger, {
    index,
    listen: false,
    rpcPort,
    // A WebSocket of a user that belongs to another worker (a reused
    // keep-alive connection routed for an API call) is refused.
    acceptsUser: (userId) => workerFor(userId, count) === index,
  });
  const toPrimary = (m: ToPrimary) => process.send?.(m);
  const loop = monitorEventLoopDelay({ resolution: LOOP_MONITOR_RESOLUTION_MS });
  loop.enable();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.close().finally(() => process.exit(0));
  };

  process.on('message', (m: unknown, handle: unknown) => {
    if (!isToWorker(m)) return;
    switch (m.type) {
      case 'conn': {
        const socket = handle as Socket | undefined;
        toPrimary({ type: 'conn_ack', id: m.id });
        if (!socket) return;
        if (stopping) {
          socket.destroy();
          return;
        }
        // A WebSocket (its token verified by the primary) upgrades at once and
        // is watched by the gateway's heartbeat; a socket timer would stay
        // allocated for its whole life even once cleared (~120 B each).
        if (m.verified) app.gateway?.handedOff(socket, m.verified);
        if (!m.verified || !UPGRADE_HEADER.test(m.head)) socket.setTimeout(SOCKET_IDLE_MS, destroyWhenIdle);
        socket.unshift(Buffer.from(m.head, 'latin1'));
        app.httpServer.emit('connection', socket);
        socket.resume();
        return;
      }
      case 'metrics_req':
        app.metrics.registry.getMetricsAsJSON().then((metrics) => toPrimary({ type: 'metrics_res', id: m.id, metrics }));
        return;
      case 'debug_req':
        toPrimary({
          type: 'debug_res',
          id: m.id,
          info: {
            index,
            pid: process.pid,
            rpcAddr: app.selfAddr,
            connections: app.gateway.connectionCount,
            // the histogram records the whole timer period: subtract the sampling resolution
            loopDelayMs: Math.max(0, Math.round((loop.percentile(99) / 1e6 - LOOP_MONITOR_RESOLUTION_MS) * 10) / 10),
            users: app.gateway.userIds(10_000),
          },
        });
        loop.reset();
        return;
      case 'summary_req':
        app.summary({ gc: m.gc }).then((summary) => toPrimary({ type: 'summary_res', id: m.id, summary }));
        return;
      case 'profile_req':
        cpuProfile(m.seconds).then(
          (profile) => toPrimary({ type: 'profile_res', id: m.id, pid: process.pid, profile }),
          (err: Error) => toPrimary({ type: 'profile_res', id: m.id, pid: process.pid, error: err.message }),
        );
        return;
      case 'heap_req':
        heapSnapshot(m.file).then(
          () => toPrimary({ type: 'heap_res', id: m.id }),
          (err: Error) => toPrimary({ type: 'heap_res', id: m.id, error: err.message }),
        );
        return;
      case 'registry_renewed':
        app.presenceRenewed();
        return;
      case 'shutdown':
        stop();
        return;
    }
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The primary is gone: nothing routes here any more.
  process.on('disconnect', stop);
  toPrimary({ type: 'ready', index, rpcAddr: app.selfAddr });
}
