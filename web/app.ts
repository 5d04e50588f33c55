// The GoChat web page: plain DOM code on the client SDK. One screen to log
// in or register, one to chat: conversations (built from the inbox),
// friends, groups, and a chat view with each own message's delivery state.
// History survives a reload (web/history.ts); so do unsent messages, which
// go out once the page is back online.
import { ApiError, HttpApi, wsUrlForPage, type GroupInfo, type UserInfo } from '../src/client/http-api.js';
import { CLOSE_REPLACED, GoChatClient, type ClientState, type SocketLike } from '../src/client/sdk.js';
import { FriendSearch, isUserId } from './friend-search.js';
import { ChatHistory, MT_TEXT, ST_GROUP, ST_SINGLE, parseConv, type ChatMessage } from './history.js';

interface Session {
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
const FRIENDS_REFRESH_MIN_MS = 3000;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
};
const input = (id: string) => $<HTMLInputElement>(id);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'network_error' ? 'The server cannot be reached.' : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Stable per browser: the server deduplicates each (user, device)'s client_ids. */
function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(8)); // (randomUUID needs a secure context)
    id = `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function loadSession(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' && s.expiresAt > Date.now() + EXPIRY_MARGIN_MS ? s : null;
  } catch {
    return null;
  }
}

/** Comma- or space-separated user ids. */
function parseIds(text: string): number[] {
  const ids = text.split(/[\s,]+/).filter(Boolean).map(Number);
  if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new Error('user ids are positive whole numbers');
  return ids;
}

const api = new HttpApi({ baseUrl: location.origin });

// ---------------------------------------------------------------- log in

function showAuth(message = ''): void {
  $('app').hidden = true;
  $('auth').hidden = false;
  $('auth-error').textContent = message;
  input('username').focus();
}

async function authenticate(register: boolean): Promise<void> {
  const form = $<HTMLFormElement>('auth-form');
  if (!form.reportValidity()) return;
  const username = input('username').value.trim();
  const password = input('password').value;
  $('auth-error').textContent = '';
  try {
    if (register) await api.register(username, password, input('nickname').value.trim() || undefined);
    const login = await api.login(username, password);
    const me = await api.me();
    const session: Session = { token: login.token, userId: login.user_id, username: me.username, nickname: me.nickname, expiresAt: login.expires_at };
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    input('password').value = '';
    void startChat(session);
  } catch (err) {
    $('auth-error').textContent = errorText(err);
  }
}

// ---------------------------------------------------------------- chat

let chat: Chat | null = null;

class Chat {
  readonly history: ChatHistory;
  readonly client: GoChatClient;
  private readonly friends = new Map<number, UserInfo>();
  private readonly groups = new Map<number, GroupInfo>();
  private readonly groupLookups = new Set<number>();
  private friendsFetchedAt = 0;
  private friendsTimer: ReturnType<typeof setTimeout> | null = null;
  private open: string | null = null;
  private renderQueued = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly session: Session,
    wsUrl: string,
  ) {
    this.history = new ChatHistory(localStorage, session.userId, deviceId());
    this.history.onChange = () => this.render();
    this.client = new GoChatClient({
      wsUrl,
      token: session.token,
      deviceId: deviceId(),
      socket: (url) => new WebSocket(url) as unknown as SocketLike,
      store: this.history,
      // Before each reconnect: the least loaded live node (the old one may be gone).
      nodeUrl: async () => wsUrlForPage(location, (await api.pickNode()).ws_url),
    });
    this.client.on('message', (m) => {
      const added = this.history.addReceived(m);
      if (added) this.learnNames(added);
    });
    this.client.on('ack', (r) => this.history.settle(r));
    this.client.on('state', (s) => this.onState(s));
    this.client.on('error', (e) => {
      if (e.closeCode === CLOSE_REPLACED) this.banner('GoChat was opened in another tab or window of this browser; this one stopped. Reload to chat here.');
      else if (e.code === 2) void logout('Your session has ended: log in again.');
    });
    const onOffline = () => this.client.suspend();
    const onOnline = () => this.client.resume();
    const onHide = () => this.history.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && this.history.flush();
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    this.stops.push(
      () => window.removeEventListener('offline', onOffline),
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('pagehide', onHide),
      () => document.removeEventListener('visibilitychange', onVisibility),
    );
  }

  async start(): Promise<void> {
    if (!navigator.onLine) this.client.suspend();
    await this.client.start(); // loads the history (the SDK's store) first
    void this.refreshFriends(true);
    for (const c of this.history.conversations()) this.learnNames(c.last);
    this.render();
  }

  stop(): void {
    if (this.friendsTimer) clearTimeout(this.friendsTimer);
    this.client.close();
    this.history.flush();
    for (const s of this.stops) s();
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
      for (const f of await api.friends()) {
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
      const g = await api.group(id);
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
    if (m.senderId !== this.session.userId && !this.friends.has(m.senderId)) void this.refreshFriends();
  }

  nameOf(conv: string): string {
    const { group, id } = parseConv(conv);
    const known = this.history.names.get(conv);
    if (group) return known ?? `group ${id}`;
    return this.friends.get(id)?.nickname ?? known ?? `user ${id}`;
  }

  userName(id: number): string {
    if (id === this.session.userId) return 'you';
    return this.friends.get(id)?.nickname ?? this.history.names.get(`u:${id}`) ?? `user ${id}`;
  }

  // ---- actions ----

  openConversation(conv: string): void {
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
    const { group, id } = parseConv(this.open);
    void this.client.send({ sessionType: group ? ST_GROUP : ST_SINGLE, receiverId: id, messageType: MT_TEXT, content: new TextEncoder().encode(text) });
  }

  readonly search = new FriendSearch(
    (prefix) => api.searchUsers(prefix),
    (users, query, err) => this.renderSearch(users, query, err),
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
    await api.addFriend(id);
    this.search.clear();
    await this.refreshFriends(true);
  }

  private renderSearch(users: UserInfo[] | null, query: string, err?: unknown): void {
    const list = $('friend-results');
    if (!users) return void list.replaceChildren();
    if (err) return void list.replaceChildren(el('li', { class: 'empty' }, errorText(err)));
    const items = users
      .filter((u) => u.user_id !== this.session.userId)
      .map((u) =>
        el(
          'li',
          { 'data-user-id': String(u.user_id) },
          el('span', { class: 'name' }, u.nickname),
          el('span', { class: 'preview' }, `@${u.username}`),
          this.friends.has(u.user_id) ? el('span', { class: 'tag' }, 'friend') : el('button', { type: 'button', class: 'add', 'data-add': String(u.user_id) }, 'Add'),
        ),
      );
    list.replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, `No one whose username starts with "${query}"`)]));
  }

  async createGroup(name: string, idsText: string): Promise<void> {
    const g = await api.createGroup(name, parseIds(idsText));
    this.groups.set(g.group_id, g);
    this.history.setName(`g:${g.group_id}`, g.name);
    this.openConversation(`g:${g.group_id}`);
  }

  async addMembers(idsText: string): Promise<void> {
    if (!this.open?.startsWith('g:')) return;
    const id = parseConv(this.open).id;
    const members = await api.addMembers(id, parseIds(idsText));
    const g = this.groups.get(id);
    if (g) this.groups.set(id, { ...g, member_ids: members });
    this.render();
  }

  // ---- view ----

  private onState(s: ClientState): void {
    const conn = $('conn');
    conn.dataset.state = s;
    conn.textContent = { idle: '…', connecting: 'connecting…', online: 'online', offline: 'offline', closed: 'stopped' }[s];
    if ((s === 'offline' || s === 'connecting') && Date.now() >= this.session.expiresAt) void logout('Your session has expired: log in again.');
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
      if (chat !== this) return;
      if (this.open && document.visibilityState === 'visible') this.history.markRead(this.open);
      this.renderConversations();
      this.renderFriends();
      this.renderChat();
    });
  }

  private renderConversations(): void {
    const items = this.history.conversations().map((c) =>
      el(
        'li',
        { 'data-conv': c.conv, class: c.conv === this.open ? 'active' : '' },
        el('span', { class: 'name' }, this.nameOf(c.conv)),
        el('span', { class: 'preview' }, `${c.last.senderId === this.session.userId ? 'you: ' : ''}${c.last.text}`),
        ...(c.unread > 0 && c.conv !== this.open ? [el('span', { class: 'unread' }, String(c.unread))] : []),
      ),
    );
    $('conversations').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'No messages yet')]));
  }

  private renderFriends(): void {
    const items = [...this.friends.values()]
      .sort((a, b) => a.nickname.localeCompare(b.nickname))
      .map((f) => el('li', { 'data-conv': `u:${f.user_id}`, 'data-user': String(f.user_id) }, el('span', { class: 'name' }, f.nickname), el('span', { class: 'preview' }, `#${f.user_id} @${f.username}`)));
    $('friends').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'Add a friend by username or user id')]));
  }

  private renderChat(): void {
    const conv = this.open;
    $('group-tools').hidden = !conv?.startsWith('g:');
    if (!conv) return;
    $('chat-title').textContent = this.nameOf(conv);
    $('chat-title').dataset.conv = conv;
    if (conv.startsWith('g:')) {
      const g = this.groups.get(parseConv(conv).id);
      $('group-info').textContent = g ? `members: ${g.member_ids.map((id) => this.userName(id)).join(', ')}` : '';
    }
    const list = $('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const group = conv.startsWith('g:');
    list.replaceChildren(
      ...this.history.messages(conv).map((m) => {
        const own = m.senderId === this.session.userId;
        const time = m.time ? new Date(m.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
        return el(
          'li',
          { class: `msg ${own ? 'own' : 'other'}`, 'data-seq': String(m.seq), 'data-state': m.state },
          ...(group && !own ? [el('div', { class: 'who' }, this.userName(m.senderId))] : []),
          el('div', { class: 'body' }, m.text),
          el('div', { class: 'meta' }, time, ...(own ? [el('span', { class: 'state' }, stateLabel(m))] : [])),
        );
      }),
    );
    if (atBottom) list.scrollTop = list.scrollHeight;
  }
}

function stateLabel(m: ChatMessage): string {
  switch (m.state) {
    case 'sending':
      return '◷ sending';
    case 'sent':
      return '✓ sent';
    case 'failed':
      return `✗ not sent: ${m.error ?? ''}`;
    default:
      return '';
  }
}

async function startChat(session: Session): Promise<void> {
  chat?.stop();
  $('auth').hidden = true;
  $('app').hidden = false;
  $('banner').textContent = '';
  $('me').textContent = `${session.nickname} · your id: ${session.userId}`;
  $('me').dataset.userId = String(session.userId);
  api.setToken(session.token);
  // Connect to the least loaded node; to this page's own origin if none can be picked.
  const picked = await api.pickNode().then(
    (n) => n.ws_url,
    () => null,
  );
  chat = new Chat(session, wsUrlForPage(location, picked));
  await chat.start();
}

async function logout(message = ''): Promise<void> {
  chat?.stop();
  chat = null;
  // The history and the client_id counter stay: client_ids must never repeat for this (user, device).
  localStorage.removeItem(SESSION_KEY);
  api.setToken(null);
  $('messages').replaceChildren();
  $('chat-title').textContent = 'Pick a conversation or a friend';
  showAuth(message);
}

/** Runs a form's action; its error goes under the side panel. */
function onSubmit(id: string, action: (form: HTMLFormElement) => Promise<void> | void): void {
  const form = $<HTMLFormElement>(id);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    chat?.sideError(null);
    Promise.resolve()
      .then(() => action(form))
      .then(
        () => form.reset(),
        (err: unknown) => chat?.sideError(err),
      );
  });
}

function wire(): void {
  $<HTMLFormElement>('auth-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void authenticate(false);
  });
  $('register-btn').addEventListener('click', () => void authenticate(true));
  $('logout').addEventListener('click', () => void logout());
  $('refresh-friends').addEventListener('click', () => void chat?.refreshFriends(true));
  for (const listId of ['conversations', 'friends']) {
    $(listId).addEventListener('click', (ev) => {
      const li = (ev.target as HTMLElement).closest<HTMLElement>('li[data-conv]');
      if (li?.dataset.conv) chat?.openConversation(li.dataset.conv);
    });
  }
  onSubmit('add-friend', () => chat?.addFriend(input('friend-id').value));
  input('friend-id').addEventListener('input', () => chat?.search.typed(input('friend-id').value));
  $('friend-results').addEventListener('click', (ev) => {
    const id = (ev.target as HTMLElement).closest<HTMLElement>('button[data-add]')?.dataset.add;
    if (!id || !chat) return;
    chat.sideError(null);
    chat.addFriend(id).then(
      () => $<HTMLFormElement>('add-friend').reset(),
      (err: unknown) => chat?.sideError(err),
    );
  });
  onSubmit('create-group', () => chat?.createGroup(input('group-name').value.trim(), input('group-members').value));
  onSubmit('add-members', () => chat?.addMembers(input('add-member-ids').value));
  $<HTMLFormElement>('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const box = input('message-input');
    chat?.send(box.value.trim());
    box.value = '';
    box.focus();
  });
}

wire();
const saved = loadSession();
if (saved) void startChat(saved);
else showAuth();
