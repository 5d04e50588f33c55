// The delivery ledger (issue 20): what happened to the messages a node
// accepted, counted along their path, the ages of what is still on its way,
// and the background audit's findings. The counters of the path that existed
// before are in metrics.ts and stay there: gochat_messages_in_total
// (accepted: the sender was ACKed), gochat_seq_allocations_total,
// gochat_inbox_collisions_total, gochat_pushes_total (written to devices),
// gochat_push_giveups_total. Ages are in seconds; a node serves the largest of
// its workers' (aggregator max), counts are summed.
import { Counter, Gauge, type Registry } from 'prom-client';

/** What the gauges and mirrored counters read at scrape time; set by the worker once its parts exist. */
export interface LedgerSources {
  /** ms: the oldest message this worker ACKed whose inbox rows it has not seen committed yet (0: none) */
  oldestUnpersistedMs(): number;
  /** ms: the oldest push of this worker still awaiting its device's ACK, since its first send (0: none) */
  oldestUnackedPushMs(): number;
  /** devices whose uplink waits behind a missing client_id for longer than the stall threshold, and the longest such wait (ms) */
  uplinkStalls(): { devices: number; oldestMs: number };
  /** pushes acknowledged by devices so far (a running total) */
  pushesAcked(): number;
  /** ms: the longest a persist batch may legitimately be in flight (config persistInFlightBound) */
  persistBoundMs(): number;
}

/** A counter whose value is read from a component at scrape time. */
export function mirrorCounter(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

function gauge(registry: Registry, name: string, help: string, aggregator: 'sum' | 'max', read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    aggregator,
    collect() {
      this.set(read());
    },
  });
}

const NONE: LedgerSources = {
  oldestUnpersistedMs: () => 0,
  oldestUnackedPushMs: () => 0,
  uplinkStalls: () => ({ devices: 0, oldestMs: 0 }),
  pushesAcked: () => 0,
  persistBoundMs: () => 0,
};

export class LedgerMetrics {
  private src: LedgerSources = NONE;
  private readonly rowsPersisted: Counter;
  private readonly tombstones: Counter;
  private readonly auditChecked: Counter;
  private readonly auditMissing: Counter;

  constructor(r: Registry) {
    const s = () => this.src;
    mirrorCounter(r, 'gochat_pushes_acked_total', 'Pushes acknowledged by the devices (AT_PUSH)', () => s().pushesAcked());
    gauge(r, 'gochat_persist_oldest_unpersisted_seconds', 'Age of the oldest message a worker ACKed to its sender whose inbox rows it has not yet seen committed (checked every second; younger than 2 s reads 0); largest over the workers', 'max', () => s().oldestUnpersistedMs() / 1000);
    gauge(r, 'gochat_push_oldest_unacked_seconds', 'Age (since its first send) of the oldest push still awaiting its device ACK; largest over the workers', 'max', () => s().oldestUnackedPushMs() / 1000);
    gauge(r, 'gochat_uplink_stalled_devices', 'Devices whose uplink has client_ids waiting behind a missing one for longer than uplink.stall_threshold', 'sum', () => s().uplinkStalls().devices);
    gauge(r, 'gochat_uplink_stalled_oldest_seconds', 'Longest current wait of a device uplink behind a missing client_id, among the stalled devices (0: none); largest over the workers', 'max', () => s().uplinkStalls().oldestMs / 1000);
    gauge(r, 'gochat_persist_bound_seconds', 'The longest a persist batch may legitimately be in flight (rabbitmq.publish_timeout + 2 × rabbitmq.heartbeat + rabbitmq.retry_max): an ACKed message unpersisted for longer breaks what sync relies on (I5); 0 on the embedded engine, which persists before the ACK', 'max', () => s().persistBoundMs() / 1000);
    this.rowsPersisted = new Counter({
      name: 'gochat_inbox_rows_persisted_total',
      help: "Inbox rows in the batches this node's persisters committed to the message store (messages' rows and the tombstones of refused copies; a batch delivered again counts again)",
      registers: [r],
    });
    this.tombstones = new Counter({
      name: 'gochat_tombstones_total',
      help: 'Inbox positions a worker allocated and then abandoned, written as tombstones so that sync passes over them (I5); positions that already held a message are counted as collisions instead',
      registers: [r],
    });
    this.auditChecked = new Counter({ name: 'gochat_audit_checked_total', help: 'Sampled accepted messages the delivery audit looked up in every recipient inbox, once older than the persistence bound', registers: [r] });
    this.auditMissing = new Counter({
      name: 'gochat_audit_missing_total',
      help: 'Audited messages at least one recipient inbox did not hold at its seq (row absent, a tombstone, or another message): an ACKed message lost for someone (I1); always an error',
      registers: [r],
    });
  }

  /** Where the gauges read from (the worker's parts). */
  watch(src: LedgerSources): void {
    this.src = src;
  }

  markRowsPersisted(n: number): void {
    if (n > 0) this.rowsPersisted.inc(n);
  }

  markTombstones(n: number): void {
    if (n > 0) this.tombstones.inc(n);
  }

  markAudit(checked: number, missing: number): void {
    if (checked > 0) this.auditChecked.inc(checked);
    if (missing > 0) this.auditMissing.inc(missing);
  }
}
