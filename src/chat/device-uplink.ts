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
  touched = 0;

  constructor(readonly key: DeviceKey) {}
}
