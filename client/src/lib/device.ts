import Taro from '@tarojs/taro';

const KEY = 'parklink.deviceId';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * This phone's anonymous id for check-ins and reports: 24 random characters made once and kept in
 * storage. It is never tied to a person (no login needed).
 */
export function deviceId(): string {
  try {
    const saved = Taro.getStorageSync<string>(KEY);
    if (typeof saved === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(saved)) return saved;
  } catch {
    // nothing saved yet
  }
  let id = '';
  for (let i = 0; i < 24; i++) id += ALPHABET.charAt(Math.floor(Math.random() * ALPHABET.length));
  try {
    Taro.setStorageSync(KEY, id);
  } catch {
    // storage full: the id still works for this session
  }
  return id;
}
