export default definePageConfig({
  navigationBarTitleText: '已卖出的商品',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
})
