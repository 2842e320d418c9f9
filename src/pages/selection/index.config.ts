export default definePageConfig({
  navigationBarTitleText: '好物精选',
  enableShareAppMessage: true,
})
