// Composition root of one worker: opens the backends, builds the chat logic
// on their contracts, serves HTTP + WebSocket + admin, and shuts down in
// order (stop accepting → tell clients → drain → close backends).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAdminServer } from '../admin/admin-server.js';
import { collectGarbage, cpuProfile, heapSnapshot, processSummary } from '../admin/profiler.js';
import { TokenService } from '../auth/token.js';
import { MsgIdAllocator } from '../chat/msg-ids.js';
import { MessagePipeline } from '../chat/pipeline.js';
import { RecentMessages } from '../chat/recent-messages.js';
import { SyncService } from '../chat/sync.js';
import { UplinkSequencer } from '../chat/uplink.js';
import { persistInFlightBound, type Config } from '../config/schema.js';
import { DeliveryLedger } from '../delivery/ledger.js';
import { PushTracker } from '../delivery/push-tracker.js';
import { REGISTRY_REFRESH_MS, type NodeDirectory, type NodeInfo, type NodeRegistration } from '../discovery/discovery.js';
import { NodePicker } from '../discovery/pick.js';
import { TimingWheel } from '../delivery/timing-wheel.js';
import { EncodedOutput, PushTemplate, pushedMeta } from '../gateway/codec.js';
import { WsGateway } from '../gateway/ws-gateway.js';
import { buildHttpApi } from '../http/api.js';
import type { Logger } from '../log.js';
import { Metrics } from '../metrics/metrics.js';
import { openEngine } from './open-engine.js';
import type { Discovery } from '../discovery/discovery.js';
import { DeliveryClientPool, startDeliveryServer, stopDeliveryServer } from '../rpc/delivery.js';
import { RpcRemotePush } from '../rpc/remote-push.js';
import { SignalBus } from '../rpc/signal-bus.js';
import { buildChatCommands } from './chat-commands.js';
import { persistHandler } from './persister.js';

export interface WorkerApp {
  httpPort: number;
  adminPort: number;
  gateway: WsGateway;
  metrics: Metrics;
  /** this worker's gRPC delivery address (as recorded in presence) */
  selfAddr: string;
  remote: RpcRemotePush;
  tracker: PushTracker;
  discovery: Discovery | null;
  /** heap, event loop, handles, connections and queue figures of this worker */
  summary(opts?: { gc?: boolean }): Promise<object>;
  /** The node's registry entry lapsed and was made again (NodeRegistration.onRenewed): re-assert this worker's presence. */
  presenceRenewed(): void;
  /** Graceful, bounded, idempotent shutdown. */
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** worker index within the node (rpc port = rpc_port + index) */
  index?: number;
  /** false: the caller hands connections to httpServer itself (cluster) */
  listen?: boolean;
  /** gRPC port of this worker (default rpc_port + index; 0 = any) */
  rpcPort?: number;
  /** whether a WebSocket of this user may be served here (sticky routing); default all */
  acceptsUser?: (userId: number) => boolean;
}



/** CT_CONVERSATIONS limit 0 means this many; at most the max (DESIGN.md §6a). */
const CONVERSATIONS_DEFAULT_LIMIT = 100;
const CONVERSATIONS_MAX_LIMIT = 500;
/** a shutdown step slower than this is logged (with its name) */
const SLOW_CLOSE_STEP_MS = 1000;

export async function startWorker(cfg: Config, logger: Logger, opts: WorkerOptions = {}): Promise<WorkerApp & { httpServer: Server }> {
  const index = opts.index ?? 0;
  const log = logger.child({ worker: index });
  const closers: [string, () => Promise<unknown>][] = [];
  /** Runs one step of a shutdown; a step slower than SLOW_CLOSE_STEP_MS is logged with its name, so a slow stop says where it stood. */
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = Date.now();
    await fn().catch((err) => log.warn({ err, step: name }, 'close step failed'));
    const ms = Date.now() - t;
    if (ms > SLOW_CLOSE_STEP_MS) log.warn({ step: name, ms }, 'close step slow');
  };
  const closeAll = async () => {
    for (const [name, fn] of closers.reverse()) await step(name, fn);
  };

  try {
    const engine = await openEngine(cfg, log);
    closers.push(['engine', () => engine.close()]);
    const { store, accounts, directory, seqs, dedup, presence, queue } = engine;
    const tokens = new TokenService(cfg.jwt.secret, cfg.jwt.ttl);
    // Sync's gap clock (I5) restarts whenever this worker saw the persistence
    // path interrupted: batches may have been held through it.
    const startedAt = Date.now();
    let persistFailedAt = 0;
    const trustedSince = engine.name === 'cluster' ? () => Math.max(startedAt, persistFailedAt, queue.connectionChangedAt?.() ?? 0) : undefined;
    if (engine.name === 'cluster' && index === 0 && cfg.sync.gap_timeout < persistInFlightBound(cfg)) {
      log.warn(
        { gap_timeout: cfg.sync.gap_timeout, in_flight_bound: persistInFlightBound(cfg) },
        'sync.gap_timeout is below the longest time a persist batch can be in flight (rabbitmq.publish_timeout + 2 × rabbitmq.heartbeat + rabbitmq.retry_max): a late batch can land below what sync already returned (I5)',
      );
    }
    const sync = new SyncService({ store, seqs, gapTimeoutMs: cfg.sync.gap_timeout, trustedSince, defaultLimit: cfg.sync.default_limit, maxLimit: cfg.sync.max_limit });

    let gateway: WsGateway | null = null;
    let tracker: PushTracker | null = null;
    const metrics = new Metrics(
      {
        connections: () => gateway?.connectionCount ?? 0,
        pendingPushes: () => tracker?.stats.pending ?? 0,
        retransmits: () => tracker?.stats.retransmits ?? 0,
        giveUps: () => tracker?.stats.giveUps ?? 0,
        seqAllocations: () => engine.seqStats.allocations,
        segmentReservations: () => engine.seqStats.segmentReservations,
        seqRedisCalls: () => engine.seqStats.redisCalls,
        seqReseeds: () => engine.seqStats.reseeds ?? 0,
        queueDepth: () => queue.depth(),
      },
      { node: cfg.node_id },
      { worker: String(index) },
    );

    // The persister: write-behind consumer of the durable queue.
    await queue.consume(
      persistHandler(store, metrics, log, () => {
        persistFailedAt = Date.now();
      }),
    );
    // The delivery ledger's audit and persistence watch (the embedded engine persists before the ACK).
    const cluster = engine.name === 'cluster';
    const ledger = new DeliveryLedger({ store, metrics: metrics.ledger, logger: log, sampleRate: cfg.audit.sample_rate, maxPerSec: cfg.audit.max_per_sec, boundMs: cluster ? persistInFlightBound(cfg) : 0, watchPersistence: cluster });
    ledger.start();
    closers.push(['ledger', async () => ledger.close()]);

    // Delivery from other workers and nodes. With rpc_port 0 (tests) the port is chosen by the OS.
    const rpcPort = opts.rpcPort ?? (cfg.rpc_port === 0 ? 0 : cfg.rpc_port + index);
    const recent = new RecentMessages({ windowMs: cfg.recall_window });
    const rpc = await startDeliveryServer(cfg.rpc_host, rpcPort, ({ fanouts, signals, legacy }) => {
      if (!gateway) return 0;
      let n = 0;
      for (const f of fanouts) {
        recent.notePushed(f, pushedMeta);
        n += gateway.pushLocal({ ...f, push: new PushTemplate(f.body) }, 'remote');
      }
      // From a worker of the previous version: one encoded Output per recipient.
      for (const s of signals) n += gateway.signalLocal(s.userIds, s.output, s.exceptUser, s.exceptDevice);
      for (const p of legacy) n += gateway.pushLocal({ push: new EncodedOutput(p.output), sendTime: p.sendTime, senderId: p.userId, senderDevice: p.exceptDevice, userIds: [p.userId], seqs: [p.seq] }, 'remote');
      return n;
    });
    closers.push(['rpc server', () => stopDeliveryServer(rpc.server)]);
    const selfAddr = `${cfg.advertise_host}:${rpc.port}`;
    const pool = new DeliveryClientPool();
    closers.push(['rpc clients', async () => pool.close()]);
    // Discovery: with etcd, every worker watches the registry (for /api/nodes
    // and to stop delivering to nodes that vanished); without, one node.
    const etcd = engine.discovery;
    const directory$: NodeDirectory | null = etcd ? await etcd.watch() : null;
    if (directory$) closers.push(['registry watch', () => directory$.close()]);
    const liveAddrs = new Set<string>();
    for (const n of directory$?.nodes() ?? []) for (const a of n.rpc) liveAddrs.add(a);
    const isLive = directory$ ? (addr: string) => liveAddrs.has(addr) : undefined;
    const remote = new RpcRemotePush(presence, pool, () => selfAddr, log, isLive, metrics);
    const signals = new SignalBus({ presence, pool, selfAddr: () => selfAddr, local: (u, o, eu, ed) => gateway?.signalLocal(u, o, eu, ed) ?? 0, isLive, logger: log, metrics });
    const chat = buildChatCommands({ engine, signals, cfg, logger: log, metrics });
    closers.push(['chat commands', async () => chat.close()]);
    // Nodes gone from the registry: no more deliveries to their workers, and
    // their users who do not come back elsewhere are announced offline after
    // the offline delay, not the presence TTL. Never this node's own
    // addresses for that (its registration can lapse while it runs).
    directory$?.onChange((nodes, removed) => {
      liveAddrs.clear();
      for (const n of nodes) for (const a of n.rpc) liveAddrs.add(a);
      if (removed.length === 0) return;
      const gone = removed.flatMap((n) => n.rpc).filter((a) => !liveAddrs.has(a));
      for (const a of gone) pool.drop(a);
      const others = removed.filter((n) => n.node_id !== cfg.node_id).flatMap((n) => n.rpc).filter((a) => gone.includes(a) && a !== selfAddr);
      log.info({ nodes: removed.map((n) => n.node_id), gone: others }, 'nodes left the registry');
      if (others.length) chat.friendPresence.nodeGone(others);
    });
    const pipeline = new MessagePipeline({
      directory,
      seqs,
      msgIds: new MsgIdAllocator(engine.msgIdBlocks),
      queue,
      store,
      dedup,
      local: { pushLocal: (f) => gateway?.pushLocal(f) ?? 0 },
      encodePush: (m) => new PushTemplate(m),
      remote,
      ledger,
      maxContentBytes: cfg.limits.max_content_bytes,
      recallWindowMs: cfg.recall_window,
      recent,
      tickMs: cfg.tick,
      logger: log,
      metrics,
    });
    const uplink = new UplinkSequencer({ dedup, store, pipeline, window: cfg.limits.uplink_window, inFlightBoundMs: cfg.sync.gap_timeout, recoveryWaitMs: cfg.uplink.recovery_wait, metrics, logger: log });
    closers.push(['uplink', async () => uplink.close()]);
    const wheel = new TimingWheel({ tickMs: cfg.delivery.wheel_tick, slots: cfg.delivery.wheel_slots });
    wheel.start();
    closers.push(['push wheel', async () => wheel.stop()]);
    tracker = new PushTracker(wheel, {
      ackTimeoutMs: cfg.delivery.ack_timeout,
      maxRetries: cfg.delivery.max_retries,
      maxPending: cfg.limits.max_pending_pushes,
    });
    tracker.stats.onAckLatency = (ms) => metrics.observeAckLatency(ms);
    const pushes = tracker;
    metrics.ledger.watch({
      oldestUnpersistedMs: () => ledger.oldestUnpersistedMs(),
      oldestUnackedPushMs: () => pushes.oldestUnackedMs(),
      uplinkStalls: () => uplink.stats(cfg.uplink.stall_threshold),
      pushesAcked: () => pushes.stats.acked,
      persistBoundMs: () => (cluster ? persistInFlightBound(cfg) : 0),
    });
    gateway = new WsGateway({
      limits: {
        messagesPerSec: cfg.limits.messages_per_sec,
        userMessagesPerSec: cfg.limits.user_messages_per_sec,
        bytesPerSec: cfg.limits.bytes_per_sec,
        syncsPerSec: cfg.limits.syncs_per_sec,
        commandsPerSec: cfg.limits.commands_per_sec,
        maxConnectionsPerUser: cfg.limits.max_connections_per_user,
        allowedOrigins: cfg.allowed_origins,
      },
      tracker,
      metrics,
      maxSendQueueBytes: cfg.limits.max_send_queue_bytes,
      tokens,
      uplink,
      sync,
      commands: chat.commands,
      conversationsLimit: { default: CONVERSATIONS_DEFAULT_LIMIT, max: CONVERSATIONS_MAX_LIMIT },
      sessions: chat.sessions,
      presence,
      selfAddr,
      heartbeatTimeoutMs: cfg.heartbeat_timeout,
      maxFrameBytes: cfg.limits.max_frame_bytes,
      acceptsUser: opts.acceptsUser,
      logger: log,
    });
    const gw = gateway;
    const presenceRenewed = () => {
      log.warn('registry entry made again: re-asserting presence');
      void gw.reassertPresence();
    };

    const ready = () => engine.ready();
    const publicHost = cfg.public_host || cfg.advertise_host;
    let httpPort = 0;
    const selfInfo = (): NodeInfo => ({
      node_id: cfg.node_id,
      ws_url: `ws://${publicHost}:${httpPort || cfg.http_port}/ws`,
      http_url: `http://${publicHost}:${httpPort || cfg.http_port}`,
      rpc: [selfAddr],
      connections: gw.connectionCount,
      load: 0,
      updated_at: Date.now(),
    });
    const picker = new NodePicker();
    const nodes = {
      list: () => (directory$ ? directory$.nodes() : [selfInfo()]),
      pick: () => picker.pick(directory$ ? directory$.nodes() : [selfInfo()]),
    };
    const api = buildHttpApi({ accounts, tokens, directory, config: cfg, logger: log, ready, nodes, seqs, presence: chat.friendPresence, conversations: engine.conversations });
    await api.ready();
    const httpServer = api.server;
    gw.attach(httpServer);

    const summary = async (opts?: { gc?: boolean }) => ({
      ...(opts?.gc ? await collectGarbage() : {}),
      index,
      ...processSummary(),
      connections: gw.connectionCount,
      pending_pushes: tracker!.stats.pending,
      push_retransmits: tracker!.stats.retransmits,
      persist_queue_depth: await queue.depth().catch(() => null),
      pipeline_waiting: pipeline.waiting,
    });
    // A standalone worker serves its own admin port (under a primary, the primary does).
    const admin = createAdminServer(
      {
        workers: () => [index],
        metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
        ready,
        connections: async () => ({
          workers: [{ index, pid: process.pid, rpcAddr: selfAddr, connections: gw.connectionCount, loopDelayMs: 0, users: gw.userIds(10_000) }],
          worker_count: 1,
        }),
        summary: async (opts) => [await summary(opts)],
        cpuProfile: async (_w, seconds) => ({ pid: process.pid, profile: await cpuProfile(seconds) }),
        heapSnapshot: (_w, file) => heapSnapshot(file),
      },
      log,
    );

    let adminPort = 0;
    let registration: NodeRegistration | null = null;
    let refresh: NodeJS.Timeout | null = null;
    if (opts.listen !== false) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(cfg.http_port, cfg.http_host, () => resolve());
      });
      httpPort = (httpServer.address() as AddressInfo).port;
      await new Promise<void>((resolve, reject) => {
        admin.once('error', reject);
        admin.listen(cfg.admin_port, cfg.admin_host, () => resolve());
      });
      adminPort = (admin.address() as AddressInfo).port;
      // A standalone worker (no primary) is its own node in the registry.
      if (etcd) {
        registration = await etcd.register(selfInfo());
        registration.onRenewed(presenceRenewed);
        refresh = setInterval(() => void registration?.update(selfInfo()).catch(() => undefined), REGISTRY_REFRESH_MS);
        refresh.unref();
      }
    }
    log.info({ httpPort, adminPort, selfAddr }, 'worker started');

    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        const timer = setTimeout(() => log.error('shutdown timed out'), cfg.shutdown_timeout).unref();
        if (refresh) clearInterval(refresh);
        await step('registry entry', async () => registration?.close());
        // No offline checks from a worker on its way out: one could clear a
        // user's mark and then fail to announce it (its pools closing); the
        // other nodes' eviction of this node announces those who do not come back.
        chat.friendPresence.close();
        httpServer.close();
        admin.close();
        await step('gateway', () => gw.close()); // stop accepting, 1001 to clients, presence removed
        await step('pipeline', () => pipeline.drain()); // in-flight messages made durable and acknowledged
        // Keep persisting until the queue is empty (other workers may still publish), within half the budget.
        await step('persisted', () => Promise.race([engine.persisted(), sleep(cfg.shutdown_timeout / 2, undefined, { ref: false })]));
        await step('http api', () => api.close());
        httpServer.closeAllConnections?.();
        await closeAll();
        clearTimeout(timer);
        log.info('worker stopped');
      })());
    return { httpPort, adminPort, gateway: gw, metrics, httpServer, selfAddr, remote, tracker: tracker!, discovery: etcd, summary, presenceRenewed, close };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
