// MsgIdBlockStore over SQLite (row id_blocks.name = 'msg_id'), for the
// embedded engine.
import type { Sequelize } from 'sequelize';
import { DEFAULT_BUSY_ATTEMPTS, sqliteTransaction } from './db-sqlite.js';
import { checkBlockSize, takeIdBlock } from './msg-id-blocks-sql.js';
import type { MsgIdBlockStore } from './msg-id-blocks.js';

export class SqliteMsgIdBlocks implements MsgIdBlockStore {
  /** `db`: the handle shared with the engine's other stores. */
  constructor(
    private readonly db: Sequelize,
    private readonly busyAttempts = DEFAULT_BUSY_ATTEMPTS,
  ) {}

  async reserveMsgIds(count: number): Promise<number> {
    checkBlockSize(count);
    // One BEGIN IMMEDIATE transaction: the file's write lock serialises every reservation, in every process.
    return sqliteTransaction(this.db, (t) => takeIdBlock(this.db, t, count, ''), this.busyAttempts);
  }
}
