// What the client SDK keeps across a reload (its store contract) and the
// in-memory default. A browser store is store-local.ts.

export interface OutgoingMessage {
  sessionType: number;
  receiverId: number;
  messageType: number;
  content: Uint8Array;
}

export interface UnsentMessage extends OutgoingMessage {
  clientId: number;
}

/**
 * Where the client keeps what must survive a reload: the last contiguous
 * seq received, the next client_id and the messages not yet acknowledged.
 * The default keeps them in memory.
 */
export interface ClientStore {
  load(): Promise<{ lastSeq: number; nextClientId: number; unsent: UnsentMessage[] }>;
  saveLastSeq(seq: number): void;
  saveNextClientId(id: number): void;
  addUnsent(m: UnsentMessage): void;
  removeUnsent(clientId: number): void;
}

export class MemoryStore implements ClientStore {
  lastSeq = 0;
  nextClientId = 1;
  readonly unsent = new Map<number, UnsentMessage>();
  async load() {
    return { lastSeq: this.lastSeq, nextClientId: this.nextClientId, unsent: [...this.unsent.values()] };
  }
  saveLastSeq(seq: number) {
    this.lastSeq = seq;
  }
  saveNextClientId(id: number) {
    this.nextClientId = id;
  }
  addUnsent(m: UnsentMessage) {
    this.unsent.set(m.clientId, m);
  }
  removeUnsent(clientId: number) {
    this.unsent.delete(clientId);
  }
}
