import type { Session } from '@parklink/contract';

/**
 * Whether a saved session can still be used: it has a token and has not expired. Pure: the app
 * (api/session.ts) and index.html's early script (early/firstScreen.h5.ts) decide it alike.
 */
export function isLiveSession(saved: unknown, now = Date.now()): saved is Session {
  if (!saved || typeof saved !== 'object') return false;
  const { token, expiresAt } = saved as Partial<Session>;
  return typeof token === 'string' && token !== '' && typeof expiresAt === 'string' && Date.parse(expiresAt) > now;
}
