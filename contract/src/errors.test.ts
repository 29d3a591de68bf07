/**
 * `isApiErrorBody` (values/errors.ts) checks an error body by hand so that a client screen needs no
 * zod; the schema stays the one source: here the hand check answers what `ApiErrorBody.safeParse`
 * answers, on bodies made of valid parts, missing parts and wrong ones, and covers every key the
 * type has (a key added to the schema fails the typecheck below until the check knows it).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ApiErrorBody, ERROR_CODES, ErrorCode, isApiErrorBody } from './index';

type Keys<T> = keyof NonNullable<T>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The keys the hand check reads, level by level: they must be exactly the type's. */
const covered: [
  Same<Keys<ApiErrorBody>, 'error' | 'requestId'>,
  Same<Keys<ApiErrorBody['error']>, 'code' | 'message' | 'messageEn' | 'field' | 'fields' | 'current'>,
  Same<Keys<NonNullable<ApiErrorBody['error']['fields']>[number]>, 'field' | 'message' | 'messageEn'>,
  Same<Keys<ApiErrorBody['error']['current']>, 'status' | 'allowedActions'>,
] = [true, true, true, true];

const text = fc.string({ maxLength: 8 });
const fieldError = fc.record({ field: text, message: text, messageEn: text });
/** A body as the schema takes it, every optional part there or not. */
const validBody = fc.record(
  {
    error: fc.record(
      {
        code: fc.constantFrom(...ERROR_CODES),
        message: text,
        messageEn: text,
        field: text,
        fields: fc.array(fieldError, { maxLength: 3 }),
        current: fc.record({ status: text, allowedActions: fc.array(text, { maxLength: 3 }) }),
      },
      { requiredKeys: ['code', 'message', 'messageEn'] },
    ),
    requestId: text,
  },
  { requiredKeys: ['error'] },
);

/** Every place in a body a mistake can sit (an index: the first item). */
const PATHS: (string | number)[][] = [
  [],
  ['error'],
  ...['code', 'message', 'messageEn', 'field', 'fields', 'current'].map((k) => ['error', k]),
  ['error', 'fields', 0],
  ...['field', 'message', 'messageEn'].map((k) => ['error', 'fields', 0, k]),
  ['error', 'current', 'status'],
  ['error', 'current', 'allowedActions'],
  ['error', 'current', 'allowedActions', 0],
  ['requestId'],
];
const wrong = fc.oneof(
  fc.anything(),
  fc.constantFrom(undefined, null, '', 0, [], {}, 'NOPE', 'validation_failed'),
  fc.array(fc.anything(), { maxLength: 2 }),
);
/** Up to two mistakes: a part replaced by something else, or left out. */
const mutation = fc.record({ path: fc.constantFrom(...PATHS), remove: fc.boolean(), value: wrong });

function mutate(base: unknown, mutations: { path: (string | number)[]; remove: boolean; value: unknown }[]): unknown {
  let data: any = JSON.parse(JSON.stringify(base));
  for (const { path, remove, value } of mutations) {
    if (path.length === 0) {
      data = value;
      continue;
    }
    let parent = data;
    for (const key of path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? parent[key] : undefined;
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1]!;
    if (remove) delete parent[last];
    else parent[last] = value;
  }
  return data;
}
const body = fc.tuple(validBody, fc.array(mutation, { maxLength: 2 })).map(([b, m]) => mutate(b, m));

describe('isApiErrorBody, the hand check of an error body', () => {
  it('covers every key of the type', () => {
    expect(covered.every(Boolean)).toBe(true);
  });

  it('knows the same codes as the schema', () => {
    expect(ErrorCode.options).toEqual([...ERROR_CODES]);
  });

  test.prop([body], { numRuns: 5000 })('answers what the schema answers', (data) => {
    expect(isApiErrorBody(data)).toBe(ApiErrorBody.safeParse(data).success);
  });

  test.prop([validBody])('takes every body the schema takes, extra keys too', (data) => {
    expect(ApiErrorBody.safeParse(data).success).toBe(true);
    expect(isApiErrorBody({ ...data, extra: 1, error: { ...data.error, extra: [] } })).toBe(true);
  });

  test.prop([fc.anything()], { numRuns: 1000 })('answers what the schema answers on anything', (data) => {
    expect(isApiErrorBody(data)).toBe(ApiErrorBody.safeParse(data).success);
  });

  it('takes the bodies the API sends', () => {
    const bodies = [
      { error: { code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试', messageEn: 'the database is unavailable; retry later' } },
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: '标题：必填',
          messageEn: 'title: required',
          field: 'title',
          fields: [{ field: 'title', message: '标题：必填', messageEn: 'title: required' }],
        },
        requestId: 'r-1',
      },
      { error: { code: 'INVALID_TRANSITION', message: '不能认领', messageEn: 'cannot claim', current: { status: 'claimed', allowedActions: ['reply'] } } },
    ];
    for (const b of bodies) {
      expect(ApiErrorBody.safeParse(b).success).toBe(true);
      expect(isApiErrorBody(b)).toBe(true);
    }
    expect(isApiErrorBody({ error: { code: 'TEAPOT', message: 'x', messageEn: 'x' } })).toBe(false);
    expect(isApiErrorBody('<html>502 Bad Gateway</html>')).toBe(false);
  });
});
