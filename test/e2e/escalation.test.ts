/**
 * Overdue escalation in a real browser (h5 build in Debian's Chromium, driven by playwright-core,
 * against serverless-offline and DynamoDB Local). Time is moved with the stack's test hooks
 * (PUT /v1/dev/clock, POST /v1/dev/sweep), never by sleeping:
 * a 审批办证 request misses its 4-hour claim clock → the department head 王局长 gets an inbox
 * message (tab badge, home hint), opens it, sees the request 已超时 with the internal escalation
 * event; the enterprise sees 已超时 but not the internal event; a day later the park admin 周书记
 * gets the level-2 message. Screenshots go to .artifacts/e2e/escalation-NN-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clearShots, fillField, launchBrowser, loginAs as loginWith, screenshot } from './browser';
import { startE2eStack, type E2eStack } from './stack';

const USERS = { zhang: 'u-ent-xinrui', liu: 'u-ent-hengtong' } as const;
const TITLE = '新厂房施工许可证办理进度咨询';
/** Other requests that go overdue with it: enough for the inbox to need a second page (20 a page). */
const FILLERS = 20;
const OVERDUE_TITLE = '诉求响应时限已超时';
/** What the park admin reads at level 2: asked to step in. */
const ESCALATED_TITLE = '诉求响应时限超时已超 24 小时';

let stack: E2eStack;
let browser: Browser;
let page: Page;
let shot = 0;

beforeAll(async () => {
  clearShots('escalation');
  stack = await startE2eStack();
  ({ browser, page } = await launchBrowser());
}, 400_000);

afterAll(async () => {
  // Leave the stack's clock where it started, even when a step failed.
  if (stack) await setClock(0).catch(() => {});
  await browser?.close();
  await stack?.stop();
});

// A failed step leaves a picture of where it stopped.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await snap('failed').catch(() => {});
});

async function snap(name: string) {
  shot++;
  await screenshot(page, 'escalation', shot, name);
}

async function loginAs(name: string) {
  await loginWith(page, stack.webUrl, name);
}

async function hook<T>(method: 'PUT' | 'POST', path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Moves the stack's business clock (tokens still expire in real time). */
const setClock = (offsetMinutes: number) => hook('PUT', '/v1/dev/clock', { offsetMinutes });
/** Runs the overdue sweep now, as the schedule would. */
const sweep = () => hook<Record<string, unknown>>('POST', '/v1/dev/sweep');

/** The API as one demo user, for the steps that are not under test. */
async function apiAs(userId: string) {
  const login = await fetch(`${stack.apiUrl}/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const session = (await login.json()) as { token?: string };
  if (!session.token) throw new Error(`dev login ${userId}: ${login.status} ${JSON.stringify(session)}`);
  const { token } = session;
  return async <T = { id: string; status: string }>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

const submitApproval = (as: Awaited<ReturnType<typeof apiAs>>, title: string) =>
  as('/v1/requests', {
    categoryId: 'cat-approval',
    title,
    description: `${title}：材料已提交，想了解审批进度和还需要补充什么。`,
  });

/** The 消息 tab's badge as Taro h5 renders it (the native tab bar's badge in weapp). */
const tabBadge = () => page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.taro-tabbar-badge');
const inboxPage = () => page.locator('.inbox-page');
const inboxItem = (text: string) => inboxPage().locator('.inbox-item', { hasText: text });

async function openInboxTab() {
  await page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
  await inboxPage().locator('.inbox-item').first().waitFor();
}

describe('overdue escalation in the browser', () => {
  let requestId = '';

  it('a missed 4-hour claim clock puts an unread message in the department head’s inbox', async () => {
    const zhang = await apiAs(USERS.zhang);
    requestId = (await submitApproval(zhang, TITLE)).id;
    const liu = await apiAs(USERS.liu);
    for (let i = 1; i <= FILLERS; i++) await submitApproval(liu, `营业执照变更登记咨询 ${i}`);

    // Nobody has missed anything yet: no escalation, no message.
    await sweep();
    const wang = await apiAs('u-approvals-head');
    expect((await wang<{ unread: number }>('/v1/inbox')).unread).toBe(0);

    // Five hours later the 4-hour claim clock is missed.
    await setClock(300);
    await sweep();

    await loginAs('王局长');
    const unread = FILLERS + 1;
    // The home page says so, and so does the 消息 tab's badge.
    await expect.poll(() => page.locator('.home-unread').textContent(), { timeout: 15_000 }).toContain(`${unread} 条未读消息`);
    await expect.poll(() => tabBadge().textContent(), { timeout: 15_000 }).toBe(String(unread));
    expect(await tabBadge().isVisible()).toBe(true);
    await snap('head-home-unread');

    await openInboxTab();
    await expect.poll(() => inboxPage().locator('.inbox-count').textContent()).toBe(`${unread} 条未读`);
    // Newest first, 20 a page; the rest behind 加载更多.
    await expect.poll(() => inboxPage().locator('.inbox-item').count()).toBe(20);
    expect(await inboxPage().locator('.inbox-item.inbox-unread').count()).toBe(20);
    expect(await inboxPage().locator('.inbox-item').first().textContent()).toContain(OVERDUE_TITLE);
    await snap('head-inbox');
    await inboxPage().locator('.inbox-more').click();
    await expect.poll(() => inboxPage().locator('.inbox-item').count()).toBe(unread);
    await expect.poll(() => inboxPage().locator('.inbox-more').count()).toBe(0);
    const message = inboxItem(TITLE);
    await expect.poll(() => message.textContent()).toContain(OVERDUE_TITLE);
    expect(await message.getAttribute('class')).toContain('inbox-unread');
    await message.scrollIntoViewIfNeeded();
    await snap('head-inbox-page-2');
  });

  it('the head taps the message: it is read, and the request shows 已超时 with the internal escalation event', async () => {
    await inboxItem(TITLE).click();
    await page.locator('.detail-title', { hasText: TITLE }).waitFor();
    const detail = page.locator('.detail-page');
    await expect.poll(() => detail.locator('.request-status').textContent()).toBe('待认领');
    await expect.poll(() => detail.locator('.overdue-flag').textContent()).toContain('超时');
    await expect.poll(() => detail.locator('.clock-claim').textContent()).toMatch(/响应时限.*已超时/);
    const escalation = detail.locator('.timeline-internal', { hasText: '超时督办' });
    await expect.poll(() => escalation.textContent(), { timeout: 15_000 }).toContain('响应时限已超时，已提醒部门负责人');
    await expect.poll(() => escalation.textContent()).toContain('内部');
    await snap('head-detail-escalated');

    // Back in the inbox (refreshed on show, with both pages kept) the message is read and the badge counts one less.
    await page.goBack();
    await expect.poll(() => inboxPage().locator('.inbox-count').textContent(), { timeout: 15_000 }).toBe(`${FILLERS} 条未读`);
    expect(await inboxPage().locator('.inbox-item').count()).toBe(FILLERS + 1);
    await page.locator('.detail-page').waitFor({ state: 'hidden' });
    await inboxItem(TITLE).scrollIntoViewIfNeeded();
    await expect.poll(() => inboxItem(TITLE).getAttribute('class'), { timeout: 15_000 }).not.toContain('inbox-unread');
    await expect.poll(() => tabBadge().textContent(), { timeout: 15_000 }).toBe(String(FILLERS));
    await snap('head-inbox-after-read');
  });

  it('the enterprise sees the request overdue, but not the internal escalation', async () => {
    await loginAs('张经理');
    await page.locator('.entry-mine').click();
    const item = page.locator('.request-item', { hasText: TITLE });
    await expect.poll(() => item.locator('.countdown').textContent(), { timeout: 15_000 }).toBe('已超时');
    expect(await item.locator('.countdown').getAttribute('class')).toContain('countdown-overdue');
    await snap('enterprise-list-overdue');

    await item.click();
    await page.locator('.detail-title', { hasText: TITLE }).waitFor();
    const detail = page.locator('.detail-page');
    await expect.poll(() => detail.locator('.countdown').first().textContent(), { timeout: 15_000 }).toBe('已超时');
    expect(await detail.locator('.countdown').first().getAttribute('class')).toContain('countdown-overdue');
    await expect.poll(() => detail.locator('.timeline-event').count()).toBeGreaterThan(0);
    expect(await detail.locator('.timeline-internal').count()).toBe(0);
    expect(await detail.locator('.timeline').textContent()).not.toContain('超时督办');
    expect(await detail.locator('.timeline').textContent()).not.toContain('部门负责人');
    await snap('enterprise-detail-overdue');

    // The enterprise hears nothing about escalations.
    const zhang = await apiAs(USERS.zhang);
    const inbox = await zhang<{ items: { kind: string }[] }>('/v1/inbox');
    expect(inbox.items.filter((n) => n.kind === 'overdue')).toEqual([]);
  });

  it('a day later the park admin gets the level-2 message and can mark everything read', async () => {
    await setClock(30 * 60);
    await sweep();
    // A second run of the sweep sends nothing twice.
    await sweep();

    await loginAs('周书记');
    await expect.poll(() => page.locator('.home-unread').textContent(), { timeout: 15_000 }).toContain(`${FILLERS + 1} 条未读消息`);
    await expect.poll(() => tabBadge().textContent(), { timeout: 15_000 }).toBe(String(FILLERS + 1));
    await snap('admin-home-unread');

    await openInboxTab();
    await inboxPage().locator('.inbox-more').click();
    const message = inboxItem(TITLE);
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toContain(ESCALATED_TITLE);
    expect(await message.getAttribute('class')).toContain('inbox-unread');
    await message.scrollIntoViewIfNeeded();
    await snap('admin-inbox-level-2');

    await message.click();
    await page.locator('.detail-title', { hasText: TITLE }).waitFor();
    await expect.poll(() => page.locator('.timeline-internal', { hasText: '已上报园区管理员' }).count(), { timeout: 15_000 }).toBe(1);
    await snap('admin-detail-level-2');

    await page.goBack();
    await page.locator('.detail-page').waitFor({ state: 'hidden' });
    await inboxPage().locator('.inbox-read-all').click();
    await expect.poll(() => inboxPage().locator('.inbox-unread').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => tabBadge().count()).toBe(0);
    await expect.poll(() => inboxPage().locator('.inbox-count').textContent()).toBe('没有未读消息');
    await snap('admin-inbox-all-read');
  });

  it('the clock goes back to real time', async () => {
    expect(await setClock(0)).toMatchObject({ offsetMinutes: 0 });
  });
});
