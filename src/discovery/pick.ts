// Load-aware node selection (DESIGN.md §5): GET /api/nodes/pick.
import type { NodeInfo } from './discovery.js';

/**
 * Picks the node with the fewest connections, counting the picks made since
 * that node last published its figures (so a burst of picks between two
 * refreshes still spreads evenly), then the lower load, then the node id.
 */
export class NodePicker {
  /** node_id -> [picks since updated_at, updated_at they apply to] */
  private readonly picks = new Map<string, { n: number; since: number }>();

  pick(nodes: readonly NodeInfo[]): NodeInfo | null {
    // Every worker of every node answers /pick on its own. Each sees only its
    // own picks, so it counts them as if every picker had made as many (all
    // get a similar share of the requests): otherwise a burst herds onto the
    // node that published its figures longest ago.
    const pickers = Math.max(1, nodes.reduce((a, n) => a + n.rpc.length, 0));
    let best: NodeInfo | null = null;
    let bestScore = Infinity;
    for (const node of nodes) {
      const p = this.picks.get(node.node_id);
      const pending = p && p.since === node.updated_at ? p.n : 0;
      const score = node.connections + pending * pickers;
      if (
        !best ||
        score < bestScore ||
        (score === bestScore && (node.load < best.load || (node.load === best.load && node.node_id < best.node_id)))
      ) {
        best = node;
        bestScore = score;
      }
    }
    if (best) {
      const p = this.picks.get(best.node_id);
      if (p && p.since === best.updated_at) p.n++;
      else this.picks.set(best.node_id, { n: 1, since: best.updated_at });
    }
    return best;
  }
}
