// Uplink dedup state per (user, device) (DESIGN.md §2.1, invariant I2).

/** What was answered for a client_id: the sender's seq, or a final rejection. */
export type UplinkOutcome = { seq: number; msgId: number } | { code: number; msg: string };

export interface DeviceKey {
  userId: number;
  deviceId: string;
}

export interface UplinkCommit extends DeviceKey {
  /** consecutive client_ids starting at the stored last + 1, with their outcomes */
  outcomes: { clientId: number; outcome: UplinkOutcome }[];
}

/**
 * Durable-enough record of the last client_id handled for each device, and of
 * recent outcomes so that a retransmit is answered the same way.
 *
 * Guarantees:
 * - `last` only advances through `commit`, which the caller invokes after the
 *   outcome is durable (persisted, or a final rejection); never before.
 * - `commit` is atomic per device and conditional: it applies only if the
 *   stored last equals the first committed client_id - 1 (or is unknown), so
 *   a stale writer cannot move `last` backwards or skip ahead.
 * - Outcomes of at least the last `window` client_ids are kept.
 * - `load` returns null when the state is unknown (Redis lost it or it
 *   expired); the caller then recovers it from the message store, never
 *   assuming zero.
 * - Client_ids marked pending (handed to persistence, outcome not yet
 *   committed) stay listed by `pending` until a commit covers them: after a
 *   crash between the two, the next worker knows those client_ids may
 *   already be durable and looks them up instead of processing them again.
 */
/** Whether the store may have lost device state (see UplinkDedupStore.epoch). */
export interface DedupEpoch {
  /** true: nothing was lost, or a loss was settled since */
  intact: boolean;
  /** pass to settled() once the queue has drained */
  token: string;
}

export interface UplinkDedupStore {
  load(key: DeviceKey): Promise<number | null>;
  /**
   * Call after `load` answered null. `intact` means no state was lost since
   * the store began (or since a loss was settled): the device is one never
   * seen, or idle past the TTL, so none of its messages can still be on the
   * way to the message store, and recovering `last` from it needs no wait.
   * Otherwise (a fresh store, or Redis lost its data) the caller waits until
   * the persistence queue has drained, then calls `settled(token)`: from
   * then on the store is intact again, for every worker.
   */
  epoch(): Promise<DedupEpoch>;
  /** The queue drained after the loss `token` was reported. No-op if another loss came since. */
  settled(token: string): Promise<void>;
  /** Seeds `last` for a device whose state was unknown (recovered elsewhere). No-op if known. */
  seed(key: DeviceKey, last: number): Promise<void>;
  outcome(key: DeviceKey, clientId: number): Promise<UplinkOutcome | null>;
  /** Applies many devices' commits in one round trip; clears their pending marks. */
  commit(commits: readonly UplinkCommit[]): Promise<void>;
  /** Marks client_ids about to be made durable, for many devices in one round trip. */
  markPending(marks: readonly (DeviceKey & { clientIds: readonly number[] })[]): Promise<void>;
  /** Client_ids marked pending and not committed since, ascending. */
  pending(key: DeviceKey): Promise<number[]>;
}
