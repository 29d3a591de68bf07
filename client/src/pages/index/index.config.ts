export default definePageConfig({
  navigationBarTitleText: '园企通',
});
