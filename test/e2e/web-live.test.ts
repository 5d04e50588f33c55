// The web page's live conversation state (DESIGN.md §6a) in real headless
// Chromium against a real server: two users who are friends, one of them
// on two browsers. Online dots follow presence, unread counts come from the
// server and agree across the two browsers (reading in one clears the
// other), own messages get a read mark from the peer's receipt, "typing…"
// comes and goes, and a recalled message is gone from every browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { BROWSER_TEST_MS, UI_MS, closeBrowser, expectSelfContained, launchBrowser, loginPage, newUserPage, openConversation, say, shot, texts, waitAllSent, waitTexts, type UserPage } from '../support/web-pages.js';

// Functions handed to page.waitForFunction run in the page (compiled here without the DOM library).
interface PageEl {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageEl> & Iterable<PageEl>; getElementById(id: string): PageEl | null };

/** presence.offline_delay of this server: friends see a user go offline this long after its last device left */
const OFFLINE_DELAY_MS = 300;

let s: TestServer;
let browser: Browser;
const run = `${process.pid % 10_000}${Date.now() % 100_000}`;
let alice: UserPage;
let bob: UserPage;
/** bob on a second browser */
let bob2: UserPage;

beforeAll(async () => {
  s = await startTestServer({ 'presence.offline_delay': OFFLINE_DELAY_MS });
  browser = await launchBrowser();
  [alice, bob] = await Promise.all([newUserPage(browser, s.httpUrl, `alice_${run}`), newUserPage(browser, s.httpUrl, `bob_${run}`)]);
  // alice finds bob by name and adds him; friendship is mutual.
  await alice.page.fill('#friend-id', bob.name.slice(0, -2));
  await alice.page.click(`#friend-results button[data-add="${bob.userId}"]`, { timeout: UI_MS });
  await alice.page.waitForSelector(`#friends li[data-user="${bob.userId}"]`, { timeout: UI_MS });
  await bob.page.click('#refresh-friends');
  await bob.page.waitForSelector(`#friends li[data-user="${alice.userId}"]`, { timeout: UI_MS });
  bob2 = await loginPage(browser, s.httpUrl, bob, 'bob2');
}, BROWSER_TEST_MS);

afterAll(async () => {
  await closeBrowser(browser);
  await s?.stop();
});

const waitFor = (u: UserPage, selector: string) => u.page.waitForSelector(selector, { timeout: UI_MS });
/** The unread count a browser shows for a conversation (data-unread: the server's count; the badge only when not open). */
const unreadOf = (u: UserPage, conv: string) => u.page.getAttribute(`#conversations li[data-conv="${conv}"]`, 'data-unread');

describe('web page: live conversation state between two friends', () => {
  it('online dots follow presence: a friend who leaves turns grey, and green again when back', async () => {
    const dot = (online: boolean) => `#friends li[data-user="${bob.userId}"][data-online="${online}"] .dot${online ? '.online' : ''}`;
    await waitFor(alice, dot(true));
    await waitFor(bob, `#friends li[data-user="${alice.userId}"][data-online="true"]`);
    // bob's two browsers lose the network (the pages drop their sockets): bob has no device left.
    try {
      for (const u of [bob, bob2]) await u.ctx.setOffline(true);
      for (const u of [bob, bob2]) await waitFor(u, '#conn[data-state="offline"]');
      await waitFor(alice, dot(false));
      await shot(alice, 'live-presence-offline');
    } finally {
      for (const u of [bob, bob2]) await u.ctx.setOffline(false);
    }
    for (const u of [bob, bob2]) await waitFor(u, '#conn[data-state="online"]');
    await waitFor(alice, dot(true));
  }, BROWSER_TEST_MS);

  it("unread counts are the server's and agree across two browsers: reading in one clears the other; the writer sees read marks", async () => {
    const conv = `u:${alice.userId}`;
    await alice.page.click(`#friends li[data-user="${bob.userId}"]`);
    await say(alice, 'one');
    await say(alice, 'two');
    await waitAllSent(alice);
    for (const u of [bob, bob2]) {
      await waitFor(u, `#conversations li[data-conv="${conv}"][data-unread="2"] .unread`);
      expect(await u.page.textContent(`#conversations li[data-conv="${conv}"] .unread`)).toBe('2');
    }
    expect(await alice.page.$$('#messages .msg.own[data-read]')).toHaveLength(0);
    await shot(bob2, 'live-unread');

    // bob reads on his first browser; the second one's count clears by itself.
    await openConversation(bob, conv);
    await waitTexts(bob, ['one', 'two']);
    await waitFor(bob2, `#conversations li[data-conv="${conv}"][data-unread="0"]`);
    expect(await bob2.page.$$(`#conversations li[data-conv="${conv}"] .unread`)).toHaveLength(0);
    expect(await unreadOf(bob, conv)).toBe('0');
    // alice's messages are marked read (bob's receipt).
    await alice.page.waitForFunction(() => [...document.querySelectorAll('#messages .msg.own')].filter((e) => e.dataset.read === 'true').length === 2, undefined, { timeout: UI_MS, polling: 50 });
    expect(await alice.page.textContent('#messages .msg.own:last-child .state')).toContain('read');

    // bob has the conversation open: what arrives now is read at once, on both of his browsers and for alice.
    await say(alice, 'three');
    await waitTexts(bob, ['one', 'two', 'three']);
    await waitFor(alice, '#messages .msg.own:nth-child(3)[data-read="true"]');
    await waitFor(bob2, `#conversations li[data-conv="${conv}"][data-unread="0"]`);
    await shot(alice, 'live-read-marks');
  }, BROWSER_TEST_MS);

  it('"typing…" shows while the friend types and goes when the box is emptied', async () => {
    const conv = `u:${alice.userId}`;
    await openConversation(bob, conv);
    await alice.page.type('#message-input', 'hello th', { delay: 60 });
    await bob.page.waitForFunction(() => document.getElementById('typing')?.textContent?.includes('is typing'), undefined, { timeout: UI_MS, polling: 50 });
    expect(await bob.page.textContent('#typing')).toBe('alice is typing…');
    // bob's other browser has the conversation closed: its list says so.
    await waitFor(bob2, `#conversations li[data-conv="${conv}"] .preview.typing`);
    await shot(bob, 'live-typing');
    await alice.page.fill('#message-input', '');
    await bob.page.waitForFunction(() => document.getElementById('typing')?.textContent === '', undefined, { timeout: UI_MS, polling: 50 });
    await bob2.page.waitForFunction((c) => !document.querySelectorAll(`#conversations li[data-conv="${c}"] .preview.typing`).length, conv, { timeout: UI_MS, polling: 50 });
  }, BROWSER_TEST_MS);

  it('a recalled message is gone from both users and both of bob\'s browsers, also after a reload', async () => {
    const conv = `u:${alice.userId}`;
    await openConversation(bob, conv);
    const before = await texts(alice.page);
    await say(alice, 'oops, wrong chat');
    await waitTexts(bob, [...before, 'oops, wrong chat']);
    const recall = '#messages .msg.own:last-child button[data-recall]';
    await waitFor(alice, recall); // once the message's id is known (synced back)
    await alice.page.click(recall);
    const after = [...before, 'message recalled'];
    await waitTexts(alice, after);
    await waitTexts(bob, after);
    await openConversation(bob2, conv);
    await waitTexts(bob2, after);
    expect(await alice.page.$$(recall)).toHaveLength(0);
    await shot(bob, 'live-recalled');
    await bob2.page.reload();
    await waitFor(bob2, '#conn[data-state="online"]');
    await openConversation(bob2, conv);
    await waitTexts(bob2, after);
    for (const u of [alice, bob, bob2]) expectSelfContained(u, s.httpUrl);
  }, BROWSER_TEST_MS);
});
