/**
 * 供需对接 in a real browser (h5 build in Debian's Chromium against serverless-offline and DynamoDB
 * Local with the demo park): 张经理 of 鑫锐电子 opens 供需对接 from 首页, posts a financing need
 * (购置贴片设备需贷款, 300 万元) and sees the postal bank's seeded 小微易贷 first among the
 * suggestions with its reasons; proposes a match with a message. 褚客户经理 (邮储银行园区支行)
 * opens it from his inbox, accepts it and records the success with an amount and a date; 张经理
 * finds it under 我的对接 as 对接成功 with its timeline. Screenshots: .artifacts/e2e/market-NN-*.png.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { browserFile, fillField, loginAs, newPhonePage, screenshot } from './browser';
import type { E2eStack } from './stack';

const NEED_TITLE = '购置贴片设备需贷款';
const NEED_TEXT = '计划购置两台贴片机扩大产能，需要设备购置贷款约 300 万元，希望三个月内放款。';
const PRODUCT = '小微易贷';
const PROPOSAL = '我们想申请小微易贷用于购置贴片设备，请联系张经理。';
const ACCEPT = '已收到，明天上午上门了解情况。';

/** Every API call runs a freshly reloaded handler under serverless-offline: allow for it. */
const SLOW = { timeout: 20_000 };

let stack: E2eStack;
let browser: Browser;
/** The file's own page is 张经理's; 褚客户经理 gets one of his own (own storage) beside it. */
let zhangPage: Page;
/** The page in use. */
let page: Page;
browserFile('market', (started) => {
  ({ stack, browser, page: zhangPage } = started);
});

/**
 * Kept here rather than browserFile's snap, which shoots only the file's own page: these shots are
 * of whichever page is in use (褚客户经理's in the second test), numbered in one sequence.
 */
let shot = 0;
async function snap(name: string) {
  shot++;
  await screenshot(page, 'market', shot, name);
}

// browserFile leaves a `failed` shot of 张经理's page; when 褚客户经理's was in use, one of his too.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page && page !== zhangPage) await snap('failed').catch(() => {});
});

/** Taro h5 keeps earlier pages hidden in the DOM: only what shows. */
const shown = (selector: string, hasText?: string | RegExp): Locator => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true });

describe('supply-demand matchmaking in the browser', () => {
  it('张经理 posts a financing need and sees 小微易贷 first among the suggestions', async () => {
    page = zhangPage;
    await loginAs(page, stack.webUrl, '张经理');
    await shown('.entry-market').click();
    await shown('.market-page').waitFor(SLOW);
    // The demo park seeds resources only: 需求 starts empty.
    await shown('.market-page .empty-state').waitFor(SLOW);
    await snap('market-needs');

    await shown('.market-tab-resources').click();
    await shown('.market-card-resource', PRODUCT).waitFor(SLOW);
    await shown('.filter-kind', '融资').click();
    await expect.poll(() => shown('.market-card-resource').count(), SLOW).toBeGreaterThan(0);
    expect(new Set(await shown('.market-card-resource .market-kind').allTextContents())).toEqual(new Set(['融资']));
    await snap('resources-financing');

    await shown('.market-post-need').click();
    await shown('.post-form-need').waitFor(SLOW);
    await shown('.post-kind-option', '融资').click();
    await fillField(page, '.post-form-need .post-title', NEED_TITLE);
    await fillField(page, '.post-form-need .post-description', NEED_TEXT);
    await fillField(page, '.post-form-need .post-amount', '300');
    await fillField(page, '.post-form-need .post-tags', '设备 贷款');
    await snap('need-form');
    await shown('.post-submit').click();

    await shown('.market-detail-need').waitFor(SLOW);
    await expect.poll(() => shown('.market-detail-title').textContent(), SLOW).toBe(NEED_TITLE);
    expect(await shown('.market-detail-need .market-amount').textContent()).toContain('300 万元');
    await shown('.suggestion').first().waitFor(SLOW);
    const first = shown('.suggestion').first();
    expect(await first.locator('.suggestion-title').textContent()).toContain(PRODUCT);
    expect(await first.locator('.suggestion-owner').textContent()).toContain('邮储银行');
    const reasons = await first.locator('.suggestion-reason').allTextContents();
    expect(reasons).toContain('同为融资类');
    expect(reasons.some((r) => /300 万元在额度.*内/.test(r))).toBe(true);
    await snap('suggestions');

    await first.locator('.suggestion-propose').click();
    await fillField(page, '.propose-message', PROPOSAL);
    await snap('propose');
    await shown('.propose-submit').click();
    await shown('.match-page').waitFor(SLOW);
    await expect.poll(() => shown('.match-page .match-status').first().textContent(), SLOW).toBe('待对方确认');
    expect(await shown('.match-event-proposed .timeline-message').textContent()).toBe(PROPOSAL);
    // The proposer may only withdraw.
    expect(await shown('.action-withdraw').count()).toBe(1);
    expect(await shown('.action-accept').count()).toBe(0);
    await snap('proposed');

    // The same pair again: the API refuses (409) and the form says so, with the way to the match.
    await page.goBack();
    await shown('.market-detail-need .suggestion').first().waitFor(SLOW);
    await shown('.suggestion-propose').first().click();
    await shown('.propose-submit').click();
    await expect.poll(() => shown('.propose-form .error-message').textContent(), SLOW).toContain('已在对接中');
    await shown('.propose-existing').waitFor(SLOW);
    await snap('already-matched');
  }, 120_000);

  it('褚客户经理 opens the match from his inbox, accepts it and records the success', async () => {
    page = await newPhonePage(browser);
    await loginAs(page, stack.webUrl, '褚客户经理');
    await shown('.weui-tabbar__item', '消息').click();
    const item = shown('.inbox-page .inbox-item', '有新的对接请求').first();
    await item.waitFor(SLOW);
    expect(await item.locator('.inbox-body').textContent()).toBe('鑫锐电子科技有限公司希望对接您的资源「小微易贷：普惠小微企业信用贷款」');
    await snap('bank-inbox');
    await item.click();

    await shown('.match-page').waitFor(SLOW);
    await expect.poll(() => shown('.match-page .match-status').first().textContent(), SLOW).toBe('待对方确认');
    expect(await shown('.match-need .card-title').textContent()).toBe(NEED_TITLE);
    expect(await shown('.match-resource .card-title').textContent()).toContain(PRODUCT);
    await fillField(page, '.respond-message', ACCEPT);
    await snap('bank-match');
    await shown('.action-accept').click();
    await expect.poll(() => shown('.match-page .match-status').first().textContent(), SLOW).toBe('对接中');
    await snap('accepted');

    await shown('.action-succeed').click();
    await fillField(page, '.outcome-amount', '300');
    const date = (await shown('.outcome-date-picker').textContent())?.trim() ?? '';
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await fillField(page, '.outcome-note', '已放款 300 万元，用于购置贴片设备');
    await snap('outcome-form');
    await shown('.succeed-submit').click();
    await expect.poll(() => shown('.match-page .match-status').first().textContent(), SLOW).toBe('对接成功');
    expect(await shown('.match-outcome-text').textContent()).toBe(`对接成功 · ${date} · 300 万元`);
    expect(await shown('.action-succeed').count()).toBe(0);
    await snap('succeeded');

    // One step on to a bank-enterprise case draft, prefilled from the match's outcome.
    await shown('.case-from-match').click();
    await expect.poll(() => page.url(), SLOW).toContain('pages/cases/detail/index');
    await expect.poll(async () => (await page.locator('body').innerText()).includes('300.00 万元'), SLOW).toBe(true);
    expect(await page.locator('body').innerText()).toContain('待企业确认');
    await snap('case-draft-from-match');
    await page.context().close();
  }, 120_000);

  it('张经理 sees 对接成功 and the timeline under 我的对接', async () => {
    page = zhangPage;
    await page.goto(`${stack.webUrl}/#/pages/market/list/index`);
    await shown('.market-page').waitFor(SLOW);
    await shown('.market-tab-matches').click();
    const card = shown('.match-card', NEED_TITLE).first();
    await card.waitFor(SLOW);
    expect(await card.locator('.match-status').textContent()).toBe('对接成功');
    await snap('my-matches');
    await card.click();

    await shown('.match-page').waitFor(SLOW);
    await expect.poll(() => shown('.match-page .match-status').first().textContent(), SLOW).toBe('对接成功');
    const events = shown('.match-event');
    await expect.poll(() => events.locator('.timeline-what').allTextContents(), SLOW).toEqual(['发起对接', '接受对接', '对接成功']);
    expect(await shown('.match-event-accepted .timeline-message').textContent()).toBe(ACCEPT);
    expect(await shown('.match-event-accepted .timeline-who').textContent()).toContain('褚客户经理');
    expect(await shown('.match-event-succeeded .match-side').textContent()).toBe('资源方');
    expect(await shown('.match-outcome-text').textContent()).toContain('300 万元');
    await snap('enterprise-timeline');
  }, 120_000);
});
