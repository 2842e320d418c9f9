export default definePageConfig({
  navigationBarTitleText: '加价设置',
})
