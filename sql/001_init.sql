-- GoChat schema, version 1. Applied once by src/store/migrate.ts (recorded in
-- schema_migrations). Ids stay below 2^53 so JavaScript clients read them exactly.

CREATE TABLE users (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  username      VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  nickname      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per direction: a friendship is two rows.
CREATE TABLE friends (
  user_id    BIGINT UNSIGNED NOT NULL,
  friend_id  BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id, friend_id)
) ENGINE=InnoDB;

CREATE TABLE `groups` (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name       VARCHAR(64) NOT NULL,
  owner_id   BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE group_members (
  group_id  BIGINT UNSIGNED NOT NULL,
  user_id   BIGINT UNSIGNED NOT NULL,
  joined_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (group_id, user_id),
  KEY idx_group_members_user (user_id)
) ENGINE=InnoDB;

-- A message body, stored once. (sender_id, device_id, client_id) is unique: it
-- is the uplink dedup key, recovered from here when Redis lost it.
CREATE TABLE messages (
  msg_id       BIGINT UNSIGNED NOT NULL,
  sender_id    BIGINT UNSIGNED NOT NULL,
  device_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  client_id    BIGINT UNSIGNED NOT NULL,
  session_type TINYINT UNSIGNED NOT NULL,
  receiver_id  BIGINT UNSIGNED NOT NULL,
  message_type TINYINT UNSIGNED NOT NULL,
  content      MEDIUMBLOB NOT NULL,
  send_time    BIGINT NOT NULL,
  sender_seq   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (msg_id),
  UNIQUE KEY uk_messages_uplink (sender_id, device_id, client_id)
) ENGINE=InnoDB;

-- One row per recipient (write diffusion). msg_id 0 is a tombstone: the seq
-- was allocated but abandoned; sync skips it. created_at is the database's
-- clock at insert: the sync gap hold-back measures gap age with it.
CREATE TABLE inbox (
  user_id    BIGINT UNSIGNED NOT NULL,
  seq        BIGINT UNSIGNED NOT NULL,
  msg_id     BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id, seq)
) ENGINE=InnoDB;

-- Durable high-water mark of each user's seq allocator: no seq above max_seq
-- is ever handed out, so after losing Redis the counter restarts from here.
CREATE TABLE user_seq (
  user_id BIGINT UNSIGNED NOT NULL,
  max_seq BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;

-- Durable id blocks (msg_id): next_id is the first id not yet handed out.
CREATE TABLE id_blocks (
  name    VARCHAR(32) NOT NULL,
  next_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;

INSERT INTO id_blocks (name, next_id) VALUES ('msg_id', 1);
