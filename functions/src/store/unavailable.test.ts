import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './unavailable';

const sdkError = (name: string, status?: number) => Object.assign(new Error(name), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('what counts as the store being unavailable', () => {
  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError', 'TimeoutError'])(
    '%s does',
    (name) => expect(isStoreUnavailable(sdkError(name))).toBe(true),
  );

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])('a socket error %s does', (code) => {
    expect(isStoreUnavailable(socketError(code))).toBe(true);
  });

  it('looks inside a wrapped cause and an AggregateError (Node’s happy-eyeballs connect)', () => {
    expect(isStoreUnavailable(new Error('request failed', { cause: socketError('ECONNREFUSED') }))).toBe(true);
    expect(isStoreUnavailable(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]))).toBe(true);
  });

  it('counts any other 5xx from the service', () => expect(isStoreUnavailable(sdkError('SomethingNew', 503))).toBe(true));

  it.each([
    ['a lost race', sdkError('ConditionalCheckFailedException', 400)],
    ['a cancelled transaction', sdkError('TransactionCanceledException', 400)],
    ['a bad request', sdkError('ValidationException', 400)],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s does not', (_, error) => expect(isStoreUnavailable(error)).toBe(false));
});
