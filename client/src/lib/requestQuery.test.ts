import { describe, expect, it } from 'vitest';
import { requestListQuery } from './requestQuery';
import { isLiveSession } from './savedSession';

describe('the request list’s query', () => {
  it('is the same URL whatever order the filter was set in, empty fields left out', () => {
    const a = requestListQuery({ limit: 20, q: '', categoryId: 'c-1', scope: 'pool' });
    const b = requestListQuery({ scope: 'pool', categoryId: 'c-1', limit: 20, status: undefined });
    expect(a).toEqual({ scope: 'pool', categoryId: 'c-1', limit: '20' });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(requestListQuery({ cursor: 'x', status: 'claimed', scope: 'mine', q: '贷款' }))).toEqual(['scope', 'status', 'q', 'cursor']);
  });
});

describe('a saved session', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  it('is live with a token until it expires', () => {
    expect(isLiveSession({ token: 't', expiresAt: '2026-12-02T10:00:01Z' }, now)).toBe(true);
    expect(isLiveSession({ token: 't', expiresAt: '2026-12-02T10:00:00Z' }, now)).toBe(false);
    expect(isLiveSession({ token: '', expiresAt: '2027-01-01T00:00:00Z' }, now)).toBe(false);
    expect(isLiveSession({ token: 't' }, now)).toBe(false);
    expect(isLiveSession('', now)).toBe(false);
    expect(isLiveSession(null, now)).toBe(false);
  });
});
