export default defineAppConfig({
  pages: ['pages/index/index', 'pages/inbox/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'pages/requests',
      pages: ['submit/index', 'mine/index', 'pool/index', 'detail/index'],
    },
  ],
  // Tab pages open with switchTab / reLaunch only (lib/nav.ts openTab). The 消息 tab (index 1) shows
  // the unread count as its badge (lib/unread.ts); in h5 Taro renders it as `.taro-tabbar-badge`.
  tabBar: {
    color: '#999999',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
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
  // Asked for by the WeChat code-quality scan: inject only the components a page uses.
  lazyCodeLoading: 'requiredComponents',
  // The care-station page (later) shows the nearest stations.
  permission: {
    'scope.userLocation': { desc: '用于查找离你最近的爱心驿站' },
  },
  requiredPrivateInfos: ['getLocation'],
});
