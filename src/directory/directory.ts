// What the chat logic needs to know about users and groups to validate a
// message (DESIGN.md §2.2), behind a cache.

/**
 * Guarantees: answers reflect the account store as of at most the last
 * invalidation; `invalidateGroup` makes every process see the change on its
 * next lookup (membership changes are visible to the next message).
 */
export interface Directory {
  /** The ids among `userIds` that exist. */
  existingUsers(userIds: readonly number[]): Promise<Set<number>>;
  /** The group's member ids, or null if there is no such group. */
  groupMembers(groupId: number): Promise<readonly number[] | null>;
  invalidateGroup(groupId: number): Promise<void>;
}
