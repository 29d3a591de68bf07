/**
 * What reaches the logs when people use the API: ids, routes, statuses and timings — never a
 * token, never what people wrote, never a whole credit code or phone number, even when a failure
 * quotes them in its error (ports/logger.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRequest } from '@parklink/contract';
import { jsonLogger } from '../../src/ports/logger';
import { creditCodeCheckCharacter } from '../../src/domain/creditCode';
import { createTestApp, demoUsers, validRequest, type TestApp } from '../support/app';

const lines: string[] = [];
let app: TestApp;
const token: Record<string, string> = {};
const CREDIT_CODE = `91210500MA0Y2K3L4${creditCodeCheckCharacter('91210500MA0Y2K3L4')}`;
const PHONE = '13912345678';
const REPLY = '材料已齐全，本周五前出具审批意见。';

beforeAll(async () => {
  app = await createTestApp({ deps: { log: jsonLogger((line) => lines.push(line)) } });
  for (const who of ['enterprise', 'approvals', 'admin'] as const) token[who] = await app.login(demoUsers[who]);
  const created = await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest });
  await app.call('POST', `/v1/requests/${created.body.id}/claim`, { token: token.approvals });
  await app.call('POST', `/v1/requests/${created.body.id}/replies`, { token: token.approvals, body: { message: REPLY } });
  await app.call('POST', '/v1/admin/enterprises', { token: token.admin, body: { name: '日志测试有限公司', creditCode: CREDIT_CODE, industry: '装备制造', zone: '东区' } });
  await app.call('POST', '/v1/admin/enterprises', { token: token.admin, body: { name: '重复登记', creditCode: CREDIT_CODE, industry: '装备制造', zone: '东区' } });
  // A failure whose error message quotes a phone number and a token (as an SDK error might).
  const failing = app.withConfig({}, {
    storage: { ...app.deps.storage, presignPut: async () => { throw new Error(`upload for ${PHONE} failed with Bearer ${token.enterprise}`); } } as never,
  });
  await failing.call('POST', `/v1/requests/${created.body.id}/attachments/uploads`, {
    token: token.enterprise,
    body: { fileName: 'a.png', contentType: 'image/png', size: 100 },
  });
});
afterAll(() => app.close());

describe('the logs', () => {
  it('hold one JSON line per call, with its route, status and time', () => {
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const calls = entries.filter((e) => e.route);
    expect(calls.length).toBeGreaterThanOrEqual(8);
    for (const e of calls) expect(e).toMatchObject({ requestId: expect.any(String), status: expect.any(Number), ms: expect.any(Number) });
  });

  it('never hold a token, what people wrote, or a whole credit code or phone number', () => {
    const all = lines.join('\n');
    for (const secret of Object.values(token)) expect(all).not.toContain(secret);
    for (const words of [validRequest.title, validRequest.description, REPLY]) expect(all).not.toContain(words);
    expect(all).not.toContain(CREDIT_CODE);
    expect(all).not.toContain(PHONE);
  });

  it('still say what failed, with the values masked', () => {
    const failure = lines.map((line) => JSON.parse(line)).find((e) => e.level === 'error');
    expect(failure?.error).toContain('139****5678');
    expect(failure?.error).toContain('Bearer [token]');
  });
});
