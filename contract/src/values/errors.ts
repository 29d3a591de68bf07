/**
 * Plain values, no schema (why: see people.ts): the API's error codes, and a hand check of an error
 * body. errors.ts builds the `ErrorCode` enum from this list and re-exports both.
 */
import type { ApiErrorBody } from '../errors';

/** Machine-readable error codes; the client switches on these, never on messages. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'WECHAT_CODE_INVALID',
  'WECHAT_NOT_BOUND',
  'WECHAT_UNAVAILABLE',
  'NOT_AVAILABLE_IN_PROD',
  /** Too many calls from one phone or address: wait `Retry-After` seconds. */
  'RATE_LIMITED',
  /** The body is larger than the route takes (64 KB; an enterprise import 3 MB). */
  'PAYLOAD_TOO_LARGE',
  /** The database is unreachable or throttling after the retries: try again after `Retry-After` seconds. */
  'UNAVAILABLE',
  'INTERNAL',
] as const;

/**
 * Whether a non-2xx answer's body is an `ApiErrorBody`, checked by hand: what
 * `ApiErrorBody.safeParse(data).success` answers, without zod, so that a client screen calling the
 * API needs no schema (the h5 first screen). errors.test.ts holds it to the schema on generated
 * bodies, and to every key of the type. Unknown keys are let through (the schema strips them).
 */
export function isApiErrorBody(data: unknown): data is ApiErrorBody {
  if (!isRecord(data) || !optional(data.requestId, isString)) return false;
  const e = data.error;
  return (
    isRecord(e) &&
    typeof e.code === 'string' &&
    codes.has(e.code) &&
    isString(e.message) &&
    isString(e.messageEn) &&
    optional(e.field, isString) &&
    optional(e.fields, (fields) => arrayOf(fields, (f) => isRecord(f) && isString(f.field) && isString(f.message) && isString(f.messageEn))) &&
    optional(e.current, (c) => isRecord(c) && isString(c.status) && arrayOf(c.allowedActions, isString))
  );
}

const codes: ReadonlySet<string> = new Set(ERROR_CODES);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);
/** Every index, holes too (as zod reads an array), not `every` (which skips them). */
function arrayOf(v: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
  return true;
}
