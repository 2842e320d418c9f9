export default definePageConfig({
  navigationBarTitleText: '供应商主页',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
