// Finding people by name (GET /api/users?query=PREFIX): what the add-friend
// box shows as the user types. Searches wait for a pause in typing, need 2
// characters, and a late answer to an older query is never shown over a
// newer one.
import type { UserInfo } from '../src/client/http-api.js';

export const SEARCH_DEBOUNCE_MS = 250;
export const SEARCH_MIN_CHARS = 2;

/** A user id typed into the box (the old way to add a friend): no search. */
export function isUserId(text: string): boolean {
  return /^\d+$/.test(text.trim());
}

export class FriendSearch {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** number of the latest query; answers to older ones are dropped */
  private latest = 0;

  constructor(
    private readonly search: (prefix: string) => Promise<UserInfo[]>,
    /** null: nothing to show (box empty, too short, or an id) */
    private readonly show: (users: UserInfo[] | null, query: string, error?: unknown) => void,
  ) {}

  /** The box's text changed. */
  typed(text: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const q = text.trim();
    const mine = ++this.latest;
    if (q.length < SEARCH_MIN_CHARS || isUserId(q)) return this.show(null, q);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.search(q).then(
        (users) => mine === this.latest && this.show(users, q),
        (err: unknown) => mine === this.latest && this.show([], q, err),
      );
    }, SEARCH_DEBOUNCE_MS);
  }

  /** The user whose username is exactly `name` (any case), searched now. */
  async exact(name: string): Promise<UserInfo | null> {
    const q = name.trim();
    if (q.length < SEARCH_MIN_CHARS) return null;
    const found = await this.search(q);
    return found.find((u) => u.username.toLowerCase() === q.toLowerCase()) ?? null;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.latest++;
    this.show(null, '');
  }
}
