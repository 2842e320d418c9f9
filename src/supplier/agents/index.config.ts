export default definePageConfig({
  navigationBarTitleText: '合作中的微商',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
