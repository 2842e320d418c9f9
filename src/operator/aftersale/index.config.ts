export default definePageConfig({
  navigationBarTitleText: '平台介入',
  enablePullDownRefresh: true,
})
