// A fresh MySQL or SQLite database for the store contract suites, with
// every handle opened on it closed and the database dropped at the end.
import type { Sequelize } from 'sequelize';
import { openDb } from '../../src/store/db.js';
import { openSqliteDb } from '../../src/store/db-sqlite.js';
import { createTestDb, createTestSqlite, type TestDb } from './env.js';

export interface SqlTestDb {
  db: TestDb;
  /** the first handle */
  sql: Sequelize;
  /** another handle on the database: a MySQL pool of `n` connections, or SQLite connections waiting `n` ms for the write lock */
  open(n?: number): Sequelize;
  /** rows of a table matching a WHERE clause */
  count(table: string, where?: string): Promise<number>;
  /** closes every handle and drops the database */
  close(): Promise<void>;
}

async function sqlTestDb(db: TestDb, openHandle: (n?: number) => Sequelize, first: number | undefined): Promise<SqlTestDb> {
  const opened: Sequelize[] = [];
  const open = (n?: number) => {
    const s = openHandle(n);
    opened.push(s);
    return s;
  };
  const sql = open(first);
  return {
    db,
    sql,
    open,
    async count(table, where = '1=1') {
      const [rows] = await sql.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`);
      return Number((rows as { n: number }[])[0]!.n);
    },
    async close() {
      for (const s of opened.splice(0)) await s.close();
      await db.drop();
    },
  };
}

export async function mysqlTestDb(): Promise<SqlTestDb> {
  const db = await createTestDb();
  return sqlTestDb(db, (pool = 5) => openDb({ url: db.url, pool }), 8);
}

export async function sqliteTestDb(): Promise<SqlTestDb> {
  const db = await createTestSqlite();
  return sqlTestDb(db, (busyTimeoutMs) => openSqliteDb({ path: db.sqlitePath!, busyTimeoutMs }), undefined);
}
