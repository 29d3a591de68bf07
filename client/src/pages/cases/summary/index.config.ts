export default definePageConfig({
  navigationBarTitleText: '共建成效',
  enablePullDownRefresh: true,
});
