export default definePageConfig({
  navigationBarTitleText: '成为供应商',
})
