/**
 * Who may see and change a request, role by role: the owner enterprise, the handling departments,
 * the park admin — and nobody else, least of all anyone from another park.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestList, ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, otherParkUser, validRequest, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock();
let requestId: string;
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ deps: { clock } });
  const users = {
    owner: demoUsers.enterprise,
    sameParkEnterprise: demoUsers.otherEnterprise,
    handler: demoUsers.approvals,
    otherDepartment: demoUsers.tax,
    admin: demoUsers.admin,
    otherParkEnterprise: otherParkUser(demoUsers.enterprise),
    otherParkHandler: otherParkUser(demoUsers.approvals),
    otherParkAdmin: otherParkUser(demoUsers.admin),
  };
  for (const [name, id] of Object.entries(users)) token[name] = await app.login(id);
  const created = await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.owner, body: validRequest });
  requestId = created.body.id;
});
afterAll(() => app.close());

const get = (who: string) => app.call('GET', `/v1/requests/${requestId}`, { token: token[who] });
const claim = (who: string) => app.call('POST', `/v1/requests/${requestId}/claim`, { token: token[who] });
const reply = (who: string) =>
  app.call('POST', `/v1/requests/${requestId}/replies`, { token: token[who], body: { message: '越权答复' } });
const rate = (who: string) =>
  app.call('POST', `/v1/requests/${requestId}/rating`, { token: token[who], body: { satisfied: true, score: 5 } });

describe('reading a request', () => {
  it.each(['owner', 'handler', 'admin'])('%s can read it', async (who) => {
    expect((await get(who)).status).toBe(200);
  });

  it.each(['sameParkEnterprise', 'otherDepartment', 'otherParkEnterprise', 'otherParkHandler', 'otherParkAdmin'])(
    '%s gets 404, as if it did not exist',
    async (who) => {
      const response = await get(who);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toContain(validRequest.title);
    },
  );

  it('does not list it for anyone but the owner and the handling departments', async () => {
    const ids = async (who: string, scope: string) => {
      const response = await app.call<RequestList>('GET', `/v1/requests?scope=${scope}`, { token: token[who] });
      return response.status === 200 ? response.body.items.map((r) => r.id) : [];
    };
    expect(await ids('owner', 'mine')).toContain(requestId);
    expect(await ids('handler', 'pool')).toContain(requestId);
    for (const [who, scope] of [
      ['sameParkEnterprise', 'mine'],
      ['otherDepartment', 'pool'],
      ['otherParkEnterprise', 'mine'],
      ['otherParkHandler', 'pool'],
    ] as const) {
      expect(await ids(who, scope), `${who} ${scope}`).not.toContain(requestId);
    }
  });

  it('refuses the pool to enterprises', async () => {
    const response = await app.call('GET', '/v1/requests?scope=pool', { token: token.owner });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/联络员/);
  });
});

describe('changing a request', () => {
  it('refuses to let anyone outside the handling departments claim it', async () => {
    // Enterprises and admins never claim (the policy refuses the role, 403, before the request is
    // read, so the answer says nothing about the id); a department that could claim elsewhere gets 404.
    for (const who of ['owner', 'sameParkEnterprise', 'otherParkAdmin']) expect((await claim(who)).status, who).toBe(403);
    for (const who of ['otherDepartment', 'otherParkHandler']) {
      expect((await claim(who)).status, who).toBe(404);
    }
  });

  it('refuses replies from anyone but the assignee and their head', async () => {
    expect((await claim('handler')).status).toBe(200);
    const refusals = await Promise.all(['owner', 'admin'].map(reply));
    expect(refusals.map((r) => r.status)).toEqual([403, 403]);
    for (const who of ['otherDepartment', 'otherParkHandler']) expect((await reply(who)).status, who).toBe(404);
    expect((await reply('handler')).status).toBe(200);
  });

  it('refuses ratings from anyone but the owner enterprise', async () => {
    expect((await rate('handler')).status).toBe(403);
    expect((await rate('admin')).status).toBe(403);
    for (const who of ['sameParkEnterprise', 'otherParkEnterprise']) expect((await rate(who)).status, who).toBe(404);
    const after = await get('owner');
    expect(after.body.status).toBe('answered');
    expect(after.body.rating).toBeUndefined();
  });
});

describe('authentication', () => {
  it('needs a token on every route but health and login', async () => {
    for (const [method, url] of [
      ['GET', '/v1/me'],
      ['GET', '/v1/categories'],
      ['GET', '/v1/requests'],
      ['POST', '/v1/requests'],
      ['GET', `/v1/requests/${requestId}`],
      ['POST', `/v1/requests/${requestId}/claim`],
    ] as const) {
      const response = await app.call(method, url, { body: {} });
      expect(response.status, url).toBe(401);
      expect(response.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
  });

  it('rejects a forged, a foreign and an expired token', async () => {
    const forged = token.owner!.slice(0, -4) + 'AAAA';
    expect((await app.call('GET', '/v1/me', { token: forged })).status).toBe(401);

    const otherSecret = app.withConfig({ jwtSecret: 'another-secret-another-secret-another' });
    const foreign = await otherSecret.login(demoUsers.enterprise);
    expect((await app.call('GET', '/v1/me', { token: foreign })).status).toBe(401);

    const fresh = await app.login(demoUsers.enterprise);
    clock.advanceHours(3); // tokens live two hours
    const expired = await app.call('GET', '/v1/me', { token: fresh });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe('登录已过期，请重新登录');
  });

  it('ignores identity claims in the body: the token decides who acts', async () => {
    const fresh = await app.login(demoUsers.enterprise);
    const created = await app.call<ServiceRequest>('POST', '/v1/requests', {
      token: fresh,
      body: { ...validRequest, enterpriseId: 'ent-hengtong', parkId: 'park-other' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ enterpriseId: 'ent-xinrui', parkId: 'park-demo' });
  });
});
