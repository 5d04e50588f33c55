// The web page (web/) in headless Chromium, driven by playwright-core, for
// test/e2e/web*.test.ts: building the page, one browser context per user
// (register or log in through the page's own form), and waiting for what
// the page shows.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirSync } from 'node:fs';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Functions handed to page.waitForFunction run in the page; this file is
// compiled without the DOM library, so the little they use is declared here.
interface PageEl {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageEl> & Iterable<PageEl> };

export const ARTIFACTS = 'test-artifacts';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** how long the page may take to show something that arrived (pushes are immediate; a gap waits for a sync) */
export const UI_MS = 20_000;
/** per browser test (the machine may be shared: generous, but a hang still fails) */
export const BROWSER_TEST_MS = 90_000;

/** Builds the page the server serves at / (whatever is in dist/web) and starts Chromium. */
export async function launchBrowser(): Promise<Browser> {
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** how long closing the browser may take before its processes are killed */
const BROWSER_CLOSE_MS = 15_000;

/**
 * Closes the browser within BROWSER_CLOSE_MS. Chromium's close can wedge on
 * a loaded machine (a CI run once spent the whole 60 s hook in it, every
 * test passed); past the bound, the Chromium processes this test process
 * started (the pool runs each file in its own process) are killed instead,
 * and a line on stderr says so.
 */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  const started = Date.now();
  const closed = await Promise.race([browser.close().then(() => true), sleep(BROWSER_CLOSE_MS, false, { ref: false })]);
  if (closed) return;
  const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, comm]) => pid && /chrom/i.test(comm ?? ''));
  for (const [pid] of children) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.stderr.write(`[web-pages] browser.close() took over ${Date.now() - started} ms; killed ${children.length} Chromium process(es)\n`);
}

export interface UserPage {
  ctx: BrowserContext;
  page: Page;
  name: string;
  userId: number;
  /** uncaught page errors and console errors */
  problems: string[];
  /** every URL the page requested */
  requests: string[];
}

/** A new browser (context) on the page at `httpUrl`, not logged in yet. */
export async function openPage(browser: Browser, httpUrl: string, name: string, userId = 0): Promise<UserPage> {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 680 } });
  const page = await ctx.newPage();
  const u: UserPage = { ctx, page, name, userId, problems: [], requests: [] };
  page.on('pageerror', (err) => u.problems.push(`pageerror: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text())) u.problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => u.requests.push(r.url()));
  page.on('websocket', (ws) => u.requests.push(ws.url()));
  await page.goto(httpUrl + '/');
  return u;
}

/** Registers `name` through the page's form (the page logs in right after). */
export async function newUserPage(browser: Browser, httpUrl: string, name: string): Promise<UserPage> {
  const u = await openPage(browser, httpUrl, name);
  const page = u.page;
  await page.fill('#username', name);
  await page.fill('#password', 'password123');
  await page.fill('#nickname', name.replace(/_.*/, ''));
  await page.click('#register-btn');
  await page.waitForSelector('#conn[data-state="online"]', { timeout: UI_MS });
  u.userId = Number(await page.getAttribute('#me', 'data-user-id'));
  expect(u.userId).toBeGreaterThan(0);
  return u;
}

/** The same user on another browser (a new device, empty storage), logged in through the form. */
export async function loginPage(browser: Browser, httpUrl: string, user: UserPage, label: string): Promise<UserPage> {
  const u = await openPage(browser, httpUrl, label, user.userId);
  await u.page.fill('#username', user.name);
  await u.page.fill('#password', 'password123');
  await u.page.click('#login-btn');
  await u.page.waitForSelector('#conn[data-state="online"]', { timeout: UI_MS });
  return u;
}

/** The texts of the open conversation, in display order. */
export function texts(page: Page): Promise<string[]> {
  return page.$$eval('#messages .msg .body', (els) => els.map((e) => e.textContent ?? ''));
}

/** Waits until the open conversation shows exactly `expected`, in this order. */
export async function waitTexts(u: UserPage, expected: string[], timeout = UI_MS): Promise<void> {
  try {
    await u.page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('#messages .msg .body')].map((e) => e.textContent)) === JSON.stringify(want),
      expected,
      { timeout, polling: 50 },
    );
  } catch (err) {
    throw new Error(`${u.name} shows ${JSON.stringify(await texts(u.page))}, expected ${JSON.stringify(expected)}`, { cause: err });
  }
}

/** The delivery state of each own message in the open conversation. */
export function ownStates(page: Page): Promise<string[]> {
  return page.$$eval('#messages .msg.own', (els) => els.map((e) => (e as unknown as PageEl).dataset.state ?? ''));
}

export async function waitAllSent(u: UserPage): Promise<void> {
  await u.page.waitForFunction(() => [...document.querySelectorAll('#messages .msg.own')].every((e) => e.dataset.state === 'sent'), undefined, { timeout: UI_MS, polling: 50 });
}

export async function say(u: UserPage, text: string): Promise<void> {
  await u.page.fill('#message-input', text);
  await u.page.press('#message-input', 'Enter');
}

export async function openConversation(u: UserPage, conv: string): Promise<void> {
  await u.page.click(`#conversations li[data-conv="${conv}"]`, { timeout: UI_MS });
  await u.page.waitForSelector(`#chat-title[data-conv="${conv}"]`, { timeout: UI_MS });
}

export async function shot(u: UserPage, name: string): Promise<string> {
  const path = `${ARTIFACTS}/web-${name}.png`;
  await u.page.screenshot({ path });
  return path;
}

/** Nothing came from anywhere but this server (no CDN), and the page raised no error. */
export function expectSelfContained(u: UserPage, httpUrl: string): void {
  const host = new URL(httpUrl).host;
  expect(u.requests.filter((r) => new URL(r).host !== host)).toEqual([]);
  expect(u.problems).toEqual([]);
}
