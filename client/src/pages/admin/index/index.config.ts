export default definePageConfig({
  navigationBarTitleText: '园区管理',
});
