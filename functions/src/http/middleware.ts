/**
 * The one path every call takes: match the route, give it a request id, authenticate, run the
 * handler, turn errors into the contract's error body, log one line. Handlers stay thin.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routeKey, type ApiErrorBody, type RouteName } from '@parklink/contract';
import type * as z from 'zod/mini';
import { DomainError } from '../domain/errors';
import type { User } from '../domain/user';
import { readClockOffset, shiftedClock } from '../store/devClock';
import { directory, userOf } from '../store/directory';
import { defaultDeps, type Deps } from './deps';
import { ulidGenerator } from '../ports/ids';
import { verifyToken } from './tokens';
import { parseInput } from './validation';
import { needsLogin, policy, roleMayCall } from './policy';
import { isStoreUnavailable } from '../store/unavailable';

/** The largest body a route takes, in bytes; bigger ones are refused before they are parsed. */
export const BODY_LIMIT_BYTES = 64 * 1024;
const LARGER_BODIES: Partial<Record<RouteName, number>> = { importEnterprises: 3_000_000 };
export const bodyLimitOf = (name: RouteName) => LARGER_BODIES[name] ?? BODY_LIMIT_BYTES;

/** Seconds a client waits before calling again when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export interface Context {
  deps: Deps;
  event: APIGatewayProxyEventV2;
  requestId: string;
  /** The signed-in user; routes the policy (http/policy.ts) opens to roles never run without one. */
  user: User;
  body<T extends z.ZodMiniType>(schema: T): z.infer<T>;
  query<T extends z.ZodMiniType>(schema: T): z.infer<T>;
  param(name: string): string;
  header(name: string): string | undefined;
}

export interface Route {
  name: RouteName;
  handle(ctx: Context): Promise<HttpResult>;
}

export const route = (name: RouteName, handle: Route['handle']): Route => ({ name, handle });

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** The Lambda entry for a set of routes: API Gateway's routeKey picks the handler. */
export function lambdaHandler(routes: Route[], deps?: () => Deps) {
  return (event: APIGatewayProxyEventV2) => dispatch(routes, event, (deps ?? defaultDeps)());
}

export async function dispatch(routes: Route[], event: APIGatewayProxyEventV2, deps: Deps): Promise<HttpResult> {
  const started = Date.now();
  // Our own id: serverless-offline gives every call the same requestContext.requestId.
  const requestId = deps.newId();
  const matched = routes.find((candidate) => routeKey(candidate.name) === event.routeKey);
  let result: HttpResult;
  let userId: string | undefined;
  try {
    if (!matched) throw new DomainError('NOT_FOUND', '接口不存在', `no route for ${event.routeKey}`);
    refuseLargeBody(event, bodyLimitOf(matched.name));
    // Tokens expire in real time; only business time (deadlines) follows a moved test clock.
    if (policy[matched.name].devOnly && deps.config.stage === 'prod') throw notInProd();
    const caller = needsLogin(matched.name) ? await authenticate(deps, event) : undefined;
    const user = caller?.user;
    if (user && !roleMayCall(matched.name, user.roles)) throw roleRefused(matched.name);
    // A signed-in call's clock offset came with the caller's record (one round trip); a public call reads it.
    const callDeps = caller ? withClockOffset(deps, caller.clockOffsetMs) : await withStageClock(deps);
    userId = user?.id;
    result = await matched.handle(context(callDeps, event, requestId, user));
  } catch (error) {
    result = errorResult(error, requestId, deps);
  }
  result.headers = { ...result.headers, 'x-request-id': requestId };
  deps.log({ requestId, gatewayRequestId: event.requestContext?.requestId, route: event.routeKey, status: result.statusCode, ms: Date.now() - started, userId });
  return result;
}

/** Outside prod, the clock a browser test moved (store/devClock.ts); prod's clock is never touched. */
export async function withStageClock(deps: Deps): Promise<Deps> {
  if (deps.config.stage === 'prod') return deps;
  return withClockOffset(deps, await readClockOffset(deps.db));
}

/** The deps of a call whose clock runs `offset` ms ahead (0 in prod, which never reads an offset). */
function withClockOffset(deps: Deps, offset: number): Deps {
  if (!offset) return deps;
  const clock = shiftedClock(deps.clock, offset);
  // Ids carry their creation time (ports/ids.ts): stamp them with the moved clock too.
  return { ...deps, clock, newId: ulidGenerator(() => clock.now().getTime()) };
}

const notInProd = () => new DomainError('NOT_AVAILABLE_IN_PROD', '生产环境不提供测试接口', 'development and test routes are absent in prod');

/** Nothing about any record is read yet: the refusal depends on the route and the role alone. */
const roleRefused = (name: RouteName) =>
  new DomainError('FORBIDDEN', '您的账号没有使用此功能的权限', `your roles may not call ${name}`);

/** The signed-in caller, and outside prod the dev clock's offset, read in the same round trip. */
async function authenticate(deps: Deps, event: APIGatewayProxyEventV2): Promise<{ user: User; clockOffsetMs: number }> {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new DomainError('UNAUTHENTICATED', '请先登录', 'missing bearer token');
  const claims = await verifyToken(deps, token);
  const { user: record, clockOffsetMs } = await directory.getCaller(deps.db, claims.parkId, claims.userId, deps.config.stage !== 'prod');
  if (!record) throw new DomainError('UNAUTHENTICATED', '账号不存在或已停用，请重新登录', 'user no longer exists');
  // The record is read on every call, so a suspension takes effect on the very next one.
  if (record.suspended) throw new DomainError('UNAUTHENTICATED', '账号已停用，请联系园区管理员', 'user is suspended');
  // An erased account (DELETE /v1/me, services/erasure.ts) is refused the same way, for good.
  if (record.erased) throw new DomainError('UNAUTHENTICATED', '账号已注销', 'user is erased');
  return { user: userOf(record), clockOffsetMs };
}

function context(deps: Deps, event: APIGatewayProxyEventV2, requestId: string, user: User | undefined): Context {
  return {
    deps,
    event,
    requestId,
    get user(): User {
      if (!user) throw new Error('route is open to anyone in the policy but reads the user');
      return user;
    },
    body: (schema) => parseInput(schema, readJson(event), 'body'),
    query: (schema) => parseInput(schema, event.queryStringParameters ?? {}, 'query'),
    param: (name) => {
      const value = event.pathParameters?.[name];
      if (!value) throw new DomainError('VALIDATION_FAILED', `缺少参数 ${name}`, `missing path parameter ${name}`, name);
      return value;
    },
    header: (name) => {
      const wanted = name.toLowerCase();
      const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
      return found?.[1];
    },
  };
}

function refuseLargeBody(event: APIGatewayProxyEventV2, limit: number): void {
  if (!event.body) return;
  // The limit is on what the client sent: a base64 body counts as the bytes it decodes to
  // (Buffer counts exactly; 3 bytes per 4 characters would count the padding of the last group too).
  const bytes = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes > limit) {
    const kb = Math.round(limit / 1024);
    throw new DomainError('PAYLOAD_TOO_LARGE', `提交的内容太大（最多 ${kb} KB）`, `body is larger than ${limit} bytes`, 'body');
  }
}

function readJson(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('VALIDATION_FAILED', '请求内容不是有效的 JSON', 'body is not valid JSON', 'body');
  }
}

function errorResult(error: unknown, requestId: string, deps: Deps): HttpResult {
  if (error instanceof DomainError) {
    const body: ApiErrorBody = {
      error: {
        code: error.code,
        message: error.messageZh,
        messageEn: error.messageEn,
        ...(error.field ? { field: error.field } : {}),
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.current ? { current: error.current } : {}),
      },
      requestId,
    };
    return json(error.status, body, error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {});
  }
  if (isStoreUnavailable(error)) {
    deps.log({ requestId, level: 'warn', unavailable: error instanceof Error ? error.name : String(error) });
    const body: ApiErrorBody = {
      error: { code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试', messageEn: 'the database is unavailable; retry later' },
      requestId,
    };
    return json(503, body, { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
  }
  deps.log({ requestId, level: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const body: ApiErrorBody = {
    error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', messageEn: 'internal error' },
    requestId,
  };
  return json(500, body);
}
