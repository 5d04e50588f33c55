import { UnavailableError } from '../errors.js';

/** Where the blocks come from: the durable msg_id block store (its contract: src/store/msg-id-blocks.ts). */
export type MsgIdSource = import('../store/msg-id-blocks.js').MsgIdBlockStore;

/**
 * Hands out server-wide msg_ids from durable blocks, double-buffered: the
 * next block is reserved when the current one is 80% used, so ids are
 * normally handed out without waiting. Ids never repeat across restarts
 * (unused ids of a block are skipped).
 */
export class MsgIdAllocator {
  private next = 0;
  private end = 0; // exclusive
  private spare: { next: number; end: number } | null = null;
  private reserving: Promise<void> | null = null;

  constructor(
    private readonly source: MsgIdSource,
    private readonly blockSize = 10_000,
  ) {}

  /** `count` consecutive-or-not ids; resolves once all are durable. */
  async take(count: number): Promise<number[]> {
    const out: number[] = [];
    while (out.length < count) {
      if (this.next >= this.end) {
        if (this.spare) {
          ({ next: this.next, end: this.end } = this.spare);
          this.spare = null;
        } else {
          await this.reserve(Math.max(this.blockSize, count - out.length));
          continue;
        }
      }
      const n = Math.min(count - out.length, this.end - this.next);
      for (let i = 0; i < n; i++) out.push(this.next++);
    }
    if (!this.spare && !this.reserving && this.end - this.next < this.blockSize * 0.2) {
      this.reserve(this.blockSize).catch(() => undefined);
    }
    return out;
  }

  private reserve(size: number): Promise<void> {
    this.reserving ??= (async () => {
      try {
        const first = await this.source.reserveMsgIds(size);
        const block = { next: first, end: first + size };
        if (this.next >= this.end) ({ next: this.next, end: this.end } = block);
        else this.spare = block;
      } catch (err) {
        throw new UnavailableError('msg id store', err);
      } finally {
        this.reserving = null;
      }
    })();
    return this.reserving;
  }
}
