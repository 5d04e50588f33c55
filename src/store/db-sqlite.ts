// A sequelize instance over one SQLite file (the embedded engine). Several
// processes of a node (primary and workers) open the same file: WAL lets
// readers run beside the single writer, every write transaction starts with
// BEGIN IMMEDIATE (it takes the write lock up front, so it never fails half
// way on a lock upgrade), and each connection waits for the lock up to
// `busyTimeoutMs` instead of failing at once.
//
// The driver is `sqlite3` (node-sqlite3), the module sequelize's sqlite
// dialect is written against. Its statements run on libuv's thread pool, so a
// statement waiting for another process's write lock does not stall the event
// loop (a synchronous driver would freeze every connection of the worker for
// as long as it waits).
import { createRequire } from 'node:module';
import { Sequelize, Transaction } from 'sequelize';

/** How long a statement waits for another connection's write lock before failing (SQLITE_BUSY). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface SqliteDbOptions {
  /** the database file; its directory is created if missing */
  path: string;
  busyTimeoutMs?: number;
}

interface Sqlite3Database {
  configure(option: 'busyTimeout', ms: number): void;
}
type Sqlite3Module = { Database: new (file: string, mode?: number, cb?: (err: Error | null) => void) => Sqlite3Database } & Record<string, unknown>;

const require = createRequire(import.meta.url);

/** The sqlite3 module, or a clear error naming the package when it is not installed. */
export function loadSqlite3(): Sqlite3Module {
  try {
    return require('sqlite3') as Sqlite3Module;
  } catch (err) {
    throw new Error('the embedded engine needs the npm package sqlite3 (npm install): ' + (err as Error).message, { cause: err });
  }
}

/**
 * sqlite3 with every connection set to wait `ms` for locks. sequelize opens a
 * connection per transaction and offers no per-connection hook for the sqlite
 * dialect, so the setting goes into the Database constructor it calls.
 */
function withBusyTimeout(lib: Sqlite3Module, ms: number): Sqlite3Module {
  const Base = lib.Database;
  class Database extends Base {
    constructor(file: string, mode?: number, cb?: (err: Error | null) => void) {
      super(file, mode, cb);
      this.configure('busyTimeout', ms);
    }
  }
  return Object.assign(Object.create(lib) as Sqlite3Module, { Database });
}

export function openSqliteDb(opts: SqliteDbOptions): Sequelize {
  const db = new Sequelize({
    dialect: 'sqlite',
    storage: opts.path,
    dialectModule: withBusyTimeout(loadSqlite3(), opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS),
    logging: false,
    benchmark: false,
    transactionType: Transaction.TYPES.IMMEDIATE,
  });
  serialiseTransactions(db);
  return db;
}

/**
 * Makes the instance's managed transactions (`transaction(fn)`) run one at a
 * time, in call order. They would anyway (one writer per database), but
 * waiting here is a queue, while waiting in SQLite is its busy handler
 * polling with sleeps of up to 100 ms: with many transactions of one
 * process at once, the queue is much faster and fair. Waits between
 * processes (and between instances) still go through busy_timeout. A
 * managed transaction must not start another one on the same instance: it
 * would wait for itself (no code here nests them).
 */
function serialiseTransactions(db: Sequelize): void {
  const original = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    if (typeof args[args.length - 1] !== 'function') return original(...args); // unmanaged: the caller ends it
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Whether a sequelize/sqlite3 error is a lock wait that ran out (SQLITE_BUSY): retrying may succeed. */
export function isBusy(err: unknown): boolean {
  const e = err as { name?: string; parent?: { code?: string }; original?: { code?: string }; code?: string } | null;
  return e?.name === 'SequelizeTimeoutError' || e?.parent?.code === 'SQLITE_BUSY' || e?.original?.code === 'SQLITE_BUSY' || e?.code === 'SQLITE_BUSY';
}

/** Attempts of a transaction that could not get the write lock within the busy timeout. */
export const DEFAULT_BUSY_ATTEMPTS = 3;

/**
 * Runs fn in one IMMEDIATE transaction on `db`, retrying it whole (after a
 * short random pause) when the write lock stayed busy past the busy
 * timeout, at most `attempts` times in all.
 */
export async function sqliteTransaction<T>(db: Sequelize, fn: (t: Transaction) => Promise<T>, attempts = DEFAULT_BUSY_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt >= attempts || !isBusy(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}
