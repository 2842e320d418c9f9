export default definePageConfig({
  navigationBarTitleText: '我的供应商',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
