// AccountStore.searchUsers reads a range of the username index on both
// databases (the contract says: never a scan of all users). The plans are
// asked of the databases themselves, with enough rows that a scan would be a
// real choice for the planner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes, type Sequelize } from 'sequelize';
import { SEARCH_USERS_SQL, likePrefix } from '../../src/store/account-store-sequelize.js';
import { openDb } from '../../src/store/db.js';
import { openSqliteDb } from '../../src/store/db-sqlite.js';
import { createTestDb, createTestSqlite, type TestDb } from '../support/env.js';

const USERS = 2000;

async function fill(sql: Sequelize): Promise<void> {
  const rows = Array.from({ length: USERS }, (_, i) => `('user${i}', 'n', 'h')`).join(', ');
  await sql.query(`INSERT INTO users (username, nickname, password_hash) VALUES ${rows}, ('al_x', 'n', 'h'), ('AlIce', 'n', 'h')`);
}

const PREFIXES = ['user12', 'al_', 'AL', 'u%'];

describe('searchUsers query plan: MySQL/MariaDB', () => {
  let db: TestDb;
  let sql: Sequelize;
  beforeAll(async () => {
    db = await createTestDb();
    sql = openDb({ url: db.url, pool: 2 });
    await fill(sql);
    await sql.query('ANALYZE TABLE users');
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it.each(PREFIXES)('prefix %s: a range of uk_users_username, in index order (no filesort)', async (prefix) => {
    const plan = await sql.query<{ type: string; key: string | null; Extra: string | null }>(`EXPLAIN ${SEARCH_USERS_SQL}`, {
      replacements: [likePrefix(prefix), 20],
      type: QueryTypes.SELECT,
    });
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ type: 'range', key: 'uk_users_username' });
    expect(plan[0]!.Extra ?? '').not.toMatch(/filesort/i);
  });
});

describe('searchUsers query plan: SQLite', () => {
  let db: TestDb;
  let sql: Sequelize;
  beforeAll(async () => {
    db = await createTestSqlite();
    sql = openSqliteDb({ path: db.sqlitePath! });
    await fill(sql);
    await sql.query('ANALYZE');
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it.each(PREFIXES)('prefix %s: a SEARCH of uk_users_username by range, no sort', async (prefix) => {
    const plan = await sql.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${SEARCH_USERS_SQL}`, {
      replacements: [likePrefix(prefix), 20],
      type: QueryTypes.SELECT,
    });
    const details = plan.map((p) => p.detail);
    expect(details).toEqual(['SEARCH users USING INDEX uk_users_username (username>? AND username<?)']);
  });
});
