// The delivery ledger's background work on one worker (issue 20): told of
// every tick's ACKed messages by the pipeline (one cheap call), it samples a
// few for the audit (audit-sampler.ts) and remembers one row per published
// batch (unpersisted-watch.ts); once a second it looks both up in the message
// store, by primary key, in one query each at most. What it finds goes to
// LedgerMetrics: gochat_audit_checked_total / _missing_total and the
// oldest-unpersisted gauge.
import type { AcceptedListener, Fanout } from '../chat/types.js';
import type { Logger } from '../log.js';
import type { LedgerMetrics } from '../metrics/ledger-metrics.js';
import type { MessageStore } from '../store/message-store.js';
import { AuditSampler, judge, type AuditSample } from './audit-sampler.js';
import { UnpersistedWatch } from './unpersisted-watch.js';

export interface DeliveryLedgerOptions {
  store: Pick<MessageStore, 'inboxAt'>;
  metrics: LedgerMetrics;
  logger: Logger;
  /** share of ACKed messages audited (0 = none), and most per second */
  sampleRate: number;
  maxPerSec: number;
  /** ms after its send_time a message must be in every recipient inbox: the persistence bound */
  boundMs: number;
  /** false when persistence completes before the ACK (embedded engine): nothing to watch */
  watchPersistence: boolean;
  /** ms between rounds (default 1000) */
  intervalMs?: number;
  now?: () => number;
  random?: () => number;
}

/** Positions the audit looks up per round at most (a sampled group message counts all its members). */
const MAX_AUDIT_POSITIONS = 20_000;
/** Misses described in one log line at most. */
const LOGGED_MISSES = 5;

export class DeliveryLedger implements AcceptedListener {
  private readonly sampler: AuditSampler;
  private readonly watch: UnpersistedWatch | null;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;

  constructor(private readonly o: DeliveryLedgerOptions) {
    this.now = o.now ?? Date.now;
    this.intervalMs = o.intervalMs ?? 1000;
    // Samples are held for the bound and a minute of retries at most.
    const maxHeld = Math.ceil(Math.max(1, o.maxPerSec) * (o.boundMs / 1000 + 60));
    this.sampler = new AuditSampler({ rate: o.sampleRate, maxPerSec: o.maxPerSec, delayMs: o.boundMs, maxHeld, random: o.random });
    this.watch = o.watchPersistence ? new UnpersistedWatch({ maxHeld: 100_000, maxPerRound: 2000, graceMs: 2 * this.intervalMs }) : null;
  }

  accepted(fanouts: readonly Fanout[]): void {
    if (fanouts.length === 0) return;
    const now = this.now();
    this.sampler.offer(fanouts, now);
    const f = fanouts[0]!;
    this.watch?.record(f.userIds[0]!, f.seqs[0]!, f.sendTime);
  }

  /** ms: the oldest ACKed message of this worker not yet seen persisted (0: none, or younger than two rounds). */
  oldestUnpersistedMs(): number {
    return this.watch?.oldestMs(this.now()) ?? 0;
  }

  /** Starts the rounds (idempotent; the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.o.logger.error({ err }, 'delivery ledger round failed'));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** One round now, unless one is running (then that one): for tests and shutdown. */
  tick(): Promise<void> {
    this.round ??= Promise.all([this.audit(), this.watchRound()])
      .then(() => undefined)
      .finally(() => {
        this.round = null;
      });
    return this.round;
  }

  /** Stops the rounds; a round in progress finishes on its own. Idempotent. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async watchRound(): Promise<void> {
    if (!this.watch) return;
    await this.watch.check((u, s) => this.o.store.inboxAt(u, s)).catch((err: unknown) => this.o.logger.warn({ err }, 'delivery ledger: persistence lookup failed'));
  }

  private async audit(): Promise<void> {
    const due = this.sampler.due(this.now(), MAX_AUDIT_POSITIONS);
    if (due.length === 0) return;
    const userIds: number[] = [];
    const seqs: number[] = [];
    for (const s of due) {
      userIds.push(...s.userIds);
      seqs.push(...s.seqs);
    }
    let found: (number | null)[];
    try {
      found = await this.o.store.inboxAt(userIds, seqs);
    } catch (err) {
      this.sampler.putBack(due);
      this.o.logger.warn({ err, samples: due.length }, 'delivery audit: lookup failed; retrying next round');
      return;
    }
    let at = 0;
    const missed: { sample: AuditSample; missing: { userId: number; seq: number; found: number | null }[] }[] = [];
    for (const s of due) {
      const v = judge(s, found.slice(at, at + s.userIds.length));
      at += s.userIds.length;
      if (v.missing.length) missed.push({ sample: s, missing: v.missing.map((m) => ({ userId: s.userIds[m.index]!, seq: s.seqs[m.index]!, found: m.found })) });
    }
    this.o.metrics.markAudit(due.length, missed.length);
    if (missed.length) {
      this.o.logger.error(
        {
          missing: missed.length,
          checked: due.length,
          examples: missed.slice(0, LOGGED_MISSES).map((m) => ({ msgId: m.sample.msgId, sendTime: m.sample.sendTime, rows: m.missing.slice(0, LOGGED_MISSES) })),
        },
        'delivery audit: ACKed messages missing from a recipient inbox past the persistence bound (found: null = no row, 0 = a tombstone, else another message)',
      );
    }
  }
}
