// Messages between the primary and its workers (node:cluster IPC, JSON).
import type { PresenceCall } from '../presence/presence-ipc.js';
import type { SeqAllocCall } from '../seq/seq-allocator-ipc.js';

/** primary → worker */
export type ToWorker =
  /** a client connection handed over with the bytes already read (latin1) */
  | { type: 'conn'; id: number; head: string; /** the /ws token's claims, verified by the primary */ verified?: { userId: number; expiresAt: number } }
  | { type: 'metrics_req'; id: number }
  | { type: 'debug_req'; id: number }
  | { type: 'summary_req'; id: number; gc?: boolean }
  | { type: 'profile_req'; id: number; seconds: number }
  | { type: 'heap_req'; id: number; file: string }
  | EngineReply
  /** the node's registry entry was lost and made again: re-assert this worker's presence (NodeRegistration.onRenewed) */
  | { type: 'registry_renewed' }
  | { type: 'shutdown' };

/** worker → primary */
export type ToPrimary =
  | { type: 'ready'; index: number; rpcAddr: string }
  /** the worker took over connection `id` (the primary closes its copy) */
  | { type: 'conn_ack'; id: number }
  | { type: 'metrics_res'; id: number; metrics: object[] }
  | { type: 'debug_res'; id: number; info: WorkerDebugInfo }
  | { type: 'summary_res'; id: number; summary: object }
  /** profile: the .cpuprofile JSON text */
  | { type: 'profile_res'; id: number; pid: number; profile?: string; error?: string }
  | { type: 'heap_res'; id: number; error?: string }
  | EngineCallMessage;

export interface WorkerDebugInfo {
  index: number;
  pid: number;
  rpcAddr: string;
  connections: number;
  /** event-loop delay p99 (ms) since the previous question */
  loopDelayMs: number;
  /** logged-in user ids on this worker (at most 10,000) */
  users: number[];
}

// Embedded engine: the node-wide state the primary holds for its workers
// (seq allocation, presence). One round trip per call; the worker's callers
// batch per pipeline tick.
/** What a worker asks the primary's engine state. */
export type EngineCall = SeqAllocCall | PresenceCall;
/** worker → primary */
export type EngineCallMessage = { type: 'engine_call'; id: number; call: EngineCall };
/** primary → worker: the value (JSON), or the error's message */
export type EngineReply = { type: 'engine_reply'; id: number; value?: unknown; error?: string };

function hasType(m: unknown): boolean {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}

export function isToWorker(m: unknown): m is ToWorker {
  return hasType(m);
}

export function isToPrimary(m: unknown): m is ToPrimary {
  return hasType(m);
}
