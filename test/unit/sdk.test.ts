// The client SDK (src/client/sdk.ts) on a fake clock and a fake socket: no
// server, no real timers. The fake socket (test/support/sdk-harness.ts)
// plays the server's side of the protocol (DESIGN.md §6) frame by frame, so
// each test states exactly what the server said and checks exactly what the
// client answered.
import { describe, expect, it } from 'vitest';
import { CLOSE_REPLACED, MemoryStore } from '../../src/client/sdk.js';
import { LocalStorageStore } from '../../src/client/store-local.js';
import { gochat } from '../../src/proto/index.js';
import { BEHIND_WAITS, MapStorage, harness, loginAck, push, seqsOf, settle, syncPage, text, upAck } from '../support/sdk-harness.js';

const { CmdType, ACKType } = gochat;

describe('GoChatClient: uplink', () => {
  it('retransmits an unacknowledged message after retransmitMs with the same client_id, and stops once it is ACKed', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    const sent = h.client.send(text('hello'));
    expect(ws.of('message')).toEqual([{ type: 'message', clientId: 1, receiverId: 2, text: 'hello' }]);
    await h.clock.advance(999);
    expect(ws.of('message').length).toBe(1);
    await h.clock.advance(1);
    expect(ws.of('message').map((m) => m.clientId)).toEqual([1, 1]);
    await h.clock.advance(1000);
    expect(ws.of('message').map((m) => m.clientId)).toEqual([1, 1, 1]);
    ws.deliver(upAck(1, 5));
    expect(await sent).toEqual({ clientId: 1, seq: 5, msgId: 0, code: 0, codeMsg: '' });
    expect(h.acks).toEqual([{ clientId: 1, seq: 5, msgId: 0, code: 0, codeMsg: '' }]);
    await h.clock.advance(10_000);
    expect(ws.of('message').length).toBe(3);
    expect(h.client.unsentCount).toBe(0);
    // The next message takes the next client_id.
    void h.client.send(text('again'));
    expect(ws.of('message').at(-1)).toMatchObject({ clientId: 2, text: 'again' });
  });

  it('stops on an error ACK with a final code (the client_id is consumed)', async () => {
    const store = new MemoryStore();
    const h = harness({ store });
    await h.client.start();
    const ws = await h.online();
    const sent = h.client.send(text('to nobody'));
    ws.deliver(upAck(1, 0, 4));
    expect(await sent).toEqual({ clientId: 1, seq: 0, msgId: 0, code: 4, codeMsg: 'code 4' });
    await h.clock.advance(30_000);
    expect(ws.of('message').map((m) => m.clientId)).toEqual([1]);
    expect(store.unsent.size).toBe(0);
    void h.client.send(text('next'));
    expect(ws.of('message').at(-1)).toMatchObject({ clientId: 2 });
  });

  it.each([6, 7])('retries after a back-off on transient code %i, in order from the first failed client_id, until a final answer', async (code) => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    const r1 = h.client.send(text('a'));
    const r2 = h.client.send(text('b'));
    const r3 = h.client.send(text('c'));
    expect(ws.of('message').map((m) => m.clientId)).toEqual([1, 2, 3]);
    // 1 goes through; 2 fails transiently and 3 behind it the same way (DESIGN.md §2).
    ws.deliver(upAck(1, 11), upAck(2, 0, code), upAck(3, 0, code));
    expect(await r1).toMatchObject({ code: 0, seq: 11 });
    ws.reset();
    let settled = false;
    void r2.then(() => (settled = true));
    // back-off: min(reconnectMaxMs, retransmitMs / 2) * (0.5 + random) = 500 ms
    await h.clock.advance(499);
    expect(ws.of('message')).toEqual([]);
    await h.clock.advance(1);
    expect(ws.of('message').map((m) => m.clientId)).toEqual([2, 3]);
    expect(settled).toBe(false);
    ws.deliver(upAck(2, 12), upAck(3, 13));
    expect(await r2).toMatchObject({ clientId: 2, code: 0, seq: 12 });
    expect(await r3).toMatchObject({ clientId: 3, code: 0, seq: 13 });
    await h.clock.advance(10_000);
    expect(ws.of('message').map((m) => m.clientId)).toEqual([2, 3]);
  });

  it('queues messages sent while offline and sends them after login, in client_id order', async () => {
    const h = harness();
    await h.client.start();
    const r1 = h.client.send(text('early 1'));
    const r2 = h.client.send(text('early 2'));
    const ws = h.ws();
    ws.open();
    expect(ws.of('message')).toEqual([]); // not before the login is acknowledged
    ws.deliver(loginAck());
    await settle();
    expect(ws.sent.map((s) => s.type)).toEqual(['login', 'sync', 'message', 'message']);
    expect(ws.of('message').map((m) => m.clientId)).toEqual([1, 2]);
    ws.deliver(upAck(1, 1), upAck(2, 2));
    expect((await r1).seq).toBe(1);
    expect((await r2).seq).toBe(2);
  });
});

describe('GoChatClient: downlink', () => {
  it('delivers pushes in seq order once each, drops a repeated push, and ACKs cumulatively', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    ws.deliver(push(1), push(2), push(3));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3]);
    expect(ws.of('ack')).toEqual([{ type: 'ack', ackType: ACKType.AT_PUSH, seq: 3 }]); // one cumulative ACK per batch
    ws.deliver(push(2)); // a retransmitted push the ACK crossed
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3]);
    expect(ws.of('ack').at(-1)).toMatchObject({ seq: 3 }); // acknowledged again, so the server stops resending
    expect(h.client.lastSeq).toBe(3);
  });

  it('on a gap, waits gapWaitMs, then syncs from the last contiguous seq and delivers in order', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    ws.deliver(push(1));
    await settle();
    ws.deliver(push(4)); // 2 and 3 missing
    await settle();
    expect(seqsOf(h.received)).toEqual([1]);
    expect(ws.of('ack').at(-1)).toMatchObject({ seq: 1 }); // never past the gap
    const syncsBefore = ws.of('sync').length;
    await h.clock.advance(299);
    expect(ws.of('sync').length).toBe(syncsBefore);
    await h.clock.advance(1);
    expect(ws.of('sync').slice(syncsBefore)).toEqual([{ type: 'sync', seq: 1, limit: 200 }]);
    ws.deliver(syncPage([2, 3, 4]));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3, 4]);
    expect(ws.of('ack').at(-1)).toMatchObject({ seq: 4 });
    ws.deliver(push(4)); // the push that raced the sync
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3, 4]);
  });

  it('does not sync when the missing push arrives within gapWaitMs', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    ws.deliver(push(2));
    await h.clock.advance(100);
    ws.deliver(push(1));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2]);
    const syncs = ws.of('sync').length;
    await h.clock.advance(5000);
    expect(ws.of('sync').length).toBe(syncs);
  });

  it('syncs on connect with paging: has_more asks again from the last seq; next_seq skips tombstones', async () => {
    const h = harness({ syncLimit: 3 });
    await h.client.start();
    const ws = await h.online({ emptySync: false });
    expect(ws.of('sync')).toEqual([{ type: 'sync', seq: 0, limit: 3 }]);
    ws.deliver(syncPage([1, 2, 3], true, 3));
    await settle();
    expect(ws.of('sync').at(-1)).toEqual({ type: 'sync', seq: 3, limit: 3 });
    // 5 and 6 were abandoned (tombstones): the page ends at 4 and says go on from 6.
    ws.deliver(syncPage([4], true, 6));
    await settle();
    expect(ws.of('sync').at(-1)).toEqual({ type: 'sync', seq: 6, limit: 3 });
    ws.deliver(syncPage([7], false, 7));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3, 4, 7]);
    expect(h.client.lastSeq).toBe(7);
    expect(ws.of('sync').length).toBe(3);
    ws.deliver(push(8));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3, 4, 7, 8]); // 8 follows 7 directly: no gap
  });

  it('syncs again while the server reports seqs allocated above what it returned (not persisted yet), backing off, until it has them', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    const first = ws.of('sync').length;
    ws.deliver(syncPage([1, 2], false, 0, 5)); // 3..5 accepted, not persisted yet
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2]);
    for (let i = 0; i < 5; i++) {
      await h.clock.advance(BEHIND_WAITS[i]! - 1);
      expect(ws.of('sync').length).toBe(first + i);
      await h.clock.advance(1);
      expect(ws.of('sync').length).toBe(first + i + 1);
      expect(ws.of('sync').at(-1)).toEqual({ type: 'sync', seq: 2, limit: 200 });
      ws.deliver(syncPage([], false, 0, 5));
      await settle();
    }
    ws.deliver(syncPage([3, 4, 5], false, 0, 5));
    await settle();
    await h.clock.advance(60_000);
    expect(seqsOf(h.received)).toEqual([1, 2, 3, 4, 5]);
  });

  it('fetches its own acknowledged message (never pushed to it) by a sync gapWaitMs later, again until it is there', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    ws.deliver(push(1));
    await settle();
    const syncs = ws.of('sync').length;
    void h.client.send(text('mine'));
    ws.deliver(upAck(1, 2)); // the own message is seq 2 of the own inbox
    await h.clock.advance(299);
    expect(ws.of('sync').length).toBe(syncs);
    await h.clock.advance(1);
    expect(ws.of('sync').slice(syncs)).toEqual([{ type: 'sync', seq: 1, limit: 200 }]);
    ws.deliver(syncPage([])); // write-behind: not persisted yet
    await h.clock.advance(300);
    expect(ws.of('sync').slice(syncs)).toHaveLength(2);
    ws.deliver(syncPage([2]));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2]);
    expect(h.received[1]!.content).toEqual(new TextEncoder().encode('m2'));
    await h.clock.advance(10_000);
    expect(ws.of('sync').slice(syncs)).toHaveLength(2); // nothing missing any more: no further syncs
  });

  it("syncs at once when a push skips over only this device's own acknowledged messages", async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    ws.deliver(push(1));
    await h.clock.advance(1000); // (at most one such sync per gapWaitMs: the connect sync was at 0)
    void h.client.send(text('mine'));
    ws.deliver(upAck(1, 2));
    await settle();
    const syncs = ws.of('sync').length;
    ws.deliver(push(3));
    await settle();
    expect(ws.of('sync').slice(syncs)).toEqual([{ type: 'sync', seq: 1, limit: 200 }]); // no gapWaitMs wait
    ws.deliver(syncPage([2, 3]));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2, 3]);
    await h.clock.advance(10_000);
    expect(ws.of('sync').length).toBe(syncs + 1);
  });

  it("a gap timer that fires while reconnecting does not keep the client from syncing once logged in", async () => {
    const h = harness({ reconnectMinMs: 800, reconnectMaxMs: 800, random: () => 0.999 });
    await h.client.start();
    const ws1 = await h.online();
    ws1.deliver(push(2)); // 1 missing: gap timer (300 ms)
    await settle();
    ws1.serverClose(1006);
    await settle();
    await h.clock.advance(300); // the gap timer fires while offline
    await h.clock.advance(500); // reconnect
    const ws2 = h.ws();
    expect(ws2).not.toBe(ws1);
    ws2.open();
    ws2.deliver(loginAck());
    await settle();
    expect(ws2.of('sync')).toEqual([{ type: 'sync', seq: 0, limit: 200 }]);
    ws2.deliver(syncPage([1, 2]));
    await settle();
    expect(seqsOf(h.received)).toEqual([1, 2]);
  });
});

describe('GoChatClient: connection', () => {
  it('reconnects with jittered exponential back-off after a close, then re-syncs and retransmits what is unacknowledged', async () => {
    let rnd = 0.5;
    const h = harness({ random: () => rnd });
    await h.client.start();
    const ws1 = await h.online();
    ws1.deliver(push(1), push(2));
    await settle();
    const r = h.client.send(text('in flight'));
    expect(ws1.of('message').map((m) => m.clientId)).toEqual([1]);

    ws1.serverClose(1006);
    await settle();
    expect(h.client.state).toBe('offline');
    // attempt 1: base 200 ms, delay = base/2 + random * base/2 = 150 ms
    await h.clock.advance(149);
    expect(h.sockets.length).toBe(1);
    await h.clock.advance(1);
    expect(h.sockets.length).toBe(2);
    expect(h.client.state).toBe('connecting');
    // The connection fails: attempt 2 waits 2x as long; with random 0 the delay is half the base.
    rnd = 0;
    h.ws().serverClose(1006);
    await settle();
    await h.clock.advance(199);
    expect(h.sockets.length).toBe(2);
    await h.clock.advance(1);
    expect(h.sockets.length).toBe(3);
    // attempt 3 would be base 800; with random ~1 the delay approaches it
    rnd = 0.999;
    h.ws().serverClose(1006);
    await settle();
    await h.clock.advance(798);
    expect(h.sockets.length).toBe(3);
    await h.clock.advance(2);
    expect(h.sockets.length).toBe(4);

    const ws = h.ws();
    expect(ws.url).toBe('ws://fake/ws?token=tok');
    ws.open();
    ws.deliver(loginAck());
    await settle();
    // After login: sync from the last contiguous seq, then the unacknowledged message again, same client_id.
    expect(ws.sent.map((s) => s.type)).toEqual(['login', 'sync', 'message']);
    expect(ws.of('sync')[0]).toMatchObject({ seq: 2 });
    expect(ws.of('message')[0]).toMatchObject({ clientId: 1, text: 'in flight' });
    ws.deliver(upAck(1, 3), syncPage([]));
    expect(await r).toMatchObject({ code: 0, seq: 3 });
    // A successful login resets the back-off.
    rnd = 0.5;
    ws.serverClose(1006);
    await settle();
    await h.clock.advance(150);
    expect(h.sockets.length).toBe(5);
    expect(h.states).toEqual(['connecting', 'online', 'offline', 'connecting', 'offline', 'connecting', 'offline', 'connecting', 'online', 'offline', 'connecting']);
  });

  it('the back-off is capped at reconnectMaxMs', async () => {
    const h = harness({ random: () => 0.999999, reconnectMinMs: 1000, reconnectMaxMs: 3000 });
    await h.client.start();
    for (let i = 0; i < 6; i++) {
      h.ws().serverClose(1006);
      await settle();
      const n = h.sockets.length;
      await h.clock.advance(3000);
      expect(h.sockets.length).toBe(n + 1);
    }
  });

  it('sends heartbeats while online, none while offline', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    await h.clock.advance(30_000);
    expect(ws.of('heartbeat').length).toBe(3);
    ws.serverClose(1006);
    await settle();
    await h.clock.advance(100); // reconnect pending, socket not open
    expect(ws.of('heartbeat').length).toBe(3);
  });

  it('asks nodeUrl for a live node before reconnecting', async () => {
    const urls = ['ws://node-b/ws', null];
    const h = harness({ nodeUrl: async () => urls.shift() ?? null });
    await h.client.start();
    expect(h.ws().url).toBe('ws://fake/ws?token=tok'); // the first connection uses wsUrl
    await h.online();
    h.ws().serverClose(1001);
    await settle();
    await h.clock.advance(200);
    expect(h.ws().url).toBe('ws://node-b/ws?token=tok');
    h.ws().serverClose(1006);
    await settle();
    await h.clock.advance(400);
    expect(h.ws().url).toBe('ws://node-b/ws?token=tok'); // no answer: the previous URL again
  });

  it('stops for good when the device is replaced by a newer login (close 4002) or the login is refused', async () => {
    const h = harness();
    await h.client.start();
    await h.online();
    h.ws().serverClose(CLOSE_REPLACED, 'logged in elsewhere');
    await settle();
    expect(h.client.state).toBe('closed');
    expect(h.errors).toEqual([expect.objectContaining({ closeCode: CLOSE_REPLACED })]);
    await h.clock.advance(60_000);
    expect(h.sockets.length).toBe(1);

    const h2 = harness();
    await h2.client.start();
    h2.ws().open();
    h2.ws().deliver({ type: CmdType.CT_LOGIN, code: 2, codeMsg: 'login failed' });
    await settle();
    expect(h2.client.state).toBe('closed');
    expect(h2.errors).toEqual([{ code: 2, message: 'login failed' }]);
    await h2.clock.advance(60_000);
    expect(h2.sockets.length).toBe(1);
    expect(h2.clock.pending).toBe(0);
  });

  it('suspend() stays offline (no reconnect) until resume(); what was sent meanwhile goes out after the login', async () => {
    const h = harness();
    await h.client.start();
    const ws1 = await h.online();
    h.client.suspend();
    await settle();
    expect(h.client.state).toBe('offline');
    expect(ws1.closedByClient).toBe(1000);
    const r = h.client.send(text('written offline'));
    await h.clock.advance(60_000);
    expect(h.sockets.length).toBe(1);
    h.client.resume();
    expect(h.sockets.length).toBe(2);
    const ws2 = await h.online({ emptySync: false });
    expect(ws2.of('message')).toEqual([{ type: 'message', clientId: 1, receiverId: 2, text: 'written offline' }]);
    ws2.deliver(upAck(1, 1));
    expect((await r).seq).toBe(1);
  });

  it('close() is idempotent and leaves no timer behind', async () => {
    const h = harness();
    await h.client.start();
    const ws = await h.online();
    void h.client.send(text('x'));
    ws.deliver(push(2)); // gap timer
    await settle();
    h.client.close();
    h.client.close();
    await settle();
    expect(h.client.state).toBe('closed');
    expect(h.clock.pending).toBe(0);
    expect(h.sockets.length).toBe(1);
  });
});

describe('GoChatClient: the store across a reload', () => {
  it.each([
    ['MemoryStore', () => new MemoryStore()],
    ['LocalStorageStore', () => new LocalStorageStore(new MapStorage(), 'gochat:1:dev-1')],
  ] as const)('a new client on the same %s continues lastSeq and client_ids and sends what was unacknowledged', async (_name, makeStore) => {
    const store = makeStore();
    const a = harness({ store });
    await a.client.start();
    const wsA = await a.online();
    wsA.deliver(push(1), push(2), push(3));
    const r1 = a.client.send(text('acked'));
    void a.client.send(text('lost in the reload'));
    wsA.deliver(upAck(1, 4));
    await r1;
    a.client.close(); // the page goes away before message 2 was acknowledged

    const b = harness({ store }); // the reloaded page
    await b.client.start();
    expect(b.client.lastSeq).toBe(3);
    const ws = b.ws();
    ws.open();
    ws.deliver(loginAck());
    await settle();
    expect(ws.of('sync')[0]).toMatchObject({ seq: 3 });
    expect(ws.of('message')).toEqual([{ type: 'message', clientId: 2, receiverId: 2, text: 'lost in the reload' }]);
    ws.deliver(upAck(2, 5), syncPage([4, 5]));
    await settle();
    expect(b.acks).toEqual([{ clientId: 2, seq: 5, msgId: 0, code: 0, codeMsg: '' }]); // announced through the ack event
    expect(seqsOf(b.received)).toEqual([4, 5]);
    void b.client.send(text('after the reload'));
    expect(ws.of('message').at(-1)).toMatchObject({ clientId: 3 });
    expect((await store.load()).lastSeq).toBe(5);
    expect((await store.load()).unsent.map((m) => m.clientId)).toEqual([3]);
  });

  it('a message sent before start() has loaded the store takes a client_id after the stored ones', async () => {
    const storage = new MapStorage();
    const first = new LocalStorageStore(storage, 'p');
    first.saveNextClientId(8);
    const h = harness({ store: new LocalStorageStore(storage, 'p') });
    const r = h.client.send(text('early'));
    await h.client.start();
    const ws = await h.online({ emptySync: false });
    expect(ws.of('message')).toEqual([{ type: 'message', clientId: 8, receiverId: 2, text: 'early' }]);
    ws.deliver(upAck(8, 1));
    expect(await r).toMatchObject({ clientId: 8, code: 0 });
    expect(storage.getItem('p:nextClientId')).toBe('9');
  });

  it('LocalStorageStore keeps binary content exactly and never hands out a client_id below an unsent one', async () => {
    const storage = new MapStorage();
    const s1 = new LocalStorageStore(storage, 'u');
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff);
    s1.addUnsent({ clientId: 5, sessionType: 2, receiverId: 9, messageType: 2, content: bytes });
    s1.saveLastSeq(12);
    const loaded = await new LocalStorageStore(storage, 'u').load();
    expect(loaded.lastSeq).toBe(12);
    expect(loaded.nextClientId).toBe(6); // nextClientId itself was never saved
    expect(loaded.unsent).toHaveLength(1);
    expect(loaded.unsent[0]).toMatchObject({ clientId: 5, sessionType: 2, receiverId: 9, messageType: 2 });
    expect(Buffer.from(loaded.unsent[0]!.content).equals(Buffer.from(bytes))).toBe(true);
    const s2 = new LocalStorageStore(storage, 'u');
    await s2.load();
    s2.removeUnsent(5);
    expect(storage.getItem('u:unsent')).toBeNull();
    storage.setItem('u:unsent', '{corrupt');
    expect((await new LocalStorageStore(storage, 'u').load()).unsent).toEqual([]);
  });
});
