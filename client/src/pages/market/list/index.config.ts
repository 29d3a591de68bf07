export default definePageConfig({
  navigationBarTitleText: '供需对接',
  enablePullDownRefresh: true,
});
