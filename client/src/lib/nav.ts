import Taro from '@tarojs/taro';

export const PAGES = {
  stations: '/pages/stations/index',
  stationDetail: '/pages/stations/detail/index',
  home: '/pages/index/index',
  inbox: '/pages/inbox/index',
  login: '/pages/login/index',
  submit: '/pages/requests/submit/index',
  mine: '/pages/requests/mine/index',
  pool: '/pages/requests/pool/index',
  detail: '/pages/requests/detail/index',
  // Subpackage pages/stations-admin: hosts and the park admin.
  managedList: '/pages/stations-admin/list/index',
  managedStation: '/pages/stations-admin/station/index',
  createStation: '/pages/stations-admin/create/index',
  stationStats: '/pages/stations-admin/stats/index',
  // Subpackage pages/cases: 共建案例 (bank/tax departments, enterprises, the park admin).
  caseList: '/pages/cases/list/index',
  caseEdit: '/pages/cases/edit/index',
  caseDetail: '/pages/cases/detail/index',
  caseSummary: '/pages/cases/summary/index',
  // Subpackage pages/market: 供需对接 (enterprises, liaisons, department heads).
  marketList: '/pages/market/list/index',
  marketPost: '/pages/market/post/index',
  marketDetail: '/pages/market/detail/index',
  match: '/pages/market/match/index',
  // Subpackage pages/admin: 园区管理 (the park admin's set-up pages).
  adminHome: '/pages/admin/index/index',
  adminPark: '/pages/admin/park/index',
  adminDepartments: '/pages/admin/departments/index',
  adminCategories: '/pages/admin/categories/index',
  adminMembers: '/pages/admin/members/index',
  adminEnterprises: '/pages/admin/enterprises/index',
  adminAudit: '/pages/admin/audit/index',
  // Subpackage pages/dashboard (the park admin's figures and ledger export), opened from 园区管理.
  dashboard: '/pages/dashboard/index/index',
  ledger: '/pages/dashboard/ledger/index',
  // Subpackage pages/me (every signed-in role): 个人信息, what is kept about them, 注销账号.
  privacy: '/pages/me/privacy/index',
} as const;

export function open(url: string): void {
  void Taro.navigateTo({ url });
}

export function openDetail(id: string): void {
  open(`${PAGES.detail}?id=${encodeURIComponent(id)}`);
}

export function openStation(id: string): void {
  open(`${PAGES.stationDetail}?id=${encodeURIComponent(id)}`);
}

export function openManagedStation(id: string): void {
  open(`${PAGES.managedStation}?id=${encodeURIComponent(id)}`);
}

/** Tab pages (stations, home, inbox; see app.config.ts tabBar) open only with switchTab, never navigateTo. */
export function openTab(url: typeof PAGES.stations | typeof PAGES.home | typeof PAGES.inbox): void {
  void Taro.switchTab({ url });
}

/** Replace the whole page stack (after login or logout). */
export function relaunch(url: string): void {
  void Taro.reLaunch({ url });
}
