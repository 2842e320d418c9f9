export default definePageConfig({
  navigationBarTitleText: '供应商主页',
  enablePullDownRefresh: true,
  // 分享 on a post card (R16).
  enableShareAppMessage: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
