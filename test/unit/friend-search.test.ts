// The web page's search-as-you-type (web/friend-search.ts) on a fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserInfo } from '../../src/client/http-api.js';
import { FriendSearch, SEARCH_DEBOUNCE_MS, isUserId } from '../../web/friend-search.js';

const user = (id: number, username: string): UserInfo => ({ user_id: id, username, nickname: username });

describe('FriendSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function harness(answer: (q: string) => Promise<UserInfo[]>) {
    const queries: string[] = [];
    const shown: { users: UserInfo[] | null; query: string; error?: unknown }[] = [];
    const s = new FriendSearch(
      (q) => (queries.push(q), answer(q)),
      (users, query, error) => shown.push({ users, query, error }),
    );
    return { s, queries, shown };
  }

  it('searches once typing pauses, with the last text only', async () => {
    const h = harness(async (q) => [user(1, `${q}x`)]);
    h.s.typed('an');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    h.s.typed('ann');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(h.queries).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.queries).toEqual(['ann']);
    expect(h.shown.at(-1)).toEqual({ users: [user(1, 'annx')], query: 'ann', error: undefined });
  });

  it('shows nothing and asks nothing for fewer than 2 characters or a user id', async () => {
    const h = harness(async () => [user(1, 'a')]);
    for (const t of ['', ' a ', '42', ' 7 ']) h.s.typed(t);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(h.queries).toEqual([]);
    expect(h.shown.every((x) => x.users === null)).toBe(true);
    expect(isUserId('123')).toBe(true);
    expect(isUserId('12a')).toBe(false);
  });

  it('drops an answer to an older query that arrives after a newer one', async () => {
    const pending = new Map<string, (u: UserInfo[]) => void>();
    const h = harness((q) => new Promise((resolve) => pending.set(q, resolve)));
    h.s.typed('bo');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    h.s.typed('bob');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    pending.get('bob')!([user(2, 'bob')]);
    await vi.advanceTimersByTimeAsync(0);
    pending.get('bo')!([user(3, 'bonnie'), user(2, 'bob')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.shown.filter((x) => x.users).map((x) => x.query)).toEqual(['bob']);
  });

  it('a failed search shows an empty list with the error; clear() hides a search still in flight', async () => {
    let fail = true;
    let release: (u: UserInfo[]) => void = () => undefined;
    const h = harness((q) => (fail ? Promise.reject(new Error(`down: ${q}`)) : new Promise((r) => (release = r))));
    h.s.typed('ca');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(h.shown.at(-1)).toMatchObject({ users: [], query: 'ca' });
    expect(String(h.shown.at(-1)!.error)).toContain('down: ca');
    fail = false;
    h.s.typed('cat');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    h.s.clear();
    release([user(4, 'cat')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.shown.at(-1)).toEqual({ users: null, query: '', error: undefined });
  });

  it('exact() finds the user whose username is the text in any case, or null', async () => {
    const h = harness(async () => [user(5, 'Dora'), user(6, 'dorab')]);
    expect(await h.s.exact(' dora ')).toEqual(user(5, 'Dora'));
    expect(await h.s.exact('dor')).toBeNull();
    expect(await h.s.exact('d')).toBeNull();
  });
});
