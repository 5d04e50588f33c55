import { ChatError, UnavailableError } from '../errors.js';
import type { ExpiredUser, Presence, PresenceEntry, UserStatus } from './presence.js';

/** A worker's presence request to the presence held for the whole node (an IPC message body). */
export type PresenceCall =
  | { op: 'presence_refresh'; entries: { userId: number; deviceId: string; addr: string }[] }
  | { op: 'presence_remove'; userId: number; deviceId: string; addr: string }
  | { op: 'presence_lookup'; users: number[] }
  | { op: 'presence_mark_online'; userId: number }
  | { op: 'presence_mark_offline'; userId: number; quietSince: number }
  | { op: 'presence_sweep'; limit: number }
  | { op: 'presence_status'; users: number[] }
  | { op: 'presence_evict'; addrs: string[]; before: number };

/**
 * The worker side of presence held by another process (the embedded
 * engine's primary): each method is one round trip; `lookup` answers for all
 * recipients of a tick at once. The presence behind it gives the contract's
 * guarantees; a failed round trip rejects with UnavailableError.
 */
export class IpcPresence implements Presence {
  constructor(private readonly call: (c: PresenceCall) => Promise<unknown>) {}

  private async send(c: PresenceCall): Promise<unknown> {
    try {
      return await this.call(c);
    } catch (err) {
      throw err instanceof ChatError ? err : new UnavailableError('presence', err);
    }
  }

  async add(userId: number, deviceId: string, addr: string): Promise<void> {
    await this.send({ op: 'presence_refresh', entries: [{ userId, deviceId, addr }] });
  }

  async refresh(entries: readonly { userId: number; deviceId: string; addr: string }[]): Promise<void> {
    if (entries.length) await this.send({ op: 'presence_refresh', entries: [...entries] });
  }

  async remove(userId: number, deviceId: string, addr: string): Promise<void> {
    await this.send({ op: 'presence_remove', userId, deviceId, addr });
  }

  async lookup(userIds: readonly number[]): Promise<Map<number, PresenceEntry[]>> {
    if (userIds.length === 0) return new Map();
    const pairs = (await this.send({ op: 'presence_lookup', users: [...userIds] })) as [number, PresenceEntry[]][];
    return new Map(pairs);
  }

  async markOnline(userId: number): Promise<boolean> {
    return (await this.send({ op: 'presence_mark_online', userId })) === true;
  }

  async markOffline(userId: number, quietSince: number): Promise<number | null> {
    return (await this.send({ op: 'presence_mark_offline', userId, quietSince })) as number | null;
  }

  async sweepExpired(limit: number): Promise<ExpiredUser[]> {
    return (await this.send({ op: 'presence_sweep', limit })) as ExpiredUser[];
  }

  async evict(addrs: readonly string[], before: number): Promise<ExpiredUser[]> {
    if (addrs.length === 0) return [];
    return (await this.send({ op: 'presence_evict', addrs: [...addrs], before })) as ExpiredUser[];
  }

  async status(userIds: readonly number[]): Promise<Map<number, UserStatus>> {
    if (userIds.length === 0) return new Map();
    return new Map((await this.send({ op: 'presence_status', users: [...userIds] })) as [number, UserStatus][]);
  }
}

/** Answers a PresenceCall from the presence this process holds (a JSON-able value). */
export async function servePresence(presence: Presence, c: PresenceCall): Promise<unknown> {
  switch (c.op) {
    case 'presence_refresh':
      await presence.refresh(c.entries);
      return null;
    case 'presence_remove':
      await presence.remove(c.userId, c.deviceId, c.addr);
      return null;
    case 'presence_lookup':
      return [...(await presence.lookup(c.users))];
    case 'presence_mark_online':
      return presence.markOnline(c.userId);
    case 'presence_mark_offline':
      return presence.markOffline(c.userId, c.quietSince);
    case 'presence_sweep':
      return presence.sweepExpired(c.limit);
    case 'presence_status':
      return [...(await presence.status(c.users))];
    case 'presence_evict':
      return presence.evict(c.addrs, c.before);
  }
}
