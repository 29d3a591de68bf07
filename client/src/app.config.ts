export default defineAppConfig({
  // Riders arrive without an account: the stations page is first (what a new visitor sees); it
  // sends a logged-in user on to 首页 on the app's first show (pages/stations/index.tsx).
  pages: ['pages/stations/index', 'pages/index/index', 'pages/inbox/index', 'pages/login/index', 'pages/stations/detail/index'],
  subPackages: [
    {
      root: 'pages/requests',
      pages: ['submit/index', 'mine/index', 'pool/index', 'detail/index'],
    },
    {
      // Station hosts and the park admin only.
      root: 'pages/stations-admin',
      pages: ['list/index', 'station/index', 'create/index', 'stats/index'],
    },
    {
      // 共建案例 (银企共建 / 税企共建): bank and tax departments, enterprises, the park admin.
      root: 'pages/cases',
      pages: ['list/index', 'edit/index', 'detail/index', 'summary/index'],
    },
    {
      // 供需对接: enterprises, liaisons and department heads (from 首页).
      root: 'pages/market',
      pages: ['list/index', 'post/index', 'detail/index', 'match/index'],
    },
    {
      // 园区管理: the park admin's set-up pages (park, departments, categories, members, enterprises, audit).
      root: 'pages/admin',
      pages: ['index/index', 'park/index', 'departments/index', 'categories/index', 'members/index', 'enterprises/index', 'audit/index'],
    },
    {
      // 数据看板 and 台账导出: the park admin only.
      root: 'pages/dashboard',
      pages: ['index/index', 'ledger/index'],
    },
    {
      // 个人信息 (PIPL): every signed-in role, from 首页.
      root: 'pages/me',
      pages: ['privacy/index'],
    },
  ],
  // The likely next area is fetched while the user looks at the page before it: from 首页 and 消息
  // most taps open a request (submit, lists, detail); from the login page, 首页 follows and then the
  // requests. Preloading stays far under WeChat's 2 MB per page.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/requests'] },
    'pages/inbox/index': { network: 'all', packages: ['pages/requests'] },
    'pages/login/index': { network: 'all', packages: ['pages/requests'] },
  },
  // Tab pages open with switchTab / reLaunch only (lib/nav.ts openTab). The 消息 tab (index 2) shows
  // the unread count as its badge (lib/unread.ts); in h5 Taro renders it as `.taro-tabbar-badge`.
  tabBar: {
    color: '#999999',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/stations/index', text: '驿站', iconPath: 'assets/tab/stations.png', selectedIconPath: 'assets/tab/stations-active.png' },
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/inbox/index', text: '消息', iconPath: 'assets/tab/inbox.png', selectedIconPath: 'assets/tab/inbox-active.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '园企通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  // h5 only: no slide between pages. Taro's router hides the page left behind on a timer after the
  // slide; a browser Back within that time shows the page and then the timer hides it again (a blank
  // screen — seen in test/e2e/escalation.test.ts once the API answered fast). Without the animation
  // the page is hidden at once, so Back always shows it.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // Asked for by the WeChat code-quality scan: inject only the components a page uses.
  lazyCodeLoading: 'requiredComponents',
  // The stations page shows the nearest care stations (lib/location.ts).
  permission: {
    'scope.userLocation': { desc: '用于查找离你最近的爱心驿站' },
  },
  requiredPrivateInfos: ['getLocation'],
});
