// A worker's graceful shutdown with clients that do not take part in it
// (DESIGN.md §6: 1001 on shutdown): one that answers the closing handshake
// is closed at once with 1001; one that stopped reading (a phone gone
// quiet on a bad network) is cut off after the gateway's grace instead of
// holding the shutdown for ws's 30 s closing timeout, so the whole stop
// stays within its budget (shutdown_timeout, 10 s).
import type { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../src/client/raw-client.js';
import { createUser, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer | null = null;
afterAll(async () => {
  await s?.stop();
});

describe('graceful shutdown', () => {
  it('a client that stopped reading is cut off after the grace; one that answers gets 1001 at once; the stop takes seconds, not 30', async () => {
    s = await startTestServer();
    const [a, b] = [await createUser(s), await createUser(s)];
    const answering = await RawClient.connect(s.wsUrl, a.token);
    await answering.login(a.token, 'answering');
    const quiet = await RawClient.connect(s.wsUrl, b.token);
    await quiet.login(b.token, 'quiet');
    // The quiet client reads nothing more: it never sees the close frame, never answers it.
    const socket = (quiet.ws as unknown as { _socket: Socket })._socket;
    socket.pause();

    const t0 = Date.now();
    await s.close();
    const took = Date.now() - t0;
    expect((await answering.closed).code).toBe(1001);
    expect(took).toBeGreaterThanOrEqual(1900); // the quiet client was given the grace…
    expect(took).toBeLessThan(s.cfg.shutdown_timeout); // …and then cut off, not waited for as long as ws would (30 s)
    socket.resume(); // what it reads now: the 1001, then the end of a connection the server already cut
    expect([1001, 1006]).toContain((await quiet.closed).code);
    console.log(`[shutdown] stop with a client that stopped reading: ${took} ms`);
  }, 60_000);
});
