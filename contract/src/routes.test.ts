import { describe, expect, it } from 'vitest';
import { routes } from './routes';

/** What wx.request can send (it has no PATCH): every route must be callable from the mini-program. */
const WX_REQUEST_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT'];

describe('the contract’s routes', () => {
  it.each(Object.entries(routes))('%s uses a method wx.request supports', (_, route) => {
    expect(WX_REQUEST_METHODS).toContain(route.method);
  });

  it('has no two routes on one method and path', () => {
    const keys = Object.values(routes).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
