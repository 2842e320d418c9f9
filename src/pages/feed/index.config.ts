export default definePageConfig({
  navigationBarTitleText: '微供',
})
