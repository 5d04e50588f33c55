// The HTTP half of the client SDK (DESIGN.md §7): accounts, friends, groups
// and node selection over fetch, so it runs unchanged in Node 20 and in
// browsers. Every failure is an ApiError with a stable `code`: the server's
// {"error": {"code", "message"}} when it answered, `network_error` when it
// could not be reached, `bad_response` when it answered something that is
// not the API's JSON.

export interface UserInfo {
  user_id: number;
  username: string;
  nickname: string;
}

/** A friend (GET /api/friends): presence as the server knew it when it answered (absent from servers before DESIGN.md §6a). */
export interface FriendInfo extends UserInfo {
  online?: boolean;
  /** ms since epoch the friend was last seen online; 0 if never */
  last_seen?: number;
}

export interface LoginResult {
  token: string;
  user_id: number;
  /** ms since epoch */
  expires_at: number;
}

export interface GroupInfo {
  group_id: number;
  name: string;
  owner_id: number;
  /** every member, the owner included */
  member_ids: number[];
}

export interface NodeEntry {
  node_id: string;
  ws_url: string;
  http_url: string;
  connections: number;
  load: number;
}

/** Codes the client itself produces (the server's codes are in DESIGN.md §7 / src/http/errors.ts). */
export type ClientErrorCode = 'network_error' | 'bad_response';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** the API's snake_case code, or a ClientErrorCode */
    readonly code: string,
    message: string,
    /** the HTTP status; 0 when there was no answer */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  status: number;
  ok: boolean;
  text(): Promise<string>;
}>;

export interface HttpApiOptions {
  /** `http://host:port` of any node; '' in a browser means the page's own origin */
  baseUrl: string;
  /** a bearer token (set later with setToken after login) */
  token?: string;
  /** defaults to the global fetch */
  fetch?: FetchLike;
}

export class HttpApi {
  private token: string | null;
  private readonly baseUrl: string;
  private readonly fetchFn: FetchLike;

  constructor(opts: HttpApiOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.token = opts.token ?? null;
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The token sent as `Authorization: Bearer` (login() sets it). */
  setToken(token: string | null): void {
    this.token = token;
  }

  register(username: string, password: string, nickname?: string): Promise<UserInfo> {
    return this.request('POST', '/api/register', { username, password, ...(nickname ? { nickname } : {}) });
  }

  /** Logs in and keeps the token for the calls that follow. */
  async login(username: string, password: string): Promise<LoginResult> {
    const r = await this.request<LoginResult>('POST', '/api/login', { username, password });
    this.token = r.token;
    return r;
  }

  me(): Promise<UserInfo> {
    return this.request('GET', '/api/users/me');
  }

  /**
   * Users whose username starts with `prefix` (2 to 32 username characters,
   * case-insensitive): at most 20, by username ascending. Rate-limited per IP
   * like login (ApiError 'rate_limited', status 429).
   */
  async searchUsers(prefix: string): Promise<UserInfo[]> {
    return (await this.request<{ users: UserInfo[] }>('GET', `/api/users?query=${encodeURIComponent(prefix)}`)).users;
  }

  /** Friendship is mutual: both users see each other afterwards. */
  async addFriend(userId: number): Promise<void> {
    await this.request('POST', '/api/friends', { user_id: userId });
  }

  async friends(): Promise<FriendInfo[]> {
    return (await this.request<{ friends: FriendInfo[] }>('GET', '/api/friends')).friends;
  }

  createGroup(name: string, memberIds: number[]): Promise<GroupInfo> {
    return this.request('POST', '/api/groups', { name, member_ids: memberIds });
  }

  group(groupId: number): Promise<GroupInfo> {
    return this.request('GET', `/api/groups/${groupId}`);
  }

  /** Returns every member id after the addition. */
  async addMembers(groupId: number, userIds: number[]): Promise<number[]> {
    return (await this.request<{ member_ids: number[] }>('POST', `/api/groups/${groupId}/members`, { user_ids: userIds })).member_ids;
  }

  async removeMember(groupId: number, userId: number): Promise<void> {
    await this.request('DELETE', `/api/groups/${groupId}/members/${userId}`);
  }

  async nodes(): Promise<NodeEntry[]> {
    return (await this.request<{ nodes: NodeEntry[] }>('GET', '/api/nodes')).nodes;
  }

  /** The least loaded live node. */
  pickNode(): Promise<{ node_id: string; ws_url: string }> {
    return this.request('GET', '/api/nodes/pick');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Awaited<ReturnType<FetchLike>>;
    let text: string;
    try {
      res = await this.fetchFn(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      text = await res.text();
    } catch (err) {
      throw new ApiError('network_error', `${method} ${path}: ${err instanceof Error ? err.message : String(err)}`, 0, { cause: err });
    }
    let json: unknown = undefined;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new ApiError('bad_response', `${method} ${path}: answer is not JSON (status ${res.status})`, res.status, { cause: err });
      }
    }
    if (!res.ok) {
      const e = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      if (e && typeof e.code === 'string') throw new ApiError(e.code, typeof e.message === 'string' ? e.message : e.code, res.status);
      throw new ApiError('bad_response', `${method} ${path}: status ${res.status}`, res.status);
    }
    return json as T;
  }
}

/**
 * The WebSocket URL to use from a page at `page` (a browser's location):
 * the picked node's ws_url, unless the page is served over https (a ws://
 * URL would be blocked as mixed content) or no node could be picked, where
 * the page's own origin serves /ws.
 */
export function wsUrlForPage(page: { protocol: string; host: string }, picked: string | null): string {
  const own = `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}/ws`;
  if (!picked) return own;
  if (page.protocol === 'https:' && picked.startsWith('ws:')) return own;
  return picked;
}
