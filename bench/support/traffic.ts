// Shared pieces of the load modes: message content that carries its own
// origin and send time, a protocol-correct uplink per connection (client_id
// sequence, in-order retransmit on transient errors and ACK timeouts), and
// connecting many clients with bounded concurrency.
import { LoadClient, nowMs, type LoadClientOptions, type LoadHandlers } from './load-client.js';
import { log } from './report.js';
import type { BenchUser } from './users.js';

// ---- content: MAGIC u32 | run u32 | sender index u32 | message index u32 | client send time f64 (ms) | padding ----

export const HEADER_BYTES = 24;
const MAGIC = 0x47434842; // "GCHB"

export function makeContent(size: number, run: number, sender: number, index: number, sentAt: number): Buffer {
  const b = Buffer.alloc(Math.max(size, HEADER_BYTES), 0x78);
  b.writeUInt32LE(MAGIC, 0);
  b.writeUInt32LE(run, 4);
  b.writeUInt32LE(sender, 8);
  b.writeUInt32LE(index, 12);
  b.writeDoubleLE(sentAt, 16);
  return b;
}

/** Reads a content header in place; false when it is not ours or not this run's. */
export function readContent(b: Buffer, start: number, end: number, run: number, out: { sender: number; index: number; sentAt: number }): boolean {
  if (end - start < HEADER_BYTES || b.readUInt32LE(start) !== MAGIC || b.readUInt32LE(start + 4) !== run) return false;
  out.sender = b.readUInt32LE(start + 8);
  out.index = b.readUInt32LE(start + 12);
  out.sentAt = b.readDoubleLE(start + 16);
  return true;
}

// ---- uplink ----

export const TRANSIENT = new Set([6, 7]);

interface InFlight {
  frame: Uint8Array;
  tag: number;
  firstSent: number;
  lastSent: number;
}

export interface UplinkStats {
  /** transient error answers (codes 6, 7) */
  transient: number;
  /** UpMsg frames sent again (after a transient error or an ACK timeout) */
  resent: number;
  /** final rejections by code */
  rejected: Map<number, number>;
}

/**
 * One device's uplink: client_id starts at 1 and grows by 1; an ACK with a
 * transient code (6, 7) makes the client send that client_id and every later
 * unanswered one again, in order, after a back-off; an ACK that does not come
 * within `ackTimeoutMs` does the same. `onResult(tag, code, seq, sentAt)` is
 * called once per message with its final outcome.
 */
export class Uplink {
  private nextCid = 1;
  readonly inflight = new Map<number, InFlight>();
  private retryFrom = Infinity;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoff = 0;

  constructor(
    private readonly c: LoadClient,
    private readonly stats: UplinkStats,
    private readonly onResult: (tag: number, code: number, seq: number, firstSent: number, at: number) => void,
  ) {}

  send(frameFor: (clientId: number) => Uint8Array, tag: number, at: number): number {
    const cid = this.nextCid++;
    const frame = frameFor(cid);
    this.inflight.set(cid, { frame, tag, firstSent: at, lastSent: at });
    this.c.send(frame);
    return cid;
  }

  get pending(): number {
    return this.inflight.size;
  }

  onAck(clientId: number, code: number, seq: number): void {
    const f = this.inflight.get(clientId);
    if (!f) return; // an answer to a retransmit of something already settled
    if (TRANSIENT.has(code)) {
      this.stats.transient++;
      this.retryFrom = Math.min(this.retryFrom, clientId);
      if (!this.retryTimer) {
        const delay = Math.min(2000, 50 * 2 ** this.backoff++);
        this.retryTimer = setTimeout(() => this.resendFrom(), delay);
      }
      return;
    }
    this.inflight.delete(clientId);
    this.backoff = 0;
    if (code !== 0) this.stats.rejected.set(code, (this.stats.rejected.get(code) ?? 0) + 1);
    this.onResult(f.tag, code, seq, f.firstSent, nowMs());
  }

  private resendFrom(): void {
    this.retryTimer = null;
    const from = this.retryFrom;
    this.retryFrom = Infinity;
    const now = nowMs();
    for (const [cid, f] of this.inflight) {
      if (cid < from) continue;
      f.lastSent = now;
      this.stats.resent++;
      this.c.send(f.frame);
    }
  }

  /** Resends everything unanswered when the oldest has waited longer than `ackTimeoutMs`. */
  checkTimeouts(now: number, ackTimeoutMs: number): void {
    const first = this.inflight.values().next();
    if (first.done || now - first.value.lastSent < ackTimeoutMs || this.retryTimer) return;
    this.retryFrom = Math.min(this.retryFrom, this.inflight.keys().next().value!);
    this.resendFrom();
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

// ---- connecting ----

/** Connects and logs in every user (one device each), `concurrency` at a time. */
export async function connectAll(
  wsUrl: string,
  users: BenchUser[],
  deviceId: string,
  handlersFor: (i: number) => LoadHandlers,
  opts: { concurrency: number; clientOptions?: (i: number) => LoadClientOptions },
): Promise<{ clients: LoadClient[]; ms: number }> {
  const clients: LoadClient[] = new Array(users.length);
  let next = 0;
  const t0 = Date.now();
  let lastLog = t0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency, users.length) }, async () => {
        while (next < users.length) {
          const i = next++;
          const u = users[i]!;
          const c = await LoadClient.connect(wsUrl, u.token, handlersFor(i), opts.clientOptions?.(i) ?? {});
          clients[i] = c;
          await c.login(u.token, deviceId);
          if (Date.now() - lastLog > 5000) {
            lastLog = Date.now();
            log(`connected ${next}/${users.length}`);
          }
        }
      }),
    );
  } catch (err) {
    await closeAll(clients.filter(Boolean));
    throw err;
  }
  return { clients, ms: Date.now() - t0 };
}

export async function closeAll(clients: LoadClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c?.close(5000)));
}

/** CPU of this process between two calls, as a fraction of one core. */
export function cpuMeter(): () => number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const d = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    return ms > 0 ? (d.user + d.system) / 1000 / ms : 0;
  };
}
