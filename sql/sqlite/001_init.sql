-- GoChat schema for the embedded engine (SQLite), version 1: the same tables,
-- keys and meaning as sql/001_init.sql (MySQL). Applied once by
-- src/store/migrate-sqlite.ts (recorded in schema_migrations), in one
-- transaction. Ids stay below 2^53 so JavaScript clients read them exactly.
-- Times (created_at …) are ms since the epoch by the database's clock.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  -- case-insensitive uniqueness, like utf8mb4_unicode_ci (NOCASE folds ASCII only;
  -- usernames are ASCII, see src/http/schemas.ts)
  username      TEXT    NOT NULL COLLATE NOCASE,
  nickname      TEXT    NOT NULL,
  password_hash TEXT    NOT NULL,
  created_at    INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
);
CREATE UNIQUE INDEX uk_users_username ON users (username);

-- One row per direction: a friendship is two rows.
CREATE TABLE friends (
  user_id    INTEGER NOT NULL,
  friend_id  INTEGER NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)),
  PRIMARY KEY (user_id, friend_id)
) WITHOUT ROWID;

CREATE TABLE "groups" (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL,
  owner_id   INTEGER NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
);

CREATE TABLE group_members (
  group_id  INTEGER NOT NULL,
  user_id   INTEGER NOT NULL,
  joined_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)),
  PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX idx_group_members_user ON group_members (user_id);

-- A message body, stored once. (sender_id, device_id, client_id) is unique: it
-- is the uplink dedup key, recovered from here after a restart.
CREATE TABLE messages (
  msg_id       INTEGER PRIMARY KEY,
  sender_id    INTEGER NOT NULL,
  device_id    TEXT    NOT NULL,
  client_id    INTEGER NOT NULL,
  session_type INTEGER NOT NULL,
  receiver_id  INTEGER NOT NULL,
  message_type INTEGER NOT NULL,
  content      BLOB    NOT NULL,
  send_time    INTEGER NOT NULL,
  sender_seq   INTEGER NOT NULL
);
CREATE UNIQUE INDEX uk_messages_uplink ON messages (sender_id, device_id, client_id);

-- One row per recipient (write diffusion), clustered by (user_id, seq) like
-- InnoDB's primary key, so a sync reads one range. msg_id 0 is a tombstone:
-- the seq was allocated but abandoned; sync skips it. created_at is the
-- database's clock at insert: the sync gap hold-back measures gap age with it.
CREATE TABLE inbox (
  user_id    INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  msg_id     INTEGER NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)),
  PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;

-- Durable high-water mark of each user's seq allocator: no seq above max_seq
-- is ever handed out, so after a restart the counter resumes from here.
CREATE TABLE user_seq (
  user_id INTEGER PRIMARY KEY,
  max_seq INTEGER NOT NULL
);

-- Durable id blocks (msg_id): next_id is the first id not yet handed out.
CREATE TABLE id_blocks (
  name    TEXT    PRIMARY KEY,
  next_id INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO id_blocks (name, next_id) VALUES ('msg_id', 1);
