export default definePageConfig({
  navigationBarTitleText: '新建驿站',
});
