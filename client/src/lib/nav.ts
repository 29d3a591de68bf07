import Taro from '@tarojs/taro';

export const PAGES = {
  home: '/pages/index/index',
  inbox: '/pages/inbox/index',
  login: '/pages/login/index',
  submit: '/pages/requests/submit/index',
  mine: '/pages/requests/mine/index',
  pool: '/pages/requests/pool/index',
  detail: '/pages/requests/detail/index',
} as const;

export function open(url: string): void {
  void Taro.navigateTo({ url });
}

export function openDetail(id: string): void {
  open(`${PAGES.detail}?id=${encodeURIComponent(id)}`);
}

/** Tab pages (home, inbox; see app.config.ts tabBar) open only with switchTab, never navigateTo. */
export function openTab(url: typeof PAGES.home | typeof PAGES.inbox): void {
  void Taro.switchTab({ url });
}

/** Replace the whole page stack (after login or logout). */
export function relaunch(url: string): void {
  void Taro.reLaunch({ url });
}
