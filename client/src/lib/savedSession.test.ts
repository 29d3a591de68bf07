import { describe, expect, it } from 'vitest';
import { isLiveSession } from './savedSession';

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
