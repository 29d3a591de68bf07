/**
 * The client's one automatic retry: a read that meets 503 (or a network failure) is tried once
 * more after Retry-After, capped at 5 s, before the body's message is shown; a write is retried
 * only when it carries an Idempotency-Key. Taro is replaced by a scripted `request`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const request = vi.fn();
vi.mock('@tarojs/taro', () => ({ default: { request: (...args: unknown[]) => request(...args), getStorageSync: () => '', removeStorageSync: () => {} } }));
vi.mock('./session', () => ({ currentToken: () => 'token', clearSession: () => {} }));

const { ApiError, call, retryWaitMs } = await import('./http');

const busy = {
  statusCode: 503,
  header: { 'Retry-After': '5' },
  data: { error: { code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试', messageEn: 'the database is unavailable; retry later' } },
};
const ok = { statusCode: 200, header: {}, data: { items: [] } };

beforeEach(() => {
  vi.useFakeTimers();
  request.mockReset();
});
afterEach(() => vi.useRealTimers());

/** Runs a call to its end, moving the fake clock; answers how long it waited in all. */
async function settle<T>(promise: Promise<T>): Promise<{ outcome: T | unknown; waitedMs: number }> {
  const started = Date.now();
  let outcome: T | unknown;
  let done = false;
  promise.then((v) => ((outcome = v), (done = true)), (e) => ((outcome = e), (done = true)));
  while (!done) await vi.advanceTimersByTimeAsync(250);
  return { outcome, waitedMs: Date.now() - started };
}

describe('retrying a busy API', () => {
  it('tries a read once more after Retry-After, and succeeds', async () => {
    request.mockResolvedValueOnce(busy).mockResolvedValueOnce(ok);
    const { outcome, waitedMs } = await settle(call('inbox'));
    expect(outcome).toEqual({ items: [] });
    expect(request).toHaveBeenCalledTimes(2);
    expect(waitedMs).toBeGreaterThanOrEqual(5000);
  });

  it('shows the body’s message when the retry is busy too', async () => {
    request.mockResolvedValue(busy);
    const { outcome } = await settle(call('inbox'));
    expect(outcome).toBeInstanceOf(ApiError);
    expect(outcome).toMatchObject({ status: 503, code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试' });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('caps the wait at 5 s and retries a read after a network failure', async () => {
    request.mockResolvedValueOnce({ ...busy, header: { 'retry-after': '120' } }).mockResolvedValueOnce(ok);
    const capped = await settle(call('inbox'));
    expect(capped.waitedMs).toBeLessThan(6000);
    request.mockReset();
    request.mockRejectedValueOnce(new Error('request:fail')).mockResolvedValueOnce(ok);
    expect((await settle(call('inbox'))).outcome).toEqual({ items: [] });
  });

  it('never repeats a write on its own unless it carries an Idempotency-Key', async () => {
    request.mockResolvedValue(busy);
    const { outcome } = await settle(call('createRequest', { body: {} }));
    expect(outcome).toMatchObject({ code: 'UNAVAILABLE' });
    expect(request).toHaveBeenCalledTimes(1);
    request.mockReset();
    request.mockResolvedValueOnce(busy).mockResolvedValueOnce({ ...ok, statusCode: 201 });
    await settle(call('createRequest', { body: {}, headers: { 'Idempotency-Key': 'key-12345678' } }));
    expect(request).toHaveBeenCalledTimes(2);
    // Other refusals go straight to the user.
    expect(retryWaitMs('GET', {}, { status: 500 })).toBeUndefined();
    expect(retryWaitMs('GET', {}, { status: 409 })).toBeUndefined();
  });
});

describe('headers', () => {
  const env = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = env;
  });
  const headerOf = (n: number) => (request.mock.calls[n]![0] as { header: Record<string, string> }).header;

  it('in the browser, says content-type only when it sends a body: a public GET goes without a CORS preflight', async () => {
    process.env.TARO_ENV = 'h5';
    request.mockResolvedValue(ok);
    await settle(call('nearbyStations', { query: { lat: '41.3', lng: '123.7' } }));
    expect(headerOf(0)).toEqual({});
    await settle(call('checkIn', { params: { id: 'st-1' }, body: { deviceId: 'device-1234567890' } }));
    expect(headerOf(1)).toEqual({ 'content-type': 'application/json' });
    await settle(call('inbox'));
    expect(headerOf(2)).toEqual({ authorization: 'Bearer token' });
  });

  it('in the mini-program, says content-type on every call, as before', async () => {
    process.env.TARO_ENV = 'weapp';
    request.mockResolvedValue(ok);
    await settle(call('nearbyStations', { query: { lat: '41.3', lng: '123.7' } }));
    expect(headerOf(0)).toEqual({ 'content-type': 'application/json' });
  });

  it('reads an error body without the schema, as the schema would', async () => {
    request.mockResolvedValue({
      statusCode: 400,
      header: {},
      data: { error: { code: 'VALIDATION_FAILED', message: '标题：必填', messageEn: 'title: required', fields: [{ field: 'title', message: '标题：必填', messageEn: 'title: required' }] } },
    });
    const { outcome } = await settle(call('createRequest', { body: {} }));
    expect(outcome).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '标题：必填', fields: [{ field: 'title', message: '标题：必填' }] });
    request.mockResolvedValue({ statusCode: 502, header: {}, data: '<html>Bad Gateway</html>' });
    expect((await settle(call('createRequest', { body: {} }))).outcome).toMatchObject({ status: 502, code: 'INTERNAL', message: '服务暂时不可用（502）' });
  });
});

describe('an answer index.html already asked for (early/handover.ts)', () => {
  const env = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = env;
    delete (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly;
  });
  const url = 'http://127.0.0.1:3000/v1/stations/nearby?lat=41.3&lng=123.7';
  const early = (answer: Promise<unknown>, authorization?: string) => ({ answers: { [url]: { answer, authorization } } });

  it('is the first attempt of a public GET of that very URL, taken once', async () => {
    process.env.TARO_ENV = 'h5';
    (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly = early(Promise.resolve({ statusCode: 200, header: {}, data: '{"items":[{"id":"st-1"}]}' }));
    request.mockResolvedValue(ok);
    const query = { lat: '41.3', lng: '123.7' };
    expect((await settle(call('nearbyStations', { query }))).outcome).toEqual({ items: [{ id: 'st-1' }] });
    expect(request).not.toHaveBeenCalled();
    // Taken: the next search asks the API.
    expect((await settle(call('nearbyStations', { query }))).outcome).toEqual({ items: [] });
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('is retried like any answer: a 503 or a network failure asks the API again', async () => {
    process.env.TARO_ENV = 'h5';
    const query = { lat: '41.3', lng: '123.7' };
    (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly = early(Promise.resolve({ ...busy, header: { 'retry-after': '1' }, data: JSON.stringify(busy.data) }));
    request.mockResolvedValue(ok);
    expect((await settle(call('nearbyStations', { query }))).outcome).toEqual({ items: [] });
    expect(request).toHaveBeenCalledTimes(1);
    (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly = early(Promise.reject(new TypeError('Failed to fetch')));
    expect((await settle(call('nearbyStations', { query }))).outcome).toEqual({ items: [] });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('is taken by a member’s GET only as the same caller: the Authorization it was sent with', async () => {
    process.env.TARO_ENV = 'h5';
    const listUrl = 'http://127.0.0.1:3000/v1/requests?scope=mine&limit=20';
    const mine = (authorization: string) => ({
      answers: { [listUrl]: { answer: Promise.resolve({ statusCode: 200, header: {}, data: '{"items":["early"]}' }), authorization } },
    });
    request.mockResolvedValue(ok);
    const query = { scope: 'mine', limit: '20' };
    (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly = mine('Bearer token');
    expect((await settle(call('listRequests', { query }))).outcome).toEqual({ items: ['early'] });
    expect(request).not.toHaveBeenCalled();
    // Sent with another session's token (logged out and in again meanwhile): asked afresh, and dropped.
    (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly = mine('Bearer an-older-token');
    expect((await settle(call('listRequests', { query }))).outcome).toEqual({ items: [] });
    expect(request).toHaveBeenCalledTimes(1);
    expect((request.mock.calls[0]![0] as { header: Record<string, string> }).header).toMatchObject({ authorization: 'Bearer token' });
    expect((globalThis as { __parklinkEarly?: { answers: Record<string, unknown> } }).__parklinkEarly!.answers[listUrl]).toBeUndefined();
  });

  it('is not taken for another URL, and never in the mini-program', async () => {
    process.env.TARO_ENV = 'h5';
    (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly = early(Promise.resolve({ statusCode: 200, header: {}, data: '{"items":["early"]}' }));
    request.mockResolvedValue(ok);
    expect((await settle(call('nearbyStations', { query: { lat: '41.3', lng: '123.8' } }))).outcome).toEqual({ items: [] });
    process.env.TARO_ENV = 'weapp';
    expect((await settle(call('nearbyStations', { query: { lat: '41.3', lng: '123.7' } }))).outcome).toEqual({ items: [] });
    expect(request).toHaveBeenCalledTimes(2);
  });
});
