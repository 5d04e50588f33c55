// Sticky routing: every connection of a user goes to the same worker.

/**
 * The worker index for a user: a 32-bit integer mix of the id (so
 * consecutive ids spread evenly) modulo the number of workers. Pure and
 * stable across processes and restarts.
 */
export function workerFor(userId: number, workers: number): number {
  if (workers <= 1) return 0;
  // Mix the low and high 32-bit halves (ids are below 2^53).
  let h = (userId >>> 0) ^ Math.floor(userId / 0x1_0000_0000);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % workers;
}
