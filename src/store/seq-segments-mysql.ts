// SeqSegmentStore over MySQL/MariaDB (table user_seq), for RedisSeqAllocator.
import type { Sequelize } from 'sequelize';
import type { SeqSegmentStore } from '../seq/seq-segments.js';
import { DEFAULT_DEADLOCK_ATTEMPTS, mysqlTransaction } from './db.js';
import { positiveInt, repeat } from './persist-rows.js';
import { raiseSegments, segmentUsers } from './seq-segments-sql.js';

/** Users per multi-row upsert / IN list. */
export const DEFAULT_SEGMENT_CHUNK_ROWS = 1000;

export interface MysqlSeqSegmentsOptions {
  chunkRows?: number;
  deadlockAttempts?: number;
}

export class MysqlSeqSegments implements SeqSegmentStore {
  private readonly chunkRows: number;
  private readonly deadlockAttempts: number;

  /** `db`: the handle shared with the engine's other stores. */
  constructor(
    private readonly db: Sequelize,
    opts: MysqlSeqSegmentsOptions = {},
  ) {
    this.chunkRows = positiveInt('MysqlSeqSegments', 'chunkRows', opts.chunkRows ?? DEFAULT_SEGMENT_CHUNK_ROWS);
    this.deadlockAttempts = positiveInt('MysqlSeqSegments', 'deadlockAttempts', opts.deadlockAttempts ?? DEFAULT_DEADLOCK_ATTEMPTS);
  }

  async reserveSegments(userIds: readonly number[], step: number): Promise<Map<number, number>> {
    const ids = segmentUsers(userIds, step);
    if (ids.length === 0) return new Map();
    // The upsert leaves the rows X-locked until commit.
    const upsert = (rows: number) => `INSERT INTO user_seq (user_id, max_seq) VALUES ${repeat('(?, ?)', rows)} ON DUPLICATE KEY UPDATE max_seq = max_seq + VALUES(max_seq)`;
    return mysqlTransaction(this.db, (t) => raiseSegments(this.db, t, ids, step, this.chunkRows, upsert), this.deadlockAttempts);
  }
}
