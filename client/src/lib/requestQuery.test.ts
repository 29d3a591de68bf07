import { describe, expect, it } from 'vitest';
import { requestListQuery } from './requestQuery';

describe('the request list’s query', () => {
  it('is the same URL whatever order the filter was set in, empty fields left out', () => {
    const a = requestListQuery({ limit: 20, q: '', categoryId: 'c-1', scope: 'pool' });
    const b = requestListQuery({ scope: 'pool', categoryId: 'c-1', limit: 20, status: undefined });
    expect(a).toEqual({ scope: 'pool', categoryId: 'c-1', limit: '20' });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(requestListQuery({ cursor: 'x', status: 'claimed', scope: 'mine', q: '贷款' }))).toEqual(['scope', 'status', 'q', 'cursor']);
  });
});
