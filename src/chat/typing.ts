// Typing indicators (DESIGN.md §6a): ephemeral, never stored, best effort.
// A device's CT_TYPING goes to the peer's (1:1) or the other members'
// (group) online devices, with user_id set here; the sender's own devices
// do not get it. At most one per second per (device, conversation) is
// forwarded, the rest dropped; groups over `maxGroupMembers` get none; a
// typing to a user that does not exist, to oneself, to a group the sender
// is not a member of, or with another session type is dropped. Nothing is
// ever answered; each outcome is counted under its would-be code.
import type { Directory } from '../directory/directory.js';
import { Code } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Signals, TypingInput } from './commands.js';
import { SessionType } from './validate.js';

/** Groups larger than this get no typing indicators. */
export const TYPING_MAX_GROUP_MEMBERS = 100;
/** One typing per (device, conversation) per this many ms. */
export const TYPING_INTERVAL_MS = 1000;
/** Keys the gate remembers at most (the oldest go first when full). */
const TYPING_MAX_KEYS = 100_000;

/**
 * Lets one event per key through per interval. Keys are forgotten once
 * their interval has passed (a Map in the order keys were last let
 * through, pruned from its oldest end), so memory follows the keys active
 * within the last interval, and never exceeds `maxKeys`.
 */
export class IntervalGate {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = TYPING_MAX_KEYS,
  ) {}

  /** Whether the event of `key` now is let through (it then starts the key's interval). */
  allow(key: string): boolean {
    const now = this.now();
    this.prune(now);
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.intervalMs) return false;
    this.last.delete(key);
    if (this.last.size >= this.maxKeys) this.last.delete(this.last.keys().next().value!);
    this.last.set(key, now);
    return true;
  }

  /** keys remembered */
  get size(): number {
    return this.last.size;
  }

  private prune(now: number): void {
    for (const [k, at] of this.last) {
      if (now - at < this.intervalMs) return;
      this.last.delete(k);
    }
  }
}

export interface TypingRelayOptions {
  directory: Pick<Directory, 'existingUsers' | 'groupMembers'>;
  signals: Signals;
  /** encodes Output{CT_TYPING, TypingMsg} */
  encode(m: { sessionType: number; peerId: number; userId: number; typing: boolean }): Uint8Array;
  metrics?: Pick<Metrics, 'observeCommand'>;
  now?: () => number;
  maxGroupMembers?: number;
  intervalMs?: number;
  /** a failed directory lookup (the typing is dropped) */
  onError?(err: unknown): void;
}

export class TypingRelay {
  private readonly gate: IntervalGate;
  private readonly maxGroupMembers: number;

  constructor(private readonly o: TypingRelayOptions) {
    this.gate = new IntervalGate(o.intervalMs ?? TYPING_INTERVAL_MS, o.now);
    this.maxGroupMembers = o.maxGroupMembers ?? TYPING_MAX_GROUP_MEMBERS;
  }

  /** ChatCommands.typing: never throws, never answers. */
  typing(userId: number, deviceId: string, m: TypingInput): void {
    const { sessionType, peerId } = m;
    if ((sessionType !== SessionType.SINGLE && sessionType !== SessionType.GROUP) || peerId <= 0) return this.count(Code.BAD_REQUEST);
    if (sessionType === SessionType.SINGLE && peerId === userId) return this.count(Code.BAD_REQUEST);
    // Checked before the lookups: a flood costs no directory round trips.
    if (!this.gate.allow(`${userId}|${deviceId}|${sessionType}|${peerId}`)) return this.count(Code.RATE_LIMITED);
    this.recipients(userId, sessionType, peerId).then(
      (r) => {
        if (typeof r === 'number') return this.count(r);
        this.o.signals.send('typing', r, this.o.encode({ sessionType, peerId, userId, typing: m.typing }));
        this.count(Code.OK);
      },
      (err) => {
        this.o.onError?.(err);
        this.count(Code.UNAVAILABLE);
      },
    );
  }

  /** Who gets it, or the code it is dropped with. */
  private async recipients(userId: number, sessionType: number, peerId: number): Promise<number[] | Code> {
    if (sessionType === SessionType.SINGLE) return (await this.o.directory.existingUsers([peerId])).has(peerId) ? [peerId] : Code.NOT_FOUND;
    const members = await this.o.directory.groupMembers(peerId);
    if (!members) return Code.NOT_FOUND;
    if (!members.includes(userId)) return Code.FORBIDDEN;
    if (members.length > this.maxGroupMembers) return Code.TOO_LARGE;
    return members.filter((u) => u !== userId);
  }

  private count(code: number): void {
    this.o.metrics?.observeCommand('typing', code, 0);
  }
}
