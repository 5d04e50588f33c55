// Sequelize models over the account tables of sql/001_init.sql (users,
// friends, `groups`, group_members). The schema is owned by the migrations:
// these models never sync(); they map only the columns the code reads or
// writes (created_at / joined_at keep their database defaults).
import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  id: CreationOptional<number>;
  username: string;
  nickname: string;
  passwordHash: string;
}

/** One direction of a friendship; a friendship is two rows. */
export interface FriendRow extends Model<InferAttributes<FriendRow>, InferCreationAttributes<FriendRow>> {
  userId: number;
  friendId: number;
}

export interface GroupRow extends Model<InferAttributes<GroupRow>, InferCreationAttributes<GroupRow>> {
  id: CreationOptional<number>;
  name: string;
  ownerId: number;
}

export interface GroupMemberRow extends Model<InferAttributes<GroupMemberRow>, InferCreationAttributes<GroupMemberRow>> {
  groupId: number;
  userId: number;
}

export interface AccountModels {
  User: ModelStatic<UserRow>;
  Friend: ModelStatic<FriendRow>;
  Group: ModelStatic<GroupRow>;
  GroupMember: ModelStatic<GroupMemberRow>;
}

/** Ids: BIGINT UNSIGNED in MySQL; SQLite (embedded engine) has no unsigned integers. */
function idType(sequelize: Sequelize) {
  return sequelize.getDialect() === 'sqlite' ? DataTypes.BIGINT : DataTypes.BIGINT.UNSIGNED;
}

// Models belong to one Sequelize instance; several stores over one instance
// share them.
const defined = new WeakMap<Sequelize, AccountModels>();

/** The account models on `sequelize`, defined on first use. */
export function accountModels(sequelize: Sequelize): AccountModels {
  const cached = defined.get(sequelize);
  if (cached) return cached;
  const opts = { timestamps: false, freezeTableName: true, underscored: true } as const;
  const ID = idType(sequelize);
  const models: AccountModels = {
    User: sequelize.define<UserRow>(
      'User',
      {
        id: { type: ID, primaryKey: true, autoIncrement: true },
        username: { type: DataTypes.STRING(32), allowNull: false },
        nickname: { type: DataTypes.STRING(64), allowNull: false },
        passwordHash: { type: DataTypes.STRING(255), allowNull: false, field: 'password_hash' },
      },
      { ...opts, tableName: 'users' },
    ),
    Friend: sequelize.define<FriendRow>(
      'Friend',
      {
        userId: { type: ID, primaryKey: true, field: 'user_id' },
        friendId: { type: ID, primaryKey: true, field: 'friend_id' },
      },
      { ...opts, tableName: 'friends' },
    ),
    // `groups` is a reserved word in MariaDB (and a keyword in SQLite);
    // sequelize quotes every identifier with backticks.
    Group: sequelize.define<GroupRow>(
      'Group',
      {
        id: { type: ID, primaryKey: true, autoIncrement: true },
        name: { type: DataTypes.STRING(64), allowNull: false },
        ownerId: { type: ID, allowNull: false, field: 'owner_id' },
      },
      { ...opts, tableName: 'groups' },
    ),
    GroupMember: sequelize.define<GroupMemberRow>(
      'GroupMember',
      {
        groupId: { type: ID, primaryKey: true, field: 'group_id' },
        userId: { type: ID, primaryKey: true, field: 'user_id' },
      },
      { ...opts, tableName: 'group_members' },
    ),
  };
  defined.set(sequelize, models);
  return models;
}
