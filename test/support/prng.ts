// A small seeded PRNG (mulberry32) for reproducible fuzzing. The seed comes
// from FUZZ_SEED when set (decimal or 0x-hex), else from the clock; tests
// print it so that a failing run can be replayed with FUZZ_SEED=<seed>.

export interface Rng {
  readonly seed: number;
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [0, n) */
  int(n: number): number;
  /** an integer in [lo, hi] */
  range(lo: number, hi: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** n random bytes */
  bytes(n: number): Uint8Array;
  /** a random unsigned 64-bit value (skewed towards edge values) */
  u64(): bigint;
  /** a child generator with its own stream, derived from this one */
  fork(): Rng;
}

/** mulberry32: 32-bit state, period 2^32, good enough for test inputs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const U64_EDGES: readonly bigint[] = [
  0n,
  1n,
  2n,
  127n,
  128n,
  255n,
  256n,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  0x100000000n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
  2n ** 63n,
  2n ** 64n - 2n,
  2n ** 64n - 1n,
];

export function createRng(seed: number): Rng {
  const f = mulberry32(seed);
  const rng: Rng = {
    seed: seed >>> 0,
    next: f,
    int: (n) => Math.floor(f() * n),
    range: (lo, hi) => lo + Math.floor(f() * (hi - lo + 1)),
    chance: (p) => f() < p,
    pick: (items) => items[Math.floor(f() * items.length)]!,
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        const v = (f() * 4294967296) >>> 0;
        for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
      }
      return out;
    },
    u64() {
      if (f() < 0.5) return rng.pick(U64_EDGES);
      const hi = BigInt((f() * 4294967296) >>> 0);
      const lo = BigInt((f() * 4294967296) >>> 0);
      const bits = BigInt(1 + Math.floor(f() * 64));
      return ((hi << 32n) | lo) & ((1n << bits) - 1n);
    },
    fork: () => createRng((f() * 4294967296) >>> 0),
  };
  return rng;
}

/** The seed from FUZZ_SEED (decimal or 0x…), else a fresh one. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FUZZ_SEED?.trim();
  if (raw) {
    const n = raw.startsWith('0x') ? Number.parseInt(raw.slice(2), 16) : Number(raw);
    if (!Number.isFinite(n)) throw new Error(`FUZZ_SEED must be a number, got ${JSON.stringify(raw)}`);
    return n >>> 0;
  }
  return (Date.now() ^ (process.pid << 16) ^ Math.floor(Math.random() * 4294967296)) >>> 0;
}

/** A seeded generator; prints the seed (and how to replay it) once. */
export function seededRng(label: string, env: NodeJS.ProcessEnv = process.env): Rng {
  const seed = fuzzSeed(env);
  // eslint-disable-next-line no-console
  console.log(`[${label}] FUZZ_SEED=${seed} (replay: FUZZ_SEED=${seed} npx vitest run …)`);
  return createRng(seed);
}
