/**
 * What every browser test file shares: Debian's Chromium launched the way this machine allows (no
 * sandbox as root, no calls home), a phone-sized page, numbered screenshots under .artifacts/e2e,
 * and the demo login.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/local/api';

export const SHOTS = resolve(ROOT, '.artifacts/e2e');

/** A phone-sized window: this is a mini-program first. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };

export async function launchBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage(PHONE);
  return { browser, page };
}

/**
 * A fresh phone-sized page in its own context (own storage), e.g. with a fixed position:
 * `{ geolocation: { latitude, longitude }, permissions: ['geolocation'] }`; without the permission
 * the page's location request is refused.
 */
export async function newPhonePage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, ...options });
  return context.newPage();
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
