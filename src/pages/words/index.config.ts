export default definePageConfig({
  navigationBarTitleText: '我的文案',
})
