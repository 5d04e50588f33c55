// The client SDK's waiting times, pure: given the attempt count and a random
// number in [0, 1), each says how long to wait. No timers here; the client
// arms them on its Clock.

/** Longest wait between syncs while the server reports messages not yet persisted. */
export const BEHIND_MAX_WAIT_MS = 5000;
/** Sync polls while behind that wait only gapWaitMs before the wait starts doubling. */
const QUICK_POLLS = 3;

/**
 * Wait before reconnect number `attempt` (0 for the first after a login):
 * an exponential base min(maxMs, minMs·2^attempt), jittered into
 * [base/2, base), so that clients dropped together do not return together.
 */
export function reconnectDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, minMs * 2 ** attempt);
  return base / 2 + random() * (base / 2);
}

/**
 * Wait before resending after a transient rejection (codes 6, 7): half a
 * retransmit interval (at most maxMs), jittered into [½, 1½) of it.
 */
export function transientRetryDelay(retransmitMs: number, maxMs: number, random: () => number): number {
  return Math.min(maxMs, retransmitMs / 2) * (0.5 + random());
}

/**
 * Wait before the next sync while behind, after `polls` polls without
 * progress: gapWaitMs for the first few (a gap usually fills at once), then
 * doubling, capped at BEHIND_MAX_WAIT_MS (rows not persisted yet, e.g. the
 * database is down).
 */
export function behindPollWait(gapWaitMs: number, polls: number): number {
  return Math.min(BEHIND_MAX_WAIT_MS, gapWaitMs * 2 ** Math.max(0, polls - QUICK_POLLS));
}
