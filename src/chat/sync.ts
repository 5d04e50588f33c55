import type { SeqAllocator } from '../seq/seq-allocator.js';
import type { MessageStore } from '../store/message-store.js';
import type { StoredMessage } from '../store/types.js';
import { UnavailableError } from '../errors.js';
import { selectSyncable } from './gap.js';

export interface SyncOptions {
  store: MessageStore;
  /** to report the last allocated seq (latest_seq) */
  seqs?: SeqAllocator;
  gapTimeoutMs: number;
  /**
   * ms since the epoch from which the persistence path has worked without
   * interruption as far as this worker saw (its start, the last failure of
   * the message store or of the queue connection); gaps are young until
   * gapTimeoutMs after it (see selectSyncable). Default: always.
   */
  trustedSince?: () => number;
  defaultLimit: number;
  maxLimit: number;
}

export interface SyncResult {
  messages: { seq: number; message: StoredMessage }[];
  hasMore: boolean;
  /** highest seq consumed (messages and tombstones): where the next sync continues */
  nextSeq: number;
  /** last seq allocated for the user, read before the inbox (0 = unknown) */
  latestSeq: number;
}

/** Pages read at most per sync call when pages hold only tombstones. */
const MAX_PAGES = 8;

/** Offline sync (DESIGN.md §2.7): the user's inbox above a seq, paged, holding back above young gaps (I5). */
export class SyncService {
  /** when a read of the message store last failed (its outage may have held batches) */
  private readFailedAt = 0;

  constructor(private readonly opts: SyncOptions) {}

  /** `limit` 0 means the default; larger than the maximum is capped. */
  clampLimit(limit: number): number {
    if (!limit) return this.opts.defaultLimit;
    return Math.min(limit, this.opts.maxLimit);
  }

  async sync(userId: number, afterSeq: number, requestedLimit: number): Promise<SyncResult> {
    // Read before the inbox: everything at or below it was allocated before
    // the rows are read, so a device that got less knows to come back.
    const latestSeq = (await this.opts.seqs?.peek(userId).catch(() => null)) ?? 0;
    const page = await this.page(userId, afterSeq, requestedLimit);
    return { ...page, latestSeq };
  }

  private async page(userId: number, afterSeq: number, requestedLimit: number): Promise<Omit<SyncResult, 'latestSeq'>> {
    const limit = this.clampLimit(requestedLimit);
    let after = afterSeq;
    for (let page = 0; page < MAX_PAGES; page++) {
      let rows;
      try {
        rows = await this.opts.store.readInbox(userId, after, limit);
      } catch (err) {
        this.readFailedAt = Date.now();
        throw new UnavailableError('message store', err);
      }
      const since = this.opts.trustedSince ? Math.max(this.opts.trustedSince(), this.readFailedAt) : 0;
      const d = selectSyncable(rows, after, this.opts.gapTimeoutMs, since > 0 ? Date.now() - since : Infinity);
      const full = rows.length === limit;
      if (d.messages.length > 0 || d.blocked || !full) {
        const hasMore = full && !d.blocked && d.lastSeq === rows[rows.length - 1]!.seq;
        return { messages: d.messages, hasMore, nextSeq: d.lastSeq };
      }
      after = d.lastSeq; // a page of tombstones only: read on
    }
    return { messages: [], hasMore: true, nextSeq: after };
  }
}
