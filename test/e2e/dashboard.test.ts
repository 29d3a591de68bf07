/**
 * 数据看板 and 台账导出 in a real browser (h5 build in Debian's Chromium, driven by playwright-core,
 * against serverless-offline and DynamoDB Local). Through the API: 张经理 asks a 税费政策 question
 * that 孙税务 answers and resolves 3 h 20 min later (the business clock is moved, PUT /v1/dev/clock)
 * and 张经理 rates satisfied; 刘总's 审批办证 request waits past its 4-hour claim clock; 张经理's 300 万元
 * need is matched with the postal bank's loan product and succeeds; a rider checks in at a station. Then 周书记's dashboard shows what the demo seed and those steps predict, switches
 * to 上月 and back, opens the overdue request, and is laid out in one column at 390 px and two at
 * 1280 px. The ledger steps run only when the ledger routes answer (probed once in beforeAll).
 * Screenshots: .artifacts/e2e/dashboard-NN-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs as apiAsUser, browserFile, devToken, loginAs as loginWith } from './browser';
import type { E2eStack } from './stack';

const TAX_TITLE = '研发费用加计扣除政策咨询';
const LATE_TITLE = '新厂房施工许可证办理进度咨询';
const LATE_ENTERPRISE = '恒通装备制造有限公司';
const APPROVALS = '区行政审批局';
const TAX = '区税务局园区税务分局';
/** When 孙税务 answers and resolves, after submission; the median times say this back. */
const ANSWER_AFTER_MIN = 200;
/** Past 审批办证's 4-hour claim clock. */
const LATE_AFTER_MIN = 300;
const SLOW = { timeout: 15_000 };
const WAN_FEN = 1_000_000;

/** Today, China time. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

let stack: E2eStack;
let page: Page;
let adminToken = '';
let ledgerBackendPresent = false;

const { snap } = browserFile(
  'dashboard',
  async (started) => {
    ({ stack, page } = started);
    adminToken = await devToken(stack.apiUrl, 'u-admin');
    // Whether the ledger's routes answer: an empty body starts nothing (present: 400; absent: 404).
    const probe = await fetch(`${stack.apiUrl}/v1/ledger-exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: '{}',
    });
    ledgerBackendPresent = probe.status !== 404;
  },
  // Leave the stack's clock where it started, even when a step failed.
  { beforeStop: () => setClock(0) },
);

/**
 * A picture of the whole page: Taro h5 scrolls inside the page's own element, so a full-page shot
 * stops at the window; the window is made as tall as the content for it.
 */
async function snapWhole(name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page, .page')).map((e) => (e as HTMLElement).scrollHeight)));
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 6000) });
  await snap(name);
  await page.setViewportSize(size);
}

/** A locator on the page that shows (Taro h5 keeps earlier pages hidden in the DOM). */
const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true });
const text = (selector: string) => shown(selector).first().textContent();
/** A figure's value; durations keep '3 小时' together with no-break spaces, read here as spaces. */
const figure = async (name: string) => (await text(`.dashboard-page .${name} .figure-value`))?.replace(/\u00a0/g, ' ');
const bars = (panel: string) => shown(`.dashboard-page .${panel} .bar`).allTextContents();

/** The API as one demo user, for the steps that are not under test: POSTs. */
async function apiAs(userId: string) {
  const call = await apiAsUser(stack.apiUrl, userId);
  return <T = { id: string; status: string }>(path: string, body: unknown = {}) => call<T>('POST', path, body);
}

/** Moves the stack's business clock (tokens still expire in real time). */
async function setClock(offsetMinutes: number): Promise<void> {
  const res = await fetch(`${stack.apiUrl}/v1/dev/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetMinutes }),
  });
  if (!res.ok) throw new Error(`PUT /v1/dev/clock: ${res.status} ${await res.text()}`);
}

async function openDashboard() {
  await page.goto(`${stack.webUrl}/#/pages/dashboard/index/index`);
  await shown('.dashboard-page .dash-submitted').waitFor(SLOW);
}

/** The box of the first shown element, in page pixels. */
async function box(selector: string) {
  const b = await shown(selector).first().boundingBox();
  if (!b) throw new Error(`${selector}: not laid out`);
  return b;
}

describe('数据看板 in the browser', () => {
  let lateId = '';

  it('the figures come from requests made, answered, rated and left late through the API', async () => {
    const zhang = await apiAs('u-ent-xinrui');
    const liu = await apiAs('u-ent-hengtong');
    const sun = await apiAs('u-tax-1');
    const tax = await zhang('/v1/requests', {
      categoryId: 'cat-tax',
      title: TAX_TITLE,
      description: '今年研发投入增加，想了解研发费用加计扣除的比例和申报时间。',
    });
    lateId = (
      await liu('/v1/requests', {
        categoryId: 'cat-approval',
        title: LATE_TITLE,
        description: '新厂房施工许可证材料已提交两周，想了解审批进度和还需补充什么。',
      })
    ).id;

    // The market: 张经理's 300 万元 need meets the postal bank's seeded loan product and succeeds.
    // Made before the API's clock moves: the posts' ids carry their time, and 200 minutes on from
    // an evening in China would be tomorrow, past the period the dashboard shows.
    const chu = await apiAs('u-psbc-1');
    const need = await zhang('/v1/needs', {
      kind: 'financing',
      title: '采购研发设备需 300 万元贷款',
      description: '研发中心扩建，需要采购测试设备，资金缺口约 300 万元。',
      amountFen: 300 * WAN_FEN,
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const match = await zhang('/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro' });
    await chu(`/v1/matches/${match.id}/accept`);
    await chu(`/v1/matches/${match.id}/success`, { amountFen: 300 * WAN_FEN, date: chinaToday() });
    // A rider's visit (public: no account), also of today before the clock moves.
    const checkIn = await fetch(`${stack.apiUrl}/v1/stations/st-24h/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: 'e2e-dashboard-rider-0001' }),
    });
    expect(checkIn.status).toBe(201);
    await setClock(ANSWER_AFTER_MIN);
    await sun(`/v1/requests/${tax.id}/claim`);
    await sun(`/v1/requests/${tax.id}/replies`, { message: '研发费用可按 100% 加计扣除，预缴申报时即可享受。' });
    await sun(`/v1/requests/${tax.id}/resolve`, { message: '已上门辅导填报，企业已完成申报。' });
    await zhang(`/v1/requests/${tax.id}/rating`, { satisfied: true, score: 5 });
    await setClock(LATE_AFTER_MIN);

    await loginWith(page, stack.webUrl, '周书记');
    await openDashboard();
    expect(await shown('.period-preset-month.choice-on').count()).toBe(1);
    await expect.poll(() => figure('dash-submitted'), SLOW).toBe('2');
    expect(await figure('dash-claim-rate')).toBe('100%');
    expect(await text('.dashboard-page .dash-claim-rate .figure-sub')).toBe('1 / 1');
    expect(await figure('dash-resolve-rate')).toBe('100%');
    expect(await figure('dash-satisfaction')).toBe('100%');
    // 200 minutes, give or take the seconds the API calls took.
    expect(await figure('dash-claim-median')).toMatch(/^3 小时 2[01] 分$/);
    expect(await figure('dash-resolve-median')).toMatch(/^3 小时 2[01] 分$/);
    expect(await bars('dash-by-status')).toEqual(expect.arrayContaining(['已评价1', '待认领1']));
    expect(await bars('dash-by-category')).toEqual(expect.arrayContaining(['审批办证1', '税费政策1']));
    expect(await bars('dash-departments')).toEqual([`${TAX}1 件 · 办结 1`]);

    // 刘总's request is past its claim clock (the list is of now, not of the period).
    expect(await text('.dash-overdue .section-title')).toBe('当前超时（1）');
    const late = shown('.overdue-item', LATE_TITLE);
    expect(await late.locator('.overdue-meta').textContent()).toBe(`${LATE_ENTERPRISE} · ${APPROVALS}`);
    expect(await late.locator('.overdue-clock').textContent()).toBe('响应超时');
    // The browser's clock is real time, the API's was moved: how long ago is not predictable here.
    expect(await late.locator('.overdue-for').textContent()).toMatch(/^(刚超时|已超时 .+) ›$/);

    // The market as made above. The seed's six resources are not counted: their ids ('res-psbc-micro')
    // do not begin with their time, and the dashboard reads posts by id range.
    expect(await figure('dash-needs')).toBe('1');
    expect(await figure('dash-resources')).toBe('0');
    expect(await figure('dash-matches')).toBe('1');
    expect(await figure('dash-succeeded')).toBe('1');
    expect(await figure('dash-failed')).toBe('0');
    expect(await figure('dash-match-amount')).toBe('300');
    expect(await figure('dash-case-count')).toBe('0');
    // The demo seed: six stations, five enterprises each with a contact.
    expect(await figure('dash-station-count')).toBe('6');
    expect(await figure('dash-riders')).toBe('1');
    expect(await shown('.dash-by-station .bar').count()).toBe(6);
    expect(await shown('.dash-by-station .bar').first().textContent()).toBe('全天候快递小哥驿站1');
    expect(await figure('dash-coverage-rate')).toBe('100%');
    expect(await text('.dashboard-page .dash-coverage-rate .figure-sub')).toBe('5 / 5');
    expect(await bars('dash-by-zone')).toEqual(['东区2 / 2', '西区2 / 2', '南区1 / 1']);
    expect(await shown('.dash-by-industry .bar').count()).toBe(5);
    const fill = shown('.dash-by-zone .bar-fill').first();
    expect(await fill.getAttribute('style')).toContain('width: 100%');
    await snapWhole('phone-this-month');
  });

  it('上月 has none of it; 本月 brings it back', async () => {
    await shown('.period-preset-lastMonth').click();
    await expect.poll(() => figure('dash-submitted'), SLOW).toBe('0');
    expect(await figure('dash-claim-rate')).toBe('—');
    expect(await text('.dashboard-page .dash-claim-rate .figure-sub')).toBe('暂无');
    expect(await figure('dash-resolve-median')).toBe('—');
    expect(await figure('dash-satisfaction')).toBe('—');
    expect(await text('.dash-by-status .bars-empty')).toBe('本期没有诉求');
    expect(await figure('dash-needs')).toBe('0');
    expect(await figure('dash-match-amount')).toBe('0');
    expect(await figure('dash-riders')).toBe('0');
    // What is overdue now does not depend on the period.
    expect(await shown('.overdue-item').count()).toBe(1);
    expect(await shown('.period-preset-lastMonth.choice-on').count()).toBe(1);
    const from = (await text('.period-from'))?.replace(/[^\d-]/g, '') ?? '';
    const to = (await text('.period-to'))?.replace(/[^\d-]/g, '') ?? '';
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(to.slice(0, 7)).toBe(from.slice(0, 7));
    await snapWhole('phone-last-month');

    const today = chinaToday();
    await shown('.period-preset-year').click();
    await expect.poll(() => text('.dash-period'), SLOW).toBe(`${today.slice(0, 4)}-01-01 至 ${today}`);
    expect(await figure('dash-submitted')).toBe('2');
    await shown('.period-preset-month').click();
    await expect.poll(() => text('.dash-period'), SLOW).toBe(`${today.slice(0, 7)}-01 至 ${today}`);
    expect(await figure('dash-submitted')).toBe('2');
    expect(await figure('dash-needs')).toBe('1');
  });

  it('one column on a phone, two on a desktop', async () => {
    // 390 px: the panels are stacked, each as wide as the page allows; the market comes after the requests.
    const phoneFigures = await box('.dash-requests');
    const phoneDepartments = await box('.dash-departments');
    const phoneMarket = await box('.dash-market');
    expect(phoneMarket.x).toBe(phoneFigures.x);
    expect(phoneMarket.y).toBeGreaterThan(phoneDepartments.y + phoneDepartments.height - 1);
    expect(phoneFigures.width).toBeGreaterThan(330);
    expect(phoneFigures.x + phoneFigures.width).toBeLessThanOrEqual(390);

    // 1280 px: the requests on the left, the market and the rest of the park on the right.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(async () => (await box('.dash-market')).y).toBe((await box('.dash-requests')).y);
    const figures = await box('.dash-requests');
    const market = await box('.dash-market');
    const whole = await box('.dashboard-page');
    expect(market.x).toBeGreaterThan(figures.x + figures.width - 1);
    expect((await box('.dash-overdue')).x).toBe(figures.x);
    expect((await box('.dash-coverage')).x).toBe(market.x);
    expect(whole.width).toBeLessThanOrEqual(1200);
    // Centred.
    expect(Math.abs(whole.x - (1280 - whole.x - whole.width))).toBeLessThan(2);
    await snapWhole('desktop');
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('a tap on an overdue request opens it', async () => {
    await shown('.overdue-item', LATE_TITLE).click();
    await shown('.detail-title', LATE_TITLE).waitFor(SLOW);
    expect(page.url()).toContain(`id=${lateId}`);
    await snap('overdue-opened');
    await page.goBack();
    await shown('.dashboard-page .dash-submitted').waitFor(SLOW);
  });
});

describe('台账导出 in the browser', () => {
  // skipIf would be decided when the file is collected, before beforeAll has asked: skip from inside.
  it('an Excel ledger of this month is made, then downloaded by its link', async (ctx) => {
    if (!ledgerBackendPresent) ctx.skip();
    await shown('.dash-ledger-link').click();
    await shown('.ledger-page .ledger-start').waitFor(SLOW);
    // Opened with the dashboard's period.
    expect(await shown('.ledger-page .period-preset-month.choice-on').count()).toBe(1);
    expect(await shown('.ledger-page .ledger-format-xlsx.choice-on').count()).toBe(1);
    await snap('ledger-form');

    await shown('.ledger-page .ledger-start').click();
    const current = shown('.ledger-current .ledger-item');
    await current.waitFor(SLOW);
    await snap('ledger-running');
    await expect.poll(() => current.locator('.ledger-status').textContent(), { timeout: 60_000 }).toBe('可下载');
    expect(await current.locator('.ledger-rows').textContent()).toBe('诉求 2 行 · 共建案例 0 行 · 供需对接 1 行');
    expect(await current.locator('.ledger-file').textContent()).toMatch(/\.xlsx · \d+(\.\d)? (B|KB|MB)$/);
    expect(await current.locator('.ledger-meta').textContent()).toContain('周书记');
    await snap('ledger-ready');

    // 下载 opens the link in a new tab: keep the URL instead, and fetch it here.
    await page.evaluate(() => {
      const w = window as unknown as { opened: string[]; open: (url: string) => object };
      w.opened = [];
      w.open = (url: string) => {
        w.opened.push(url);
        return {};
      };
    });
    await current.locator('.ledger-download').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { opened: string[] }).opened.length)).toBe(1);
    const url = await page.evaluate(() => (window as unknown as { opened: string[] }).opened[0]!);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    const bytes = new Uint8Array(await file.arrayBuffer());
    // An .xlsx is a zip: 'PK'.
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });

  it('a CSV one follows; the Excel one moves to 最近导出', async (ctx) => {
    if (!ledgerBackendPresent) ctx.skip();
    await shown('.ledger-page .ledger-format-csv').click();
    await shown('.ledger-page .ledger-start').click();
    const current = shown('.ledger-current .ledger-item');
    await expect.poll(() => current.locator('.ledger-meta').textContent(), SLOW).toContain('CSV');
    await expect.poll(() => current.locator('.ledger-status').textContent(), { timeout: 60_000 }).toBe('可下载');
    expect(await current.locator('.ledger-file').textContent()).toContain('.zip');
    const earlier = shown('.ledger-history .ledger-item');
    await expect.poll(() => earlier.count()).toBeGreaterThanOrEqual(1);
    expect(await earlier.first().locator('.ledger-meta').textContent()).toContain('Excel');
    expect(await earlier.first().locator('.ledger-status').textContent()).toBe('可下载');
    await snap('ledger-two');

    // Back and in again: both are listed, newest first.
    await page.goBack();
    await shown('.dash-ledger-link').click();
    await expect.poll(() => shown('.ledger-history .ledger-item').count(), SLOW).toBeGreaterThanOrEqual(2);
    expect(await shown('.ledger-history .ledger-item .ledger-meta').first().textContent()).toContain('CSV');
    await snap('ledger-history');
  });
});
