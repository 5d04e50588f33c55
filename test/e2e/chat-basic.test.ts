import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gochat } from '../../src/proto/index.js';
import { connect, createUser, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

describe('1:1 online', () => {
  it('A→B: B gets its seq and msg_id, A gets client_id and its seq, content byte for byte', async () => {
    const a = await createUser(s);
    const b = await createUser(s);
    const ca = await connect(s, a, 'a-phone');
    const cb = await connect(s, b, 'b-phone');
    const content = Buffer.from([0, 1, 2, 255, 254, 0x80, 0x00, 0x7f]);
    const ack = await ca.send(1, { sessionType: gochat.SessionType.ST_SINGLE, receiverId: b.userId, messageType: gochat.MessageType.MT_PICTURE, content });
    expect(ack).toMatchObject({ code: 0, clientId: 1 });
    expect(ack.seq).toBeGreaterThan(0);
    const [push] = await cb.waitPushes(1);
    expect(Number(push!.senderId)).toBe(a.userId);
    expect(Number(push!.receiverId)).toBe(b.userId);
    expect(Number(push!.seq)).toBeGreaterThan(0);
    expect(Number(push!.msgId)).toBeGreaterThan(0);
    expect(Buffer.from(push!.content!)).toEqual(content);
    expect(Number(push!.sendTime)).toBeGreaterThan(Date.now() - 60_000);
    ca.close();
    cb.close();
  });
});
