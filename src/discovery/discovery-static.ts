import type { Discovery, NodeDirectory, NodeInfo, NodeRegistration } from './discovery.js';

/**
 * One node, no registry (embedded engine and single-node deployments): the
 * directory holds whatever this process registered.
 */
export class StaticDiscovery implements Discovery {
  private self: NodeInfo | null = null;
  private readonly listeners: ((n: NodeInfo[], removed: NodeInfo[]) => void)[] = [];

  constructor(initial?: NodeInfo) {
    this.self = initial ?? null;
  }

  private notify(removed: NodeInfo[]): void {
    for (const fn of this.listeners) fn(this.self ? [this.self] : [], removed);
  }

  async register(info: NodeInfo): Promise<NodeRegistration> {
    this.self = info;
    this.notify([]);
    return {
      update: async (next) => {
        this.self = next;
        this.notify([]);
      },
      close: async () => {
        const old = this.self;
        this.self = null;
        this.notify(old ? [old] : []);
      },
    };
  }

  async watch(): Promise<NodeDirectory> {
    return {
      nodes: () => (this.self ? [this.self] : []),
      onChange: (fn) => void this.listeners.push(fn),
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {}
}
