// What the uplink sequencer hands the message pipeline: a run of one
// device's consecutive client_ids, and how the pipeline answers it.
import type { UplinkOutcome } from '../dedup/uplink-dedup.js';
import type { ChatError } from '../errors.js';
import type { UplinkMessage } from './types.js';

/**
 * The device's dedup ownership was no longer current when the pipeline
 * wrote its state (another worker or node loaded the device since, or the
 * dedup store lost its data). `afterPublish` false: found when marking the
 * client_ids pending, before anything could become durable (the requests
 * may simply be routed again after a reload). true: found at the commit,
 * after the copies were published: they are neither answered as accepted
 * nor pushed (the next owner settles them in the message store).
 */
export class OwnershipLost {
  constructor(readonly afterPublish: boolean) {}
}

/** Outcomes index-aligned with the run's entries, a transient error for the whole run, or a lost ownership. */
export type RunResult = UplinkOutcome[] | ChatError | OwnershipLost;

/** Consecutive client_ids of one device, handed over together. */
export interface Run {
  userId: number;
  deviceId: string;
  /** the device's dedup owner token (UplinkDedupStore.load) */
  owner: string;
  /** the fence generation every copy made of this run is stamped with */
  fence: number;
  entries: { clientId: number; msg: UplinkMessage | null }[];
  done(result: RunResult): void;
}
