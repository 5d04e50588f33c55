// When the pipeline's ticks run: runs gather in two lanes, each started as
// a tick after `tickMs` or at once when FLUSH_AT messages wait.
import type { Run } from './run.js';
import { SessionType } from './validate.js';

/** Ticks processed concurrently per lane (different devices only; a device has one run in flight). */
export const MAX_TICKS_IN_FLIGHT = 16;
/** A tick starts at once when this many messages are waiting. */
export const FLUSH_AT = 4000;
/** Groups with more members than this go to the bulk lane (as do runs holding a message to one). */
export const BULK_GROUP_MEMBERS = 100;

export type LaneName = 'fast' | 'bulk';

/**
 * bulk: the run holds a message to a group known (`groupSizes`, from
 * earlier ticks) to have more than BULK_GROUP_MEMBERS members; fast
 * otherwise (1:1 messages, small groups, groups not seen yet).
 */
export function laneOf(run: Run, groupSizes: ReadonlyMap<number, number>): LaneName {
  for (const e of run.entries) {
    const m = e.msg;
    if (m && m.sessionType === SessionType.GROUP && (groupSizes.get(m.receiverId) ?? 0) > BULK_GROUP_MEMBERS) return 'bulk';
  }
  return 'fast';
}

class Lane {
  pending: Run[] = [];
  pendingCount = 0;
  timer: NodeJS.Timeout | null = null;
  inFlight = 0;
  constructor(readonly name: LaneName) {}
}

export interface LaneOptions {
  /** processes one tick's runs; settles when all of them are answered */
  tick: (runs: Run[]) => Promise<void>;
  /** a tick that rejected (its runs are the tick's to answer) */
  onError: (err: unknown) => void;
  /** ms to gather runs before a tick (0 = next turn of the event loop) */
  tickMs: number;
}

/**
 * Runs wait in one of two lanes, each with its own ticks: 1:1 messages and
 * small groups (fast) never share a tick, or wait for a tick slot, with the
 * fan-out of a big group (bulk). A device has one run in flight at a time,
 * so lanes never reorder a device's messages (I3); a recipient's seqs are
 * allocated atomically whichever lane a message takes.
 */
export class LaneScheduler {
  private readonly lanes: Record<LaneName, Lane> = { fast: new Lane('fast'), bulk: new Lane('bulk') };
  private readonly inFlightTicks = new Set<Promise<void>>();
  /** member counts of the big groups this worker has validated messages to (lane choice) */
  private readonly groupSizes = new Map<number, number>();
  private closed = false;

  constructor(private readonly o: LaneOptions) {}

  /** messages waiting for a tick */
  get waiting(): number {
    return this.lanes.fast.pendingCount + this.lanes.bulk.pendingCount;
  }

  /** true once drain() was called: no run is taken any more */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Records the member counts a tick's lookup answered (null: no such group), for the lane choice of later runs. */
  noteGroups(members: ReadonlyMap<number, readonly number[] | null>): void {
    for (const [g, list] of members) {
      if (list && list.length > BULK_GROUP_MEMBERS) this.groupSizes.set(g, list.length);
      else this.groupSizes.delete(g);
    }
  }

  /** Queues a run in its lane. The caller refuses runs once closed. */
  enqueue(run: Run): void {
    const lane = this.lanes[laneOf(run, this.groupSizes)];
    lane.pending.push(run);
    lane.pendingCount += run.entries.length;
    this.schedule(lane);
  }

  private schedule(lane: Lane): void {
    if (lane.pending.length === 0 || lane.inFlight >= MAX_TICKS_IN_FLIGHT) return;
    if (lane.pendingCount >= FLUSH_AT) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
      this.startTick(lane);
      return;
    }
    if (lane.timer) return;
    lane.timer = setTimeout(() => {
      lane.timer = null;
      this.startTick(lane);
    }, this.o.tickMs);
  }

  private startTick(lane: Lane): void {
    if (lane.pending.length === 0) return;
    const runs = lane.pending;
    lane.pending = [];
    lane.pendingCount = 0;
    lane.inFlight++;
    const p = this.o
      .tick(runs)
      .catch(this.o.onError)
      .finally(() => {
        lane.inFlight--;
        this.inFlightTicks.delete(p);
        this.schedule(lane);
      });
    this.inFlightTicks.add(p);
  }

  /** Stops taking runs, processes what is waiting, waits for ticks in flight. */
  async drain(): Promise<void> {
    this.closed = true;
    const lanes = [this.lanes.fast, this.lanes.bulk];
    for (const lane of lanes) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
    }
    while (lanes.some((l) => l.pending.length > 0) || this.inFlightTicks.size > 0) {
      for (const lane of lanes) if (lane.pending.length > 0 && lane.inFlight < MAX_TICKS_IN_FLIGHT) this.startTick(lane);
      await Promise.race(this.inFlightTicks);
    }
  }
}
