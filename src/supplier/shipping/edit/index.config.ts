export default definePageConfig({
  navigationBarTitleText: '编辑运费模板',
})
