export default definePageConfig({
  navigationBarTitleText: '微供',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
