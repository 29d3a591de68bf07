export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'pages/requests',
      pages: ['submit/index', 'mine/index', 'pool/index', 'detail/index'],
    },
  ],
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
