// The node-discovery contract (src/discovery/discovery.ts), for every
// implementation: a registered node is seen by every watcher, updates and
// removals reach onChange, and a node that stops without closing vanishes
// when its lease runs out; a registration that lapses while its node lives
// is made again, removed and listed again for watchers, and onRenewed says so.
import { afterEach, describe, expect, it } from 'vitest';
import type { Discovery, NodeDirectory, NodeInfo } from '../../src/discovery/discovery.js';
import { waitFor } from '../support/server.js';

export interface DiscoveryHarness {
  /** a new handle on the same registry (one per simulated node) */
  open(): Discovery;
  /** the lease time of a registration, ms */
  leaseMs: number;
  /** makes node `id`'s registration lapse while its process lives, as when the registry lost it (etcd: revokes its lease) */
  lapse(id: string): Promise<void>;
}

const info = (id: string, connections = 0): NodeInfo => ({
  node_id: id,
  ws_url: `ws://${id}:8080/ws`,
  http_url: `http://${id}:8080`,
  rpc: [`${id}:9090`],
  connections,
  load: 0,
  updated_at: Date.now(),
});

const ids = (d: NodeDirectory) => d.nodes().map((n) => n.node_id).sort();

export function discoveryContract(name: string, harness: () => DiscoveryHarness): void {
  describe(`Discovery contract: ${name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    const open = (h: DiscoveryHarness) => {
      const d = h.open();
      opened.push(d);
      return d;
    };
    afterEach(async () => {
      for (const d of opened.splice(0).reverse()) await d.close().catch(() => undefined);
    });

    it('a registered node is listed by a watcher started before and by one started after', async () => {
      const h = harness();
      const early = await open(h).watch();
      opened.push(early);
      await (await open(h).register(info('a'))).update(info('a'));
      await waitFor(() => ids(early).includes('a'), 10_000, 'the early watcher sees a');
      const late = await open(h).watch();
      opened.push(late);
      expect(ids(late)).toEqual(['a']);
    });

    it('updates reach onChange with the new value; close removes the node at once and names it as removed', async () => {
      const h = harness();
      const dir = await open(h).watch();
      opened.push(dir);
      const changes: { nodes: string[]; removed: string[] }[] = [];
      dir.onChange((n, removed) => changes.push({ nodes: n.map((x) => x.node_id).sort(), removed: removed.map((x) => x.node_id) }));
      const reg = await open(h).register(info('b', 1));
      await waitFor(() => ids(dir).includes('b'), 10_000, 'b listed');
      await reg.update(info('b', 42));
      await waitFor(() => dir.nodes().find((n) => n.node_id === 'b')?.connections === 42, 10_000, 'the update');
      const t0 = Date.now();
      await reg.close();
      await waitFor(() => !ids(dir).includes('b'), 10_000, 'b removed');
      expect(Date.now() - t0, 'removed by close, not by the lease running out').toBeLessThan(h.leaseMs);
      expect(changes.at(-1)).toEqual({ nodes: [], removed: ['b'] });
      await reg.close(); // idempotent
    });

    it('two nodes see each other; a node that stops without closing its registration vanishes within about its lease', async () => {
      const h = harness();
      const a = open(h);
      const b = open(h);
      await a.register(info('a'));
      await b.register(info('b'));
      const seenByA = await a.watch();
      await waitFor(() => ids(seenByA).join() === 'a,b', 10_000, 'a sees both');
      const t0 = Date.now();
      await b.close(); // the process dies: no revoke, the keep-alives stop
      await waitFor(() => ids(seenByA).join() === 'a', h.leaseMs * 3 + 5000, 'b gone after its lease');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(h.leaseMs / 2);
      await seenByA.close();
    });

    it('a registration that lapses while its node lives is made again: watchers see it removed and back, onRenewed is called once', async () => {
      const h = harness();
      const dir = await open(h).watch();
      opened.push(dir);
      const changes: { nodes: string[]; removed: string[] }[] = [];
      dir.onChange((n, removed) => changes.push({ nodes: n.map((x) => x.node_id).sort(), removed: removed.map((x) => x.node_id) }));
      const reg = await open(h).register(info('c', 7));
      let renewed = 0;
      reg.onRenewed(() => renewed++);
      await waitFor(() => ids(dir).includes('c'), 10_000, 'c listed');
      await h.lapse('c');
      await waitFor(() => renewed === 1, h.leaseMs * 3 + 5000, 'onRenewed');
      await waitFor(() => ids(dir).includes('c'), 10_000, 'c listed again');
      expect(changes.some((c) => c.removed.includes('c'))).toBe(true);
      expect(dir.nodes().find((n) => n.node_id === 'c')?.connections).toBe(7); // the last value, made again
      await reg.update(info('c', 8)); // updates go to the new entry
      await waitFor(() => dir.nodes().find((n) => n.node_id === 'c')?.connections === 8, 10_000, 'the update after renewal');
      expect(renewed).toBe(1);
      await reg.close();
    });
  });
}
