export default definePageConfig({
  navigationBarTitleText: '平台审核',
  enablePullDownRefresh: true,
})
