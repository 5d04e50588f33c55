// Presence contract (DESIGN.md §5): where each online device is connected;
// and, for the friends' presence (DESIGN.md §6a), which users have been
// announced online and when each was last seen.

export interface PresenceEntry {
  deviceId: string;
  /** rpc address of the worker holding the connection (host:port) */
  addr: string;
}

/** One user's presence as the store knows it. */
export interface UserStatus {
  /** the user has a live device entry, or a live announced-online mark */
  online: boolean;
  /** ms since the epoch the user was last seen (a device removed, or a mark expired); 0: never recorded */
  lastSeen: number;
}

/** An announced user whose mark expired: its devices' node died without cleanup. */
export interface ExpiredUser {
  userId: number;
  lastSeen: number;
}

/**
 * user → devices → worker address, plus the announced-online marks.
 *
 * Guarantees:
 * - `add` makes the device visible to `lookup` from every process once it
 *   resolves; the entry expires by itself if not refreshed within the TTL
 *   (a node that dies without cleanup disappears).
 * - `remove` deletes the entry only if it still points at `addr` (a newer
 *   login elsewhere is not removed by the old connection's close); when it
 *   deletes one, it records the user's last_seen as now.
 * - `lookup` answers for many users in one round trip; users with no online
 *   device are absent from the map.
 * - Announced-online marks (friends' presence): `markOnline`, `markOffline`
 *   and `sweepExpired` are each atomic against one another and against
 *   add/remove on every process, so each transition of a user (offline →
 *   online, online → offline) is reported to exactly one caller in the
 *   whole cluster. A mark lives as long as the user's device entries: `add`
 *   and `refresh` extend a live mark (never create one) to the entries'
 *   expiry, so a mark outlives its last refresh by the TTL and then is
 *   expired (`sweepExpired` reports it).
 * - Which users each address held in the last two TTLs is kept (an
 *   index written with the entries, never by `remove`), for `evict`.
 * - last_seen is kept as long as the store keeps its data (Redis: no
 *   expiry; memory: the node's lifetime). A store that lost its data
 *   answers 0 (never) until the user's next device leaves.
 */
export interface Presence {
  add(userId: number, deviceId: string, addr: string): Promise<void>;
  remove(userId: number, deviceId: string, addr: string): Promise<void>;
  /** Re-asserts entries (periodic keep-alive); extends live marks of their users. */
  refresh(entries: readonly { userId: number; deviceId: string; addr: string }[]): Promise<void>;
  lookup(userIds: readonly number[]): Promise<Map<number, PresenceEntry[]>>;
  /**
   * Calls `listener` whenever the store may have lost entries since they
   * were written (its connection came back: the server may have restarted
   * empty or from an older snapshot). The caller re-asserts its entries at
   * once instead of at its next periodic refresh, so pushes to its devices
   * from other workers do not miss them meanwhile. Absent: never loses them.
   */
  onReset?(listener: () => void): void;
  /**
   * Marks the user announced online (call it after `add` resolved). True iff
   * this call made the transition: the user had no live mark. Otherwise the
   * live mark is extended to the entries' expiry and the answer is false.
   */
  markOnline(userId: number): Promise<boolean>;
  /**
   * Announces the user offline if it may be: it has a live mark, no live
   * device entry, and no device of it was removed after `quietSince` (ms;
   * a later leave has its own check coming). Then the mark is cleared and
   * the answer is the user's last_seen (> 0); otherwise null.
   */
  markOffline(userId: number, quietSince: number): Promise<number | null>;
  /**
   * Clears up to `limit` expired marks of users with no live device and
   * answers them, each with last_seen = the later of its recorded last_seen
   * and its last refresh (which is recorded). A mark is answered to one
   * caller only. Cheap when nothing expired (meant to run periodically).
   */
  sweepExpired(limit: number): Promise<ExpiredUser[]>;
  /**
   * A node left the registry (it died, shut down, or lost the registry for
   * longer than its lease): its workers' addresses are `addrs`. Removes
   * their device entries last written before `before` (ms; an entry written
   * since is a node back at the same address, and stays), then clears the
   * marks of the users that were at those addresses in the last two TTLs
   * and have no live device left (their devices did not come back
   * elsewhere), and answers them, each user to one caller in the whole
   * cluster as for sweepExpired, with last_seen = the later of the recorded
   * one and their last write at those addresses. Users whose entries there
   * were already removed (a clean shutdown) are answered too: their
   * pending offline checks went with the node.
   */
  evict(addrs: readonly string[], before: number): Promise<ExpiredUser[]>;
  /** Every asked user's status, in one round trip (users never seen: offline, lastSeen 0). */
  status(userIds: readonly number[]): Promise<Map<number, UserStatus>>;
}
