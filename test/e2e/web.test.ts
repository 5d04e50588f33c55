// The web chat page (web/, served at /) in a real headless Chromium, driven
// by playwright-core, against a real server (MariaDB, Redis, RabbitMQ); and
// the client SDK's HTTP half (src/client/http-api.ts) with GoChatClient in
// Node against the same server. Screenshots go to test-artifacts/; the
// group chat one is also copied to docs/screenshot.png for the README.
import { copyFileSync, mkdirSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiError, HttpApi, wsUrlForPage } from '../../src/client/http-api.js';
import { GoChatClient, MemoryStore, type ReceivedMessage, type SocketLike } from '../../src/client/sdk.js';
import { startTestServer, type TestServer } from '../support/server.js';
import * as pages from '../support/web-pages.js';
import { BROWSER_TEST_MS, UI_MS, closeBrowser, launchBrowser, openConversation, ownStates, say, shot, texts, waitAllSent, waitTexts, type UserPage } from '../support/web-pages.js';

// Functions handed to page.waitForFunction run in the page; this file is
// compiled without the DOM library, so the little they use is declared here.
interface PageEl {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageEl> & Iterable<PageEl>; getElementById(id: string): PageEl | null };

let s: TestServer;
let browser: Browser;
const run = `${process.pid % 10_000}${Date.now() % 100_000}`;

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser(browser);
  await s?.stop();
});

const newUserPage = (name: string) => pages.newUserPage(browser, s.httpUrl, name);
const expectSelfContained = (u: UserPage) => pages.expectSelfContained(u, s.httpUrl);

// ---------------------------------------------------------------- the page

describe('web page', () => {
  it('is served at / with its assets, none of which collide with the API', async () => {
    const page = await fetch(s.httpUrl + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/assets/app.js');
    expect(html).not.toMatch(/https?:\/\//); // nothing from another origin
    const js = await fetch(s.httpUrl + '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(s.httpUrl + '/assets/style.css')).headers.get('content-type')).toMatch(/^text\/css/);
    for (const bad of ['/assets/nope.js', '/assets/..%2Fpackage.json', '/assets/.hidden.js', '/index.html']) {
      const r = await fetch(s.httpUrl + bad);
      expect(r.status, bad).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect((await fetch(s.httpUrl + '/healthz')).status).toBe(200);
    expect((await fetch(s.httpUrl + '/api/users/me')).status).toBe(401);
  });

  let alice: UserPage;
  let bob: UserPage;

  it('two users chat 1:1: live delivery with sending → sent; one goes offline, messages arrive meanwhile, it comes back and sees them in order; a reload keeps history', async () => {
    [alice, bob] = await Promise.all([newUserPage(`alice_${run}`), newUserPage(`bob_${run}`)]);
    const a = alice.page;
    const b = bob.page;

    // Friends: alice adds bob by id; friendship is mutual.
    await a.fill('#friend-id', String(bob.userId));
    await a.click('#add-friend button');
    await a.waitForSelector(`#friends li[data-user="${bob.userId}"]`, { timeout: UI_MS });
    await b.click('#refresh-friends');
    await b.waitForSelector(`#friends li[data-user="${alice.userId}"]`, { timeout: UI_MS });

    // alice opens the chat from her friends list and writes; bob sees it live.
    await a.click(`#friends li[data-user="${bob.userId}"]`);
    await say(alice, 'hello bob');
    await a.waitForSelector('#messages .msg.own[data-state]');
    expect(['sending', 'sent']).toContain((await ownStates(a))[0]);
    await waitAllSent(alice);
    await b.waitForSelector(`#conversations li[data-conv="u:${alice.userId}"] .unread`, { timeout: UI_MS });
    await openConversation(bob, `u:${alice.userId}`);
    await waitTexts(bob, ['hello bob']);
    await say(bob, 'hi alice');
    await waitTexts(alice, ['hello bob', 'hi alice']);
    await waitAllSent(bob);
    await shot(alice, '1to1-alice');

    // bob goes offline (the browser's network is cut: the page drops its socket and waits for `online`).
    await bob.ctx.setOffline(true);
    await b.waitForSelector('#conn[data-state="offline"]', { timeout: UI_MS });
    const away = ['while you were away 1', 'while you were away 2', 'while you were away 3'];
    for (const t of away) await say(alice, t);
    await waitAllSent(alice); // acknowledged by the server: durable, whatever bob's state
    // bob writes while offline: it waits as "sending".
    await say(bob, 'written offline');
    await b.waitForSelector('#messages .msg.own[data-state="sending"]');
    await waitTexts(bob, ['hello bob', 'hi alice', 'written offline']); // nothing from alice yet
    await shot(bob, '1to1-bob-offline');

    // bob comes back: the SDK reconnects, syncs what it missed (in order) and sends what waited.
    await bob.ctx.setOffline(false);
    await b.waitForSelector('#conn[data-state="online"]', { timeout: UI_MS });
    // Where bob's own message falls depends on when the server took it (it is last in bob's view until acknowledged).
    await b.waitForFunction(() => document.querySelectorAll('#messages .msg').length === 6 && ![...document.querySelectorAll('#messages .msg.own')].some((e) => e.dataset.state !== 'sent'), undefined, { timeout: UI_MS, polling: 50 });
    const bobView = await texts(b);
    expect(bobView.filter((t) => t.startsWith('while'))).toEqual(away);
    expect(bobView.slice(0, 2)).toEqual(['hello bob', 'hi alice']);
    expect(bobView).toContain('written offline');
    await waitTexts(alice, [...bobView]); // both see one order: the order of seqs in each inbox agrees for one conversation
    await shot(bob, '1to1-bob-back');

    // A reload keeps the history (from localStorage) and the delivery states.
    await b.reload();
    await b.waitForSelector('#conn[data-state="online"]', { timeout: UI_MS });
    await openConversation(bob, `u:${alice.userId}`);
    await waitTexts(bob, bobView);
    expect(await ownStates(b)).toEqual(['sent', 'sent']);
    // ... and live delivery still works after it, exactly once.
    await say(alice, 'after your reload');
    await waitTexts(bob, [...bobView, 'after your reload']);
    await a.reload();
    await a.waitForSelector('#conn[data-state="online"]', { timeout: UI_MS });
    await openConversation(alice, `u:${bob.userId}`);
    await waitTexts(alice, [...bobView, 'after your reload']);
    expectSelfContained(alice);
    expectSelfContained(bob);
  }, BROWSER_TEST_MS);

  it('three members chat in a group: create, add a member, everyone sees every message in one order', async () => {
    const carol = await newUserPage(`carol_${run}`);
    const a = alice.page;
    // Names come from the friends list: alice and bob befriend carol.
    for (const u of [alice, bob]) {
      await u.page.fill('#friend-id', String(carol.userId));
      await u.page.click('#add-friend button');
      await u.page.waitForSelector(`#friends li[data-user="${carol.userId}"]`, { timeout: UI_MS });
    }
    // alice creates the group with bob, then adds carol from the chat header.
    await a.fill('#group-name', 'trio');
    await a.fill('#group-members', String(bob.userId));
    await a.click('#create-group button');
    await a.waitForSelector('#chat-title[data-conv^="g:"]', { timeout: UI_MS });
    const conv = (await a.getAttribute('#chat-title', 'data-conv'))!;
    expect(await a.textContent('#chat-title')).toBe('trio');
    await a.fill('#add-member-ids', String(carol.userId));
    await a.click('#add-members button');
    await a.waitForFunction((name) => document.getElementById('group-info')?.textContent?.includes(name), 'carol', { timeout: UI_MS });

    await say(alice, 'welcome to trio');
    for (const u of [bob, carol]) {
      await openConversation(u, conv);
      await waitTexts(u, ['welcome to trio']);
      expect(await u.page.textContent('#chat-title')).toBe('trio');
    }
    await say(bob, 'thanks alice');
    await waitTexts(carol, ['welcome to trio', 'thanks alice']);
    await say(carol, 'hi both');
    const all = ['welcome to trio', 'thanks alice', 'hi both'];
    for (const u of [alice, bob, carol]) await waitTexts(u, all);
    for (const u of [alice, bob, carol]) await waitAllSent(u);
    // Group messages name their sender (carol's page learns the names from her friends list, refreshed when unknown senders write).
    await carol.page.waitForFunction(() => [...document.querySelectorAll('#messages .msg.other .who')].map((e) => e.textContent).join() === 'alice,bob', undefined, { timeout: UI_MS, polling: 100 });

    // carol goes offline; two messages arrive meanwhile; she comes back and sees them in order.
    await carol.ctx.setOffline(true);
    await carol.page.waitForSelector('#conn[data-state="offline"]', { timeout: UI_MS });
    await say(alice, 'carol missed this');
    await waitAllSent(alice);
    await say(bob, 'and this');
    await waitAllSent(bob);
    await carol.ctx.setOffline(false);
    const all2 = [...all, 'carol missed this', 'and this'];
    for (const u of [alice, bob, carol]) await waitTexts(u, all2);

    await carol.page.reload();
    await carol.page.waitForSelector('#conn[data-state="online"]', { timeout: UI_MS });
    await openConversation(carol, conv);
    await waitTexts(carol, all2);

    await a.click(`#conversations li[data-conv="${conv}"]`);
    const path = await shot(alice, 'group-alice');
    await shot(carol, 'group-carol');
    mkdirSync('docs', { recursive: true });
    copyFileSync(path, 'docs/screenshot.png');
    for (const u of [alice, bob, carol]) expectSelfContained(u);
    await carol.ctx.close();

    // bob logs in on a second browser (a new device, empty storage): the
    // conversation list is rebuilt from the inbox, synced from seq 0.
    const bob2 = await pages.loginPage(browser, s.httpUrl, bob, 'bob2');
    const page = bob2.page;
    await page.waitForSelector(`#conversations li[data-conv="${conv}"]`, { timeout: UI_MS });
    expect(await page.$$eval('#conversations li', (els) => els.map((e) => e.getAttribute('data-conv')))).toEqual([conv, `u:${alice.userId}`]);
    await openConversation(bob2, conv);
    await waitTexts(bob2, all2);
    await openConversation(bob2, `u:${alice.userId}`);
    expect((await texts(page)).at(-1)).toBe('after your reload');
    expect(bob2.problems).toEqual([]);
    await bob2.ctx.close();
  }, BROWSER_TEST_MS);
});

// ---------------------------------------------------------------- the SDK from Node

describe('client SDK in Node against the server', () => {
  it('finds people by name: part of a username (any case) lists them, Add makes them a friend, a friend is marked as one, an unknown name is an error', async () => {
    const [dora, zed] = await Promise.all([newUserPage(`dora_${run}`), newUserPage(`zed_${run}`)]);
    const p = dora.page;
    const prefix = `ZED_${run}`.slice(0, -1); // another case, one character short
    await p.fill('#friend-id', prefix);
    const add = `#friend-results li[data-user-id="${zed.userId}"] button[data-add]`;
    await p.waitForSelector(add, { timeout: UI_MS });
    expect(await p.$$eval('#friend-results li[data-user-id]', (els) => els.map((e) => (e as unknown as PageEl).dataset.userId))).toEqual([String(zed.userId)]);
    await shot(dora, 'friend-search');
    await p.click(add);
    await p.waitForSelector(`#friends li[data-user="${zed.userId}"]`, { timeout: UI_MS });
    expect(await p.$$('#friend-results li')).toHaveLength(0);
    expect(await p.inputValue('#friend-id')).toBe('');
    // Searching again: zed is listed as a friend, with nothing to add.
    await p.fill('#friend-id', prefix);
    await p.waitForSelector(`#friend-results li[data-user-id="${zed.userId}"] .tag`, { timeout: UI_MS });
    expect(await p.$$(add)).toHaveLength(0);
    // A name typed in full and submitted adds by exact username; an unknown one says so.
    await p.fill('#friend-id', `nobody_${run}`);
    await p.click('#add-friend button');
    await p.waitForFunction(() => document.getElementById('side-error')?.textContent?.includes('No user is named'), undefined, { timeout: UI_MS });
    // zed sees dora among its friends (friendship is mutual).
    await zed.page.click('#refresh-friends');
    await zed.page.waitForSelector(`#friends li[data-user="${dora.userId}"]`, { timeout: UI_MS });
    for (const u of [dora, zed]) expectSelfContained(u);
    for (const u of [dora, zed]) await u.ctx.close();
  });

  it('HttpApi: register, login, friends, groups, node pick; failures are ApiErrors with the API code', async () => {
    const api = new HttpApi({ baseUrl: s.httpUrl });
    const name = `sdk_${run}`;
    const me = await api.register(name, 'password123', 'Sdk');
    expect(me).toMatchObject({ username: name, nickname: 'Sdk' });
    const err = await api.register(name, 'password123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ name: 'ApiError', code: 'username_taken', status: 409 });
    expect(await api.login(name, 'wrong-password').catch((e: unknown) => e)).toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(await api.me().catch((e: unknown) => e)).toMatchObject({ code: 'token_missing', status: 401 });
    const login = await api.login(name, 'password123');
    expect(login.user_id).toBe(me.user_id);
    expect(await api.me()).toEqual(me);

    const other = new HttpApi({ baseUrl: s.httpUrl });
    const friend = await other.register(`sdk2_${run}`, 'password123');
    await api.addFriend(friend.user_id);
    expect((await api.friends()).map((f) => f.user_id)).toEqual([friend.user_id]);
    expect(await api.addFriend(friend.user_id).catch((e: unknown) => e)).toMatchObject({ code: 'already_friends', status: 409 });
    expect(await api.addFriend(2 ** 40).catch((e: unknown) => e)).toMatchObject({ code: 'user_not_found', status: 404 });

    const g = await api.createGroup('sdk group', []);
    expect(g).toMatchObject({ name: 'sdk group', owner_id: me.user_id, member_ids: [me.user_id] });
    expect((await api.addMembers(g.group_id, [friend.user_id])).sort()).toEqual([me.user_id, friend.user_id].sort());
    expect((await api.group(g.group_id)).member_ids).toContain(friend.user_id);
    await api.removeMember(g.group_id, friend.user_id);
    expect((await api.group(g.group_id)).member_ids).toEqual([me.user_id]);

    const picked = await api.pickNode();
    expect(picked.ws_url).toBe(s.wsUrl);
    expect((await api.nodes()).map((n) => n.ws_url)).toContain(s.wsUrl);
    expect(wsUrlForPage({ protocol: 'https:', host: 'chat.example:443' }, picked.ws_url)).toBe('wss://chat.example:443/ws');
    expect(wsUrlForPage({ protocol: 'http:', host: 'x:1' }, null)).toBe('ws://x:1/ws');

    const down = new HttpApi({ baseUrl: 'http://127.0.0.1:1' });
    expect(await down.pickNode().catch((e: unknown) => e)).toMatchObject({ code: 'network_error', status: 0 });
  });

  it('GoChatClient: pick a node, connect, exchange messages; a new client on the same store continues where the old one stopped', async () => {
    const mk = async (n: string) => {
      const api = new HttpApi({ baseUrl: s.httpUrl });
      await api.register(n, 'password123');
      const l = await api.login(n, 'password123');
      return { api, id: l.user_id, token: l.token };
    };
    const [a, b] = await Promise.all([mk(`sdka_${run}`), mk(`sdkb_${run}`)]);
    const socket = (url: string) => new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike;
    const client = (u: typeof a, store = new MemoryStore()) =>
      new GoChatClient({ wsUrl: s.wsUrl, token: u.token, deviceId: 'node-1', socket, store, nodeUrl: async () => (await u.api.pickNode()).ws_url });
    const online = (c: GoChatClient) => new Promise<void>((r) => (c.state === 'online' ? r() : c.on('state', (st) => st === 'online' && r())));
    const text = (t: string) => ({ sessionType: 1, receiverId: b.id, messageType: 1, content: new TextEncoder().encode(t) });

    const ca = client(a);
    const bStore = new MemoryStore();
    const cb = client(b, bStore);
    const got: ReceivedMessage[] = [];
    cb.on('message', (m) => got.push(m));
    await Promise.all([ca.start(), cb.start()]);
    await Promise.all([online(ca), online(cb)]);
    const r1 = await ca.send(text('one'));
    const r2 = await ca.send(text('two'));
    expect([r1.code, r2.code, r1.clientId, r2.clientId]).toEqual([0, 0, 1, 2]);
    await expect.poll(() => got.length, { timeout: 5000 }).toBe(2);
    cb.close();

    // B is away; A sends more; B's "reloaded" client on the same store gets only what it missed.
    await ca.send(text('three'));
    const cb2 = client(b, bStore);
    const got2: ReceivedMessage[] = [];
    cb2.on('message', (m) => got2.push(m));
    await cb2.start();
    await expect.poll(() => got2.length, { timeout: 5000 }).toBe(1);
    expect(new TextDecoder().decode(got2[0]!.content)).toBe('three');
    expect(got2[0]!.seq).toBe(got.at(-1)!.seq + 1);
    const rejected = await ca.send({ ...text('to nobody'), receiverId: 2 ** 40 });
    expect(rejected.code).not.toBe(0);
    ca.close();
    cb2.close();
  });
});
