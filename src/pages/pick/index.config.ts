export default definePageConfig({
  navigationBarTitleText: '多选转发',
  enableShareAppMessage: true,
})
