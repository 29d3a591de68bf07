/**
 * What every browser test file shares: Debian's Chromium launched the way this machine allows (no
 * sandbox as root, no calls home), a phone-sized page, numbered screenshots under .artifacts/e2e,
 * and the demo login.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ROOT } from '../../scripts/local/api';
import { startE2eStack, type E2eStack } from './stack';

export const SHOTS = resolve(ROOT, '.artifacts/e2e');

/** A phone-sized window: this is a mini-program first. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };

/**
 * What the site's content security policy blocked on any page of this file (the static server
 * sends the deployed headers, scripts/local/securityHeaders.ts); test/e2e/policyCheck.ts fails the
 * file when this is not empty, so a policy that breaks a feature cannot pass unnoticed.
 */
export const policyViolations: string[] = [];

function watchPolicy(page: Page): Page {
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

export async function launchBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = watchPolicy(await browser.newPage(PHONE));
  return { browser, page };
}

/**
 * A fresh phone-sized page in its own context (own storage), e.g. with a fixed position:
 * `{ geolocation: { latitude, longitude }, permissions: ['geolocation'] }`; without the permission
 * the page's location request is refused.
 */
export async function newPhonePage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, ...options });
  return watchPolicy(await context.newPage());
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Removes this file's earlier screenshots (only those with its prefix: other files write beside them). */
export function clearShots(prefix: string): void {
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) if (f.startsWith(`${prefix}-`)) rmSync(resolve(SHOTS, f));
}

export async function screenshot(page: Page, prefix: string, n: number, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Logs in as a demo user by name on the h5 login page, starting from a clean session. */
export async function loginAs(page: Page, webUrl: string, name: string): Promise<void> {
  if (!page.url().startsWith(webUrl)) await page.goto(webUrl);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${webUrl}/#/pages/login/index`);
  // Taro h5 keeps earlier pages hidden in the DOM (e.g. a login page opened from the stations page's
  // 园区成员登录 before this one): pick the user on the login page that shows.
  await page.locator('.login-user', { hasText: name }).filter({ visible: true }).first().click();
  await page.locator('.me-name', { hasText: name }).waitFor();
}

/** Types into a Taro Input or Textarea (the real element sits inside Taro's wrapper). */
export async function fillField(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(`${selector} input, ${selector} textarea`).first().fill(text);
}

/**
 * Gives this page a WeChat account: h5 has no wx.login, so the client asks `window.__parklinkWxLogin`
 * (lib/wxLogin.ts), which here fetches a fresh one-use code for `openid` from the stack's fake WeChat.
 */
export async function useWechatAccount(page: Page, wechatApiBase: string, openid: string): Promise<void> {
  await page.addInitScript(
    ({ base, id }) => {
      (window as unknown as { __parklinkWxLogin: () => Promise<string> }).__parklinkWxLogin = () =>
        fetch(`${base}/_login?openid=${encodeURIComponent(id)}`)
          .then((r) => r.json())
          .then((b: { code: string }) => b.code);
    },
    { base: wechatApiBase, id: openid },
  );
}

/**
 * A browser test file's life: one stack and one browser with a phone page for the whole file,
 * screenshots `<prefix>-NN-<name>.png`, a `failed` shot of any failing test, and everything stopped
 * at the end. `ready` receives them once started (the file keeps them in its own variables).
 */
export function browserFile(
  prefix: string,
  ready: (started: { stack: E2eStack; browser: Browser; page: Page }) => void | Promise<void>,
  options: { beforeStop?: () => Promise<void> } = {},
): { snap(name: string): Promise<void> } {
  let stack: E2eStack | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let shot = 0;
  const snap = async (name: string) => {
    if (!page) return;
    shot++;
    await screenshot(page, prefix, shot, name);
  };
  beforeAll(async () => {
    clearShots(prefix);
    stack = await startE2eStack();
    ({ browser, page } = await launchBrowser());
    await ready({ stack, browser, page });
  }, 400_000);
  afterAll(async () => {
    if (stack) await options.beforeStop?.().catch(() => {});
    await browser?.close();
    await stack?.stop();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap('failed').catch(() => {});
  });
  return { snap };
}

/** A demo user's token on this stack (the dev login). */
export async function devToken(apiUrl: string, userId: string): Promise<string> {
  const login = await fetch(`${apiUrl}/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const session = (await login.json()) as { token?: string };
  if (!session.token) throw new Error(`dev login ${userId}: ${login.status} ${JSON.stringify(session)}`);
  return session.token;
}

/** The API as one demo user, for the steps that are not under test: JSON in and out, a non-2xx throws. */
export async function apiAs(apiUrl: string, userId: string): Promise<<T>(method: string, path: string, body?: unknown) => Promise<T>> {
  const token = await devToken(apiUrl, userId);
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}
