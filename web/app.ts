// The GoChat web page: plain DOM code on the client SDK. One screen to log
// in or register (here), one to chat (web/chat.ts, drawn by
// web/chat-view.ts): conversations with the server's unread counts,
// friends with online dots, groups, and a chat view with each own
// message's delivery and read state, typing and recall.
import { HttpApi, wsUrlForPage } from '../src/client/http-api.js';
import { Chat } from './chat.js';
import { $, errorText, input } from './dom.js';
import { loadSession, saveSession, type Session } from './session.js';

const api = new HttpApi({ baseUrl: location.origin });
let chat: Chat | null = null;

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
    saveSession(session);
    input('password').value = '';
    void startChat(session);
  } catch (err) {
    $('auth-error').textContent = errorText(err);
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
  chat = new Chat(session, wsUrlForPage(location, picked), api, (message) => void logout(message));
  await chat.start();
}

async function logout(message = ''): Promise<void> {
  chat?.stop();
  chat = null;
  // The history and the client_id counter stay: client_ids must never repeat for this (user, device).
  saveSession(null);
  api.setToken(null);
  $('messages').replaceChildren();
  $('typing').textContent = '';
  $('chat-title').textContent = 'Pick a conversation or a friend';
  showAuth(message);
}

// ---------------------------------------------------------------- wiring

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
  $('messages').addEventListener('click', (ev) => {
    const id = Number((ev.target as HTMLElement).closest<HTMLElement>('button[data-recall]')?.dataset.recall);
    if (!id || !chat) return;
    chat.sideError(null);
    chat.recall(id).catch((err: unknown) => chat?.sideError(err));
  });
  const box = input('message-input');
  box.addEventListener('input', () => chat?.typed(box.value));
  box.addEventListener('blur', () => chat?.typed(''));
  $<HTMLFormElement>('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    chat?.send(box.value.trim());
    box.value = '';
    box.focus();
  });
}

wire();
const saved = loadSession();
if (saved) void startChat(saved);
else showAuth();
