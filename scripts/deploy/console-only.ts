/**
 * What no management API sets: `npm run deploy` names each after every deploy to WeChat's
 * CloudBase, so none is skipped silently (README "Deploying to WeChat").
 */
export const CONSOLE_ONLY: readonly string[] = [
  '云开发控制台 → 设置 → 权限设置: 未登录用户访问 on, with the function rule {"*": {"invoke": "auth != null"}, "feed": {"invoke": true}} (the Moments single-page share view, R16)',
  '云开发控制台 → 设置 → 全局设置: bind the WeChat Pay merchant (WEGONG_PAY_SUB_MCH_ID) and authorise JSAPI and refund in 商家助手',
  'mp 后台 → 订阅消息: add the three templates and put their ids in the secrets (WEGONG_SUBSCRIBE_ORDER_*)',
  'mp 后台 → 设置 → 用户隐私保护指引: declare clipboard, album, camera, address, files, avatar and nickname',
  'mp 后台 → 开发管理 → 小程序代码上传: the upload key (WEGONG_UPLOAD_KEY) and this machine’s IP in its whitelist (npm run upload)',
  'mp 后台 → 发货信息管理: switched on, so shipments reported by order.ship settle the payments',
  '云开发控制台 → 云函数 → each of expire, feed, network, order, payCallback, product, supplier: check 云调用权限 lists its config.json permissions.openapi (the bundle carries config.json; whether an API upload registers it is not documented: if not, upload that function once from DevTools)',
  '云开发控制台 → 设置 → 消息推送 (if image checks run asynchronously): the content-security push to its function',
]
