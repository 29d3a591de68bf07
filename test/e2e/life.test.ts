/**
 * The rest of a request's life in a real browser (h5 build in Debian's Chromium, driven by
 * playwright-core, against serverless-offline and DynamoDB Local): transfer with an internal note
 * the enterprise must not see, asking for more information, resolve and reopen, withdraw.
 * Steps that are not under test (submitting, claiming a request for a later test) go straight
 * to the API. Screenshots go to .artifacts/e2e/life-NN-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs as apiAsUser, browserFile, fillField, loginAs as loginWith } from './browser';
import type { E2eStack } from './stack';

const USERS = { zhang: 'u-ent-xinrui', li: 'u-approvals-1', sun: 'u-tax-1' } as const;
const TAX = '区税务局园区税务分局';
const NOTE = '内部：该事项实为税费问题，建议转税务分局';

let stack: E2eStack;
let page: Page;
const { snap } = browserFile('life', (started) => {
  ({ stack, page } = started);
});

const loginAs = (name: string) => loginWith(page, stack.webUrl, name);
const fill = (selector: string, text: string) => fillField(page, selector, text);

/** Opens a request from the home page's 我的诉求 / 我认领的 list. */
async function openFromMine(title: string) {
  await page.locator('.entry-mine').click();
  await page.locator('.request-item', { hasText: title }).click();
  await page.locator('.detail-title', { hasText: title }).waitFor();
}

const status = () => page.locator('.request-status').first().textContent();
const expectStatus = (label: string) => expect.poll(status, { timeout: 15_000 }).toBe(label);

/** The API as one demo user, for the steps that are not under test. */
const apiAs = (userId: string) => apiAsUser(stack.apiUrl, userId);

async function submitAsZhang(title: string) {
  const post = await apiAs(USERS.zhang);
  return post<{ id: string }>('POST', '/v1/requests', {
    categoryId: 'cat-approval',
    title,
    description: `${title}：材料已经准备，想了解办理流程和时限。`,
  });
}

describe('the request life in the browser', () => {
  it('a liaison notes, then transfers to the tax branch; the tax liaison claims it; the enterprise sees the transfer but not the note', async () => {
    const title = '厂房租金发票开具咨询';
    await submitAsZhang(title);

    await loginAs('李审批');
    await page.locator('.entry-pool').click();
    await page.locator('.pool-item', { hasText: title }).locator('.claim-button').click();
    await expectStatus('已认领');
    // Liaisons see both clocks with their state.
    await expect.poll(() => page.locator('.clock-claim').textContent()).toMatch(/响应时限.*进行中/);
    await expect.poll(() => page.locator('.clock-resolve').textContent()).toMatch(/办结时限.*进行中/);
    await expect.poll(() => page.locator('.countdown').count()).toBeGreaterThanOrEqual(2);

    await page.locator('.action-note').click();
    await expect.poll(() => page.locator('.note-form').textContent()).toContain('仅内部可见');
    await fill('.note-input', NOTE);
    await page.locator('.note-submit').click();
    await expect.poll(() => page.locator('.timeline-internal').textContent(), { timeout: 15_000 }).toContain(NOTE);
    await expect.poll(() => page.locator('.timeline-internal').textContent()).toContain('内部');
    await snap('liaison-internal-note');

    await page.locator('.action-transfer').click();
    const target = page.locator('.transfer-department', { hasText: TAX });
    await target.waitFor();
    // The department it is with now is not offered.
    expect(await page.locator('.transfer-department', { hasText: '区行政审批局' }).count()).toBe(0);
    await page.locator('.transfer-submit').click();
    await expect.poll(() => page.locator('.transfer-form .field-error').allTextContents()).toContain('请选择转派部门');
    await target.click();
    await fill('.transfer-reason', '属于税费政策，请税务分局办理');
    await snap('transfer-form');
    await page.locator('.transfer-submit').click();
    await expectStatus('已转派');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain(`转派至 ${TAX}`);
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('原因：属于税费政策');
    // Out of the approvals bureau's hands: nothing left to do here.
    expect(await page.locator('.action-transfer').count()).toBe(0);
    await snap('transferred');

    await loginAs('孙税务');
    await page.locator('.entry-pool').click();
    const item = page.locator('.pool-item', { hasText: title });
    await item.waitFor();
    await expect.poll(() => item.locator('.request-item-status').textContent()).toBe('已转派');
    await snap('tax-pool');
    await item.locator('.claim-button').click();
    await expectStatus('已认领');
    await expect.poll(() => page.locator('.detail-page').textContent()).toContain(`经办：${TAX} 孙税务`);
    await snap('tax-claimed');

    await loginAs('张经理');
    await openFromMine(title);
    await expect.poll(() => page.locator('.timeline').textContent(), { timeout: 15_000 }).toContain(`转派至 ${TAX}`);
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).not.toContain(NOTE);
    expect(await page.locator('.timeline-internal').count()).toBe(0);
    // The enterprise sees one countdown, not the clocks.
    expect(await page.locator('.clock-claim').count()).toBe(0);
    await expect.poll(() => page.locator('.detail-page .countdown').count()).toBe(1);
    expect(await page.locator('.action-note').count()).toBe(0);
    expect(await page.locator('.action-transfer').count()).toBe(0);
    await snap('enterprise-sees-transfer');
  });

  it('the liaison asks for more information; the enterprise supplies it and the request goes back', async () => {
    const title = '环评批复材料补正咨询';
    const { id } = await submitAsZhang(title);
    await (await apiAs(USERS.li))('POST', `/v1/requests/${id}/claim`);

    await loginAs('李审批');
    await openFromMine(title);
    await page.locator('.action-requestInfo').click();
    await page.locator('.info-submit').click();
    await expect.poll(() => page.locator('.info-form .field-error').count()).toBe(1);
    await fill('.info-input', '请补充环评报告表的盖章扫描件');
    await page.locator('.info-submit').click();
    await expectStatus('待补充');
    await expect.poll(() => page.locator('.clock-resolve').textContent()).toContain('已暂停');
    await snap('needs-info-liaison');

    await loginAs('张经理');
    await openFromMine(title);
    await expectStatus('待补充');
    await expect.poll(() => page.locator('.provide-form').textContent()).toContain('请补充环评报告表的盖章扫描件');
    await expect.poll(() => page.locator('.detail-page .countdown').textContent()).toBe('暂停计时');
    await fill('.provide-input', '盖章扫描件已发到审批局邮箱');
    await snap('needs-info-enterprise');
    await page.locator('.provide-submit').click();
    await expectStatus('已认领');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('盖章扫描件已发到审批局邮箱');
    expect(await page.locator('.provide-form').count()).toBe(0);
    await snap('info-provided');
  });

  it('the liaison resolves; the enterprise reopens with a reason; the liaison sees 重新办理', async () => {
    const title = '消防验收预约时间咨询';
    const { id } = await submitAsZhang(title);
    const li = await apiAs(USERS.li);
    await li('POST', `/v1/requests/${id}/claim`);
    await li('POST', `/v1/requests/${id}/replies`, { message: '已受理，正在协调消防验收时间。' });

    await loginAs('李审批');
    await openFromMine(title);
    await expectStatus('已答复');
    await expect.poll(() => page.locator('.clock-claim').textContent()).toContain('已按时');
    await page.locator('.action-start').click();
    await expectStatus('办理中');
    await page.locator('.action-resolve').click();
    await fill('.resolve-input', '已约定下周二上午现场验收。');
    await page.locator('.resolve-submit').click();
    await expectStatus('已办结');
    await snap('resolved');

    await loginAs('张经理');
    await openFromMine(title);
    await expectStatus('已办结');
    await expect.poll(() => page.locator('.reopen-until').textContent()).toMatch(/前可重新打开/);
    await page.locator('.action-reopen').click();
    await fill('.reopen-reason', '验收时间与停产检修冲突，需要改期');
    await snap('reopen-form');
    await page.locator('.reopen-submit').click();
    await expectStatus('重新办理');

    await loginAs('李审批');
    await openFromMine(title);
    await expectStatus('重新办理');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('原因：验收时间与停产检修冲突');
    await expect.poll(() => page.locator('.clock-resolve').textContent()).toContain('进行中');
    await snap('liaison-sees-reopened');
  });

  it('the enterprise withdraws its request after confirming', async () => {
    const title = '施工许可证延期咨询';
    await submitAsZhang(title);

    await loginAs('张经理');
    await openFromMine(title);
    await page.locator('.action-withdraw').click();
    await fill('.withdraw-reason', '问题已自行解决');
    await page.locator('.withdraw-submit').click();
    // Taro's h5 modal (Taro.showModal): cancelling keeps the request.
    await page.locator('.taro-model__cancel').click();
    await expectStatus('待认领');
    await page.locator('.withdraw-submit').click();
    // (.taro__modal itself has no box: wait on its content.)
    await page.locator('.taro-modal__content', { hasText: '确定撤回' }).waitFor();
    await snap('withdraw-confirm');
    await page.locator('.taro-model__confirm').click();
    await expectStatus('已撤回');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('原因：问题已自行解决');
    expect(await page.locator('.action-withdraw').count()).toBe(0);
    await snap('withdrawn');
  });
});
