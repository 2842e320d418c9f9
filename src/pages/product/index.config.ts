export default definePageConfig({
  navigationBarTitleText: '商品详情',
  // R16: agents share a product to a chat or to Moments (the customer view).
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
