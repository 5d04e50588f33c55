// What the page keeps in localStorage about who is logged in on this
// browser, and the browser's device id.

export interface Session {
  token: string;
  userId: number;
  username: string;
  nickname: string;
  /** ms since epoch */
  expiresAt: number;
}

const SESSION_KEY = 'gochat:session';
const DEVICE_KEY = 'gochat:device';
/** A token this close to expiry is not used to start a session. */
const EXPIRY_MARGIN_MS = 60_000;

/** Stable per browser: the server deduplicates each (user, device)'s client_ids. */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(8)); // (randomUUID needs a secure context)
    id = `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export function loadSession(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' && s.expiresAt > Date.now() + EXPIRY_MARGIN_MS ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
}

/** Comma- or space-separated user ids. */
export function parseIds(text: string): number[] {
  const ids = text.split(/[\s,]+/).filter(Boolean).map(Number);
  if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new Error('user ids are positive whole numbers');
  return ids;
}
