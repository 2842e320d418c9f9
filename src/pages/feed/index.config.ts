export default definePageConfig({
  navigationBarTitleText: '微供',
  enablePullDownRefresh: true,
  // 分享 on a post card (R16).
  enableShareAppMessage: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
