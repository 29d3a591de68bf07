/**
 * A park from nothing, in a real browser (issue 9's "done when"): the platform operator creates
 * 平山智能制造产业园 with its first admin; 韩主任 opens the invitation link and logs in with WeChat (the
 * h5 build's stand-in: the stack's fake WeChat), finds an empty park and builds it — a department,
 * a category with both deadlines, a liaison invited and joining on their own phone, an enterprise
 * imported from a CSV and its contact invited and joining; a request then flows from the
 * enterprise to the liaison, and 韩主任 downloads the month's ledger, which the test opens with
 * ExcelJS and checks row by row. Three people, three browser contexts, three WeChat accounts.
 * Screenshots: .artifacts/e2e/setup-NN-*.png.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../functions/src/domain/creditCode';
import { ulidGenerator } from '../../functions/src/ports/ids';
import { createPark, type NewPark } from '../../functions/src/services/parkSetup';
import { clearShots, fillField, launchChromium, newPhonePage, screenshot, useWechatAccount } from './browser';
import { startE2eStack, type E2eStack } from './stack';

const PARK = '平山智能制造产业园';
const DEPARTMENT = '园区企业服务中心';
const CATEGORY = '政务服务';
const LIAISON = '王联络';
const CONTACT = '陈经理';
const ENTERPRISE = '平山精工机械有限公司';
const CODE = (() => {
  const first17 = '91210502MA0Y8K3L2';
  return first17 + creditCodeCheckCharacter(first17);
})();
const TITLE = '新建厂房消防验收咨询';
const SLOW = { timeout: 15_000 };

let stack: E2eStack;
let browser: Browser;
let park: NewPark;
const pages: Record<'admin' | 'liaison' | 'contact', Page> = {} as never;
let shot = 0;
let current: Page | undefined;

beforeAll(async () => {
  clearShots('setup');
  stack = await startE2eStack();
  browser = await launchChromium();
  park = await createPark(stack.db, { parkId: 'park-pingshan', name: PARK, adminName: '韩主任' }, { now: new Date(), newId: ulidGenerator(), random: (n) => randomBytes(n) });
  for (const [who, openid] of [['admin', 'wx-openid-han'], ['liaison', 'wx-openid-wang'], ['contact', 'wx-openid-chen']] as const) {
    pages[who] = await newPhonePage(browser);
    await useWechatAccount(pages[who], stack.wechat.apiBase, openid);
  }
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && current) await snap(current, 'failed').catch(() => {});
});

async function snap(page: Page, name: string) {
  shot++;
  await screenshot(page, 'setup', shot, name);
}

/** Taro h5 keeps earlier pages hidden in the DOM: only what shows. */
const on = (page: Page) => (selector: string, hasText?: string): Locator => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true });

/** Opens an invitation's mini-program path (here as an h5 link) and logs in with this page's WeChat. */
async function joinWith(page: Page, code: string, name: string) {
  current = page;
  await page.goto(`${stack.webUrl}/#/pages/login/index?invite=${code}`);
  const shown = on(page);
  await expect.poll(() => shown('.invite-input input').inputValue(), SLOW).toBe(code);
  await snap(page, `join-${name}`);
  await shown('.wechat-login-button').click();
  await shown('.me-name', name).waitFor(SLOW);
}

/** Back to the 园区管理 desk, then into one of its pages. */
async function openFromDesk(entry: string, pageClass: string) {
  const shown = on(pages.admin);
  if (!(await shown('.admin-desk').count())) await pages.admin.goBack();
  await shown(`.admin-entry-${entry}`).click(SLOW);
  await shown(`.${pageClass}`).waitFor(SLOW);
}

async function invite(name: string, role: string, unitClass: string, unit: string): Promise<string> {
  const shown = on(pages.admin);
  await shown('.admin-invite-open').click();
  await fillField(pages.admin, '.admin-invite-form .admin-field-name', name);
  await shown('.admin-role-option', role).click();
  await shown(unitClass, unit).click();
  await shown('.admin-invite-send').click();
  await shown('.admin-invite-code').waitFor(SLOW);
  const code = (await shown('.admin-invite-code').textContent())!.trim();
  await snap(pages.admin, `invite-${name}`);
  await shown('.admin-invite-done').click();
  return code;
}

describe('a park from nothing', () => {
  it('韩主任 joins with the operator’s invitation and finds an empty park', async () => {
    await joinWith(pages.admin, park.inviteCode, '韩主任');
    const shown = on(pages.admin);
    await snap(pages.admin, 'admin-home');
    await shown('.entry-admin').click();
    await shown('.admin-desk').waitFor(SLOW);
    await openFromDesk('departments', 'admin-departments-page');
    expect(await shown('.admin-department').count()).toBe(0);
    // The code was spent: a second phone cannot use it.
    const again = await fetch(`${stack.apiUrl}/v1/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: stack.wechat.issueCode('wx-openid-someone'), inviteCode: park.inviteCode }),
    });
    expect(again.status).toBe(404);
  });

  it('adds a department and a category it handles, with both deadlines', async () => {
    const shown = on(pages.admin);
    await shown('.admin-department-new').click();
    await fillField(pages.admin, '.admin-department-form-new .admin-field-name', DEPARTMENT);
    await shown('.admin-department-form-new .admin-kind-option', '政府部门').click();
    await shown('.admin-department-save').click();
    await shown('.admin-department', DEPARTMENT).waitFor(SLOW);

    await openFromDesk('categories', 'admin-categories-page');
    await shown('.admin-category-new').click();
    const form = '.admin-category-form-new';
    await fillField(pages.admin, `${form} .admin-field-name`, CATEGORY);
    await fillField(pages.admin, `${form} .admin-sla-claim`, '1');
    await shown(`${form} .admin-sla-claim .admin-sla-unit`, '个工作日').click();
    await fillField(pages.admin, `${form} .admin-sla-resolve`, '5');
    await shown(`${form} .admin-sla-resolve .admin-sla-unit`, '个工作日').click();
    await shown(`${form} .admin-category-department`, DEPARTMENT).click();
    await shown('.admin-category-save').click();
    const card = shown('.admin-category', CATEGORY);
    await card.waitFor(SLOW);
    await snap(pages.admin, 'category');
  });

  it('invites a liaison, who joins on their own phone', async () => {
    await openFromDesk('members', 'admin-members-page');
    const code = await invite(LIAISON, '联络员', '.admin-invite-department', DEPARTMENT);
    await joinWith(pages.liaison, code, LIAISON);
    await snap(pages.liaison, 'liaison-home');
    current = pages.admin;
    await pages.admin.reload();
    await expect.poll(() => on(pages.admin)('.admin-member', LIAISON).locator('.admin-member-status').textContent(), SLOW).toBe('正常');
  });

  it('imports the enterprise from a CSV and invites its contact, who joins', async () => {
    current = pages.admin;
    const shown = on(pages.admin);
    await openFromDesk('enterprises', 'admin-enterprises-page');
    await shown('.admin-import-open').click();
    await shown('.admin-import').waitFor();
    const csv = Buffer.from(`企业名称,统一社会信用代码,行业,片区\n${ENTERPRISE},${CODE},装备制造,东区\n`, 'utf8');
    await pages.admin.locator('.admin-import .attach-input input[type=file]').first().setInputFiles({ name: '企业名单.csv', mimeType: 'text/csv', buffer: csv });
    await expect.poll(() => shown('.admin-import-count').allTextContents(), SLOW).toEqual(['共 1 行', '可导入 1', '有问题 0']);
    await shown('.admin-import-confirm').click();
    await expect.poll(() => shown('.admin-import-done').textContent(), SLOW).toBe('已导入 1 家企业');
    await shown('.admin-enterprise', ENTERPRISE).waitFor(SLOW);
    await snap(pages.admin, 'imported');

    await openFromDesk('members', 'admin-members-page');
    const code = await invite(CONTACT, '企业联系人', '.admin-invite-enterprise', ENTERPRISE);
    await joinWith(pages.contact, code, CONTACT);
  });

  it('a request flows: the enterprise submits, the liaison claims and answers', async () => {
    current = pages.contact;
    const contact = on(pages.contact);
    const categories = pages.contact.waitForResponse((r) => r.url().includes('/v1/categories') && r.ok());
    await contact('.entry-submit').click();
    await categories;
    await contact('.submit-category').click();
    await pages.contact.getByText('确定', { exact: true }).click();
    await expect.poll(() => contact('.submit-category').textContent()).toContain(CATEGORY);
    await fillField(pages.contact, '.submit-title', TITLE);
    await fillField(pages.contact, '.submit-description', '新厂房即将竣工，想了解消防验收需要准备的材料和预约方式。');
    await contact('.submit-button').click();
    await expect.poll(() => contact('.request-status').first().textContent(), SLOW).toBe('待认领');
    await snap(pages.contact, 'submitted');

    current = pages.liaison;
    const liaison = on(pages.liaison);
    await liaison('.entry-pool').click();
    const item = liaison('.pool-item', TITLE);
    await item.waitFor(SLOW);
    await item.locator('.claim-button').click();
    await expect.poll(() => liaison('.request-status').first().textContent(), SLOW).toBe('已认领');
    await fillField(pages.liaison, '.reply-input', '请准备消防设计审查意见书和竣工图纸，可在政务服务网预约现场验收。');
    await liaison('.reply-button').click();
    await expect.poll(() => liaison('.request-status').first().textContent(), SLOW).toBe('已答复');
    await snap(pages.liaison, 'answered');
  });

  it('韩主任 downloads the month’s ledger, and it holds the request, the enterprise and the liaison', async () => {
    current = pages.admin;
    const shown = on(pages.admin);
    await openFromDesk('ledger', 'ledger-page');
    await shown('.ledger-page .ledger-start').click();
    const ready = shown('.ledger-current .ledger-item');
    await expect.poll(() => ready.locator('.ledger-status').textContent(), { timeout: 60_000 }).toBe('可下载');
    expect(await ready.locator('.ledger-rows').textContent()).toBe('诉求 1 行 · 共建案例 0 行 · 供需对接 0 行');
    await snap(pages.admin, 'ledger-ready');

    // 下载 opens the link in a new tab: keep the URL instead, and open the file here.
    await pages.admin.evaluate(() => {
      const w = window as unknown as { opened: string[]; open: (url: string) => object };
      w.opened = [];
      w.open = (url: string) => {
        w.opened.push(url);
        return {};
      };
    });
    await ready.locator('.ledger-download').click();
    await expect.poll(() => pages.admin.evaluate(() => (window as unknown as { opened: string[] }).opened.length)).toBe(1);
    const url = await pages.admin.evaluate(() => (window as unknown as { opened: string[] }).opened[0]!);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain(`台账-${PARK}-`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.arrayBuffer()) as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['诉求台账', '共建案例', '供需对接']);
    const sheet = book.getWorksheet('诉求台账')!;
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const row = Object.fromEntries(header.map((h, i) => [h, sheet.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({
      企业名称: ENTERPRISE,
      统一社会信用代码: CODE,
      诉求类别: CATEGORY,
      诉求标题: TITLE,
      承办部门: DEPARTMENT,
      联络员: LIAISON,
      当前状态: '已答复',
      按时认领: '是',
      按时办结: '未到期',
    });
    expect(String(row.首次答复时间)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
