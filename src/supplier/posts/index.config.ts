export default definePageConfig({
  navigationBarTitleText: '管理动态',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
