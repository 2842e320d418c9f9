export default definePageConfig({
  navigationBarTitleText: '我的转发',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
