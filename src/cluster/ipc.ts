// Messages between the primary and its workers (node:cluster IPC, JSON).
/** primary → worker */
export type ToWorker =
  /** a client connection handed over with the bytes already read (latin1) */
  | { type: 'conn'; head: string }
  | { type: 'metrics_req'; id: number }
  | { type: 'debug_req'; id: number }
  | { type: 'shutdown' };

/** worker → primary */
export type ToPrimary =
  | { type: 'ready'; index: number; rpcAddr: string }
  | { type: 'metrics_res'; id: number; metrics: object[] }
  | { type: 'debug_res'; id: number; info: WorkerDebugInfo };

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

function hasType(m: unknown): boolean {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}

export function isToWorker(m: unknown): m is ToWorker {
  return hasType(m);
}

export function isToPrimary(m: unknown): m is ToPrimary {
  return hasType(m);
}
