// An engine is one complete set of backends behind the contracts the chat
// logic uses (DESIGN.md §1). The chat logic, gateway and HTTP API are the
// same whichever engine runs.
import type { Directory } from '../directory/directory.js';
import type { UplinkDedupStore } from '../dedup/uplink-dedup.js';
import type { Discovery } from '../discovery/discovery.js';
import type { Presence } from '../presence/presence.js';
import type { PersistQueue } from '../queue/persist-queue.js';
import type { SeqAllocator } from '../seq/seq-allocator.js';
import type { AccountStore } from '../store/account-store.js';
import type { ConversationStore } from '../store/conversation-store.js';
import type { MessageStore } from '../store/message-store.js';
import type { MsgIdBlockStore } from '../store/msg-id-blocks.js';

/** Counters of the seq allocator (DESIGN.md §4 measurement). */
export interface SeqStats {
  allocations: number;
  redisCalls: number;
  segmentReservations: number;
  /** unknown counters seeded above the durable mark (the Redis allocator counts them) */
  reseeds?: number;
}

export interface Engine {
  /** which engine runs, for logs and /readyz */
  readonly name: 'cluster' | 'embedded';
  readonly store: MessageStore;
  /** read state and the conversation list, on the message store's database */
  readonly conversations: ConversationStore;
  /** durable msg_id blocks, for the worker's MsgIdAllocator */
  readonly msgIdBlocks: MsgIdBlockStore;
  readonly accounts: AccountStore;
  readonly directory: Directory;
  readonly seqs: SeqAllocator;
  readonly seqStats: SeqStats;
  readonly dedup: UplinkDedupStore;
  readonly presence: Presence;
  /** durable write-behind (cluster) or direct persistence (embedded) */
  readonly queue: PersistQueue;
  /** the registry of nodes; null = a single node */
  readonly discovery: Discovery | null;
  /**
   * Resolves once no batch waits in the queue and this worker's persister
   * holds none (bounded): a shutting-down worker keeps persisting until then.
   * Nothing that guards an invariant depends on it.
   */
  persisted(): Promise<void>;
  /** whether every backend answers */
  ready(): Promise<boolean>;
  /** Closes every backend connection. Idempotent. */
  close(): Promise<void>;
}
