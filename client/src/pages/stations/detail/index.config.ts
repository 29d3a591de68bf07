export default definePageConfig({
  navigationBarTitleText: '驿站详情',
  enablePullDownRefresh: true,
});
