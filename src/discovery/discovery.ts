// Node discovery contract (DESIGN.md §5): which nodes are alive, where to
// reach them, and how loaded they are.

/** How often a node republishes its connections and load. */
export const REGISTRY_REFRESH_MS = 3000;

/** What a node publishes about itself (the registry value, JSON). */
export interface NodeInfo {
  node_id: string;
  /** where clients connect: ws://host:port/ws */
  ws_url: string;
  http_url: string;
  /** gRPC delivery address of every worker (host:port) */
  rpc: string[];
  /** logged-in WebSocket connections on the node */
  connections: number;
  /** a load figure, lower is better: event-loop delay p99 in ms across workers */
  load: number;
  /** ms since epoch when the value was published */
  updated_at: number;
}

/** This node's entry while it lives. */
export interface NodeRegistration {
  /**
   * Publishes a new value. The entry stays only as long as the node keeps
   * its lease (about 10 s without contact and it vanishes).
   */
  update(info: NodeInfo): Promise<void>;
  /**
   * Calls `fn` each time the entry was lost while the node ran (its lease
   * expired or was revoked: the registry was out of reach longer than the
   * lease) and has been made again. Meanwhile other nodes took this one
   * for gone and may have evicted its presence (Presence.evict): the
   * listener re-asserts it.
   */
  onRenewed(fn: () => void): void;
  /** Removes the entry at once. Idempotent. */
  close(): Promise<void>;
}

/**
 * The live nodes as last seen. Guarantees: a node appears after it
 * registered and disappears when its registration is closed or its lease
 * expires; `onChange` is called after every change (and after a resync
 * following a lost connection to the registry).
 */
export interface NodeDirectory {
  nodes(): NodeInfo[];
  onChange(fn: (nodes: NodeInfo[], removed: NodeInfo[]) => void): void;
  close(): Promise<void>;
}

export interface Discovery {
  register(info: NodeInfo): Promise<NodeRegistration>;
  watch(): Promise<NodeDirectory>;
  /**
   * Lets go of the registry. A registration still open is not removed: it
   * stops being renewed and vanishes when its lease runs out, as if the
   * process had died (close the registration first to leave at once).
   */
  close(): Promise<void>;
}
