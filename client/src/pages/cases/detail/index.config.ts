export default definePageConfig({
  navigationBarTitleText: '共建案例',
  enablePullDownRefresh: true,
});
