// Metrics behind domain verbs, on a private prom-client registry. Labels are
// bounded (never a user id); every name is prefixed gochat_. In a cluster
// the primary sums the workers' series (Node's own process metrics carry a
// worker label so they stay per worker).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LOOP_MONITOR_RESOLUTION_MS } from '../util/loop-monitor.js';
import { LedgerMetrics, mirrorCounter } from './ledger-metrics.js';

/** Figures kept by components as plain counters, read at scrape time. */
export interface MetricSources {
  connections(): number;
  retransmits(): number;
  giveUps(): number;
  seqAllocations(): number;
  segmentReservations(): number;
  seqRedisCalls(): number;
  /** counters seeded above the durable mark (new users; all users after Redis lost or rolled back its data) */
  seqReseeds(): number;
  queueDepth(): Promise<number | null>;
  pendingPushes(): number;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000];

/**
 * The stages of a pipeline tick, in order: validate (directory lookups),
 * reserve (pending marks and seq allocation, side by side), publish (to the
 * persistence queue, confirmed), commit (dedup state, before the senders'
 * ACKs).
 */
export const PIPELINE_STAGES = ['validate', 'reserve', 'publish', 'commit'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Conversation-state commands (DESIGN.md §6a) as metric labels. */
export const COMMANDS = ['read', 'typing', 'presence', 'conversations'] as const;
export type CommandName = (typeof COMMANDS)[number];
/** Kinds of ephemeral output (signals). */
export type SignalKind = 'read' | 'receipt' | 'typing' | 'presence';

/** Results of a recall as metric labels, by answer code. */
const RECALL_RESULTS: Record<number, string> = { 0: 'accepted', 1: 'malformed', 3: 'forbidden', 4: 'not_found', 5: 'too_large', 7: 'unavailable' };

export class Metrics {
  readonly registry = new Registry();
  /** the delivery ledger: tombstones, pushes ACKed, ages of what is on its way, the audit (ledger-metrics.ts) */
  readonly ledger: LedgerMetrics;
  private readonly messagesIn: Counter<'session_type'>;
  private readonly uplinkRejected: Counter<'code'>;
  private readonly uplinkDuplicates: Counter;
  private readonly pushes: Counter<'route'>;
  private readonly logins: Counter;
  private readonly ackLatency: Histogram;
  private readonly deliveryLatency: Histogram;
  private readonly persistBatch: Histogram;
  private readonly persistLag: Histogram;
  private readonly persistErrors: Counter;
  private readonly rpcCalls: Counter<'result'>;
  private readonly rpcLatency: Histogram;
  private readonly remoteDead: Counter;
  private readonly pipelineTick: Histogram;
  private readonly pipelineStage: Histogram<'stage'>;
  private readonly uplinkRecoveries: Counter<'reason'>;
  private readonly uplinkClaims: Counter<'result'>;
  private readonly ownershipLost: Counter<'at'>;
  private readonly inboxCollisions: Counter;
  private readonly persistFenced: Counter;
  private readonly commands: Counter<'command' | 'code'>;
  private readonly commandLatency: Histogram<'command'>;
  private readonly signals: Counter<'kind' | 'route'>;
  private readonly recalls: Counter<'result'>;
  private readonly recallLookups: Counter<'source'>;
  private readonly stageChild: Partial<Record<PipelineStage, { observe(v: number): void }>> = {};

  /**
   * `labels` go on every series; `processLabels` only on Node's process
   * metrics (heap, event loop, CPU).
   */
  constructor(src: MetricSources, labels: Record<string, string> = {}, processLabels: Record<string, string> = {}) {
    const r = this.registry;
    r.setDefaultLabels(labels);
    collectDefaultMetrics({ register: r, prefix: 'gochat_', labels: processLabels, eventLoopMonitoringPrecision: LOOP_MONITOR_RESOLUTION_MS });
    new Gauge({
      name: 'gochat_connections',
      help: 'Logged-in WebSocket connections',
      registers: [r],
      collect() {
        this.set(src.connections());
      },
    });
    new Gauge({
      name: 'gochat_pending_pushes',
      help: 'Pushes awaiting the device ACK',
      registers: [r],
      collect() {
        this.set(src.pendingPushes());
      },
    });
    new Gauge({
      name: 'gochat_persist_queue_depth',
      help: 'Persistence batches waiting in the queue (as seen by this worker)',
      registers: [r],
      aggregator: 'max',
      async collect() {
        this.set((await src.queueDepth().catch(() => null)) ?? 0);
      },
    });
    this.ledger = new LedgerMetrics(r);
    mirrorCounter(r, 'gochat_push_retransmits_total', 'Pushes sent again after an ACK timeout', src.retransmits);
    mirrorCounter(r, 'gochat_push_giveups_total', 'Pushes given up after the last retransmit (the device will sync)', src.giveUps);
    mirrorCounter(r, 'gochat_seq_allocations_total', 'Inbox seqs allocated', src.seqAllocations);
    mirrorCounter(r, 'gochat_seq_segment_reservations_total', 'Durable seq segments reserved in MySQL (calls)', src.segmentReservations);
    mirrorCounter(r, 'gochat_seq_redis_calls_total', 'Redis round trips of the seq allocator', src.seqRedisCalls);
    mirrorCounter(r, 'gochat_seq_reseeds_total', 'Seq counters found unknown (new users, or Redis lost or rolled back its data) and seeded above the durable high-water mark', src.seqReseeds);
    this.messagesIn = new Counter({ name: 'gochat_messages_in_total', help: 'Messages accepted, by session type', labelNames: ['session_type'], registers: [r] });
    this.uplinkRejected = new Counter({ name: 'gochat_uplink_rejected_total', help: 'Uplink messages answered with an error code', labelNames: ['code'], registers: [r] });
    this.uplinkDuplicates = new Counter({ name: 'gochat_uplink_duplicates_total', help: 'Retransmitted UpMsgs answered from the dedup state', registers: [r] });
    this.pushes = new Counter({ name: 'gochat_pushes_total', help: 'Pushes written to devices, by route (local: same worker; remote: sent to another worker)', labelNames: ['route'], registers: [r] });
    this.logins = new Counter({ name: 'gochat_logins_total', help: 'Successful CT_LOGINs', registers: [r] });
    this.ackLatency = new Histogram({ name: 'gochat_push_ack_latency_seconds', help: 'Per ACK frame: first write of the newest push it acknowledges to the ACK', buckets: LATENCY_BUCKETS, registers: [r] });
    this.deliveryLatency = new Histogram({ name: 'gochat_delivery_latency_seconds', help: 'End to end: send_time (accepted) to the pushes written to devices; one observation per message and worker that pushed it', buckets: LATENCY_BUCKETS, registers: [r] });
    this.persistBatch = new Histogram({ name: 'gochat_persist_batch_rows', help: 'Inbox rows written per persister transaction', buckets: BATCH_BUCKETS, registers: [r] });
    this.persistLag = new Histogram({ name: 'gochat_persist_lag_seconds', help: 'send_time of the oldest message of a persisted batch to its commit', buckets: LATENCY_BUCKETS, registers: [r] });
    this.persistErrors = new Counter({ name: 'gochat_persist_errors_total', help: 'Persister transactions that failed (batches requeued)', registers: [r] });
    this.rpcCalls = new Counter({ name: 'gochat_rpc_calls_total', help: 'Push batches sent to other workers (one per target worker per tick, on its gRPC stream), by result', labelNames: ['result'], registers: [r] });
    this.rpcLatency = new Histogram({ name: 'gochat_rpc_latency_seconds', help: 'Push batch written on a gRPC stream to handed to the transport', buckets: LATENCY_BUCKETS, registers: [r] });
    this.remoteDead = new Counter({ name: 'gochat_rpc_dead_address_total', help: 'Pushes not sent: presence named a worker of a node that is gone', registers: [r] });
    this.pipelineTick = new Histogram({ name: 'gochat_pipeline_tick_messages', help: 'Uplink messages handled per pipeline tick', buckets: BATCH_BUCKETS, registers: [r] });
    this.pipelineStage = new Histogram({
      name: 'gochat_pipeline_stage_seconds',
      help: 'Time a pipeline tick spends in each stage (validate, reserve, publish, commit)',
      labelNames: ['stage'],
      buckets: LATENCY_BUCKETS,
      registers: [r],
    });
    for (const stage of PIPELINE_STAGES) this.stageChild[stage] = this.pipelineStage.labels({ stage });
    this.uplinkRecoveries = new Counter({
      name: 'gochat_uplink_recoveries_total',
      help: 'Devices whose uplink state was not current in the dedup store when loaded: unknown (new, expired, or Redis lost or rolled back its data; recovered from MySQL) or pending (an earlier owner left client_ids in flight)',
      labelNames: ['reason'],
      registers: [r],
    });
    this.uplinkClaims = new Counter({
      name: 'gochat_uplink_claims_total',
      help: 'client_ids an earlier owner may have left in flight, settled in MySQL: stored (the earlier copy is the answer) or fenced (older copies refused, processed again)',
      labelNames: ['result'],
      registers: [r],
    });
    this.ownershipLost = new Counter({
      name: 'gochat_uplink_ownership_lost_total',
      help: 'Runs of a device whose dedup ownership was no longer current (the device moved to another worker or node, or Redis lost its state): at mark (nothing done, routed again) or at commit (answered code 7, not pushed)',
      labelNames: ['at'],
      registers: [r],
    });
    this.inboxCollisions = new Counter({
      name: 'gochat_inbox_collisions_total',
      help: 'Inbox positions (user, seq) that already held another message when a row or tombstone was written there: a seq handed out twice (I4); always an error',
      registers: [r],
    });
    this.persistFenced = new Counter({ name: 'gochat_persist_fenced_total', help: 'Message copies refused by an uplink fence when persisted (their rows became tombstones)', registers: [r] });
    this.commands = new Counter({
      name: 'gochat_commands_total',
      help: 'Conversation-state commands from devices (DESIGN.md §6a), by command (read, typing, presence, conversations) and answer code (typing, never answered: 0 forwarded; dropped: 6 rate limit, 1 invalid, 3 not a member, 4 no such user or group, 5 group too large, 7 lookup failed)',
      labelNames: ['command', 'code'],
      registers: [r],
    });
    this.commandLatency = new Histogram({ name: 'gochat_command_latency_seconds', help: 'Conversation-state commands: frame received to answer sent', labelNames: ['command'], buckets: LATENCY_BUCKETS, registers: [r] });
    this.signals = new Counter({
      name: 'gochat_signals_total',
      help: 'Ephemeral outputs (read state, receipts, typing, presence) written to devices, by kind and route (local: this worker; remote: batches sent to another worker)',
      labelNames: ['kind', 'route'],
      registers: [r],
    });
    this.recalls = new Counter({
      name: 'gochat_recalls_total',
      help: 'MT_RECALL messages decided, by result: accepted, or refused as malformed (code 1), too_large (5), forbidden (3: another sender or conversation, past recall_window, a recall), not_found (4), unavailable (7: the message store could not be read; retransmitted)',
      labelNames: ['result'],
      registers: [r],
    });
    this.recallLookups = new Counter({
      name: 'gochat_recall_lookups_total',
      help: 'Originals named by recalls, by where they were found: memory (accepted or pushed here recently), store (the message store), none (neither: code 4)',
      labelNames: ['source'],
      registers: [r],
    });
    for (const result of Object.values(RECALL_RESULTS)) this.recalls.inc({ result }, 0);
    for (const source of ['memory', 'store', 'none']) this.recallLookups.inc({ source }, 0);
    for (const command of COMMANDS) this.commands.inc({ command, code: '0' }, 0);
    for (const reason of ['unknown', 'pending']) this.uplinkRecoveries.inc({ reason }, 0);
    for (const result of ['stored', 'fenced']) this.uplinkClaims.inc({ result }, 0);
    for (const at of ['mark', 'commit']) this.ownershipLost.inc({ at }, 0);
    // Labelled series exist from the start, so a quiet cluster shows 0 rather than no data.
    for (const session_type of ['single', 'group']) this.messagesIn.inc({ session_type }, 0);
    for (const route of ['local', 'remote']) this.pushes.inc({ route }, 0);
    for (const result of ['ok', 'error']) this.rpcCalls.inc({ result }, 0);
    for (let code = 1; code <= 7; code++) if (code !== 2) this.uplinkRejected.inc({ code: String(code) }, 0);
  }

  observeCommand(command: CommandName, code: number, ms: number): void {
    this.commands.inc({ command, code: String(code) });
    if (command !== 'typing') this.commandLatency.observe({ command }, Math.max(0, ms) / 1000);
  }
  /** A recall decided: code 0 accepted, else the code it was refused with. */
  markRecall(code: number): void {
    this.recalls.inc({ result: RECALL_RESULTS[code] ?? 'refused' });
  }
  markRecallLookups(memory: number, store: number, none: number): void {
    if (memory > 0) this.recallLookups.inc({ source: 'memory' }, memory);
    if (store > 0) this.recallLookups.inc({ source: 'store' }, store);
    if (none > 0) this.recallLookups.inc({ source: 'none' }, none);
  }
  markSignals(kind: SignalKind, route: 'local' | 'remote', n: number): void {
    if (n > 0) this.signals.inc({ kind, route }, n);
  }
  markLogin(): void {
    this.logins.inc();
  }
  markMessageIn(sessionType: number): void {
    this.messagesIn.inc({ session_type: sessionType === 2 ? 'group' : 'single' });
  }
  markUplinkRejected(code: number): void {
    this.uplinkRejected.inc({ code: String(code) });
  }
  markUplinkDuplicate(): void {
    this.uplinkDuplicates.inc();
  }
  markUplinkRecovery(reason: 'unknown' | 'pending'): void {
    this.uplinkRecoveries.inc({ reason });
  }
  markUplinkClaim(result: 'stored' | 'fenced'): void {
    this.uplinkClaims.inc({ result });
  }
  markOwnershipLost(at: 'mark' | 'commit', runs = 1): void {
    if (runs > 0) this.ownershipLost.inc({ at }, runs);
  }
  markInboxCollisions(n: number): void {
    if (n > 0) this.inboxCollisions.inc(n);
  }
  markPersistFenced(n: number): void {
    if (n > 0) this.persistFenced.inc(n);
  }
  markPushes(route: 'local' | 'remote', n: number): void {
    if (n > 0) this.pushes.inc({ route }, n);
  }
  observeDeliveryLatency(ms: number): void {
    this.deliveryLatency.observe(Math.max(0, ms) / 1000);
  }
  observeAckLatency(ms: number): void {
    this.ackLatency.observe(Math.max(0, ms) / 1000);
  }
  observePersist(rows: number, lagMs: number): void {
    this.persistBatch.observe(rows);
    this.persistLag.observe(Math.max(0, lagMs) / 1000);
  }
  markPersistError(): void {
    this.persistErrors.inc();
  }
  observeRpc(ok: boolean, ms: number): void {
    this.rpcCalls.inc({ result: ok ? 'ok' : 'error' });
    this.rpcLatency.observe(ms / 1000);
  }
  markDeadAddress(n: number): void {
    this.remoteDead.inc(n);
  }
  observeTick(messages: number): void {
    this.pipelineTick.observe(messages);
  }
  observeStage(stage: PipelineStage, ms: number): void {
    this.stageChild[stage]!.observe(ms / 1000);
  }
}
