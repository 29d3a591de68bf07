/**
 * 共建案例 (银企共建) in a real browser (h5 build in Debian's Chromium, driven by playwright-core,
 * against serverless-offline and DynamoDB Local): 褚客户经理 of 邮储银行园区支行 records a 300 万元
 * loan at 3.85% for 鑫锐电子科技有限公司, granted today, and attaches the loan contract; it waits as
 * 待企业确认 and the figures leave it out; 张经理 sees 待您确认 and confirms; 周书记's figures then show the amount, one enterprise served
 * and this month's bar. Then the one-step path: a 融资信贷 request of 500 万元 (submitted, claimed,
 * answered and resolved through the API) becomes a prefilled draft with 生成共建案例 on its page.
 * Screenshots: .artifacts/e2e/cases-NN-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs as apiAsUser, browserFile, fillField, loginAs as loginWith } from './browser';
import type { E2eStack } from './stack';

const ENTERPRISE = '鑫锐电子科技有限公司';
const BANK = '邮储银行园区支行';
const TITLE = '鑫锐电子获 300 万元科技贷';
const REQUEST_TITLE = '采购检测设备需流动资金贷款';
const SLOW = { timeout: 15_000 };
const CONTRACT = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

let stack: E2eStack;
let page: Page;
const { snap } = browserFile('cases', (started) => {
  ({ stack, page } = started);
});

const loginAs = (name: string) => loginWith(page, stack.webUrl, name);
const fill = (selector: string, text: string) => fillField(page, selector, text);
/** A locator on the page that shows (Taro h5 keeps earlier pages hidden in the DOM). */
const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true });
const text = (selector: string) => shown(selector).first().textContent();

/** This month, 'YYYY-MM', China time. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/** The API as one demo user, for the steps that are not under test. */
const apiAs = (userId: string) => apiAsUser(stack.apiUrl, userId);

async function openSummary() {
  await shown('.case-summary-open').click();
  await shown('.case-summary-page .summary-cases').waitFor(SLOW);
}

describe('共建案例 in the browser', () => {
  it('褚客户经理 records a bank case; it waits for the enterprise and does not count yet', async () => {
    await loginAs('褚客户经理');
    await snap('bank-home');
    await page.locator('.entry-cases').click();
    await shown('.case-new').waitFor(SLOW);
    await snap('bank-list-empty');

    await shown('.case-new').click();
    await shown('.case-form').waitFor(SLOW);
    // Sending it empty: the messages sit under the fields.
    await shown('.case-save').click();
    await expect.poll(() => shown('.case-form .field-error').allTextContents()).toEqual(
      expect.arrayContaining(['标题至少 4 个字', '至少选择一家企业', '请填写金额（万元），如 300', '请写明企业遇到的困难']),
    );
    await snap('bank-form-errors');

    await fill('.case-title-field', TITLE);
    await shown('.case-enterprise', ENTERPRISE).click();
    await fill('.case-amount', '300');
    await fill('.case-rate', '3.85');
    await fill('.case-term', '12');
    await fill('.case-purpose', '采购检测设备');
    await shown('.case-preferential').click();
    await fill('.case-difficulty', '订单增长快，采购检测设备的资金缺口约 300 万元。');
    await fill('.case-action', '走访企业后当周审批，发放普惠科技贷 300 万元，年利率 3.85%。');
    await snap('bank-form-filled');
    await shown('.case-save').click();

    await shown('.case-detail-page').waitFor(SLOW);
    await expect.poll(() => text('.case-detail-status'), SLOW).toBe('待企业确认');
    expect(await text('.case-detail-title')).toBe(TITLE);
    expect(await text('.case-detail-department')).toBe(BANK);
    expect(await text('.case-figure-amount')).toContain('300.00 万元');
    expect(await text('.case-figure-rate')).toContain('3.85%');
    await expect.poll(() => text('.case-enterprise-row')).toContain(`${ENTERPRISE}待确认`);
    expect(await shown('.case-edit').count()).toBe(1);
    expect(await shown('.case-confirm').count()).toBe(0);
    await snap('bank-draft');

    // The loan contract as evidence: straight to storage, then on the case and its record.
    await shown('.case-attach input[type=file]').first().setInputFiles([{ name: '借款合同.pdf', mimeType: 'application/pdf', buffer: CONTRACT }]);
    await shown('.case-attachments .attachment-pdf', '借款合同.pdf').waitFor(SLOW);
    await expect.poll(() => text('.case-attachments .attachments-count')).toBe('1/10');
    await expect.poll(() => shown('.case-detail-page .case-event-attached').count()).toBe(1);
    await snap('bank-draft-attachment');

    // Back on the list: the card, then the figures, which count confirmed cases only.
    await page.goBack();
    const card = shown('.case-item', TITLE);
    await card.waitFor(SLOW);
    await expect.poll(() => card.locator('.case-item-headline').textContent(), SLOW).toBe('贷款 300.00 万元 · 年利率 3.85%');
    expect(await card.locator('.case-item-status').textContent()).toBe('待企业确认');
    await snap('bank-list');
    await openSummary();
    await expect.poll(() => text('.summary-cases .summary-value'), SLOW).toBe('0');
    expect(await text('.summary-amount .summary-value')).toBe('0.00');
    await snap('bank-summary-before');
  });

  it('张经理 sees 待您确认 and confirms', async () => {
    await loginAs('张经理');
    await page.locator('.entry-cases').click();
    const card = shown('.case-item', TITLE);
    await card.waitFor(SLOW);
    await expect.poll(() => card.locator('.case-confirm-badge').textContent()).toBe('待您确认');
    expect(await shown('.case-new').count()).toBe(0);
    await snap('enterprise-list');

    await card.click();
    await shown('.case-confirm').waitFor(SLOW);
    // The bank's contract is there to read before confirming; the enterprise may add its own.
    await shown('.case-attachments .attachment-pdf', '借款合同.pdf').waitFor(SLOW);
    expect(await shown('.case-attachments .attachment-remove').count()).toBe(0);
    expect(await shown('.case-attach').count()).toBe(1);
    await snap('enterprise-detail');
    await shown('.case-confirm').click();
    await expect.poll(() => text('.case-detail-status'), SLOW).toBe('已确认');
    await expect.poll(() => text('.case-enterprise-row')).toContain('已确认 · 张经理');
    expect(await shown('.case-confirm').count()).toBe(0);
    await expect.poll(() => shown('.case-detail-page .timeline-event').count()).toBe(3);
    await snap('enterprise-confirmed');
  });

  it('周书记 sees the amount, one enterprise served and this month’s bar', async () => {
    await loginAs('周书记');
    await page.locator('.entry-cases').click();
    await shown('.case-item', TITLE).waitFor(SLOW);
    await openSummary();
    await expect.poll(() => text('.summary-cases .summary-value'), SLOW).toBe('1');
    expect(await text('.summary-enterprises .summary-value')).toBe('1');
    expect(await text('.summary-amount .summary-value')).toBe('300.00');
    expect(await text('.summary-preferential .summary-value')).toBe('300.00');
    expect(await text('.summary-rate .summary-value')).toBe('3.85%');
    expect(await text('.summary-department')).toContain(BANK);
    const bar = shown(`.month-bar-${thisMonth()}`);
    expect(await bar.locator('.month-bar-value').textContent()).toBe('1');
    expect(await bar.locator('.month-bar-fill').getAttribute('style')).toContain('height: 100%');
    await snap('admin-summary');
    await shown('.chart-metric-amountFen').click();
    await expect.poll(() => bar.locator('.month-bar-value').textContent()).toBe('300.00');
    await snap('admin-summary-amount');
  });

  it('a resolved 融资信贷 request becomes a prefilled draft in one step', async () => {
    const zhang = await apiAs('u-ent-xinrui');
    const chu = await apiAs('u-psbc-1');
    const request = await zhang<{ id: string }>('POST', '/v1/requests', {
      categoryId: 'cat-finance',
      title: REQUEST_TITLE,
      description: '新接军工订单，需要采购检测设备，资金缺口约 500 万元。',
      fields: { amount: 500, purpose: 'working_capital', term: 24 },
    });
    await chu('POST', `/v1/requests/${request.id}/claim`);
    await chu('POST', `/v1/requests/${request.id}/replies`, { message: '已受理，提供流动资金贷款方案，3 个工作日内审批。' });
    await chu('POST', `/v1/requests/${request.id}/resolve`, { message: '已发放流动资金贷款 500 万元。' });

    await loginAs('褚客户经理');
    await page.locator('.entry-mine').click();
    await shown('.refresh-button').waitFor(SLOW);
    if (!(await shown('.request-item', REQUEST_TITLE).count())) await shown('.scope-done').click().catch(() => {});
    await shown('.request-item', REQUEST_TITLE).click();
    await shown('.detail-title', REQUEST_TITLE).waitFor(SLOW);
    await shown('.case-from-request').waitFor(SLOW);
    await snap('request-resolved');

    await shown('.case-from-request').click();
    await shown('.case-detail-page').waitFor(SLOW);
    await expect.poll(() => text('.case-detail-title'), SLOW).toBe(REQUEST_TITLE);
    expect(await text('.case-detail-status')).toBe('待企业确认');
    expect(await text('.case-detail-department')).toBe(BANK);
    expect(await text('.case-enterprise-row')).toContain(ENTERPRISE);
    expect(await text('.case-figure-amount')).toContain('500.00 万元');
    expect(await text('.case-figure-purpose')).toBe('用途流动资金');
    expect(await text('.case-request-link')).toContain(request.id);
    expect(await text('.case-action-text')).toContain('3 个工作日内审批');
    await snap('draft-from-request');

    // The form opens with the same figures.
    await shown('.case-edit').click();
    await shown('.case-form').waitFor(SLOW);
    await expect.poll(() => shown('.case-amount input').inputValue()).toBe('500');
    expect(await shown('.case-enterprise.choice-on').textContent()).toContain(ENTERPRISE);
    await snap('draft-edit');
  });
});
