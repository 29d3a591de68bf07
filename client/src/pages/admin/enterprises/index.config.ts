export default definePageConfig({
  navigationBarTitleText: '企业',
  enablePullDownRefresh: true,
});
