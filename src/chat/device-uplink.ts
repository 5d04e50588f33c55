// One device's uplink state on this worker, as the UplinkSequencer keeps it.
import type { DeviceKey, UplinkOutcome } from '../dedup/uplink-dedup.js';
import type { UpRequest } from './types.js';

/**
 * One device's uplink state on this worker: a cache of the dedup store's
 * record, valid only while `owner` is the device's current owner token
 * there (every write checks it). All devices of a user are on one worker
 * of a node, and a device has one connection, so ordering is decided here.
 */
export class DeviceUplink {
  /** last client_id handled; null until loaded */
  last: number | null = null;
  /** ownership token from the dedup store's load */
  owner = '';
  /** fence generation this device's new copies are stamped with */
  fence = 0;
  /** reload from the dedup store before the next run (a new login, a lost ownership) */
  stale = false;
  loading = false;
  /** requests above last+1 (or all, while loading), by client_id; several replies for retransmits */
  readonly waiting = new Map<number, UpRequest[]>();
  /** the run being processed, by client_id */
  inFlight: Map<number, UpRequest[]> | null = null;
  /**
   * An earlier owner may have handed client_ids above `last` to persistence
   * without committing them (pending marks found at load), or the dedup
   * store lost the device's state shortly ago (`last` recovered from MySQL
   * may be behind copies still on their way). Until the first of them is
   * settled: last+1 is claimed in the message store before it is processed,
   * and while only later ones wait, last+1 is looked for there.
   */
  ambiguous = false;
  lookupTimer: NodeJS.Timeout | null = null;
  /** no claim fences before this (ms since epoch): see UplinkOptions.recoveryWaitMs */
  claimNotBefore = 0;
  /** the `last` at which a gap (a later client_id waiting, last+1 not) made us re-read the store */
  gapChecked = -1;
  /** recent outcomes (client_id -> outcome), at most `window` */
  readonly recent = new Map<number, UplinkOutcome>();
  /** ms since epoch of the last request from the device */
  touched = 0;
  /** ms since epoch since which client_ids have waited behind a missing last+1 (0: none waits so) */
  stalledSince = 0;

  constructor(readonly key: DeviceKey) {}
}

/** Devices stalled behind a missing client_id, for the delivery ledger (UplinkSequencer.stats). */
export interface UplinkStalls {
  /** devices waiting longer than the threshold */
  devices: number;
  /** the longest of their waits (ms; 0 when none) */
  oldestMs: number;
}

/**
 * Of `devices`, those heard from since `activeSince` whose client_ids have
 * waited behind a missing one for at least `thresholdMs` at `now`. A device
 * that left while stalled stops counting once it has been silent past
 * `activeSince` (the sequencer hears of no disconnect); one still
 * retransmitting keeps counting.
 */
export function uplinkStalls(devices: Iterable<DeviceUplink>, now: number, thresholdMs: number, activeSince: number): UplinkStalls {
  let n = 0;
  let oldest = 0;
  for (const d of devices) {
    if (d.stalledSince === 0 || d.waiting.size === 0 || d.touched < activeSince) continue;
    const wait = now - d.stalledSince;
    if (wait < thresholdMs) continue;
    n++;
    if (wait > oldest) oldest = wait;
  }
  return { devices: n, oldestMs: oldest };
}
