// ConversationStore over SQLite (table conversations,
// sql/sqlite/006_conversations.sql), on the engine's database handle. Every
// write is one BEGIN IMMEDIATE transaction: it holds the file's write lock,
// so no row lock is needed.
import type { Sequelize } from 'sequelize';
import { SqlConversationStore } from './conversation-store-sql.js';
import { DEFAULT_BUSY_ATTEMPTS, sqliteTransaction } from './db-sqlite.js';

export class SqliteConversationStore extends SqlConversationStore {
  constructor(db: Sequelize, busyAttempts = DEFAULT_BUSY_ATTEMPTS) {
    super(db, {
      transaction: (fn) => sqliteTransaction(db, fn, busyAttempts),
      ensureRow: 'INSERT OR IGNORE INTO conversations (user_id, session_type, peer_id) VALUES (?, ?, ?)',
      innerFirst: 'CROSS JOIN',
      forUpdate: '',
      raisePeerRead:
        'INSERT INTO conversations (user_id, session_type, peer_id, peer_read_seq) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, session_type, peer_id) DO UPDATE SET peer_read_seq = MAX(peer_read_seq, excluded.peer_read_seq)',
      // joined_at is ms since the epoch already.
      joinedAtMs: 'gm.joined_at',
    });
  }
}
