import Taro from '@tarojs/taro';
import type { Me, Session } from '@parklink/contract';
import { isLiveSession } from '../lib/savedSession';
import { SESSION_KEY as KEY } from '../lib/storageKeys';

/** The saved session (token + who I am), or null when logged out or expired. */
export function loadSession(): Session | null {
  let saved: Session | '' = '';
  try {
    saved = Taro.getStorageSync<Session | ''>(KEY);
  } catch {
    return null;
  }
  if (!saved || typeof saved !== 'object' || !saved.token) return null;
  if (!isLiveSession(saved)) {
    clearSession();
    return null;
  }
  return saved;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(KEY, session);
}

export function updateMe(me: Me): void {
  const session = loadSession();
  if (session) saveSession({ ...session, user: me });
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // nothing saved
  }
}

export function currentToken(): string | null {
  return loadSession()?.token ?? null;
}
