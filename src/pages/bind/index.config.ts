export default definePageConfig({
  navigationBarTitleText: '成为微商代理',
})
