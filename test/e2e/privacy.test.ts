/**
 * 个人信息 (PIPL) in a real browser (h5 build in Debian's Chromium against serverless-offline and
 * DynamoDB Local with the demo park): 李审批, who claimed and answered 张经理's request (through the
 * API), opens 个人信息 from 首页 and reads what is kept about him — account, consents, messages,
 * the request with his reply; taps 注销账号, reads what goes and what stays, cancels, taps again and
 * confirms; he is logged out, his old token is refused and he is gone from the demo logins. 张经理
 * then opens the request: the reply is still there, under 已注销用户. Screenshots:
 * .artifacts/e2e/privacy-NN-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ERASED_NAME } from '@parklink/contract';
import { apiAs, browserFile, devToken, loginAs } from './browser';
import type { E2eStack } from './stack';

const TITLE = '新厂房消防验收预约';
const REPLY = '已为您预约下周二上午现场验收，请备齐竣工图纸。';
const SLOW = { timeout: 20_000 };

let stack: E2eStack;
let page: Page;
const { snap } = browserFile('privacy', (started) => {
  ({ stack, page } = started);
});

/** Taro h5 keeps earlier pages hidden in the DOM: only what shows. */
const shown = (selector: string, hasText?: string | RegExp): Locator => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true });

let requestId: string;
let oldToken: string;

describe('个人信息 in the browser', () => {
  it('李审批 opens 个人信息 from 首页 and sees what is kept about him', async () => {
    const zhang = await apiAs(stack.apiUrl, 'u-ent-xinrui');
    const li = await apiAs(stack.apiUrl, 'u-approvals-1');
    requestId = (await zhang<{ id: string }>('POST', '/v1/requests', { categoryId: 'cat-approval', title: TITLE, description: '新厂房已竣工，想预约消防验收的时间。' })).id;
    await li('POST', `/v1/requests/${requestId}/claim`);
    await li('POST', `/v1/requests/${requestId}/replies`, { message: REPLY });
    oldToken = await devToken(stack.apiUrl, 'u-approvals-1');

    await loginAs(page, stack.webUrl, '李审批');
    await shown('.entry-privacy').click(SLOW);
    await shown('.privacy-account').waitFor(SLOW);
    const account = await shown('.privacy-account').textContent();
    expect(account).toContain('李审批');
    expect(account).toContain('联络员');
    expect(account).toContain('区行政审批局');
    expect(account).toContain('未绑定');
    const request = shown('.privacy-request', TITLE);
    await request.waitFor(SLOW);
    expect(await request.textContent()).toMatch(/经办人.*答复/s);
    expect(await shown('.privacy-notes').textContent()).toContain('驿站打卡不记名');
    await snap('my-data');
  });

  it('注销账号 asks first, says what goes and what stays; confirmed, he is logged out for good', async () => {
    await shown('.privacy-erase').click();
    const question = page.locator('.taro-modal__content', { hasText: '已注销用户' });
    await question.waitFor();
    expect(await question.textContent()).toContain('将删除');
    await snap('erase-question');
    // 再想想 keeps everything.
    await page.locator('.taro-model__cancel').click();
    await shown('.privacy-account').waitFor();
    expect((await fetch(`${stack.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${oldToken}` } })).status).toBe(200);

    await shown('.privacy-erase').click();
    await page.locator('.taro-modal__content', { hasText: '已注销用户' }).waitFor();
    await page.locator('.taro-model__confirm').click();
    await shown('.login-user').first().waitFor(SLOW);
    await snap('logged-out');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('parklink.session')))).toEqual([]);
    // His token is refused at its next call; he is no demo login any more.
    const refused = await fetch(`${stack.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${oldToken}` } });
    expect(refused.status).toBe(401);
    expect(await shown('.login-user', '李审批').count()).toBe(0);
    expect((await fetch(`${stack.apiUrl}/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'u-approvals-1' }) })).status).toBe(404);
  });

  it('张经理 still sees the answer on his request, under 已注销用户', async () => {
    await loginAs(page, stack.webUrl, '张经理');
    await shown('.entry-mine').click(SLOW);
    await shown('.request-item', TITLE).click(SLOW);
    await shown('.detail-title', TITLE).waitFor(SLOW);
    const timeline = shown('.timeline');
    await expect.poll(() => timeline.textContent(), SLOW).toContain(REPLY);
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain(ERASED_NAME);
    expect(text).not.toContain('李审批');
    await snap('reply-kept');
  });
});
