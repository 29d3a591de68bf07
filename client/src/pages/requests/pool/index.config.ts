export default definePageConfig({
  navigationBarTitleText: '待认领诉求',
  enablePullDownRefresh: true,
});
