/**
 * Builds API Gateway HTTP API (payload v2) events the way the gateway does: it matches the path to
 * a declared route, fills routeKey and pathParameters, lower-cases headers.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { routes } from '@parklink/contract';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed-JSON tests. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The caller's address as API Gateway reports it (rate limits count by it); default 127.0.0.1. */
  sourceIp?: string;
}

export function gatewayEvent(method: string, url: string, options: CallOptions = {}): APIGatewayProxyEventV2 {
  const [path = '', rawQueryString = ''] = url.split('?');
  const matched = matchRoute(method, path);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) headers[key.toLowerCase()] = value;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const query = new URLSearchParams(rawQueryString);
  return {
    version: '2.0',
    routeKey: matched?.routeKey ?? '$default',
    rawPath: path,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(matched && Object.keys(matched.params).length ? { pathParameters: matched.params } : {}),
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: options.sourceIp ?? '127.0.0.1', userAgent: 'vitest' },
      requestId: 'test-request',
      routeKey: matched?.routeKey ?? '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
  };
}

function matchRoute(method: string, path: string) {
  for (const route of Object.values(routes)) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    return { routeKey: `${route.method} ${route.path}`, params };
  }
  return undefined;
}
