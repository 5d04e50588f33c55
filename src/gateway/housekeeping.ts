// The gateway's periodic work: closing connections silent longer than the
// heartbeat timeout (DESIGN.md §6), and keeping this worker's presence
// entries alive in the presence store (DESIGN.md §5), re-asserted at once
// when the store reports it lost its data.
import type { Logger } from '../log.js';
import type { Presence } from '../presence/presence.js';
import { CloseCode } from './connection.js';
import type { ConnectionRegistry } from './registry.js';

/** Presence entries live this long without a refresh; refreshed every third of it. */
const PRESENCE_TTL_MS = 60_000;
/** The idle sweep runs at least this often. */
const MAX_SWEEP_INTERVAL_MS = 1000;

export interface HousekeepingOptions {
  registry: ConnectionRegistry;
  presence: Presence;
  /** this worker's rpc address, recorded in presence */
  selfAddr: string;
  heartbeatTimeoutMs: number;
  logger: Logger;
  now: () => number;
}

/** Starts both timers (unref'd: they never keep the process alive); stop() ends them. */
export class Housekeeping {
  private readonly sweeper: NodeJS.Timeout;
  private readonly presenceTimer: NodeJS.Timeout;

  constructor(private readonly o: HousekeepingOptions) {
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(MAX_SWEEP_INTERVAL_MS, o.heartbeatTimeoutMs / 3)).unref();
    this.presenceTimer = setInterval(() => void this.refreshPresence(), PRESENCE_TTL_MS / 3).unref();
    // Redis came back (perhaps empty, or from an older snapshot): re-assert every device here now.
    o.presence.onReset?.(() => void this.refreshPresence());
  }

  stop(): void {
    clearInterval(this.sweeper);
    clearInterval(this.presenceTimer);
  }

  private sweepIdle(): void {
    const cutoff = this.o.now() - this.o.heartbeatTimeoutMs;
    for (const c of this.o.registry.open) if (c.lastSeen < cutoff) c.close(CloseCode.IDLE, 'heartbeat timeout');
  }

  /** Writes every device of this worker into presence again; resolves when written (a failure is logged). */
  refreshPresence(): Promise<void> {
    const entries: { userId: number; deviceId: string; addr: string }[] = [];
    for (const { userId, deviceId } of this.o.registry.devices()) entries.push({ userId, deviceId, addr: this.o.selfAddr });
    return this.o.presence.refresh(entries).catch((err) => this.o.logger.warn({ err }, 'presence refresh failed'));
  }
}
