export default definePageConfig({
  navigationBarTitleText: '分销商等级',
})
