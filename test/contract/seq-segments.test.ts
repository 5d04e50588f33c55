// SeqSegmentStore contract against MysqlSeqSegments (the real MariaDB) and
// SqliteSeqSegments (a real SQLite file), one fresh database per test; plus
// releaseSegments, which only the SQLite store has.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteSeqSegments } from '../../src/store/seq-segments-sqlite.js';
import { MysqlSeqSegments } from '../../src/store/seq-segments-mysql.js';
import { mysqlTestDb, sqliteTestDb, type SqlTestDb } from '../support/sql-test-db.js';
import { seqSegmentsContract } from './seq-segments.suite.js';

seqSegmentsContract('mysql', async () => {
  const t = await mysqlTestDb();
  return [{ segments: new MysqlSeqSegments(t.sql), second: () => new MysqlSeqSegments(t.open(4)) }, t.close];
});

seqSegmentsContract('sqlite', async () => {
  const t = await sqliteTestDb();
  return [{ segments: new SqliteSeqSegments(t.sql), second: () => new SqliteSeqSegments(t.open()) }, t.close];
});

describe('SqliteSeqSegments.releaseSegments', () => {
  let t: SqlTestDb;
  beforeEach(async () => {
    t = await sqliteTestDb();
  });
  afterEach(async () => {
    await t.close();
  });

  it('lowers a user’s mark to `last` only while it is still the `reserved` one; a later reservation starts above `last`', async () => {
    const s = new SqliteSeqSegments(t.sql);
    await s.reserveSegments([1, 2], 100);
    await s.reserveSegments([2], 100); // 2 moved on: its mark is 200, not 100
    expect(await s.releaseSegments([{ userId: 1, reserved: 100, last: 37 }, { userId: 2, reserved: 100, last: 50 }])).toBe(1);
    expect(Object.fromEntries(await new SqliteSeqSegments(t.open()).reserveSegments([1, 2], 10))).toEqual({ 1: 47, 2: 210 });
    expect(await s.releaseSegments([])).toBe(0);
    await expect(s.releaseSegments([{ userId: 1, reserved: 10, last: 11 }])).rejects.toThrow(RangeError);
  });
});
