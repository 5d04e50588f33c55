import { describe, expect, it } from 'vitest';
import type { NodeInfo } from '../../src/discovery/discovery.js';
import { parseNodeInfo } from '../../src/discovery/discovery-etcd.js';
import { NodePicker } from '../../src/discovery/pick.js';

const node = (id: string, connections: number, load = 0, updated_at = 1): NodeInfo => ({
  node_id: id, ws_url: `ws://${id}/ws`, http_url: `http://${id}`, rpc: [`${id}:1`], connections, load, updated_at,
});

describe('NodePicker', () => {
  it('picks the fewest connections, then the lower load, then the id', () => {
    expect(new NodePicker().pick([node('a', 5), node('b', 2), node('c', 9)])!.node_id).toBe('b');
    expect(new NodePicker().pick([node('a', 2, 9), node('b', 2, 1)])!.node_id).toBe('b');
    expect(new NodePicker().pick([node('b', 2, 1), node('a', 2, 1)])!.node_id).toBe('a');
    expect(new NodePicker().pick([])).toBeNull();
  });

  it('a burst of picks between two refreshes spreads evenly', () => {
    const p = new NodePicker();
    const nodes = [node('a', 0), node('b', 0), node('c', 0)];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 300; i++) counts[p.pick(nodes)!.node_id]!++;
    expect(counts).toEqual({ a: 100, b: 100, c: 100 });
  });

  it('picks counted against a node are forgotten once it publishes new figures', () => {
    const p = new NodePicker();
    for (let i = 0; i < 10; i++) p.pick([node('a', 0), node('b', 5)]);
    // a now has 10 pending picks; a fresh value with its real count replaces them
    expect(p.pick([node('a', 4, 0, 2), node('b', 5)])!.node_id).toBe('a');
  });
});

describe('parseNodeInfo', () => {
  it('accepts a registry value and rejects garbage', () => {
    expect(parseNodeInfo(JSON.stringify(node('a', 3)))).toMatchObject({ node_id: 'a', connections: 3 });
    expect(parseNodeInfo('not json')).toBeNull();
    expect(parseNodeInfo('{"node_id":1}')).toBeNull();
  });
});

describe('NodePicker across a cluster (3 nodes × 2 workers, each picking on its own)', () => {
  it('a burst of 300 picks spread over staggered refreshes stays within ±20% of even', () => {
    for (let trial = 0; trial < 50; trial++) {
      let seed = trial + 1;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const ids = ['a', 'b', 'c'];
      const actual: Record<string, number> = { a: 0, b: 0, c: 0 };
      const phase: Record<string, number> = { a: rand() * 3000, b: rand() * 3000, c: rand() * 3000 };
      const published: Record<string, NodeInfo> = Object.fromEntries(ids.map((id) => [id, node(id, 0, 0, 0)]));
      for (const n of Object.values(published)) n.rpc = [`${n.node_id}:1`, `${n.node_id}:2`];
      const pickers = Array.from({ length: 6 }, () => new NodePicker());
      for (let i = 0; i < 300; i++) {
        const t = i * 10; // 100 picks per second
        for (const id of ids) {
          // each node republishes every 3 s on its own schedule
          const last = Math.floor((t - phase[id]!) / 3000) * 3000 + phase[id]!;
          if (last >= 0 && published[id]!.updated_at !== last) published[id] = { ...published[id]!, connections: actual[id]!, updated_at: last };
        }
        const p = pickers[Math.floor(rand() * 6)]!;
        actual[p.pick(Object.values(published))!.node_id]!++;
      }
      for (const id of ids) expect(Math.abs(actual[id]! - 100), `trial ${trial}: ${JSON.stringify(actual)}`).toBeLessThanOrEqual(20);
    }
  });
});
