/**
 * Care stations (爱心驿站) in a real browser (h5 build in Debian's Chromium, driven by
 * playwright-core, against serverless-offline, DynamoDB Local and a local S3): a first-time
 * visitor with a fixed position sees the stations page first, nearest open station first; filters
 * by 充电; opens a station, checks in twice (the second within the hour is not counted again),
 * reports 没有热水; the last result shows offline; without location a district picker. Then the
 * host 孟站长 sees the report and the check-in on 我的驿站, resolves the report and changes the
 * hours and notice, which riders see on the public page.
 *
 * Opening hours depend on the clock: the stack's business clock is moved (PUT /v1/dev/clock) to
 * 10:00 China time on the next Wednesday that is not a holiday on the park's calendar, so the
 * test means the same whenever it runs. Screenshots: .artifacts/e2e/stations-NN-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clearShots, fillField, launchChromium, loginAs, newPhonePage, screenshot } from './browser';
import { startE2eStack, type E2eStack } from './stack';

/** The position the browser reports (WGS-84, as browsers give it), beside the park's service centre. */
const HERE = { latitude: 41.2946, longitude: 123.7663 };
const CENTRE = '园区党群服务中心爱心驿站';
/**
 * The nearest station to HERE once the page converts the browser's WGS-84 position to GCJ-02, the
 * datum of the stations (and of WeChat and AMap): about 160 m, the service centre about 560 m.
 */
const NEAREST = '邮储银行园区支行爱心驿站';
/** Open 20:00–08:00: closed at 10:00. */
const NIGHT = '夜间骑手之家';
/** Open now (10:00 on a Wednesday) and with charging. */
const OPEN_WITH_CHARGING = [NEAREST, CENTRE, '全天候快递小哥驿站'];
const NOTICE = '周三热水器检修，饮水请到一楼前台';

/** Every API call runs a freshly reloaded handler under serverless-offline: allow for it. */
const SLOW = { timeout: 15_000 };
const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

let stack: E2eStack;
let browser: Browser;
let page: Page;
let shot = 0;

beforeAll(async () => {
  clearShots('stations');
  stack = await startE2eStack();
  browser = await launchChromium();
  await setClock(await offsetToWednesdayTen());
}, 400_000);

afterAll(async () => {
  // Leave the stack's clock where it started, even when a step failed.
  if (stack) await setClock(0).catch(() => {});
  await browser?.close();
  await stack?.stop();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await snap('failed').catch(() => {});
});

async function snap(name: string) {
  shot++;
  await screenshot(page, 'stations', shot, name);
}

async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const setClock = (offsetMinutes: number) => api('PUT', '/v1/dev/clock', { offsetMinutes });

/** Minutes from now to 10:00 China time on the next Wednesday that is no holiday on the park's calendar. */
async function offsetToWednesdayTen(): Promise<number> {
  const { token } = await api<{ token: string }>('POST', '/v1/auth/dev', { userId: 'u-admin' });
  const { holidays } = await api<{ holidays: string[] }>('GET', '/v1/calendar', undefined, token);
  const now = Date.now();
  const todayStart = Math.floor((now + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
  for (let d = 0; d < 60; d++) {
    const start = todayStart + d * DAY_MS;
    const local = new Date(start + CST_MS);
    const date = local.toISOString().slice(0, 10);
    if (local.getUTCDay() !== 3 || holidays.includes(date)) continue;
    const tenOClock = start + 10 * 3_600_000;
    if (tenOClock > now) return Math.round((tenOClock - now) / 60_000);
  }
  throw new Error('no ordinary Wednesday in the next 60 days');
}

const stationsPage = () => page.locator('.stations-page');
const cards = () => stationsPage().locator('.station-card');
const cardNames = () => cards().locator('.station-name').allTextContents();
const detailPage = () => page.locator('.station-detail-page');

/** '160 米' / '1.2 公里' → metres. */
function metres(text: string): number {
  const n = Number.parseFloat(text);
  return text.includes('公里') ? n * 1000 : n;
}

describe('care stations in the browser', () => {
  it('without location: the district picker, then stations from the district’s centre', async () => {
    page = await newPhonePage(browser); // no geolocation permission: the browser refuses
    await page.goto(stack.webUrl);
    await stationsPage().locator('.district-picker').waitFor({ timeout: 20_000 });
    await expect.poll(() => stationsPage().locator('.location-where').textContent()).toMatch(/未允许获取位置|定位失败/);
    await snap('refused-picker');

    await fillField(page, '.district-search', '平山');
    const district = stationsPage().locator('.district-item', { hasText: '本溪市平山区' });
    await district.waitFor();
    await district.click();
    await cards().first().waitFor({ timeout: 15_000 });
    await expect.poll(() => stationsPage().locator('.location-where').textContent()).toContain('本溪市平山区');
    expect(await cards().count()).toBeGreaterThan(0);
    await snap('district-stations');
    await page.context().close();
  });

  it('on a slow start the list index.html draws shows first, and a station tapped there opens once the app is up', async () => {
    page = await newPhonePage(browser, { geolocation: HERE, permissions: ['geolocation'] });
    // The app's main script held back, as a slow phone's network would: the early list is all there is.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/js\/app\.[0-9a-f]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(stack.webUrl, { waitUntil: 'commit' }); // 'load' waits for the held script
    const early = page.locator('.early-screen .station-card');
    await early.first().waitFor({ timeout: 20_000 });
    expect(await page.locator('#app .stations-page').count()).toBe(0);
    expect(await early.first().locator('.station-name').textContent()).toBe(NEAREST);
    expect(await early.first().locator('.station-minutes').textContent()).toMatch(/步行 \d+ 分钟 · 骑行 \d+ 分钟/);
    expect(await early.locator('.station-closed').count()).toBe(0);
    await snap('early-list');
    await early.first().click();
    release();
    await page.locator('.station-detail-page .station-detail-name', { hasText: NEAREST }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.early-screen').count()).toBe(0);
    await snap('early-tap-opened');
    await page.context().close();
  });

  it('a first-time visitor sees the stations page first, the nearest open station first', async () => {
    page = await newPhonePage(browser, { geolocation: HERE, permissions: ['geolocation'] });
    const searches: string[] = [];
    page.on('request', (r) => void (r.url().includes('/v1/stations/nearby') && searches.push(r.url())));
    await page.goto(stack.webUrl);
    await cards().first().waitFor({ timeout: 20_000 });
    // One search, sent by index.html's early script and taken over by the app (src/early/).
    expect(searches).toHaveLength(1);
    const early = await page.evaluate(() => {
      const start = (window as { __parklinkEarly?: { position?: unknown; answers: Record<string, unknown> } }).__parklinkEarly;
      return start && { positionTaken: start.position === undefined, urls: Object.keys(start.answers), taken: Object.values(start.answers).every((a) => a === undefined) };
    });
    expect(early).toEqual({ positionTaken: true, urls: searches, taken: true });
    // Whether or not index.html's early list was drawn in time, the app's own list replaced it.
    await expect.poll(() => page.locator('.early-screen').count()).toBe(0);
    // The first tab, with the way in for park members; no login page.
    await expect.poll(() => page.locator('.weui-tabbar__item').first().textContent()).toContain('驿站');
    await expect(stationsPage().locator('.member-login').isVisible()).resolves.toBe(true);
    expect(await page.locator('.login-user').count()).toBe(0);

    const names = await cardNames();
    expect(names[0]).toBe(NEAREST);
    expect(names).toContain(CENTRE);
    expect(names).not.toContain(NIGHT);
    // Open only, nearest first.
    expect(await cards().locator('.station-closed').count()).toBe(0);
    const distances = (await cards().locator('.station-distance').allTextContents()).map(metres);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const first = cards().first();
    await expect.poll(() => first.locator('.station-state').textContent()).toMatch(/^开放中/);
    expect(await first.locator('.station-minutes').textContent()).toMatch(/步行 \d+ 分钟 · 骑行 \d+ 分钟/);
    expect(await first.locator('.station-hours').textContent()).toBe('今日 08:30–17:30');
    await snap('nearest-open');

    // 显示全部: the closed night station too, with why.
    await stationsPage().locator('.filter-open-now').click();
    await expect.poll(cardNames, SLOW).toContain(NIGHT);
    const night = cards().filter({ hasText: NIGHT });
    expect(await night.locator('.station-state').textContent()).toBe('已关闭 · 不在开放时间');
    await snap('all-stations');
    await stationsPage().locator('.filter-open-now').click();
    await expect.poll(cardNames, SLOW).not.toContain(NIGHT);
  });

  it('filters by 充电: only open stations with charging', async () => {
    await stationsPage().locator('.amenity-chip-charging').click();
    await expect.poll(async () => (await cardNames()).sort(), SLOW).toEqual([...OPEN_WITH_CHARGING].sort());
    const count = await cards().count();
    expect(await cards().locator('.amenity-charging').count()).toBe(count);
    await snap('charging');
  });

  it('opens a station, checks in, and a second check-in within the hour is not counted again', async () => {
    await cards().filter({ hasText: CENTRE }).locator('.station-name').click();
    await detailPage().locator('.station-detail-name', { hasText: CENTRE }).waitFor();
    const days = detailPage().locator('.week-day');
    await expect.poll(() => days.count()).toBe(7);
    expect(await days.first().textContent()).toBe('周一08:00–20:00');
    expect(await days.last().textContent()).toBe('周日08:00–20:00');
    expect(await detailPage().locator('.station-detail-distance').textContent()).toMatch(/^距你 \d+ 米/);
    expect(await detailPage().locator('.station-state').textContent()).toBe('开放中 · 至 20:00');
    await snap('detail');

    await detailPage().locator('.checkin-button').click();
    const result = detailPage().locator('.checkin-result');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('已打卡');
    expect(await result.getAttribute('class')).toContain('checkin-counted');
    await snap('checked-in');

    await detailPage().locator('.checkin-button').click();
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('一小时内已打过卡');
    expect(await result.getAttribute('class')).toContain('checkin-repeat');
    await snap('checked-in-again');
  });

  it('reports a problem: 没有热水, with a note and its counter', async () => {
    await detailPage().locator('.report-open').click();
    await detailPage().locator('.report-kind', { hasText: '没有热水' }).click();
    await fillField(page, '.report-note', '热水器不出热水');
    await expect.poll(() => detailPage().locator('.report-note-count').textContent()).toBe('7/200');
    await snap('report-form');
    await detailPage().locator('.report-submit').click();
    await expect.poll(() => detailPage().locator('.report-thanks').textContent(), { timeout: 15_000 }).toContain('感谢反馈');
    await snap('reported');
  });

  it('offline, the last result shows at once as 上次结果, and a retry brings a fresh one', async () => {
    await page.route(`${stack.apiUrl}/**`, (route) => route.abort());
    try {
      await page.goto(`${stack.webUrl}/`);
      await stationsPage().locator('.stations-cached').waitFor({ timeout: 15_000 });
      expect(await stationsPage().locator('.stations-cached').textContent()).toMatch(/^上次结果 · \d{2}-\d{2} \d{2}:\d{2}/);
      expect((await cardNames()).sort()).toEqual([...OPEN_WITH_CHARGING].sort());
      await expect.poll(() => stationsPage().locator('.stations-error').textContent(), { timeout: 20_000 }).toContain('网络连接失败');
      await snap('offline-last-result');
    } finally {
      await page.unroute(`${stack.apiUrl}/**`);
    }
    await stationsPage().locator('.stations-retry').click();
    await expect.poll(() => stationsPage().locator('.stations-cached').count(), SLOW).toBe(0);
    expect(await stationsPage().locator('.stations-error').count()).toBe(0);
    expect((await cardNames()).sort()).toEqual([...OPEN_WITH_CHARGING].sort());
    await snap('back-online');
  });

  it('the host 孟站长 sees the report and the check-in, resolves it, changes hours and notice', async () => {
    await loginAs(page, stack.webUrl, '孟站长');
    await page.locator('.entry-stations', { hasText: '我的驿站' }).click();
    const item = page.locator('.managed-station', { hasText: CENTRE });
    await item.waitFor({ timeout: 15_000 });
    await expect.poll(() => item.locator('.managed-reports').textContent()).toBe('待处理反馈 1');
    expect(await item.locator('.managed-checkins').textContent()).toBe('今日打卡 1');
    // Only the stations they host.
    expect(await page.locator('.managed-station').count()).toBe(2);
    await snap('host-list');

    await item.click();
    const managed = page.locator('.managed-station-page');
    const report = managed.locator('.station-report', { hasText: '没有热水' });
    await report.waitFor({ timeout: 15_000 });
    expect(await report.locator('.station-report-note').textContent()).toBe('热水器不出热水');
    await expect.poll(() => managed.locator('.checkin-total').textContent()).toBe('共 1 人次');
    // Hosts get no inputs for what only the admin may change.
    expect(await managed.locator('.form-name').count()).toBe(0);
    expect(await managed.locator('.form-lat').count()).toBe(0);
    await snap('host-station');

    await fillField(page, '.managed-station-page .resolve-report-input', '已更换热水器');
    await report.locator('.resolve-report-submit').click();
    await managed.locator('.reports-empty').waitFor({ timeout: 15_000 });
    await expect.poll(() => managed.locator('.managed-reports').textContent()).toBe('待处理反馈 0');
    await snap('report-resolved');

    // Wednesday (index 3, Sunday first) closes at 18:00 now; a notice for riders.
    await fillField(page, '.managed-station-page .hours-day-3 .hours-close', '18:00');
    await fillField(page, '.managed-station-page .form-notice', NOTICE);
    await managed.locator('.form-submit').click();
    await expect.poll(() => managed.locator('.station-hours').first().textContent(), { timeout: 15_000 }).toBe('今日 08:00–18:00');
    await snap('host-saved');

    await managed.locator('.view-public').click();
    const pub = detailPage();
    await pub.locator('.station-notice-text').waitFor({ timeout: 15_000 });
    expect(await pub.locator('.station-notice-text').textContent()).toBe(NOTICE);
    expect(await pub.locator('.week-day').nth(2).textContent()).toBe('周三08:00–18:00');
    expect(await pub.locator('.station-hours').textContent()).toBe('今日 08:00–18:00');
    expect(await pub.locator('.station-state').textContent()).toBe('开放中 · 至 18:00');
    await snap('public-updated');
  });

  it('a member opening the app lands on 首页, and the 驿站 tab still works for them', async () => {
    await page.goto(`${stack.webUrl}/`);
    await page.locator('.me-name', { hasText: '孟站长' }).waitFor({ timeout: 15_000 });
    await snap('member-home');
    await page.locator('.weui-tabbar__item', { hasText: '驿站' }).click();
    await cards().first().waitFor({ timeout: 20_000 });
    expect(await stationsPage().locator('.member-login').count()).toBe(0);
    await snap('member-stations');
  });
});
