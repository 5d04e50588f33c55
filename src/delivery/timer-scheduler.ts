// Timer scheduling port (DESIGN.md §2.6). The chat and delivery code never
// call setTimeout per message; they schedule through this contract, and
// tests drive it on a fake clock.

/** Receives expirations. One target object serves many entries (no closure per entry). */
export interface TimerTarget<T> {
  onTimer(data: T): void;
}

/** An opaque scheduled entry; pass it back to cancel. */
export interface TimerHandle {
  readonly active: boolean;
}

/**
 * Guarantees:
 * - An entry scheduled with delay d fires once, no earlier than d and no later
 *   than d plus one tick after the scheduler's clock reaches that time
 *   (granularity is the tick).
 * - cancel() is O(1) and idempotent; a cancelled entry never fires and holds
 *   no memory in the scheduler.
 * - Entries due in the same tick fire in the order they were scheduled.
 * - Callbacks run synchronously inside advance(); a callback may schedule or
 *   cancel other entries.
 */
export interface TimerScheduler {
  schedule<T>(delayMs: number, target: TimerTarget<T>, data: T): TimerHandle;
  cancel(handle: TimerHandle): void;
  /** entries scheduled and not yet fired or cancelled */
  readonly size: number;
  /** the scheduler's clock (ms) */
  now(): number;
}
