/** Bad input gets a 400 naming the field in Chinese and English — never a 500, never a partial write. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestList } from '@parklink/contract';
import { createTestApp, demoUsers, validRequest, type TestApp } from '../support/app';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await createTestApp();
  token = await app.login(demoUsers.enterprise);
});
afterAll(() => app.close());

const count = async () =>
  (await app.call<RequestList>('GET', '/v1/requests?scope=mine', { token })).body.items.length;

describe('creating a request with bad input', () => {
  it.each([
    ['a short title', { ...validRequest, title: '求助' }, 'title', '标题至少 4 个字'],
    ['a missing description', { categoryId: 'cat-approval', title: validRequest.title }, 'description', '问题描述'],
    ['a number for a description', { ...validRequest, description: 12345 }, 'description', '问题描述'],
    ['a title of spaces', { ...validRequest, title: '      ' }, 'title', '标题至少 4 个字'],
    ['an unknown category', { ...validRequest, categoryId: 'cat-nope' }, 'categoryId', '诉求类别'],
    ['a malformed category id', { ...validRequest, categoryId: '../../etc' }, 'categoryId', '诉求类别'],
  ])('%s → 400 on the field', async (_, body, field, zh) => {
    const before = await count();
    const response = await app.call('POST', '/v1/requests', { token, body });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect(response.body.error.message).toContain(zh);
    expect(response.body.error.messageEn).toMatch(new RegExp(field));
    expect(await count()).toBe(before);
  });

  it('names every bad field at once', async () => {
    const response = await app.call('POST', '/v1/requests', { token, body: { title: 1 } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['categoryId', 'description', 'title']);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await app.call('POST', '/v1/requests', { token, rawBody: '{"title": ' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: 'body', message: '请求内容不是有效的 JSON' });
  });

  it('rejects a malformed Idempotency-Key', async () => {
    const response = await app.call('POST', '/v1/requests', { token, body: validRequest, headers: { 'Idempotency-Key': 'x y' } });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('Idempotency-Key');
  });

  it('rejects ratings out of range', async () => {
    const response = await app.call('POST', '/v1/requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/rating', {
      token,
      body: { satisfied: true, score: 6 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: 'score', message: '评分为 1 到 5 分' });
  });

  it('rejects an unknown list scope', async () => {
    const response = await app.call('GET', '/v1/requests?scope=everything', { token });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('scope');
  });

  it('answers 404 with the contract error body for an unknown route', async () => {
    const response = await app.call('GET', '/v1/nowhere', { token });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});
