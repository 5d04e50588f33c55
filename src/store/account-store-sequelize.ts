// AccountStore over MySQL/MariaDB through sequelize (contract in account-store.ts).
import { Op, QueryTypes, Transaction, UniqueConstraintError, type Sequelize } from 'sequelize';
import { AccountError, type AccountStore, type GroupRecord, type UserRecord } from './account-store.js';
import { accountModels, type AccountModels, type UserRow } from './models.js';

/** Ids per IN list / multi-row INSERT: keeps statements well under max_allowed_packet. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isId(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

/** Distinct ids, ascending. */
function uniqueSorted(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function toUser(row: UserRow): UserRecord {
  return { userId: Number(row.id), username: row.username, nickname: row.nickname };
}

/** The escape character of searchUsers' LIKE pattern: not a username character, ASCII (SQLite's LIKE optimisation needs that). */
const LIKE_ESCAPE = '!';

/** `prefix` as a LIKE pattern that matches it literally, then anything. */
export function likePrefix(prefix: string): string {
  return prefix.replace(/[!%_]/g, (c) => LIKE_ESCAPE + c) + '%';
}

/** searchUsers' statement; replacements: likePrefix(prefix), limit. Exported for the query-plan test. */
export const SEARCH_USERS_SQL = `SELECT id, username, nickname FROM users WHERE username LIKE ? ESCAPE '${LIKE_ESCAPE}' ORDER BY username LIMIT ?`;

function notFound(missing: readonly number[]): AccountError {
  const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', …' : '');
  return new AccountError('user_not_found', missing.length === 1 ? `user ${shown} not found` : `users ${shown} not found`);
}

export class SequelizeAccountStore implements AccountStore {
  private readonly m: AccountModels;

  constructor(private readonly db: Sequelize) {
    this.m = accountModels(db);
  }

  // READ COMMITTED: after a transaction locks a group row, its plain reads see
  // everything committed by the previous holder of that lock.
  private tx<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, fn);
  }

  async createUser(username: string, nickname: string, passwordHash: string): Promise<UserRecord> {
    try {
      const row = await this.tx((transaction) => this.m.User.create({ username, nickname, passwordHash }, { transaction }));
      return toUser(row);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw new AccountError('username_taken', `username ${username} is taken`);
      throw err;
    }
  }

  async findByUsername(username: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const row = await this.m.User.findOne({ where: { username } });
    return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
  }

  async getUser(userId: number): Promise<UserRecord | null> {
    if (!isId(userId)) return null;
    const row = await this.m.User.findByPk(userId);
    return row ? toUser(row) : null;
  }

  // A LIKE with a literal head is a range read of uk_users_username on both
  // databases, and the index is already case-insensitive (MySQL
  // utf8mb4_unicode_ci, SQLite NOCASE, sql/001_init.sql): the pattern takes
  // the column's collation, so no LOWER() that would defeat the index. The
  // rows come in index order, so ORDER BY … LIMIT stops after `limit` rows.
  async searchUsers(prefix: string, limit: number): Promise<UserRecord[]> {
    if (!Number.isSafeInteger(limit) || limit <= 0) throw new RangeError(`searchUsers: limit must be a positive integer, got ${limit}`);
    return this.selectUsers(SEARCH_USERS_SQL, [likePrefix(prefix), limit]);
  }

  /** The users a SELECT of (id, username, nickname) answers, in its order. */
  private async selectUsers(sql: string, replacements: unknown[]): Promise<UserRecord[]> {
    const rows = await this.db.query<{ id: number | string; username: string; nickname: string }>(sql, { replacements, type: QueryTypes.SELECT });
    return rows.map((r) => ({ userId: Number(r.id), username: r.username, nickname: r.nickname }));
  }

  existingUsers(userIds: readonly number[]): Promise<Set<number>> {
    return this.existing(userIds);
  }

  private async existing(userIds: readonly number[], transaction?: Transaction): Promise<Set<number>> {
    const found = new Set<number>();
    for (const chunk of chunks(uniqueSorted(userIds.filter(isId)))) {
      const rows = await this.m.User.findAll({ attributes: ['id'], where: { id: { [Op.in]: chunk } }, transaction });
      for (const r of rows) found.add(Number(r.id));
    }
    return found;
  }

  /** Throws user_not_found naming the ids among `ids` that do not exist. */
  private async requireUsers(ids: readonly number[], transaction: Transaction): Promise<void> {
    const found = await this.existing(ids, transaction);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound(missing);
  }

  async addFriend(userId: number, friendId: number): Promise<void> {
    if (userId === friendId) throw new Error('addFriend: a user cannot befriend itself');
    await this.tx(async (transaction) => {
      await this.requireUsers([userId, friendId], transaction);
      // Both rows in one statement, always in the same order, so two
      // concurrent requests (a→b, b→a) cannot deadlock: the second one waits,
      // then hits the duplicate key.
      const [lo, hi] = userId < friendId ? [userId, friendId] : [friendId, userId];
      try {
        await this.m.Friend.bulkCreate(
          [
            { userId: lo, friendId: hi },
            { userId: hi, friendId: lo },
          ],
          { transaction },
        );
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new AccountError('already_friends', `users ${userId} and ${friendId} are already friends`);
        throw err;
      }
    });
  }

  async listFriends(userId: number): Promise<UserRecord[]> {
    return this.selectUsers('SELECT u.id, u.username, u.nickname FROM friends f JOIN users u ON u.id = f.friend_id WHERE f.user_id = ? ORDER BY u.id', [userId]);
  }

  async createGroup(ownerId: number, name: string, memberIds: readonly number[], maxMembers: number): Promise<GroupRecord> {
    const ids = uniqueSorted([ownerId, ...memberIds]);
    if (ids.length > maxMembers) throw new AccountError('group_full', `a group has at most ${maxMembers} members, got ${ids.length}`);
    return this.tx(async (transaction) => {
      await this.requireUsers(ids, transaction);
      const group = await this.m.Group.create({ name, ownerId }, { transaction });
      const groupId = Number(group.id);
      for (const chunk of chunks(ids)) {
        await this.m.GroupMember.bulkCreate(
          chunk.map((userId) => ({ groupId, userId })),
          { transaction },
        );
      }
      return { groupId, name, ownerId, memberIds: ids };
    });
  }

  async getGroup(groupId: number): Promise<GroupRecord | null> {
    if (!isId(groupId)) return null;
    // Two plain reads: a group row never changes once written, and the
    // member list is one statement, so the answer is a consistent state.
    const group = await this.m.Group.findByPk(groupId);
    if (!group) return null;
    const memberIds = await this.memberIds(groupId);
    return { groupId, name: group.name, ownerId: Number(group.ownerId), memberIds };
  }

  private async memberIds(groupId: number, transaction?: Transaction): Promise<number[]> {
    const rows = await this.m.GroupMember.findAll({ attributes: ['userId'], where: { groupId }, order: [['userId', 'ASC']], transaction });
    return rows.map((r) => Number(r.userId));
  }

  /** Locks the group row for the rest of the transaction: membership changes of one group are serialised. */
  private async lockGroup(groupId: number, transaction: Transaction): Promise<void> {
    const group = isId(groupId) ? await this.m.Group.findByPk(groupId, { attributes: ['id'], lock: transaction.LOCK.UPDATE, transaction }) : null;
    if (!group) throw new AccountError('group_not_found', `group ${groupId} not found`);
  }

  async addMembers(groupId: number, userIds: readonly number[], maxMembers: number): Promise<number[]> {
    return this.tx(async (transaction) => {
      await this.lockGroup(groupId, transaction);
      const wanted = uniqueSorted(userIds);
      await this.requireUsers(wanted, transaction);
      const current = await this.memberIds(groupId, transaction);
      const present = new Set(current);
      const added = wanted.filter((id) => !present.has(id));
      if (current.length + added.length > maxMembers) {
        throw new AccountError('group_full', `a group has at most ${maxMembers} members, it would have ${current.length + added.length}`);
      }
      for (const chunk of chunks(added)) {
        await this.m.GroupMember.bulkCreate(
          chunk.map((userId) => ({ groupId, userId })),
          { transaction },
        );
      }
      return uniqueSorted([...current, ...added]);
    });
  }

  async removeMember(groupId: number, userId: number): Promise<void> {
    await this.tx(async (transaction) => {
      await this.lockGroup(groupId, transaction);
      const removed = await this.m.GroupMember.destroy({ where: { groupId, userId }, transaction });
      if (removed === 0) throw new AccountError('not_member', `user ${userId} is not a member of group ${groupId}`);
    });
  }

  /** The Sequelize instance is the caller's: it closes it. */
  async close(): Promise<void> {}
}
