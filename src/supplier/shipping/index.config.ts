export default definePageConfig({
  navigationBarTitleText: '运费模板',
  enablePullDownRefresh: true,
})
