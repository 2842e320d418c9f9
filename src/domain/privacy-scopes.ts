/**
 * The mini-program's 用户隐私保护指引 (R20): every privacy-scoped WeChat API and component the build
 * uses, under the information WeChat files it as, with what 微供 uses it for. WeChat refuses an API
 * its guide does not declare ("api scope is not declared in the privacy agreement"), so this one list
 * is what the console's guide is filled from (docs/launch.md), what the consent popup explains, and
 * what tests/weapp/privacy-scan.test.ts holds the built dist/weapp to.
 */
export interface PrivacyScope {
  /** WeChat's privacy_key for this information (the console's and setprivacysetting's name). */
  key: string
  /** The information as the guide names it: 「开发者将收集你的…」. */
  info: string
  /** What 微供 uses it for, as written into the guide. */
  purpose: string
  /** The wx APIs of the build that touch it (`wx.authorize` scopes written as `authorize:<scope>`). */
  apis: readonly string[]
  /** The components of the build that touch it, as WXML writes them. */
  components: readonly string[]
  /** What stops working when the user declines (the popup and the refusal say it). */
  without: string
}

export const PRIVACY_SCOPES: readonly PrivacyScope[] = [
  {
    key: 'Clipboard',
    info: '剪切板',
    purpose: '一键转发、复制卖家微信号、订单信息和导入示例时，把文字写入你的剪切板，方便你粘贴到朋友圈或聊天',
    apis: ['setClipboardData'],
    components: [],
    without: '文案无法自动复制',
  },
  {
    key: 'AlbumWriteOnly',
    info: '相册（仅写入）权限',
    purpose: '一键转发、保存海报和小程序码时，把图片保存到你的相册，方便你发朋友圈或打印',
    apis: ['saveImageToPhotosAlbum', 'authorize:scope.writePhotosAlbum'],
    components: [],
    without: '图片无法保存到相册',
  },
  {
    key: 'Album',
    info: '选中的照片或视频信息',
    purpose: '发布商品和动态、更换头像时，上传你选中或拍摄的照片',
    apis: ['chooseMedia'],
    components: [],
    without: '无法选择或拍摄照片',
  },
  {
    key: 'Address',
    info: '地址',
    purpose: '下单时填入你在微信中选择的收货地址，用于供应商发货',
    apis: ['chooseAddress'],
    components: [],
    without: '无法从微信导入收货地址，可以手动填写',
  },
  {
    key: 'MessageFile',
    info: '选中的文件',
    purpose: '供应商导入商品时，读取你从聊天中选择的商品表格文件',
    apis: ['chooseMessageFile'],
    components: [],
    without: '无法从聊天中选择文件',
  },
  {
    key: 'UserInfo',
    info: '昵称、头像',
    purpose: '编辑资料时，使用你选择的微信头像和昵称，展示给你的供应商和客户',
    apis: [],
    components: ['button open-type="chooseAvatar"', 'input type="nickname"'],
    without: '无法使用微信头像和昵称',
  },
]

/** The guide's name when WeChat does not say it (getPrivacySetting answers the console's own). */
export const PRIVACY_GUIDE_NAME = '《微供小程序隐私保护指引》'

/**
 * The declared scope a privacy event's referrer names: an API (`setClipboardData`), an authorize
 * scope, or a component's open-type (`chooseAvatar`). Undefined for anything undeclared.
 */
export function privacyScopeOf(referrer: string): PrivacyScope | undefined {
  const name = referrer.replace(/^wx\./, '')
  return PRIVACY_SCOPES.find(
    (scope) =>
      scope.apis.some((api) => api === name || api === `authorize:${name}`) ||
      scope.components.some((component) => component.includes(`"${name}"`)),
  )
}

/** What declining costs, for the popup and the refusal: 「不同意将导致：文案无法自动复制」. */
export function declinedMessage(referrer: string): string {
  const scope = privacyScopeOf(referrer)
  const what = scope ? scope.without : '这项功能无法使用'
  return `未同意隐私保护指引，${what}。其他功能可以照常使用，再次操作时可重新同意。`
}

/** WeChat's refusal of a privacy API the user has not agreed to (errno 104 / "privacy permission"). */
export function isPrivacyRefusal(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const { errno, errMsg } = error as { errno?: unknown; errMsg?: unknown }
  if (errno === 104) return true
  return typeof errMsg === 'string' && /privacy permission is not authorized|privacy agreement/i.test(errMsg)
}
