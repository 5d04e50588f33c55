// Conversation state benchmark (DESIGN.md §6a: CT_CONVERSATIONS "fast at
// 10,000 conversations").
//
// One user U with `--conversations` 1:1 conversations (default 10,000),
// `--per-conversation` messages each (default 3), sent round robin so that
// each conversation's rows are spread over U's whole inbox; seeded through
// MessageStore.persist (so messages, inbox rows and conversations are what
// the server writes), on a scratch database per engine. Then, on the
// ConversationStore (the database work of the commands; no socket):
//   list      CT_CONVERSATIONS, limit 100 and 500: `--runs` runs of
//             `--queries` calls one after another; p50/p99 per run, and over all
//   read      CT_READ of a conversation up to its newest message (the common
//             case: the user opened it): markRead + the receipt's translateRead
//   read-mid  CT_READ up to a conversation's middle message: markRead's
//             recount reads U's inbox above it (~conversations rows, other
//             conversations' included): the worst case of a read
//   read-noop CT_READ at or below read_seq: one indexed SELECT
// and the persist rate while seeding (messages with their inbox rows and
// conversation upserts).
//
//   npx tsx bench/conversations.ts [--engine mysql|sqlite|both] [--conversations 10000]
//       [--per-conversation 3] [--runs 5] [--queries 200] [--reads 300]
//
// MySQL needs MariaDB (TEST_MYSQL_URL, default root@127.0.0.1:3306); SQLite
// needs nothing. Creates and drops its databases.
import { performance } from 'node:perf_hooks';
import { QueryTypes, type Sequelize } from 'sequelize';
import { MysqlConversationStore } from '../src/store/conversation-store-mysql.js';
import { SqliteConversationStore } from '../src/store/conversation-store-sqlite.js';
import type { ConversationStore } from '../src/store/conversation-store.js';
import { openDb } from '../src/store/db.js';
import { openSqliteDb } from '../src/store/db-sqlite.js';
import { MysqlMessageStore } from '../src/store/message-store-mysql.js';
import { SqliteMessageStore } from '../src/store/message-store-sqlite.js';
import type { MessageStore } from '../src/store/message-store.js';
import type { PersistBatch, StoredMessage } from '../src/store/types.js';
import { createTestDb, createTestSqlite, type TestDb } from '../test/support/env.js';
import { orUsage, parseCommandLine, UsageError } from './support/args.js';

const USAGE =
  'usage: npx tsx bench/conversations.ts [--engine mysql|sqlite|both] [--conversations 10000] [--per-conversation 3] [--runs 5] [--queries 200] [--reads 300]\n';
const args = parseCommandLine(process.argv.slice(2), { engine: 'string', conversations: 'int', 'per-conversation': 'int', runs: 'int', queries: 'int', reads: 'int' }, USAGE);
const [ENGINES, N, PER, RUNS, QUERIES, READS] = orUsage(() => {
  const e = args.str('engine', 'both');
  if (!['mysql', 'sqlite', 'both'].includes(e)) throw new UsageError(`--engine must be mysql, sqlite or both (got ${e})`);
  return [
    e === 'both' ? ['mysql', 'sqlite'] : [e],
    args.int('conversations', 10_000, 1),
    args.int('per-conversation', 3, 2),
    args.int('runs', 5, 1),
    args.int('queries', 200, 1),
    args.int('reads', 300, 1),
  ] as const;
}, USAGE);

const U = 1;
const LIMITS = [100, 500];
const BATCH_MESSAGES = 500;
const CONTENT = Buffer.alloc(100, 0x61);

interface Engine {
  db: TestDb;
  sql: Sequelize;
  messages: MessageStore;
  conversations: ConversationStore;
}

async function open(kind: string): Promise<Engine> {
  if (kind === 'mysql') {
    const db = await createTestDb();
    const sql = openDb({ url: db.url, pool: 4 });
    return { db, sql, messages: new MysqlMessageStore(sql), conversations: new MysqlConversationStore(sql) };
  }
  const db = await createTestSqlite();
  const sql = openSqliteDb({ path: db.sqlitePath! });
  return { db, sql, messages: new SqliteMessageStore(sql), conversations: new SqliteConversationStore(sql) };
}

/** Peer p (2 … N+1) sends its k-th message in round k: U's seq of it is k·N + p - 1, the peer's own seq k + 1. */
const peerOf = (i: number) => 2 + i;
const uSeq = (round: number, i: number) => round * N + i + 1;

async function seed(e: Engine): Promise<{ ms: number; messages: number }> {
  const t0 = performance.now();
  let batch: PersistBatch[] = [];
  let msgId = 1;
  const flush = async () => {
    if (batch.length) await e.messages.persist(batch);
    batch = [];
  };
  for (let round = 0; round < PER; round++) {
    for (let i = 0; i < N; i++) {
      const peer = peerOf(i);
      const m: StoredMessage = { msgId, senderId: peer, deviceId: 'd', clientId: round + 1, sessionType: 1, receiverId: U, messageType: 1, content: CONTENT, sendTime: Date.now(), senderSeq: round + 1 };
      batch.push({ messages: [m], userIds: [peer, U], seqs: [round + 1, uSeq(round, i)], msgIds: [msgId, msgId] });
      msgId++;
      if (batch.length >= BATCH_MESSAGES) await flush();
    }
  }
  await flush();
  return { ms: performance.now() - t0, messages: N * PER };
}

function q(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
const fmt = (ms: number) => ms.toFixed(2).padStart(8);
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function benchList(e: Engine): Promise<void> {
  for (const limit of LIMITS) {
    const all: number[] = [];
    const perRun: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      const got = await e.conversations.list(U, limit);
      if (got.length !== Math.min(limit, N) || got[0]!.lastSeq !== N * PER) throw new Error(`list: unexpected answer (${got.length} entries, newest ${got[0]?.lastSeq})`);
      const ms = sortNum(await timed(QUERIES, () => e.conversations.list(U, limit)));
      all.push(...ms);
      perRun.push(`${q(ms, 0.5).toFixed(2)}/${q(ms, 0.99).toFixed(2)}`);
    }
    const s = sortNum(all);
    console.log(`  list limit ${String(limit).padStart(3)}: p50 ${fmt(q(s, 0.5))} ms  p99 ${fmt(q(s, 0.99))} ms  (${s.length} calls; per run p50/p99: ${perRun.join(' ')})`);
  }
}

async function benchReads(e: Engine): Promise<void> {
  const reads = Math.min(READS, N);
  // Conversations i = 0, 2, 4 … up to their middle message: the recount reads ~N rows above it.
  const mid = await timed(reads, (k) => e.conversations.markRead(U, 1, peerOf(2 * k), uSeq(PER - 2, 2 * k)));
  // Conversations i = 1, 3, 5 … to their newest message, then the receipt's translation.
  const newest = await timed(reads, (k) => e.conversations.markRead(U, 1, peerOf(2 * k + 1), uSeq(PER - 1, 2 * k + 1)));
  const translate = await timed(reads, (k) => e.conversations.translateRead(U, peerOf(2 * k + 1), uSeq(PER - 1, 2 * k + 1), uSeq(PER - 2, 2 * k + 1)));
  const noop = await timed(reads, (k) => e.conversations.markRead(U, 1, peerOf(2 * k + 1), 1));
  const [check] = await e.sql.query<{ read_seq: number; unread: number }>('SELECT read_seq, unread FROM conversations WHERE user_id = ? AND session_type = 1 AND peer_id IN (?, ?) ORDER BY peer_id', {
    replacements: [U, peerOf(0), peerOf(1)],
    type: QueryTypes.SELECT,
  }).then((rows) => [rows.map((r) => [Number(r.read_seq), Number(r.unread)])]);
  const want = [
    [uSeq(PER - 2, 0), 1],
    [uSeq(PER - 1, 1), 0],
  ];
  if (JSON.stringify(check) !== JSON.stringify(want)) throw new Error(`read: unexpected state ${JSON.stringify(check)}, expected ${JSON.stringify(want)}`);
  for (const [name, ms] of [
    ['read (to newest)', newest],
    ['  + translateRead', translate],
    ['read-mid (recount)', mid],
    ['read-noop', noop],
  ] as const) {
    const s = sortNum(ms);
    console.log(`  ${name.padEnd(19)}: p50 ${fmt(q(s, 0.5))} ms  p99 ${fmt(q(s, 0.99))} ms  (${s.length} calls)`);
  }
}

for (const kind of ENGINES) {
  const e = await open(kind);
  try {
    console.log(`${kind}: user ${U} with ${N} conversations, ${PER} messages each`);
    const s = await seed(e);
    console.log(`  seed: ${s.messages} messages (${2 * s.messages} inbox rows and conversation upserts) in ${(s.ms / 1000).toFixed(1)} s: ${Math.round((s.messages * 1000) / s.ms)} messages/s`);
    await benchList(e);
    await benchReads(e);
  } finally {
    await e.sql.close();
    await e.db.drop();
  }
}
