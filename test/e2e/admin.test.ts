/**
 * 园区管理 in a real browser (h5 build in Debian's Chromium against serverless-offline and DynamoDB
 * Local with the demo park), as 周书记 the park admin: opens 园区管理 from 首页 and adds the industry
 * 新材料 to the park (a later save on a version someone else changed meanwhile says so and reloads);
 * creates the law firm 明理律师事务所 (an empty name first: the server's message sits under the
 * field); creates the category 合同审查 handled by it, 1 working day to answer and 5 to resolve;
 * invites 许律师 as its liaison and reads the code shown; suspends 蒋律师 (asked first; his login is
 * refused) and reinstates him; registers an enterprise (a wrong check character first: the field
 * error); imports a CSV of 2 enterprises whose dry run shows the bad row and keeps 确认导入 off, then
 * the fixed file; and finds all of it in the audit log, past 加载更多. Last, a page on a
 * desktop-sized window. Screenshots: .artifacts/e2e/admin-NN-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../functions/src/domain/creditCode';
import { apiAs as apiAsUser, browserFile, fillField, loginAs } from './browser';
import type { E2eStack } from './stack';

const DEPARTMENT = '明理律师事务所';
const CATEGORY = '合同审查';
const LIAISON = '许律师';
const SUSPENDED = '蒋律师';
const ENTERPRISE = '明德新材料科技有限公司';
const INDUSTRY = '新材料';

/** A valid code from 17 characters, and the same with a wrong check character. */
const valid = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;
const wrong = (first17: string) => first17 + (valid(first17).endsWith('0') ? '1' : '0');
const ENTERPRISE_17 = '91510100MA66H2KT3';
const IMPORT_A = { name: '瑞丰食品有限公司', first17: '91510100MA67J4LU5', industry: '农副食品加工', zone: '东区' };
const IMPORT_B = { name: '华拓智能装备有限公司', first17: '91510100MA68K6MW6', industry: '装备制造', zone: '西区' };

/** Every API call runs a freshly reloaded handler under serverless-offline: allow for it. */
const SLOW = { timeout: 20_000 };

let stack: E2eStack;
let page: Page;
const { snap } = browserFile('admin', (started) => {
  ({ stack, page } = started);
});

/** Taro h5 keeps earlier pages hidden in the DOM: only what shows. */
const shown = (selector: string, hasText?: string | RegExp): Locator => page.locator(selector, hasText ? { hasText } : {}).filter({ visible: true });
const fill = (selector: string, text: string) => fillField(page, selector, text);
const texts = (selector: string) => shown(selector).allTextContents();

/** Back to the 园区管理 desk (one page under every set-up page), then into one of them. */
async function openFromDesk(entry: string, pageClass: string) {
  if (!(await shown('.admin-desk').count())) await page.goBack();
  await shown(`.admin-entry-${entry}`).click(SLOW);
  await shown(`.${pageClass}`).waitFor(SLOW);
}

/** The API as a demo user, for what is not under test (and to check what the pages did). */
const apiAs = (userId: string) => apiAsUser(stack.apiUrl, userId);

const devLoginStatus = async (userId: string) =>
  (await fetch(`${stack.apiUrl}/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).status;

const csv = (...rows: { name: string; code: string; industry: string; zone: string }[]) =>
  Buffer.from(['企业名称,统一社会信用代码,行业,片区', ...rows.map((r) => [r.name, r.code, r.industry, r.zone].join(','))].join('\n') + '\n', 'utf8');

async function chooseSheet(name: string, buffer: Buffer) {
  await page.locator('.admin-import .attach-input input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer });
}

describe('园区管理 in the browser', () => {
  it('周书记 opens 园区管理 from 首页 and adds an industry to the park', async () => {
    await loginAs(page, stack.webUrl, '周书记');
    await shown('.entry-admin').waitFor(SLOW);
    await snap('home');
    await shown('.entry-admin').click();
    await shown('.admin-desk').waitFor(SLOW);
    expect(await texts('.admin-entry .entry-title')).toEqual(['园区信息', '部门', '诉求类别', '成员', '企业', '操作记录', '数据看板', '台账导出']);
    await snap('desk');

    await openFromDesk('park', 'admin-park-page');
    await shown('.admin-tags-zones .admin-tag', '东区').waitFor(SLOW);
    // A repeat is refused before it reaches the server.
    await fill('.admin-tags-industries', '电商');
    await shown('.admin-tags-industries .admin-tag-add').click();
    await expect.poll(() => texts('.admin-tags-industries .field-error')).toEqual(['「电商」已在列表中']);
    await fill('.admin-tags-industries', INDUSTRY);
    await shown('.admin-tags-industries .admin-tag-add').click();
    await shown('.admin-tags-industries .admin-tag', INDUSTRY).waitFor();
    await snap('park-edited');
    await shown('.admin-park-save').click();
    await expect.poll(() => shown('.admin-notice').textContent(), SLOW).toBe('已保存');
    expect(await shown('.admin-park-save').textContent()).toBe('未修改');
    const admin = await apiAs('u-admin');
    const saved = await admin<{ industries: string[]; zones: string[]; version: number }>('GET', '/v1/park');
    expect(saved.industries).toContain(INDUSTRY);
    await snap('park-saved');

    // Someone else adds a zone meanwhile: saving on the old version says so and shows theirs.
    await admin('PUT', '/v1/admin/park', { version: saved.version, zones: [...saved.zones, '北区'] });
    await fill('.admin-tags-zones', '中区');
    await shown('.admin-tags-zones .admin-tag-add').click();
    await shown('.admin-park-save').click();
    await expect.poll(() => shown('.admin-park-page .error-message').textContent(), SLOW).toBe('已被他人修改，已重新载入最新内容，请确认后再改');
    await expect.poll(() => texts('.admin-tags-zones .admin-tag-text'), SLOW).toEqual(['东区', '西区', '南区', '北区']);
    await snap('park-conflict');
  });

  it('creates a law firm; an empty name gets the server’s message under the field', async () => {
    await openFromDesk('departments', 'admin-departments-page');
    await shown('.admin-department', '区税务局园区税务分局').waitFor(SLOW);
    await shown('.admin-department-new').click();
    await shown('.admin-department-form-new .admin-kind-option', '律师事务所').click();
    await shown('.admin-department-save').click();
    await expect.poll(() => texts('.admin-department-form-new .admin-field-name .field-error'), SLOW).toEqual(['部门名称不能为空']);
    await snap('department-error');

    await fill('.admin-department-form-new .admin-field-name', DEPARTMENT);
    await shown('.admin-department-save').click();
    const card = shown('.admin-department', DEPARTMENT);
    await card.waitFor(SLOW);
    expect(await shown('.admin-department-form-new').count()).toBe(0);
    expect(await card.locator('.admin-kind').textContent()).toBe('律师事务所');
    expect(await card.locator('.admin-department-members').textContent()).toBe('成员 0 人');
    expect(await card.locator('.admin-department-categories').textContent()).toBe('承办：暂无类别');
    await card.scrollIntoViewIfNeeded();
    await snap('department-created');
  });

  it('creates a category handled by it, with both deadlines in words', async () => {
    await openFromDesk('categories', 'admin-categories-page');
    await shown('.admin-category', '法律维权').waitFor(SLOW);
    // The seeded green channel reads as words.
    const approvals = shown('.admin-category', '审批办证');
    expect(await approvals.locator('.admin-category-claim').textContent()).toBe('4小时内认领答复');
    expect(await approvals.locator('.admin-category-resolve').textContent()).toBe('3个工作日内办结');

    await shown('.admin-category-new').click();
    const form = '.admin-category-form-new';
    await fill(`${form} .admin-field-name`, CATEGORY);
    await fill(`${form} .admin-field-description`, '合同起草、审查与风险提示');
    await fill(`${form} .admin-sla-claim`, '1');
    await shown(`${form} .admin-sla-claim .admin-sla-unit`, '个工作日').click();
    await fill(`${form} .admin-sla-resolve`, '5');
    await shown(`${form} .admin-category-department`, DEPARTMENT).click();
    await fill(`${form} .admin-field-order`, '5');
    await snap('category-form');
    await shown('.admin-category-save').click();

    const card = shown('.admin-category', CATEGORY);
    await card.waitFor(SLOW);
    expect(await card.locator('.admin-category-claim').textContent()).toBe('1个工作日内认领答复');
    expect(await card.locator('.admin-category-resolve').textContent()).toBe('5个工作日内办结');
    expect(await card.locator('.admin-category-departments').textContent()).toBe(`承办：${DEPARTMENT}`);
    await card.scrollIntoViewIfNeeded();
    await snap('category-created');

    // The department now lists what it handles.
    await openFromDesk('departments', 'admin-departments-page');
    await expect.poll(() => shown('.admin-department', DEPARTMENT).locator('.admin-department-categories').textContent(), SLOW).toBe(`承办：${CATEGORY}`);
  });

  it('invites a liaison for it and shows the code with its mini-program path', async () => {
    await openFromDesk('members', 'admin-members-page');
    await shown('.admin-member', '李审批').waitFor(SLOW);
    await snap('members');
    await shown('.admin-invite-open').click();
    await fill('.admin-invite-form .admin-field-name', LIAISON);
    await shown('.admin-role-option', '联络员').click();
    await shown('.admin-invite-department', DEPARTMENT).click();
    await fill('.admin-invite-form .admin-field-expiry', '3');
    await snap('invite-form');
    await shown('.admin-invite-send').click();

    await shown('.admin-invite-code').waitFor(SLOW);
    const code = (await shown('.admin-invite-code').textContent())!.trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await shown('.admin-invite-path').textContent()).toBe(`pages/login/index?invite=${code}`);
    expect(await shown('.admin-invite-result .card-meta').textContent()).toBe(`联络员 · ${DEPARTMENT}`);
    await shown('.admin-copy-code').click();
    // Taro h5 keeps what it copied in storage as well as on the clipboard.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('taro_clipboard') ?? '')).toContain(code);
    await snap('invite-code');

    const card = shown('.admin-member', LIAISON);
    await card.waitFor(SLOW);
    expect(await card.locator('.admin-member-status').textContent()).toBe('待加入');
    expect(await card.locator('.admin-member-role').textContent()).toBe(`联络员 · ${DEPARTMENT}`);
    expect(await card.locator('.admin-member-invite').textContent()).toContain(`邀请码 ${code}`);
    await shown('.admin-invite-done').click();
    expect(await shown('.admin-invite-code').count()).toBe(0);
  });

  it('suspends a member after asking, then reinstates him', async () => {
    await fill('.admin-member-search', SUSPENDED);
    await expect.poll(() => shown('.admin-member').count()).toBe(1);
    const card = shown('.admin-member', SUSPENDED);
    const before = await card.locator('.admin-member-status').textContent();
    // Cancelling the question changes nothing.
    await card.locator('.admin-member-suspend').click();
    await page.locator('.taro-modal__content', { hasText: `确定停用「${SUSPENDED}」` }).waitFor();
    await snap('suspend-confirm');
    await page.locator('.taro-model__cancel').click();
    expect(await card.locator('.admin-member-status').textContent()).toBe(before);

    await card.locator('.admin-member-suspend').click();
    await page.locator('.taro-modal__content', { hasText: `确定停用「${SUSPENDED}」` }).waitFor();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => card.locator('.admin-member-status').textContent(), SLOW).toBe('已停用');
    expect(await devLoginStatus('u-law-1')).toBe(403);
    await snap('suspended');

    await card.locator('.admin-member-reinstate').click();
    await expect.poll(() => card.locator('.admin-member-status').textContent(), SLOW).toBe(before);
    await card.locator('.admin-member-suspend').waitFor();
    expect(await devLoginStatus('u-law-1')).toBe(200);
    await snap('reinstated');
  });

  it('registers an enterprise: a wrong check character shows the field error first', async () => {
    await openFromDesk('enterprises', 'admin-enterprises-page');
    await shown('.admin-enterprise', '鑫锐电子科技有限公司').waitFor(SLOW);
    // Lists show the credit code masked.
    expect(await shown('.admin-enterprise', '鑫锐电子科技有限公司').locator('.admin-enterprise-code').textContent()).toMatch(/^91510100\*{6}XK2.$/);
    await shown('.admin-enterprise-new').click();
    const form = '.admin-enterprise-form-new';
    await fill(`${form} .admin-field-name`, ENTERPRISE);
    await fill(`${form} .admin-field-creditCode`, wrong(ENTERPRISE_17));
    await shown(`${form} .admin-industry-option`, INDUSTRY).click();
    await shown(`${form} .admin-zone-option`, '南区').click();
    await shown('.admin-enterprise-save').click();
    await expect.poll(() => texts(`${form} .admin-field-creditCode .field-error`), SLOW).toEqual(['统一社会信用代码校验不通过，请核对']);
    expect(await shown(`${form} .error-message`).textContent()).toBe('请按标红的提示修改后再保存');
    await snap('enterprise-code-error');

    const code = valid(ENTERPRISE_17);
    await fill(`${form} .admin-field-creditCode`, code);
    await shown('.admin-enterprise-save').click();
    const card = shown('.admin-enterprise', ENTERPRISE);
    await card.waitFor(SLOW);
    expect(await card.locator('.admin-enterprise-code').textContent()).toBe(`${code.slice(0, 8)}******${code.slice(14)}`);
    expect(await card.locator('.admin-enterprise-where').textContent()).toBe(`${INDUSTRY} · 南区`);
    await card.scrollIntoViewIfNeeded();
    await snap('enterprise-created');
  });

  it('imports a CSV: the dry run shows the bad row first, the fixed file imports both', async () => {
    await shown('.admin-import-open').click();
    await shown('.admin-import').waitFor();
    await chooseSheet('企业名单.csv', csv({ ...IMPORT_A, code: valid(IMPORT_A.first17) }, { ...IMPORT_B, code: wrong(IMPORT_B.first17) }));
    await shown('.admin-import-report').waitFor(SLOW);
    expect(await texts('.admin-import-count')).toEqual(['共 2 行', '可导入 1', '有问题 1']);
    const bad = shown('.admin-import-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.locator('.admin-import-row-head').textContent()).toBe(`第 3 行 · ${IMPORT_B.name} · ${wrong(IMPORT_B.first17)}`);
    expect(await bad.locator('.admin-import-row-error').allTextContents()).toEqual(['统一社会信用代码校验不通过']);
    const confirm = shown('.admin-import-confirm');
    expect(await confirm.getAttribute('class')).toContain('admin-btn-disabled');
    await confirm.click();
    expect(await shown('.admin-import-done').count()).toBe(0);
    await snap('import-dry-run-bad');

    await chooseSheet('企业名单-修正.csv', csv({ ...IMPORT_A, code: valid(IMPORT_A.first17) }, { ...IMPORT_B, code: valid(IMPORT_B.first17) }));
    await expect.poll(() => texts('.admin-import-count'), SLOW).toEqual(['共 2 行', '可导入 2', '有问题 0']);
    expect(await shown('.admin-import-row').count()).toBe(0);
    expect(await confirm.getAttribute('class')).not.toContain('admin-btn-disabled');
    expect(await confirm.textContent()).toBe('确认导入 2 家企业');
    await snap('import-dry-run-clean');
    await confirm.click();
    await expect.poll(() => shown('.admin-import-done').textContent(), SLOW).toBe('已导入 2 家企业');
    await shown('.admin-enterprise', IMPORT_A.name).waitFor(SLOW);
    await shown('.admin-enterprise', IMPORT_B.name).waitFor(SLOW);
    await snap('imported');
  });

  it('finds every change in the audit log, older ones past 加载更多', async () => {
    // Enough newer events that the changes above fall on the second page (20 a page).
    const admin = await apiAs('u-admin');
    for (let i = 0; i < 14; i++) {
      const park = await admin<{ version: number }>('GET', '/v1/park');
      await admin('PUT', '/v1/admin/park', { version: park.version });
    }
    await openFromDesk('audit', 'admin-audit-page');
    await expect.poll(() => shown('.admin-audit-item').count(), SLOW).toBe(20);
    expect((await texts('.admin-audit-action')).slice(0, 14)).toEqual(Array(14).fill('修改园区信息'));
    await snap('audit-first-page');
    await shown('.load-more').click();
    await shown('.list-end').waitFor(SLOW);
    const actions = await texts('.admin-audit-action');
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.slice(14)).toEqual(['批量导入企业', '新增企业', '恢复成员', '停用成员', '邀请成员', '新增诉求类别', '新增部门', '修改园区信息', '修改园区信息']);

    const suspension = shown('.admin-audit-item', '停用成员');
    expect(await suspension.locator('.admin-audit-target').textContent()).toBe(`成员「${SUSPENDED}」`);
    expect(await suspension.locator('.admin-audit-who').textContent()).toBe('周书记（园区管理员）');
    await suspension.locator('.admin-audit-toggle').click();
    expect(await suspension.locator('.admin-audit-change-suspended').textContent()).toBe('停用否 → 是');
    const category = shown('.admin-audit-item', '新增诉求类别');
    await category.locator('.admin-audit-toggle').click();
    expect(await category.locator('.admin-audit-change-claimSla').textContent()).toBe('响应时限1个工作日内');
    expect(await category.locator('.admin-audit-change-departmentIds').textContent()).toBe(`承办部门${DEPARTMENT}`);
    const park = shown('.admin-audit-item', '修改园区信息').last();
    await park.locator('.admin-audit-toggle').click();
    expect(await park.locator('.admin-audit-change-industries').textContent()).toContain(`→ 电子信息、装备制造、生物医药、汽车制造、电商、农副食品加工、${INDUSTRY}`);
    await category.scrollIntoViewIfNeeded();
    await snap('audit-expanded');
  });

  it('reads on a desktop-sized window too', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openFromDesk('categories', 'admin-categories-page');
    await shown('.admin-category', CATEGORY).waitFor(SLOW);
    await snap('desktop-categories');
    await page.setViewportSize({ width: 390, height: 844 });
  });
});
