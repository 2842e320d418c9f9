export default definePageConfig({
  navigationBarTitleText: '搜索商品',
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
