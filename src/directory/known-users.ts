// User existence remembered in process once positive (users are never
// deleted), read from the account store otherwise: both directories use it.
import type { AccountStore } from '../store/account-store.js';

/** Remembered users at most; past it lookups go to the store. */
const MAX_KNOWN_USERS = 1_000_000;

export class KnownUsers {
  private readonly known = new Set<number>();

  constructor(private readonly accounts: AccountStore) {}

  /** Which of these users exist: one store read for those not remembered yet. */
  async existing(userIds: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    const missing: number[] = [];
    for (const u of userIds) {
      if (this.known.has(u)) out.add(u);
      else missing.push(u);
    }
    if (missing.length) {
      for (const u of await this.accounts.existingUsers(missing)) {
        out.add(u);
        if (this.known.size < MAX_KNOWN_USERS) this.known.add(u);
      }
    }
    return out;
  }
}
