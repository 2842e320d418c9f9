/**
 * What no management API sets: `npm run deploy` names each after every deploy to WeChat's
 * CloudBase, so none is skipped silently (README "Deploying to WeChat"). Each setting of
 * docs/launch.md starts one line, under its name there (tests/deploy/config.test.ts keeps them equal).
 */
export const CONSOLE_ONLY: readonly string[] = [
  '服务类目 (mp 后台 → 设置 → 基本设置): 电商平台 / 社交电商, with the qualification it asks for',
  '用户隐私保护指引 (mp 后台 → 设置 → 服务内容声明): declare clipboard, album, camera, address, files, avatar and nickname with the purposes in docs/launch.md',
  'UGC 场景声明 / 内容安全 (mp 后台 → 设置 → 服务内容声明): declare that users publish text and pictures to others and that they are checked',
  '消息推送 (mp 后台 → 开发 → 开发管理 → 消息推送, 云开发模式): push wxa_media_check events to the function mediaCheckCallback (without it no picture verdict arrives: everything stays shown)',
  '微信支付 商户号 binding (云开发控制台 → 设置 → 全局设置 → 微信支付配置): bind the merchant (WEGONG_PAY_SUB_MCH_ID) and authorise JSAPI and refund in 商家助手',
  '发货信息管理 (mp 后台 → 功能 → 发货信息管理): open the service and set the message jump path to the order page, so shipments reported by order.ship settle the payments',
  '订阅消息 templates (mp 后台 → 功能 → 订阅消息): add the five templates of docs/launch.md and put their ids in the secrets (WEGONG_SUBSCRIBE_ORDER_*, WEGONG_SUBSCRIBE_AFTERSALE)',
  '云开发 未登录访问 (云开发控制台 → 设置 → 权限设置 → 未登录用户访问): on, with the function rule {"*": {"invoke": "auth != null"}, "feed": {"invoke": true}, "storefront": {"invoke": true}} (the Moments single-page share view, R16, and the storefront’s customer view)',
  '小程序代码上传 (mp 后台 → 开发 → 开发管理 → 开发设置): download the code upload key into the secrets (WEGONG_MP_UPLOAD_KEY) and put this machine’s IP in its whitelist (npm run upload)',
  '云开发控制台 → 云函数 → each of aftersale, expire, feed, network, order, payCallback, post, product, refundCallback, storefront, supplier, user: check 云调用权限 lists its config.json permissions.openapi (the bundle carries config.json; whether an API upload registers it is not documented: if not, upload that function once from DevTools)',
]
