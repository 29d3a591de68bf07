import Taro from '@tarojs/taro';

let asked = false;

/**
 * True the first time it is asked in an app launch, and only when the app opened on `path`
 * (not on a shared link to another page). Later calls answer false.
 */
export function openedOn(path: string): boolean {
  if (asked) return false;
  asked = true;
  let launched = '';
  try {
    launched = Taro.getLaunchOptionsSync().path ?? '';
  } catch {
    launched = '';
  }
  const clean = (p: string) => p.replace(/^\//, '').replace(/\?.*$/, '');
  return clean(launched) === '' || clean(launched) === clean(path);
}
