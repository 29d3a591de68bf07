/**
 * The first journey in a real browser: the h5 build in Debian's Chromium, driven by playwright-core,
 * against the API under serverless-offline and DynamoDB Local. A screenshot of every step goes to
 * .artifacts/e2e/ (git-ignored).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearShots, fillField, launchBrowser, loginAs as loginWith, newPhonePage, screenshot } from './browser';
import { startE2eStack, type E2eStack } from './stack';

const TITLE = '新厂房环评审批进度咨询';

let stack: E2eStack;
let browser: Browser;
let page: Page;
let shot = 0;

beforeAll(async () => {
  clearShots('journey');
  stack = await startE2eStack();
  ({ browser, page } = await launchBrowser());
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function snap(name: string) {
  shot++;
  await screenshot(page, 'journey', shot, name);
}

async function loginAs(name: string) {
  await loginWith(page, stack.webUrl, name);
}

async function fill(selector: string, text: string) {
  await fillField(page, selector, text);
}

describe('the first journey in the browser', () => {
  it('an enterprise submits a request', async () => {
    // A visitor lands on the care stations (the first tab); members log in from there.
    await page.goto(stack.webUrl);
    await page.locator('.stations-page .member-login').click();
    await page.locator('.login-user').first().waitFor();
    await snap('login');
    await loginAs('张经理');
    await snap('enterprise-home');

    await page.locator('.entry-submit').click();
    await page.locator('.submit-button').waitFor();
    // Sending an empty form shows what is missing, next to the fields.
    await page.locator('.submit-button').click();
    await expect.poll(() => page.locator('.field-error').allTextContents()).toContain('请选择诉求类别');
    await snap('submit-validation');

    await page.locator('.submit-category').click();
    // The picker lists the categories once they have arrived; 确定 before that picks nothing.
    await page.locator('.weui-picker__item', { hasText: '审批办证' }).first().waitFor();
    await page.getByText('确定', { exact: true }).click();
    await expect.poll(() => page.locator('.submit-category').textContent()).toContain('审批办证');
    await fill('.submit-title', TITLE);
    await fill('.submit-description', '新厂房的环评审批材料已提交两周，想了解进度以及还缺哪些材料。');
    await snap('submit-filled');
    await page.locator('.submit-button').click();

    await expect.poll(() => page.locator('.request-status').first().textContent(), { timeout: 15_000 }).toBe('待认领');
    await expect.poll(() => page.locator('.countdown').first().textContent()).toMatch(/剩余/);
    expect(await page.locator('.timeline-event').count()).toBe(1);
    await snap('submitted');
  });

  it('a liaison of the department claims it from the pool and answers', async () => {
    await loginAs('李审批');
    await page.locator('.entry-pool').click();
    const item = page.locator('.pool-item', { hasText: TITLE });
    await item.waitFor();
    await snap('liaison-pool');

    await item.locator('.claim-button').click();
    await expect.poll(() => page.locator('.request-status').first().textContent(), { timeout: 15_000 }).toBe('已认领');
    await snap('claimed');

    await fill('.reply-input', '经核查，还缺排污许可材料，补齐后 3 个工作日内办结。');
    await page.locator('.reply-button').click();
    await expect.poll(() => page.locator('.request-status').first().textContent(), { timeout: 15_000 }).toBe('已答复');
    await snap('answered');
  });

  it('the enterprise sees the answer on the timeline and rates it', async () => {
    await loginAs('张经理');
    await page.locator('.entry-mine').click();
    await page.locator('.request-item', { hasText: TITLE }).click();
    await expect.poll(() => page.locator('.timeline-event').count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('还缺排污许可材料');
    await snap('enterprise-sees-answer');

    await page.locator('.rate-satisfied').click();
    await page.locator('.rate-star').nth(4).click();
    await fill('.rate-comment', '答复及时，材料清单清楚。');
    await snap('rating');
    await page.locator('.rate-button').click();
    await expect.poll(() => page.locator('.request-status').first().textContent(), { timeout: 15_000 }).toBe('已评价');
    await snap('rated');
  });

  it('opened from a link, 我的诉求 asks for its list and categories once: sent by index.html, taken over by the app', async () => {
    // Another phone with 张经理's session in storage, as after the login above.
    const session = await page.evaluate(() => localStorage.getItem('parklink.session'));
    expect(session).toBeTruthy();
    const opened = await newPhonePage(browser);
    await opened.context().addInitScript({ content: `localStorage.setItem('parklink.session', ${JSON.stringify(session)});` });
    const calls: string[] = [];
    opened.on('request', (r) => void (r.method() === 'GET' && /\/v1\/(requests\?|categories)/.test(r.url()) && calls.push(r.url())));
    await opened.goto(`${stack.webUrl}/#/pages/requests/mine/index`);
    await opened.locator('.request-item', { hasText: TITLE }).waitFor({ timeout: 20_000 });
    // Nothing is asked again once the page has settled (its 300 ms first-load fallback included).
    await opened.waitForLoadState('networkidle');
    expect(calls.map((u) => new URL(u).pathname + new URL(u).search).sort()).toEqual(['/v1/categories', '/v1/requests?scope=mine&limit=20']);
    const early = await opened.evaluate(() => {
      const start = (window as { __parklinkEarly?: { answers: Record<string, unknown> } }).__parklinkEarly;
      return start && { urls: Object.keys(start.answers).length, taken: Object.values(start.answers).every((a) => a === undefined) };
    });
    expect(early).toEqual({ urls: 2, taken: true });
    await opened.context().close();
  });

  it('a liaison of another department cannot see it', async () => {
    await loginAs('孙税务');
    await page.locator('.entry-pool').click();
    await page.locator('.refresh-button').waitFor();
    await expect.poll(() => page.locator('.pool-item', { hasText: TITLE }).count()).toBe(0);
    await snap('other-department-pool');
  });
});
