// Presence contract against the embedded engine's presence: "memory", the
// presence itself (every client of a test shares it), and "memory-ipc",
// clients that are workers' proxies calling one presence held by the
// "primary" through the IPC message encoding.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopbackEngineChannel } from '../../src/cluster/engine-channel.js';
import { IpcPresence, servePresence } from '../../src/presence/presence-ipc.js';
import { MemoryPresence } from '../../src/presence/presence-memory.js';
import { isSeqCall } from '../../src/seq/seq-allocator-ipc.js';
import { presenceContract } from './presence.suite.js';

/** The presence of the current test, made by its first client. */
let shared: MemoryPresence | null = null;
beforeEach(() => {
  shared = null;
});
afterEach(() => {
  shared?.close();
});

function sharedPresence(ttlMs: number, now: () => number): MemoryPresence {
  return (shared ??= new MemoryPresence({ ttlMs, now }));
}

presenceContract('memory', async ({ ttlMs, now }) => [sharedPresence(ttlMs, now), async () => undefined]);

presenceContract('memory-ipc', async ({ ttlMs, now }) => {
  const presence = sharedPresence(ttlMs, now);
  const channel = loopbackEngineChannel(async (c) => {
    if (isSeqCall(c)) throw new Error('unexpected seq call');
    return servePresence(presence, c);
  });
  return [new IpcPresence((c) => channel.call(c)), async () => channel.close()];
});

describe('MemoryPresence', () => {
  it('the sweep drops expired entries (memory follows the devices online)', async () => {
    let t = 1_000;
    const p = new MemoryPresence({ ttlMs: 1000, now: () => t, sweepMs: 20 });
    try {
      await p.refresh(Array.from({ length: 100 }, (_, i) => ({ userId: i, deviceId: 'd', addr: 'w:1' })));
      t += 1001;
      await new Promise((r) => setTimeout(r, 60));
      expect((p as unknown as { users: Map<number, unknown> }).users.size).toBe(0);
    } finally {
      p.close();
    }
  });

  it('a failed round trip of the proxy rejects with UnavailableError', async () => {
    const proxy = new IpcPresence(async () => {
      throw new Error('primary gone');
    });
    await expect(proxy.lookup([1])).rejects.toMatchObject({ name: 'UnavailableError', code: 7 });
    await expect(proxy.add(1, 'd', 'a')).rejects.toMatchObject({ name: 'UnavailableError' });
    expect((await proxy.lookup([])).size).toBe(0); // nothing to ask: no round trip
  });
});
