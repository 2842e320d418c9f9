export default definePageConfig({
  navigationBarTitleText: '微供管理',
  enablePullDownRefresh: true,
})
