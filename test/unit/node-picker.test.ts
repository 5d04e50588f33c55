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
