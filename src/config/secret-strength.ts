// What makes a signing secret (jwt.secret) weak. Pure: load.ts refuses a weak
// secret under NODE_ENV=production, secret-file.ts warns about one elsewhere.
// The checks catch what a person types, not what a generator emits: a random
// 32-character hex or base64 string passes every one of them.

/** Shortest secret accepted anywhere. */
export const MIN_SECRET_CHARS = 16;
/** Shortest secret accepted under NODE_ENV=production (`openssl rand -hex 32` gives 64). */
export const STRONG_SECRET_CHARS = 32;
/** Fewer distinct characters than this is a pattern, not randomness (a random 32-character hex string has about 14). */
const MIN_DISTINCT_CHARS = 8;
/** Share of neighbouring characters one code apart (abcd…, 9876…) from which a secret is a run. */
const MAX_RUN_SHARE = 0.75;
/** Words of placeholders and examples; compared with letters and digits only, lower-cased. */
const PLACEHOLDERS = ['changeme', 'placeholder', 'example', 'replaceme'];

/**
 * Why `secret` is weak, as a phrase that completes "jwt.secret …", or null
 * when none of the checks finds it weak.
 */
export function secretWeakness(secret: string): string | null {
  if (secret.length < STRONG_SECRET_CHARS) return `has ${secret.length} characters; at least ${STRONG_SECRET_CHARS} are needed`;
  const letters = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  const word = PLACEHOLDERS.find((p) => letters.includes(p));
  if (word) return `looks like a placeholder (it contains "${word}")`;
  if (/^(.+?)\1+$/s.test(secret)) return 'repeats a short pattern';
  if (new Set(secret).size < MIN_DISTINCT_CHARS) return `uses fewer than ${MIN_DISTINCT_CHARS} distinct characters`;
  let steps = 0;
  for (let i = 1; i < secret.length; i++) if (Math.abs(secret.charCodeAt(i) - secret.charCodeAt(i - 1)) === 1) steps++;
  if (steps >= MAX_RUN_SHARE * (secret.length - 1)) return 'is mostly a run of consecutive characters';
  return null;
}

/** How to make a good secret, for messages. */
export const SECRET_HINT = 'e.g. openssl rand -hex 32';
