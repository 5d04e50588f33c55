// Uplink dedup state per (user, device) (DESIGN.md §2.1, invariant I2).

/** What was answered for a client_id: the sender's seq, or a final rejection. */
export type UplinkOutcome = { seq: number; msgId: number } | { code: number; msg: string };

export interface DeviceKey {
  userId: number;
  deviceId: string;
}

/** A device's state as the store holds it. */
export interface DeviceState {
  /** last client_id handled (its outcome committed) */
  last: number;
  /** the uplink fence generation the device's new copies are stamped with (MessageStore.claimUplink) */
  fence: number;
  /**
   * client_ids marked pending (handed to persistence by some owner, outcome
   * never committed), ascending, all above `last`. None of them was
   * acknowledged to the device: an answer is sent only after its commit.
   */
  pending: number[];
}

/** What `load` answers: the ownership just taken, and the state (null: unknown). */
export interface LoadedDevice {
  /** the owner token: markPending, seed and commit apply only while it is the device's current one */
  owner: string;
  /**
   * null: the store does not know the device: never seen, idle past the
   * TTL, or the store lost or rolled back its data (a Redis restarted empty,
   * from an older snapshot, or a promoted replica). The caller recovers the
   * state from the message store and seeds it.
   */
  state: DeviceState | null;
  /**
   * For an unknown device: how long ago (ms) the store last lost device
   * state, as far as it can tell (a fresh Redis counts as a loss);
   * Infinity when no copy made before a loss can still be on its way to the
   * message store. A device unknown less than the longest time a batch can
   * be in flight after a loss may have copies on the way: its recovered
   * `last` may be behind, and the client_ids above it are settled in the
   * message store (claimUplink) before they are processed.
   */
  lossAgeMs: number;
}

export interface UplinkCommit extends DeviceKey {
  owner: string;
  /** the fence generation the device's copies were stamped with */
  fence: number;
  /** consecutive client_ids starting at the stored last + 1, with their outcomes */
  outcomes: { clientId: number; outcome: UplinkOutcome }[];
}

export interface PendingMark extends DeviceKey {
  owner: string;
  clientIds: readonly number[];
}

/**
 * The cluster-wide record of each device's last handled client_id, its
 * recent outcomes and the client_ids in flight, shared by every worker of
 * every node: a device may reconnect to any node at any moment and back.
 *
 * Guarantees:
 * - Ownership: `load` makes the caller the device's only owner (a fresh
 *   token) and reads the whole state in the same atomic step. From then on
 *   every earlier owner's `markPending`, `seed` and `commit` fail (answer
 *   false): a node that still caches the device from before it moved away
 *   cannot act on that copy. An owner keeps a cache only while its token
 *   is current, and reloads when a write fails.
 * - `last` only advances through `commit`, which the owner invokes after
 *   the outcomes are durable (persisted, or final rejections); never before.
 *   A commit applies atomically per device, only for the current owner and
 *   only if the stored last equals the first committed client_id - 1.
 * - Client_ids marked pending stay listed until a commit covers them: the
 *   next owner knows those may already be durable, and settles them in the
 *   message store (claimUplink) before processing them again.
 * - Loss: when the store's data may have gone back in time (emptied,
 *   restored from an older snapshot, replaced by a lagging replica) every
 *   device state written before is treated as unknown (`load` answers
 *   null, writes fail), never trusted.
 * - Outcomes of at least the last `window` client_ids are kept.
 */
export interface UplinkDedupStore {
  /** Takes ownership of the device and reads its state, atomically. */
  load(key: DeviceKey): Promise<LoadedDevice>;
  /** Seeds an unknown device's state recovered from the message store; false if `owner` is no longer the owner. */
  seed(key: DeviceKey, owner: string, state: { last: number; fence: number }): Promise<boolean>;
  /** The committed outcome of a client_id, or null (never committed, forgotten, or the state is not trusted). */
  outcome(key: DeviceKey, clientId: number): Promise<UplinkOutcome | null>;
  /** Marks client_ids about to be made durable, for many devices in one round trip; per device, whether it applied. */
  markPending(marks: readonly PendingMark[]): Promise<boolean[]>;
  /** Applies many devices' commits in one round trip, clearing their pending marks; per device, whether it applied. */
  commit(commits: readonly UplinkCommit[]): Promise<boolean[]>;
  /**
   * The first start of a deployment (nothing was ever stored, so nothing can
   * be in flight): asks `isFirst` (the message store's claimFirstStart; a
   * store that never answers a loss need not ask) and,
   * if it says so and the store has not lost its data since the question was
   * asked, records that the store never lost anything: devices it does not
   * know are new, `load` answers them with lossAgeMs Infinity until the
   * store's next loss. Resolves to whether it recorded that.
   */
  markFirstStart(isFirst: () => Promise<boolean>): Promise<boolean>;
}
