export default definePageConfig({
  navigationBarTitleText: '进货单',
})
