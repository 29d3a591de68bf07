/** The test hooks browser tests use instead of sleeping: a movable stack clock and an on-demand sweep. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, validRequest, type TestApp } from '../support/app';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('the movable clock (not in prod)', () => {
  it('moves every later call past a deadline, and the sweep escalates then', async () => {
    const enterprise = await app.login(demoUsers.enterprise);
    const created = (await app.call<ServiceRequest>('POST', '/v1/requests', { token: enterprise, body: validRequest })).body;
    expect(created.overdue).toBe(false);

    const moved = await app.call('PUT', '/v1/dev/clock', { body: { offsetMinutes: 5 * 60 } });
    expect(moved.status).toBe(200);
    const later = (await app.call<ServiceRequest>('GET', `/v1/requests/${created.id}`, { token: enterprise })).body;
    expect(later.overdue).toBe(true);

    const swept = await app.call('POST', '/v1/dev/sweep');
    expect(swept.body).toMatchObject({ escalated: 1 });
    const head = await app.login(demoUsers.approvalsHead);
    const inbox = await app.call('GET', '/v1/inbox', { token: head });
    expect(inbox.body.items[0]).toMatchObject({ kind: 'overdue', requestId: created.id });

    await app.call('PUT', '/v1/dev/clock', { body: { offsetMinutes: 0 } });
    const back = (await app.call<ServiceRequest>('GET', `/v1/requests/${created.id}`, { token: enterprise })).body;
    expect(back.overdue).toBe(false);
  });

  it('is refused in prod, and prod never reads the offset', async () => {
    await app.call('PUT', '/v1/dev/clock', { body: { offsetMinutes: 24 * 60 } });
    const prod = app.withConfig({ stage: 'prod', jwtSecret: 'prod-secret-prod-secret-prod-secret-1' });
    expect((await prod.call('PUT', '/v1/dev/clock', { body: { offsetMinutes: 1 } })).status).toBe(404);
    expect((await prod.call('POST', '/v1/dev/sweep')).status).toBe(404);
    const before = Date.now();
    const health = await prod.call('GET', '/v1/health');
    expect(health.status).toBe(200);
    // A token issued in prod expires two hours from real time, not from the moved clock.
    const { issueToken } = await import('../../src/http/tokens');
    const { expiresAt } = await issueToken(prod.deps, { id: 'u', parkId: 'p', name: 'x', roles: ['admin'] });
    expect(Date.parse(expiresAt) - before).toBeLessThan(3 * 3_600_000);
  });
});
