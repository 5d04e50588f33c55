// Presence contract (DESIGN.md §5): where each online device is connected.

export interface PresenceEntry {
  deviceId: string;
  /** rpc address of the worker holding the connection (host:port) */
  addr: string;
}

/**
 * user → devices → worker address.
 *
 * Guarantees:
 * - `add` makes the device visible to `lookup` from every process once it
 *   resolves; the entry expires by itself if not refreshed within the TTL
 *   (a node that dies without cleanup disappears).
 * - `remove` deletes the entry only if it still points at `addr` (a newer
 *   login elsewhere is not removed by the old connection's close).
 * - `lookup` answers for many users in one round trip; users with no online
 *   device are absent from the map.
 */
export interface Presence {
  add(userId: number, deviceId: string, addr: string): Promise<void>;
  remove(userId: number, deviceId: string, addr: string): Promise<void>;
  /** Re-asserts entries (periodic keep-alive). */
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
}
