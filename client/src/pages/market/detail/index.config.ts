export default definePageConfig({
  navigationBarTitleText: '供需详情',
  enablePullDownRefresh: true,
});
