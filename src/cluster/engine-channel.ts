// Request/response over node:cluster IPC for the embedded engine: a worker
// calls the node-wide state its primary holds (engine_call → engine_reply,
// matched by id). The same calls run over an in-memory loopback in tests.
import { UnavailableError } from '../errors.js';
import { isToWorker, type EngineCall, type EngineCallMessage, type EngineReply } from './ipc.js';

/** Answers one call (a JSON-able value) or rejects. */
export type EngineServe = (call: EngineCall) => Promise<unknown>;

/** A worker's way to call the primary: resolves to the answer, rejects with UnavailableError. */
export interface EngineChannel {
  call(c: EngineCall): Promise<unknown>;
  /** Rejects calls in flight and stops listening. Idempotent. */
  close(): void;
}

/** A call unanswered after this long rejects (the primary is wedged); its seqs, if any, become gaps. */
export const DEFAULT_ENGINE_CALL_TIMEOUT_MS = 20_000;

/** The channel of a worker forked by the primary (process.send / 'message'). */
export function workerEngineChannel(timeoutMs = DEFAULT_ENGINE_CALL_TIMEOUT_MS): EngineChannel {
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void; timer: NodeJS.Timeout }>();
  const settle = (id: number, fn: (p: { resolve(v: unknown): void; reject(e: unknown): void }) => void) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    fn(p);
  };
  const onMessage = (m: unknown) => {
    if (!isToWorker(m) || m.type !== 'engine_reply') return;
    settle(m.id, (p) => (m.error === undefined ? p.resolve(m.value) : p.reject(new UnavailableError(`node state (${m.error})`))));
  };
  const failAll = (why: string) => {
    for (const id of [...pending.keys()]) settle(id, (p) => p.reject(new UnavailableError(`node state (${why})`)));
  };
  const onDisconnect = () => failAll('primary gone');
  process.on('message', onMessage);
  process.once('disconnect', onDisconnect);
  return {
    call(c) {
      if (closed || !process.send || !process.connected) return Promise.reject(new UnavailableError('node state (no primary)'));
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(id, (p) => p.reject(new UnavailableError('node state (timed out)'))), timeoutMs);
        timer.unref();
        pending.set(id, { resolve, reject, timer });
        process.send!({ type: 'engine_call', id, call: c } satisfies EngineCallMessage, undefined, undefined, (err: Error | null) => {
          if (err) settle(id, (p) => p.reject(new UnavailableError('node state', err)));
        });
      });
    },
    close() {
      if (closed) return;
      closed = true;
      process.off('message', onMessage);
      process.off('disconnect', onDisconnect);
      failAll('closed');
    },
  };
}

/** The primary's side: answers one engine_call through `serve`, replying with `send`. */
export function answerEngineCall(serve: EngineServe, m: EngineCallMessage, send: (r: EngineReply) => void): void {
  serve(m.call).then(
    (value) => send({ type: 'engine_reply', id: m.id, value: value ?? null }),
    (err: unknown) => send({ type: 'engine_reply', id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
}

/**
 * A channel to `serve` in this process that goes through the same JSON
 * encoding as IPC (tests: several "workers" over one primary-side state).
 */
export function loopbackEngineChannel(serve: EngineServe): EngineChannel {
  let closed = false;
  return {
    async call(c) {
      if (closed) throw new UnavailableError('node state (closed)');
      const reply = await new Promise<EngineReply>((resolve) =>
        answerEngineCall(serve, JSON.parse(JSON.stringify({ type: 'engine_call', id: 0, call: c })) as EngineCallMessage, resolve),
      );
      const r = JSON.parse(JSON.stringify(reply)) as EngineReply;
      if (r.error !== undefined) throw new UnavailableError(`node state (${r.error})`);
      return r.value;
    },
    close() {
      closed = true;
    },
  };
}
