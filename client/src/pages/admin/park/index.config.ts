export default definePageConfig({
  navigationBarTitleText: '园区信息',
  enablePullDownRefresh: true,
});
