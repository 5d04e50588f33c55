// The connections of one worker's gateway: every open one, and the logged-in
// ones by user and device (sticky routing puts all of a user's devices on
// one worker, so local delivery needs no other lookup).
import type { Connection } from './connection.js';

/** What removing a connection changed: nothing (not the device's current one), the device, or the user's last device. */
export type Removed = 'none' | 'device' | 'user';

/**
 * Guarantees: at most one connection per (user, device) and at most
 * `maxPerUser` devices per user are registered; a user with no device has
 * no entry.
 */
export class ConnectionRegistry {
  /** every open connection, logged in or not */
  readonly open = new Set<Connection>();
  /** logged-in connections: user -> device -> connection */
  private readonly users = new Map<number, Map<string, Connection>>();

  /** Logged-in connections. */
  get loggedInCount(): number {
    let n = 0;
    for (const m of this.users.values()) n += m.size;
    return n;
  }

  /** Up to `max` logged-in user ids. */
  userIds(max: number): number[] {
    const out: number[] = [];
    for (const u of this.users.keys()) {
      if (out.length >= max) break;
      out.push(u);
    }
    return out;
  }

  /** The logged-in devices of a user. */
  devicesOf(userId: number): ReadonlyMap<string, Connection> | undefined {
    return this.users.get(userId);
  }

  /** Every logged-in (user, device). */
  *devices(): Generator<{ userId: number; deviceId: string }> {
    for (const [userId, devices] of this.users) for (const deviceId of devices.keys()) yield { userId, deviceId };
  }

  /**
   * Registers `c` as the connection of (userId, deviceId). Returns the
   * connection it replaces (to be closed), null, or 'full' when the user
   * already has `maxPerUser` other devices (nothing registered).
   */
  login(c: Connection, userId: number, deviceId: string, maxPerUser: number): Connection | null | 'full' {
    let devices = this.users.get(userId);
    if (!devices) this.users.set(userId, (devices = new Map()));
    const old = devices.get(deviceId);
    if (!old && devices.size >= maxPerUser) {
      if (devices.size === 0) this.users.delete(userId);
      return 'full';
    }
    devices.set(deviceId, c);
    return old ?? null;
  }

  /** Forgets a closed connection. */
  remove(c: Connection): Removed {
    this.open.delete(c);
    if (!c.userId) return 'none';
    const devices = this.users.get(c.userId);
    if (devices?.get(c.deviceId) !== c) return 'none';
    devices.delete(c.deviceId);
    if (devices.size > 0) return 'device';
    this.users.delete(c.userId);
    return 'user';
  }
}
