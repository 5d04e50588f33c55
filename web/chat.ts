// The chat screen's state and actions on the client SDK: friends (with
// presence), groups, the open conversation (marked read while it is open
// and visible), sending, typing, recalling, and when to redraw
// (web/chat-view.ts draws). History survives a reload (web/history.ts); so
// do unsent messages, which go out once the page is back online.
import { HttpApi, wsUrlForPage, type FriendInfo, type GroupInfo, type UserInfo } from '../src/client/http-api.js';
import { CLOSE_REPLACED, GoChatClient, type ClientState, type SocketLike } from '../src/client/sdk.js';
import { renderChat, renderConversations, renderFriends, renderSearch, type ChatView } from './chat-view.js';
import { $, errorText, input } from './dom.js';
import { FriendSearch, isUserId } from './friend-search.js';
import { ChatHistory, MT_TEXT, keyOfConv, parseConv, type ChatMessage } from './history.js';
import { deviceId, parseIds, type Session } from './session.js';

const FRIENDS_REFRESH_MIN_MS = 3000;

export class Chat implements ChatView {
  readonly history: ChatHistory;
  readonly client: GoChatClient;
  readonly me: number;
  private readonly friends = new Map<number, FriendInfo>();
  private readonly groups = new Map<number, GroupInfo>();
  private readonly groupLookups = new Set<number>();
  private friendsFetchedAt = 0;
  private friendsTimer: ReturnType<typeof setTimeout> | null = null;
  private recallTimer: ReturnType<typeof setTimeout> | null = null;
  open: string | null = null;
  private renderQueued = false;
  private stopped = false;
  /** conv → the seq last asked to mark read (a refused read is not asked again until more arrives) */
  private readonly readAsked = new Map<string, number>();
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly session: Session,
    wsUrl: string,
    private readonly api: HttpApi,
    /** the session is over (the token expired or was refused) */
    private readonly logout: (message: string) => void,
  ) {
    this.me = session.userId;
    this.history = new ChatHistory(localStorage, session.userId, deviceId());
    this.history.onChange = () => this.render();
    this.client = new GoChatClient({
      wsUrl,
      token: session.token,
      userId: session.userId,
      deviceId: deviceId(),
      socket: (url) => new WebSocket(url) as unknown as SocketLike,
      store: this.history,
      // Before each reconnect: the least loaded live node (the old one may be gone).
      nodeUrl: async () => wsUrlForPage(location, (await api.pickNode()).ws_url),
    });
    const c = this.client;
    c.on('message', (m) => {
      const added = this.history.addReceived(m);
      if (added) this.learnNames(added);
    });
    c.on('ack', (r) => this.history.settle(r));
    c.on('recall', (r) => this.history.recall(r.msgId));
    for (const ev of ['conversations', 'receipt', 'typing', 'presence'] as const) c.on(ev, () => this.render());
    c.on('state', (s) => this.onState(s));
    c.on('error', (e) => {
      if (e.closeCode === CLOSE_REPLACED) this.banner('GoChat was opened in another tab or window of this browser; this one stopped. Reload to chat here.');
      else if (e.code === 2) this.logout('Your session has ended: log in again.');
    });
    this.listen(window, 'offline', () => c.suspend());
    this.listen(window, 'online', () => c.resume());
    this.listen(window, 'pagehide', () => this.history.flush());
    this.listen(document, 'visibilitychange', () => (document.visibilityState === 'hidden' ? this.history.flush() : this.render()));
  }

  async start(): Promise<void> {
    if (!navigator.onLine) this.client.suspend();
    await this.client.start(); // loads the history (the SDK's store) first
    // The server's unread counts and the friends' presence; the SDK asks again after every reconnect
    // (a refusal here leaves the counts to the messages and the dots to GET /api/friends).
    this.client.conversations().catch(() => undefined);
    this.client.queryPresence().catch(() => undefined);
    void this.refreshFriends(true);
    for (const c of this.history.conversations()) this.learnNames(c.last);
    this.render();
  }

  stop(): void {
    this.stopped = true;
    for (const t of [this.friendsTimer, this.recallTimer]) if (t) clearTimeout(t);
    this.client.close();
    this.history.flush();
    for (const s of this.stops) s();
  }

  private listen(target: EventTarget, type: string, fn: () => void): void {
    target.addEventListener(type, fn);
    this.stops.push(() => target.removeEventListener(type, fn));
  }

  // ---- data ----

  /** Fetches the friends list; without `force` at most once per FRIENDS_REFRESH_MIN_MS (a later call is deferred, not dropped). */
  async refreshFriends(force = false): Promise<void> {
    const wait = this.friendsFetchedAt + FRIENDS_REFRESH_MIN_MS - Date.now();
    if (!force && wait > 0) {
      this.friendsTimer ??= setTimeout(() => {
        this.friendsTimer = null;
        void this.refreshFriends();
      }, wait);
      return;
    }
    this.friendsFetchedAt = Date.now();
    try {
      for (const f of await this.api.friends()) {
        this.friends.set(f.user_id, f);
        this.history.setName(`u:${f.user_id}`, f.nickname);
      }
      this.render();
    } catch (err) {
      this.sideError(err);
    }
  }

  private async lookupGroup(id: number, force = false): Promise<void> {
    if (this.groupLookups.has(id) && !force) return;
    this.groupLookups.add(id);
    try {
      const g = await this.api.group(id);
      this.groups.set(id, g);
      this.history.setName(`g:${id}`, g.name);
      this.render();
    } catch {
      /* no longer a member: the name stays as it was */
    }
  }

  /** Fetches what the page does not know yet about a message's conversation and sender. */
  private learnNames(m: ChatMessage): void {
    const { group, id } = parseConv(m.conv);
    if (group) void this.lookupGroup(id);
    // An unknown sender may have added us as a friend since the last look.
    if (m.senderId !== this.me && !this.friends.has(m.senderId)) void this.refreshFriends();
  }

  friendsList(): FriendInfo[] {
    return [...this.friends.values()].sort((a, b) => a.nickname.localeCompare(b.nickname));
  }

  isFriend(userId: number): boolean {
    return this.friends.has(userId);
  }

  group(id: number): GroupInfo | undefined {
    return this.groups.get(id);
  }

  /** What the connection heard last (pushes, the query after each login), else what GET /api/friends said. */
  online(userId: number): boolean {
    return this.client.presenceOf(userId)?.online ?? this.friends.get(userId)?.online ?? false;
  }

  nameOf(conv: string): string {
    const { group, id } = parseConv(conv);
    const known = this.history.names.get(conv);
    if (group) return known ?? `group ${id}`;
    return this.friends.get(id)?.nickname ?? known ?? `user ${id}`;
  }

  userName(id: number): string {
    if (id === this.me) return 'you';
    return this.friends.get(id)?.nickname ?? this.history.names.get(`u:${id}`) ?? `user ${id}`;
  }

  // ---- actions ----

  openConversation(conv: string): void {
    if (this.open && this.open !== conv) this.client.typing(keyOfConv(this.open), false);
    this.open = conv;
    const { group, id } = parseConv(conv);
    if (group) void this.lookupGroup(id, true);
    input('message-input').disabled = false;
    $<HTMLButtonElement>('send-btn').disabled = false;
    input('message-input').focus();
    this.render();
    $('messages').scrollTop = $('messages').scrollHeight;
  }

  send(text: string): void {
    if (!this.open || text === '') return;
    const key = keyOfConv(this.open);
    this.client.typing(key, false);
    void this.client.send({ sessionType: key.sessionType, receiverId: key.peerId, messageType: MT_TEXT, content: new TextEncoder().encode(text) });
  }

  /** The message box changed: typing while it has text. */
  typed(text: string): void {
    if (this.open) this.client.typing(keyOfConv(this.open), text.trim() !== '');
  }

  /** Takes back one of the user's messages in the open conversation. */
  async recall(msgId: number): Promise<void> {
    if (!this.open) return;
    const key = keyOfConv(this.open);
    const r = await this.client.recall({ sessionType: key.sessionType, receiverId: key.peerId, msgId });
    if (r.code !== 0) throw new Error(r.code === 3 ? 'Too late to recall that message.' : `Could not recall it: ${r.codeMsg || `code ${r.code}`}`);
    this.history.recall(msgId);
  }

  readonly search = new FriendSearch(
    (prefix) => this.api.searchUsers(prefix),
    (users: UserInfo[] | null, query: string, err?: unknown) => renderSearch(this, users, query, err),
  );

  /** By user id, or by exact username (any case). */
  async addFriend(text: string): Promise<void> {
    let id: number | undefined;
    if (isUserId(text)) [id] = parseIds(text);
    else {
      const u = await this.search.exact(text);
      if (!u) throw new Error(`No user is named "${text.trim()}".`);
      id = u.user_id;
    }
    if (id === undefined) return;
    await this.api.addFriend(id);
    this.search.clear();
    await this.refreshFriends(true);
  }

  async createGroup(name: string, idsText: string): Promise<void> {
    const g = await this.api.createGroup(name, parseIds(idsText));
    this.groups.set(g.group_id, g);
    this.history.setName(`g:${g.group_id}`, g.name);
    this.openConversation(`g:${g.group_id}`);
  }

  async addMembers(idsText: string): Promise<void> {
    if (!this.open?.startsWith('g:')) return;
    const id = parseConv(this.open).id;
    const members = await this.api.addMembers(id, parseIds(idsText));
    const g = this.groups.get(id);
    if (g) this.groups.set(id, { ...g, member_ids: members });
    this.render();
  }

  // ---- view ----

  private onState(s: ClientState): void {
    const conn = $('conn');
    conn.dataset.state = s;
    conn.textContent = { idle: '…', connecting: 'connecting…', online: 'online', offline: 'offline', closed: 'stopped' }[s];
    if ((s === 'offline' || s === 'connecting') && Date.now() >= this.session.expiresAt) this.logout('Your session has expired: log in again.');
  }

  banner(text: string): void {
    $('banner').textContent = text;
  }

  sideError(err: unknown): void {
    $('side-error').textContent = err ? errorText(err) : '';
  }

  /** Re-renders once per frame, whatever changed. */
  render(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      if (this.stopped) return;
      this.markOpenRead();
      renderConversations(this);
      renderFriends(this);
      this.armRecallTimer(renderChat(this));
    });
  }

  /** The open conversation, while the page is visible, is read up to its newest message. */
  private markOpenRead(): void {
    const conv = this.open;
    if (!conv || document.visibilityState !== 'visible') return;
    const seq = this.history.newestSeq(conv);
    if (seq <= (this.readAsked.get(conv) ?? 0)) return;
    this.readAsked.set(conv, seq);
    this.client.markRead(keyOfConv(conv), seq).catch(() => undefined); // refused: the count stays; asked again when more arrives
  }

  /** Redraws when the next recall button runs out of time. */
  private armRecallTimer(at: number | null): void {
    if (this.recallTimer) clearTimeout(this.recallTimer);
    this.recallTimer = at === null ? null : setTimeout(() => this.render(), Math.max(0, at - Date.now()) + 50);
  }
}
