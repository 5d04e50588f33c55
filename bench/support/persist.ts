// Persistence checks against the server's MySQL database: inbox rows per
// user (write-behind through RabbitMQ, so they trail the pushes).
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { nowMs } from './load-client.js';

export interface PersistResult {
  /** every expected row was found */
  complete: boolean;
  rowsExpected: number;
  rowsFound: number;
  /** users with fewer / more rows than expected */
  usersShort: number;
  usersOver: number;
  /** when the poll that saw completeness ended, ms after `from` (upper bound; NaN if never) */
  msAfterFrom: number;
  /** the same, ms after `after` */
  msAfterAfter: number;
  /** how long one poll took (the resolution of the times above) */
  pollMs: number;
  polls: number;
}

export class InboxChecker {
  private readonly pool: mysql.Pool;

  constructor(url: string) {
    this.pool = mysql.createPool({ uri: url, connectionLimit: 2, supportBigNumbers: true, bigNumberStrings: false });
  }

  /** Inbox rows (tombstones excluded) per user. */
  async perUser(userIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>(userIds.map((u) => [u, 0]));
    for (let i = 0; i < userIds.length; i += 1000) {
      const ids = userIds.slice(i, i + 1000);
      const [rows] = await this.pool.query(`SELECT user_id, COUNT(*) AS n FROM inbox WHERE user_id IN (?) AND msg_id <> 0 GROUP BY user_id`, [ids]);
      for (const r of rows as { user_id: number | string; n: number | string }[]) out.set(Number(r.user_id), Number(r.n));
    }
    return out;
  }

  /**
   * Polls until every user has before + expected(user) rows, or `timeoutMs`
   * passes without it. Times are measured from `from` and `after` (nowMs()).
   */
  async waitPersisted(
    userIds: number[],
    before: Map<number, number>,
    expected: (userId: number) => number,
    opts: { from: number; after: number; timeoutMs: number; gate?: () => Promise<boolean> },
  ): Promise<PersistResult> {
    const deadline = Date.now() + opts.timeoutMs;
    const rowsExpected = userIds.reduce((s, u) => s + expected(u), 0);
    let polls = 0;
    let pollMs = 0;
    for (;;) {
      // A cheap gate first (the server's persistence queue is empty), so the
      // counting query, which scans every row, runs rarely; at least every 5 s.
      if (opts.gate) {
        const until = Math.min(deadline, Date.now() + 5000);
        while (Date.now() < until && !(await opts.gate().catch(() => true))) await sleep(100);
      }
      const s = nowMs();
      const counts = await this.perUser(userIds);
      const e = nowMs();
      polls++;
      pollMs = e - s;
      let found = 0;
      let short = 0;
      let over = 0;
      for (const u of userIds) {
        const got = (counts.get(u) ?? 0) - (before.get(u) ?? 0);
        const want = expected(u);
        found += Math.min(got, want);
        if (got < want) short++;
        if (got > want) over++;
      }
      const complete = short === 0;
      if (complete || Date.now() > deadline) {
        return {
          complete,
          rowsExpected,
          rowsFound: found,
          usersShort: short,
          usersOver: over,
          msAfterFrom: complete ? e - opts.from : NaN,
          msAfterAfter: complete ? e - opts.after : NaN,
          pollMs,
          polls,
        };
      }
      await sleep(Math.max(200, pollMs));
    }
  }

  /**
   * The group's messages and, per member, the inbox rows that carry one of
   * them (joined on msg_id): every member must hold every message once.
   */
  async groupRows(groupId: number, userIds: number[]): Promise<{ messages: number; perUser: Map<number, number> }> {
    const [m] = await this.pool.query(`SELECT COUNT(*) AS n FROM messages WHERE session_type = 2 AND receiver_id = ?`, [groupId]);
    const perUser = new Map<number, number>(userIds.map((u) => [u, 0]));
    for (let i = 0; i < userIds.length; i += 1000) {
      const ids = userIds.slice(i, i + 1000);
      const [rows] = await this.pool.query(
        `SELECT i.user_id, COUNT(*) AS n FROM inbox i STRAIGHT_JOIN messages m ON m.msg_id = i.msg_id
          WHERE i.user_id IN (?) AND m.session_type = 2 AND m.receiver_id = ? GROUP BY i.user_id`,
        [ids, groupId],
      );
      for (const r of rows as { user_id: number | string; n: number | string }[]) perUser.set(Number(r.user_id), Number(r.n));
    }
    return { messages: Number((m as { n: number | string }[])[0]!.n), perUser };
  }

  /** 1:1 messages sent by these users (rows of the messages table). */
  async singleMessages(senderIds: number[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < senderIds.length; i += 1000) {
      const [rows] = await this.pool.query(`SELECT COUNT(*) AS n FROM messages WHERE session_type = 1 AND sender_id IN (?)`, [senderIds.slice(i, i + 1000)]);
      n += Number((rows as { n: number | string }[])[0]!.n);
    }
    return n;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
