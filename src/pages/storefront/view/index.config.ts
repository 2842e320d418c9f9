export default definePageConfig({
  navigationBarTitleText: '小店',
  enableShareAppMessage: true,
})
