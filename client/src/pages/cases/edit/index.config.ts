export default definePageConfig({
  navigationBarTitleText: '编辑共建案例',
});
