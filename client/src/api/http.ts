import Taro from '@tarojs/taro';
import { isApiErrorBody, routes, type ErrorCode, type RouteName } from '@parklink/contract';
import { takeEarlyAnswer, type RawAnswer } from '../early/handover';
import { clearSession, currentToken } from './session';
import { routeUrl } from './url';

export { API_BASE } from './url';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An API error (or a network failure, code `NETWORK`) with the Chinese message to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field name → Chinese message, for showing next to inputs. */
  fieldMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const f of this.fields) if (!map[f.field]) map[f.field] = f.message;
    return map;
  }
}

/** Chinese part of a 'Chinese / English' message. */
export function zh(message: string): string {
  const i = message.indexOf(' / ');
  return i >= 0 ? message.slice(0, i) : message;
}

/** A message to show for any thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return zh(err.message);
  return '出错了，请稍后再试';
}

/** Called when the API says the token is no longer valid (set by the app: go to the login page). */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Whether a call says `content-type: application/json`: when it sends a body. In the browser a
 * cross-origin call with no body and no header of its own (a public GET: the stations list) is then
 * a "simple" request, sent without a CORS preflight — one round trip less before the answer. The
 * mini-program sends it on every call as before (wx.request has no CORS, and defaults to it anyway).
 */
export function sendsJson(options: Pick<CallOptions, 'body'>): boolean {
  return options.body !== undefined || process.env.TARO_ENV !== 'h5';
}

/** The longest a call waits before its one automatic retry, whatever Retry-After says. */
export const MAX_RETRY_WAIT_MS = 5000;
/** The wait before retrying after a network failure (nothing told us how long). */
const NETWORK_RETRY_WAIT_MS = 1000;

/**
 * How long to wait before the one automatic retry of a failed attempt, or undefined for none.
 * Only a 503 (the database busy or down: the API says when to come back in Retry-After) and a
 * network failure are retried, and only calls that are safe to repeat: reads, and writes that
 * carry an Idempotency-Key (the server recognises the repeat). Anything else goes to the user.
 */
export function retryWaitMs(
  method: string,
  headers: Record<string, string>,
  failure: { network: true } | { status: number; retryAfter?: string },
): number | undefined {
  const repeatable = method === 'GET' || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
  if (!repeatable) return undefined;
  if ('network' in failure) return NETWORK_RETRY_WAIT_MS;
  if (failure.status !== 503) return undefined;
  const seconds = Number(failure.retryAfter);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_WAIT_MS) : NETWORK_RETRY_WAIT_MS;
}

const headerValue = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : String(headers![key]);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls one contract route. Resolves with the 2xx body; rejects with ApiError. Public routes
 * (`auth: false`) go without a token, so riders need no account. A read (or an idempotent write)
 * that meets a 503 or a network failure is tried once more after Retry-After (at most 5 s) before
 * the error — 服务繁忙，请稍后重试, from the body — is shown.
 */
export async function call<T>(name: RouteName, options: CallOptions = {}): Promise<T> {
  const route = routes[name];
  const header: Record<string, string> = { ...(sendsJson(options) ? { 'content-type': 'application/json' } : {}), ...options.headers };
  if (route.auth) {
    const token = currentToken();
    if (!token) {
      onUnauthenticated?.();
      throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    }
    header.authorization = `Bearer ${token}`;
  }

  type Body = Record<string, unknown> | string;
  type Answer = Pick<Taro.request.SuccessCallbackResult<Body>, 'statusCode' | 'data' | 'header'>;
  const url = routeUrl(name, options.params, options.query);
  const send = (): Promise<Answer> =>
    Taro.request<Body>({
      url,
      method: route.method,
      header,
      data: options.body === undefined ? undefined : JSON.stringify(options.body),
      dataType: 'json',
      timeout: 15000,
    });
  // h5: a GET that index.html's early script already sent (early/handover.ts), as this same caller, is its first attempt.
  const early: Promise<RawAnswer> | undefined =
    process.env.TARO_ENV === 'h5' && route.method === 'GET' ? takeEarlyAnswer(url, header.authorization) : undefined;
  let res: Answer | undefined;
  for (let attempt = 1; ; attempt++) {
    let wait: number | undefined;
    try {
      res = await (attempt === 1 && early ? early : send());
      wait = retryWaitMs(route.method, header, { status: res.statusCode, retryAfter: headerValue(res.header, 'retry-after') });
    } catch {
      res = undefined;
      wait = retryWaitMs(route.method, header, { network: true });
    }
    if (wait === undefined || attempt > 1) break;
    await sleep(wait);
  }
  if (!res) throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');

  const data = typeof res.data === 'string' && res.data ? safeJson(res.data) : res.data;
  if (res.statusCode >= 200 && res.statusCode < 300) return data as T;

  // Checked by hand, as the schema would (contract/src/values/errors.ts): no zod on the first screen.
  if (!isApiErrorBody(data)) {
    throw new ApiError(res.statusCode, 'INTERNAL', `服务暂时不可用（${res.statusCode}）`);
  }
  const e = data.error;
  const fields: FieldProblem[] = (e.fields ?? []).map((f) => ({ field: f.field, message: f.message }));
  if (e.field && !fields.some((f) => f.field === e.field)) fields.push({ field: e.field, message: e.message });
  if (e.code === 'UNAUTHENTICATED' && route.auth) {
    clearSession();
    onUnauthenticated?.();
  }
  throw new ApiError(res.statusCode, e.code, e.message, fields);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
