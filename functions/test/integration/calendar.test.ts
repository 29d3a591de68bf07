/** The park's working calendar as data the admin keeps: read by all, changed by the admin, with versions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRequest, WorkCalendarView } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, validRequest, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-11-23T01:00:00.000Z'); // Monday 09:00 in China
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ deps: { clock } });
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
});
afterAll(() => app.close());

const read = async () => (await app.call<WorkCalendarView>('GET', '/v1/calendar', { token: token.enterprise })).body;

describe('the working calendar', () => {
  it('is seeded with the published holidays and readable by anyone in the park', async () => {
    const calendar = await read();
    expect(calendar.years).toEqual([2025, 2026]);
    expect(calendar.holidays).toContain('2026-10-01');
    expect(calendar.workdays).toContain('2026-10-10');
    expect(calendar.version).toBe(0);
  });

  it('lets the admin add a day off, and new deadlines count around it', async () => {
    const calendar = await read();
    // A local day off on Wednesday 2026-11-25 (e.g. a park event): 3 working days from Monday end Friday.
    const saved = await app.call<WorkCalendarView>('PUT', '/v1/calendar', {
      token: token.admin,
      body: { ...calendar, holidays: [...calendar.holidays, '2026-11-25'] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const created = await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest });
    expect(created.body.clocks.resolve.deadlineAt).toBe('2026-11-27T01:00:00.000Z');
  });

  it('refuses a stale version, instead of overwriting the other edit', async () => {
    const calendar = await read();
    const first = await app.call('PUT', '/v1/calendar', { token: token.admin, body: { ...calendar, holidays: [...calendar.holidays, '2026-12-31'] } });
    expect(first.status).toBe(200);
    const second = await app.call('PUT', '/v1/calendar', { token: token.admin, body: { ...calendar, holidays: [...calendar.holidays, '2026-12-30'] } });
    expect(second.status).toBe(409);
    expect((await read()).holidays).toContain('2026-12-31');
    expect((await read()).holidays).not.toContain('2026-12-30');
  });

  it('refuses bad calendars with the reason, and anyone but the admin', async () => {
    const calendar = await read();
    const put = (body: object, who = 'admin') => app.call('PUT', '/v1/calendar', { token: token[who], body: { ...calendar, ...body } });
    expect((await put({ holidays: ['2026-02-30'] })).body.error.message).toBe('日期无效：2026-02-30');
    expect((await put({ workdays: ['2026-11-24'] })).body.error.message).toContain('调休上班日应为周末');
    expect((await put({ holidays: ['2026-11-28'], workdays: ['2026-11-28'] })).status).toBe(400);
    expect((await put({ holidays: 'none' })).status).toBe(400);
    expect((await put({}, 'approvalsHead')).status).toBe(403);
    expect((await read()).version).toBe(calendar.version);
  });
});
