// How old is the oldest message this worker ACKed that is not yet in the
// message store? The worker knows what it published; the persister that
// commits it may be any worker of any node. So the worker keeps one inbox
// position per published batch (a batch commits in one transaction: one row
// of it tells for all) and, every round, looks the oldest ones up in the
// store by primary key; those found are done. Pure but for that lookup,
// which the caller passes in; the clock too.

/** Looks positions up: what each holds (msg_id, 0 tombstone), null where no row (MessageStore.inboxAt). */
export type InboxLookup = (userIds: number[], seqs: number[]) => Promise<(number | null)[]>;

export interface UnpersistedWatchOptions {
  /** most batches held; while full, newer batches are not watched (the oldest are what the gauge reports) */
  maxHeld: number;
  /** most positions looked up per round */
  maxPerRound: number;
  /**
   * Ages below this read 0: a batch younger than this may simply not have
   * been looked up yet (two rounds' worth; the persister gathers for 100 ms).
   */
  graceMs: number;
}

export class UnpersistedWatch {
  // Parallel arrays, oldest first.
  private users: number[] = [];
  private seqs: number[] = [];
  private times: number[] = [];

  constructor(private readonly o: UnpersistedWatchOptions) {}

  /** batches published and not yet seen persisted */
  get size(): number {
    return this.users.length;
  }

  /** A batch was published and its senders ACKed: (userId, seq) is one of its rows, sendTime its messages' send_time. */
  record(userId: number, seq: number, sendTime: number): void {
    if (this.users.length >= this.o.maxHeld) return;
    this.users.push(userId);
    this.seqs.push(seq);
    this.times.push(sendTime);
  }

  /**
   * ms: age at `now` of the oldest batch not yet seen persisted, 0 when
   * there is none or it is younger than graceMs. Counts a batch whose
   * lookups keep failing (or hang) too: not seen persisted is the measure.
   */
  oldestMs(now: number): number {
    let oldest = Infinity;
    // Batches of concurrent ticks may be recorded a little out of order: look a few deep.
    for (let i = 0; i < Math.min(8, this.times.length); i++) oldest = Math.min(oldest, this.times[i]!);
    const age = now - oldest;
    return age >= this.o.graceMs ? age : 0;
  }

  /**
   * One round: looks up the oldest batches (at most maxPerRound) and forgets
   * those whose row exists (a message, or a tombstone: its fate is durable
   * either way). Batches recorded meanwhile are kept. Rejects if the lookup
   * does (nothing is forgotten then). Resolves to the positions looked up.
   */
  async check(lookup: InboxLookup): Promise<number> {
    const n = Math.min(this.o.maxPerRound, this.users.length);
    if (n === 0) return 0;
    const found = await lookup(this.users.slice(0, n), this.seqs.slice(0, n));
    const keep = (a: number[]) => [...a.slice(0, n).filter((_, i) => found[i] === null || found[i] === undefined), ...a.slice(n)];
    this.times = keep(this.times);
    this.users = keep(this.users);
    this.seqs = keep(this.seqs);
    return n;
  }
}
