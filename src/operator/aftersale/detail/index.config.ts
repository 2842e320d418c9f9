export default definePageConfig({
  navigationBarTitleText: '平台裁决',
})
