import { routePath, type RouteName } from '@parklink/contract';

/** The API's origin, fixed at build time. */
export const API_BASE = (process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000').replace(/\/$/, '');

export function toQuery(query: Record<string, string> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The full URL of a route. Pure (no Taro): index.html's early script builds the same one. */
export function routeUrl(name: RouteName, params?: Record<string, string>, query?: Record<string, string>): string {
  return API_BASE + routePath(name, params) + toQuery(query);
}
