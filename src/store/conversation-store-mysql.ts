// ConversationStore over MySQL/MariaDB (table conversations,
// sql/006_conversations.sql), on the engine's database handle.
import type { Sequelize } from 'sequelize';
import { SqlConversationStore } from './conversation-store-sql.js';
import { DEFAULT_DEADLOCK_ATTEMPTS, mysqlTransaction } from './db.js';

export class MysqlConversationStore extends SqlConversationStore {
  constructor(db: Sequelize, deadlockAttempts = DEFAULT_DEADLOCK_ATTEMPTS) {
    super(db, {
      transaction: (fn) => mysqlTransaction(db, fn, deadlockAttempts),
      // An upsert that changes nothing still takes the row's X lock.
      ensureRow: 'INSERT INTO conversations (user_id, session_type, peer_id) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE read_seq = read_seq',
      innerFirst: 'STRAIGHT_JOIN',
      forUpdate: ' FOR UPDATE',
      raisePeerRead:
        'INSERT INTO conversations (user_id, session_type, peer_id, peer_read_seq) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE peer_read_seq = GREATEST(peer_read_seq, VALUES(peer_read_seq))',
      // joined_at is DATETIME(3) in the session time zone, UTC (db.ts).
      joinedAtMs: 'UNIX_TIMESTAMP(gm.joined_at) * 1000',
    });
  }
}
