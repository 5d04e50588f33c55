import type { AccountStore } from '../store/account-store.js';
import type { Directory } from './directory.js';

/** Known users remembered per process (then the set stops growing and lookups go to the store). */
const MAX_KNOWN_USERS = 1_000_000;

/**
 * The embedded engine's directory: member lists are read from the account
 * store at every lookup (a local SQLite read, one per group per tick), so a
 * change committed by any process is seen by the next message with no
 * invalidation to pass between processes. User existence is remembered in
 * process once positive: users are never deleted.
 */
export class ReadThroughDirectory implements Directory {
  private readonly knownUsers = new Set<number>();

  constructor(private readonly accounts: AccountStore) {}

  async existingUsers(userIds: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    const missing: number[] = [];
    for (const u of userIds) {
      if (this.knownUsers.has(u)) out.add(u);
      else missing.push(u);
    }
    if (missing.length) {
      for (const u of await this.accounts.existingUsers(missing)) {
        out.add(u);
        if (this.knownUsers.size < MAX_KNOWN_USERS) this.knownUsers.add(u);
      }
    }
    return out;
  }

  async groupMembers(groupId: number): Promise<readonly number[] | null> {
    const g = await this.accounts.getGroup(groupId);
    return g ? g.memberIds : null;
  }

  /** Nothing is cached: the next lookup reads the store. */
  async invalidateGroup(_groupId: number): Promise<void> {}
}
