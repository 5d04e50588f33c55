// SeqSegmentStore (and SeqSegmentRelease) over SQLite (table user_seq), for
// the embedded engine's MemorySeqAllocator. Every call is one BEGIN
// IMMEDIATE transaction: it holds the file's write lock throughout, so what
// it reads is what it wrote.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { SeqSegmentRelease, SeqSegmentStore } from '../seq/seq-segments.js';
import { DEFAULT_BUSY_ATTEMPTS, sqliteTransaction } from './db-sqlite.js';
import { checkId, chunks, positiveInt, repeat } from './persist-rows.js';
import { raiseSegments, segmentUsers } from './seq-segments-sql.js';

/** Users per multi-row upsert / IN list. */
export const DEFAULT_SEGMENT_CHUNK_ROWS = 500;

export interface SqliteSeqSegmentsOptions {
  chunkRows?: number;
  busyAttempts?: number;
}

export class SqliteSeqSegments implements SeqSegmentStore, SeqSegmentRelease {
  private readonly chunkRows: number;
  private readonly busyAttempts: number;

  /** `db`: the handle shared with the engine's other stores. */
  constructor(
    private readonly db: Sequelize,
    opts: SqliteSeqSegmentsOptions = {},
  ) {
    this.chunkRows = positiveInt('SqliteSeqSegments', 'chunkRows', opts.chunkRows ?? DEFAULT_SEGMENT_CHUNK_ROWS);
    this.busyAttempts = positiveInt('SqliteSeqSegments', 'busyAttempts', opts.busyAttempts ?? DEFAULT_BUSY_ATTEMPTS);
  }

  async reserveSegments(userIds: readonly number[], step: number): Promise<Map<number, number>> {
    const ids = segmentUsers(userIds, step);
    if (ids.length === 0) return new Map();
    const upsert = (rows: number) => `INSERT INTO user_seq (user_id, max_seq) VALUES ${repeat('(?, ?)', rows)} ON CONFLICT (user_id) DO UPDATE SET max_seq = max_seq + excluded.max_seq`;
    return sqliteTransaction(this.db, (t) => raiseSegments(this.db, t, ids, step, this.chunkRows, upsert), this.busyAttempts);
  }

  async releaseSegments(rows: readonly { userId: number; reserved: number; last: number }[]): Promise<number> {
    for (const r of rows) {
      checkId(r.userId);
      checkId(r.reserved);
      checkId(r.last);
      if (r.last > r.reserved) throw new RangeError(`releaseSegments: last ${r.last} above reserved ${r.reserved}`);
    }
    if (rows.length === 0) return 0;
    return sqliteTransaction(
      this.db,
      async (t) => {
        let changed = 0;
        for (const chunk of chunks(rows, this.chunkRows)) {
          const values: number[] = [];
          for (const r of chunk) values.push(r.userId, r.reserved, r.last);
          // Only where the durable mark is still this allocator's last reservation.
          changed += await this.db.query(
            `WITH r (user_id, reserved, last) AS (VALUES ${repeat('(?, ?, ?)', chunk.length)})
             UPDATE user_seq SET max_seq = (SELECT r.last FROM r WHERE r.user_id = user_seq.user_id)
              WHERE user_id IN (SELECT user_id FROM r)
                AND max_seq = (SELECT r.reserved FROM r WHERE r.user_id = user_seq.user_id)`,
            // BULKUPDATE: run as a write, answering the number of rows changed
            { replacements: values, transaction: t, type: QueryTypes.BULKUPDATE },
          );
        }
        return changed;
      },
      this.busyAttempts,
    );
  }
}
