// Group chat end to end (DESIGN.md §2): write diffusion into every member's
// inbox (the sender's included), one push per other member, and rejections
// that reach nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gochat } from '../../src/proto/index.js';
import type { RawClient } from '../../src/client/raw-client.js';
import { connect, createGroup, createUsers, sleep, sql, startTestServer, text, waitFor, type TestServer, type TestUser } from '../support/server.js';

const N = 50;
let s: TestServer;
let users: TestUser[];
let clients: RawClient[];
let outsider: TestUser;
let outsiderClient: RawClient;
let groupId: number;

beforeAll(async () => {
  s = await startTestServer();
  users = await createUsers(s, N + 1);
  outsider = users.pop()!;
  groupId = await createGroup(s, users[0]!, users.slice(1).map((u) => u.userId), 'fifty');
  clients = [];
  for (let i = 0; i < users.length; i += 10) {
    clients.push(...(await Promise.all(users.slice(i, i + 10).map((u) => connect(s, u, 'dev')))));
  }
  outsiderClient = await connect(s, outsider, 'dev');
}, 120_000);
afterAll(async () => {
  for (const c of clients ?? []) c.close();
  outsiderClient?.close();
  await s?.stop();
});

const toGroup = (g: number, body: string): gochat.IMessage => ({
  sessionType: gochat.SessionType.ST_GROUP,
  receiverId: g,
  messageType: gochat.MessageType.MT_TEXT,
  content: text(body),
});
const str = (m: gochat.IMessage) => Buffer.from(m.content!).toString('utf8');
const totalPushes = () => clients.reduce((n, c) => n + c.pushes.length, 0) + outsiderClient.pushes.length;

describe('group of 50, all online', () => {
  it('one message reaches the 49 others exactly once and lands in all 50 inboxes', async () => {
    const before = clients.map((c) => c.pushes.length);
    const sender = clients[7]!;
    const ack = await sender.send(1, toGroup(groupId, 'hello fifty'));
    expect(ack).toMatchObject({ code: 0, clientId: 1 });
    expect(ack.seq).toBeGreaterThan(0);

    await Promise.all(clients.map((c, i) => (i === 7 ? Promise.resolve() : c.waitPushes(before[i]! + 1, 10_000))));
    await sleep(500); // duplicates would have arrived by now
    clients.forEach((c, i) => expect(c.pushes.length - before[i]!, `member ${i}`).toBe(i === 7 ? 0 : 1));
    expect(outsiderClient.pushes).toHaveLength(0);

    const pushed = clients.filter((_, i) => i !== 7).map((c) => c.pushes[c.pushes.length - 1]!);
    const msgId = Number(pushed[0]!.msgId);
    expect(msgId).toBeGreaterThan(0);
    for (const m of pushed) {
      expect(Number(m.msgId)).toBe(msgId);
      expect(str(m)).toBe('hello fifty');
      expect(Number(m.senderId)).toBe(users[7]!.userId);
      expect(Number(m.receiverId)).toBe(groupId);
      expect(m.sessionType).toBe(gochat.SessionType.ST_GROUP);
    }

    // 50 inbox rows for this msg_id, one per member, each at the seq pushed to that member.
    const rows = await waitFor(
      async () => {
        const r = await sql<{ user_id: number; seq: number }>(s, 'SELECT user_id, seq FROM inbox WHERE msg_id = ?', [msgId]);
        return r.length >= N ? r : null;
      },
      15_000,
      '50 inbox rows',
    );
    expect(rows).toHaveLength(N);
    const byUser = new Map(rows.map((r) => [Number(r.user_id), Number(r.seq)]));
    expect([...byUser.keys()].sort((x, y) => x - y)).toEqual(users.map((u) => u.userId).sort((x, y) => x - y));
    expect(byUser.get(users[7]!.userId)).toBe(ack.seq);
    clients.forEach((c, i) => {
      if (i !== 7) expect(Number(c.pushes[c.pushes.length - 1]!.seq)).toBe(byUser.get(users[i]!.userId));
    });
    const [mc] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM messages WHERE msg_id = ?', [msgId]);
    expect(Number(mc!.n)).toBe(1);

    // A member syncing sees it once, at its seq.
    const synced = await clients[30]!.syncAll(0);
    const mine = synced.filter((m) => Number(m.msgId) === msgId);
    expect(mine).toHaveLength(1);
    expect(Number(mine[0]!.seq)).toBe(byUser.get(users[30]!.userId));
  });

  it('several members sending at once: every member gets every other member’s messages exactly once, inbox seqs strictly increasing', async () => {
    const senders = [1, 2, 3, 4, 5];
    const before = clients.map((c) => c.pushes.length);
    const acks = await Promise.all(
      senders.map(async (i) => {
        const out = [];
        for (let k = 0; k < 4; k++) out.push(await clients[i]!.send(1 + k, toGroup(groupId, `s${i}-${k}`)));
        return out;
      }),
    );
    for (const list of acks) for (const a of list) expect(a.code).toBe(0);
    const expectedFor = (i: number) => (senders.includes(i) ? 16 : 20);
    await Promise.all(clients.map((c, i) => c.waitPushes(before[i]! + expectedFor(i), 15_000)));
    await sleep(500);
    clients.forEach((c, i) => {
      const got = c.pushes.slice(before[i]!);
      expect(got, `member ${i}`).toHaveLength(expectedFor(i));
      // per sender, in send order
      for (const j of senders) {
        if (j === i) continue;
        expect(got.filter((m) => Number(m.senderId) === users[j]!.userId).map(str)).toEqual([0, 1, 2, 3].map((k) => `s${j}-${k}`));
      }
      expect(new Set(got.map((m) => Number(m.seq))).size).toBe(got.length);
    });

    // every member's inbox: 21 rows (1 + 20), seqs strictly increasing, no duplicates
    await waitFor(
      async () => {
        const [r] = await sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM inbox WHERE user_id IN (?)', [users.map((u) => u.userId)]);
        return Number(r!.n) >= N * 21;
      },
      15_000,
      'inbox rows persisted',
    );
    const counts = await sql<{ user_id: number; n: number; d: number }>(
      s,
      'SELECT user_id, COUNT(*) AS n, COUNT(DISTINCT msg_id) AS d FROM inbox WHERE user_id IN (?) GROUP BY user_id',
      [users.map((u) => u.userId)],
    );
    expect(counts).toHaveLength(N);
    for (const r of counts) expect([Number(r.n), Number(r.d)]).toEqual([21, 21]);
    // and each member's sync: 21 messages, seqs strictly increasing, each sender in send order
    const synced = await Promise.all(clients.map((c) => c.syncAll(0)));
    synced.forEach((msgs, i) => {
      expect(msgs, `member ${i}`).toHaveLength(21);
      for (let k = 1; k < msgs.length; k++) expect(Number(msgs[k]!.seq)).toBeGreaterThan(Number(msgs[k - 1]!.seq));
      for (const j of senders) {
        expect(msgs.filter((m) => Number(m.senderId) === users[j]!.userId).map(str)).toEqual([0, 1, 2, 3].map((k) => `s${j}-${k}`));
      }
    });
  });

  it('a non-member’s send is rejected with 3 and reaches nobody; its client_id is consumed', async () => {
    const pushesBefore = totalPushes();
    const ack = await outsiderClient.send(1, toGroup(groupId, 'intruder'));
    expect(ack).toMatchObject({ code: 3, clientId: 1, seq: 0 });
    // Same answer again.
    const again = await outsiderClient.send(1, toGroup(groupId, 'intruder'));
    expect(again).toMatchObject({ code: 3, clientId: 1, seq: 0, codeMsg: ack.codeMsg });
    // The next client_id works (to a 1:1 receiver).
    const ok = await outsiderClient.send(2, { sessionType: 1, receiverId: users[0]!.userId, messageType: 1, content: text('dm') });
    expect(ok.code).toBe(0);
    await waitFor(() => clients[0]!.pushes.some((m) => str(m) === 'dm'), 10_000, 'dm push');
    await sleep(500);
    expect(totalPushes()).toBe(pushesBefore + 1); // only the dm
    expect(str(clients[0]!.pushes[clients[0]!.pushes.length - 1]!)).toBe('dm');

    await waitFor(async () => (await sql(s, 'SELECT 1 FROM messages WHERE sender_id = ? AND client_id = 2', [outsider.userId])).length === 1, 10_000, 'dm persisted');
    const msgs = await sql<{ client_id: number }>(s, 'SELECT client_id FROM messages WHERE sender_id = ?', [outsider.userId]);
    expect(msgs.map((m) => Number(m.client_id))).toEqual([2]);
    const [r] = await sql<{ n: number }>(
      s,
      'SELECT COUNT(*) AS n FROM inbox i JOIN messages m ON m.msg_id = i.msg_id WHERE m.sender_id = ? AND m.session_type = 2',
      [outsider.userId],
    );
    expect(Number(r!.n)).toBe(0);
  });

  it('unknown group → 4, reaching nobody', async () => {
    const pushesBefore = totalPushes();
    const ack = await clients[0]!.send(1, toGroup(groupId + 1_000_000, 'void'));
    expect(ack).toMatchObject({ code: 4, clientId: 1, seq: 0 });
    const ok = await clients[0]!.send(2, toGroup(groupId, 'after void'));
    expect(ok.code).toBe(0);
    await Promise.all(clients.slice(1).map((c) => waitFor(() => c.pushes.some((m) => str(m) === 'after void'), 10_000, 'after void')));
    await sleep(300);
    expect(totalPushes()).toBe(pushesBefore + N - 1);
  });

  it('a member removed from the group can no longer send (3), and no longer receives', async () => {
    const leaver = users[49]!;
    const r = await fetch(`${s.httpUrl}/api/groups/${groupId}/members/${leaver.userId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${leaver.token}` },
    });
    expect(r.status).toBe(204);
    const ack = await clients[49]!.send(1, toGroup(groupId, 'bye?'));
    expect(ack.code).toBe(3);
    const before = clients[49]!.pushes.length;
    const ok = await clients[0]!.send(3, toGroup(groupId, 'without 49'));
    expect(ok.code).toBe(0);
    await waitFor(() => clients[48]!.pushes.some((m) => str(m) === 'without 49'), 10_000, 'member 48 push');
    await sleep(300);
    expect(clients[49]!.pushes.length).toBe(before);
    const rows = await waitFor(
      async () => {
        const x = await sql<{ user_id: number }>(s, 'SELECT i.user_id FROM inbox i WHERE i.msg_id = (SELECT msg_id FROM messages WHERE sender_id = ? AND client_id = 3)', [users[0]!.userId]);
        return x.length >= N - 1 ? x : null;
      },
      10_000,
      'rows persisted',
    );
    expect(rows).toHaveLength(N - 1);
    expect(rows.map((x) => Number(x.user_id))).not.toContain(leaver.userId);
  });
});
