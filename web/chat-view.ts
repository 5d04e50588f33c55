// Drawing the chat screen: the conversation list (the server's unread
// counts, "typing…"), the friends list (online dots), the open
// conversation (delivery and read marks, recall buttons, recalled
// messages, who is typing) and the friend search results. Pure rendering
// from what ChatView exposes; web/chat.ts decides when.
import type { FriendInfo, GroupInfo, UserInfo } from '../src/client/http-api.js';
import type { GoChatClient } from '../src/client/sdk.js';
import { el, errorText, $ } from './dom.js';
import { MT_RECALL, MT_RECALLED, convOfKey, keyOfConv, textOf, type ChatHistory, type ChatMessage } from './history.js';

/** How long after sending a message the page offers to recall it (the server's recall_window, 2 min by default). */
export const RECALL_WINDOW_MS = 120_000;
const RECALLED_TEXT = 'message recalled';

/** What the views read. */
export interface ChatView {
  readonly me: number;
  /** the open conversation */
  readonly open: string | null;
  readonly history: ChatHistory;
  readonly client: GoChatClient;
  friendsList(): FriendInfo[];
  isFriend(userId: number): boolean;
  group(id: number): GroupInfo | undefined;
  nameOf(conv: string): string;
  userName(id: number): string;
  online(userId: number): boolean;
}

const visible = () => document.visibilityState === 'visible';

export function renderConversations(v: ChatView): void {
  const rows = new Map<string, { conv: string; order: number; preview: string; unread: number }>();
  for (const c of v.history.conversations()) {
    const text = c.last.recalled ? RECALLED_TEXT : c.last.text;
    rows.set(c.conv, { conv: c.conv, order: c.last.order, preview: `${c.last.senderId === v.me ? 'you: ' : ''}${text}`, unread: 0 });
  }
  // The server's counts (and conversations older than what this browser keeps).
  for (const c of v.client.conversationList) {
    const conv = convOfKey(c);
    const row = rows.get(conv);
    if (row) row.unread = c.unread;
    else if (c.lastMessage) {
      const m = c.lastMessage;
      // The server's last message may be a recall itself (MT_RECALL).
      const text = m.messageType === MT_RECALLED || m.messageType === MT_RECALL ? RECALLED_TEXT : textOf(m.messageType, m.content);
      rows.set(conv, { conv, order: m.seq, preview: `${m.senderId === v.me ? 'you: ' : ''}${text}`, unread: c.unread });
    }
  }
  const items = [...rows.values()]
    .sort((a, b) => b.order - a.order)
    .map((r) => {
      const typing = v.client.typingIn(keyOfConv(r.conv)).length > 0;
      const showUnread = r.unread > 0 && !(r.conv === v.open && visible());
      return el(
        'li',
        { 'data-conv': r.conv, class: r.conv === v.open ? 'active' : '', 'data-unread': String(r.unread) },
        el('span', { class: 'name' }, v.nameOf(r.conv)),
        el('span', { class: typing ? 'preview typing' : 'preview' }, typing ? 'typing…' : r.preview),
        ...(showUnread ? [el('span', { class: 'unread' }, String(r.unread))] : []),
      );
    });
  $('conversations').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'No messages yet')]));
}

export function renderFriends(v: ChatView): void {
  const items = v.friendsList().map((f) => {
    const on = v.online(f.user_id);
    return el(
      'li',
      { 'data-conv': `u:${f.user_id}`, 'data-user': String(f.user_id), 'data-online': String(on) },
      el('span', { class: 'name' }, el('span', { class: on ? 'dot online' : 'dot', title: on ? 'online' : 'offline' }), f.nickname),
      el('span', { class: 'preview' }, `#${f.user_id} @${f.username}`),
    );
  });
  $('friends').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'Add a friend by username or user id')]));
}

/** Draws the open conversation; returns when the next recall button expires (ms since epoch), or null. */
export function renderChat(v: ChatView): number | null {
  const conv = v.open;
  $('group-tools').hidden = !conv?.startsWith('g:');
  if (!conv) return null;
  const key = keyOfConv(conv);
  const group = conv.startsWith('g:');
  $('chat-title').textContent = v.nameOf(conv);
  $('chat-title').dataset.conv = conv;
  if (group) {
    const g = v.group(key.peerId);
    $('group-info').textContent = g ? `members: ${g.member_ids.map((id) => v.userName(id)).join(', ')}` : '';
  }
  const typers = v.client.typingIn(key);
  $('typing').textContent = typers.length ? `${typers.map((id) => v.userName(id)).join(', ')} ${typers.length > 1 ? 'are' : 'is'} typing…` : '';
  const peerRead = group ? 0 : (v.client.conversationList.find((c) => convOfKey(c) === conv)?.peerReadSeq ?? 0);
  const now = Date.now();
  let nextExpiry: number | null = null;
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(
    ...v.history.messages(conv).map((m) => {
      const own = m.senderId === v.me;
      const read = own && m.state === 'sent' && m.seq > 0 && m.seq <= peerRead;
      const expiry = m.time + RECALL_WINDOW_MS;
      const recallable = own && !m.recalled && m.msgId > 0 && m.state === 'sent' && expiry > now;
      if (recallable) nextExpiry = Math.min(nextExpiry ?? expiry, expiry);
      const time = m.time ? new Date(m.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
      return el(
        'li',
        { class: `msg ${own ? 'own' : 'other'}`, 'data-seq': String(m.seq), 'data-state': m.state, 'data-msg-id': String(m.msgId), ...(read ? { 'data-read': 'true' } : {}), ...(m.recalled ? { 'data-recalled': 'true' } : {}) },
        ...(group && !own ? [el('div', { class: 'who' }, v.userName(m.senderId))] : []),
        m.recalled ? el('div', { class: 'body recalled' }, RECALLED_TEXT) : el('div', { class: 'body' }, m.text),
        el(
          'div',
          { class: 'meta' },
          time,
          ...(own && !m.recalled ? [el('span', { class: 'state' }, read ? '✓✓ read' : stateLabel(m))] : []),
          ...(recallable ? [el('button', { type: 'button', class: 'recall', 'data-recall': String(m.msgId), title: 'Take this message back' }, 'Recall')] : []),
        ),
      );
    }),
  );
  if (atBottom) list.scrollTop = list.scrollHeight;
  return nextExpiry;
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

/** The friend search's results: each user with an Add button, or marked as a friend already. */
export function renderSearch(v: ChatView, users: UserInfo[] | null, query: string, err?: unknown): void {
  const list = $('friend-results');
  if (!users) return void list.replaceChildren();
  if (err) return void list.replaceChildren(el('li', { class: 'empty' }, errorText(err)));
  const items = users
    .filter((u) => u.user_id !== v.me)
    .map((u) =>
      el(
        'li',
        { 'data-user-id': String(u.user_id) },
        el('span', { class: 'name' }, u.nickname),
        el('span', { class: 'preview' }, `@${u.username}`),
        v.isFriend(u.user_id) ? el('span', { class: 'tag' }, 'friend') : el('button', { type: 'button', class: 'add', 'data-add': String(u.user_id) }, 'Add'),
      ),
    );
  list.replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, `No one whose username starts with "${query}"`)]));
}
