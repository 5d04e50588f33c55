import type { AccountStore } from '../store/account-store.js';
import type { Directory } from './directory.js';
import { KnownUsers } from './known-users.js';

/**
 * The embedded engine's directory: member lists are read from the account
 * store at every lookup (a local SQLite read, one per group per tick), so a
 * change committed by any process is seen by the next message with no
 * invalidation to pass between processes. User existence is remembered in
 * process once positive: users are never deleted.
 */
export class ReadThroughDirectory implements Directory {
  private readonly knownUsers: KnownUsers;

  constructor(private readonly accounts: AccountStore) {
    this.knownUsers = new KnownUsers(accounts);
  }

  existingUsers(userIds: readonly number[]): Promise<Set<number>> {
    return this.knownUsers.existing(userIds);
  }

  async groupMembers(groupId: number): Promise<readonly number[] | null> {
    const g = await this.accounts.getGroup(groupId);
    return g ? g.memberIds : null;
  }

  /** Nothing is cached: the next lookup reads the store. */
  async invalidateGroup(_groupId: number): Promise<void> {}
}
