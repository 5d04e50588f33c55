// Accounts, friends and groups (the HTTP API's data, DESIGN.md §7).

export interface UserRecord {
  userId: number;
  username: string;
  nickname: string;
}

export interface GroupRecord {
  groupId: number;
  name: string;
  ownerId: number;
  /** ascending */
  memberIds: number[];
}

/** A stable machine code for account-store failures the API maps to 4xx. */
export type AccountErrorCode =
  | 'username_taken'
  | 'user_not_found'
  | 'group_not_found'
  | 'already_friends'
  | 'not_member'
  | 'group_full';

export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Guarantees: every method is atomic (one transaction): on any error nothing
 * it would have written is left behind. Ids are below 2^53.
 */
export interface AccountStore {
  /** Throws AccountError('username_taken'). */
  createUser(username: string, nickname: string, passwordHash: string): Promise<UserRecord>;
  findByUsername(username: string): Promise<(UserRecord & { passwordHash: string }) | null>;
  getUser(userId: number): Promise<UserRecord | null>;
  /**
   * At most `limit` users (a positive integer) whose username starts with
   * `prefix`, compared case-insensitively like usernames' uniqueness (ASCII
   * letters fold). `%`, `_` and every other character match only themselves,
   * never as wildcards. Ordered by username ascending in the column's
   * case-insensitive collation (letters after digits on every database; the
   * relative order of `_`, `.`, `-` and digits follows the database). A range
   * read of the username index: never a scan of all users. An empty prefix
   * matches everyone; callers that must not list everyone check the length.
   */
  searchUsers(prefix: string, limit: number): Promise<UserRecord[]>;
  /** The ids among `userIds` that exist. */
  existingUsers(userIds: readonly number[]): Promise<Set<number>>;
  /** Adds the friendship in both directions. Throws user_not_found, already_friends. */
  addFriend(userId: number, friendId: number): Promise<void>;
  listFriends(userId: number): Promise<UserRecord[]>;
  /** Creates the group with the owner and members. Throws user_not_found, group_full. */
  createGroup(ownerId: number, name: string, memberIds: readonly number[], maxMembers: number): Promise<GroupRecord>;
  getGroup(groupId: number): Promise<GroupRecord | null>;
  /** Adds members (existing members ignored); returns all member ids. Throws group_not_found, user_not_found, group_full. */
  addMembers(groupId: number, userIds: readonly number[], maxMembers: number): Promise<number[]>;
  /** Throws group_not_found, not_member. */
  removeMember(groupId: number, userId: number): Promise<void>;
  close(): Promise<void>;
}
