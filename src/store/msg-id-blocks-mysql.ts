// MsgIdBlockStore over MySQL/MariaDB (row id_blocks.name = 'msg_id').
import type { Sequelize } from 'sequelize';
import { DEFAULT_DEADLOCK_ATTEMPTS, mysqlTransaction } from './db.js';
import { checkBlockSize, takeIdBlock } from './msg-id-blocks-sql.js';
import type { MsgIdBlockStore } from './msg-id-blocks.js';

export class MysqlMsgIdBlocks implements MsgIdBlockStore {
  /** `db`: the handle shared with the engine's other stores. */
  constructor(
    private readonly db: Sequelize,
    private readonly deadlockAttempts = DEFAULT_DEADLOCK_ATTEMPTS,
  ) {}

  async reserveMsgIds(count: number): Promise<number> {
    checkBlockSize(count);
    // The row lock (FOR UPDATE) serialises every reservation, in every process.
    return mysqlTransaction(this.db, (t) => takeIdBlock(this.db, t, count, ' FOR UPDATE'), this.deadlockAttempts);
  }
}
