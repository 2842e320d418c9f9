/**
 * What the consent popup and a refused privacy call say (R20), in the form the main package carries:
 * the words per privacy_key and which key a referrer asks for. The declaration itself (privacy-scopes.ts,
 * with the guide's information and the APIs) builds on these words and stays out of the main package;
 * its test holds the referrers here equal to its APIs and components.
 */
export interface ConsentText {
  /** What 微供 uses the information for, as written into the guide. */
  purpose: string
  /** What stops working when the user declines. */
  without: string
}

export const CONSENT_TEXTS = {
  Clipboard: {
    purpose: '一键转发、复制卖家微信号、订单信息和导入示例时，把文字写入你的剪切板，方便你粘贴到朋友圈或聊天',
    without: '文案无法自动复制',
  },
  AlbumWriteOnly: {
    purpose: '一键转发、保存海报和小程序码时，把图片保存到你的相册，方便你发朋友圈或打印',
    without: '图片无法保存到相册',
  },
  Album: { purpose: '发布商品和动态、更换头像时，上传你选中或拍摄的照片', without: '无法选择或拍摄照片' },
  Address: {
    purpose: '下单时填入你在微信中选择的收货地址，用于供应商发货',
    without: '无法从微信导入收货地址，可以手动填写',
  },
  MessageFile: { purpose: '供应商导入商品时，读取你从聊天中选择的商品表格文件', without: '无法从聊天中选择文件' },
  UserInfo: { purpose: '编辑资料时，使用你选择的微信头像和昵称，展示给你的供应商和客户', without: '无法使用微信头像和昵称' },
} as const satisfies Record<string, ConsentText>

export type ConsentKey = keyof typeof CONSENT_TEXTS

/** The privacy_key each referrer WeChat names asks for: an API, an authorize scope, a component's type. */
export const KEY_OF_REFERRER: Readonly<Record<string, ConsentKey>> = {
  setClipboardData: 'Clipboard',
  saveImageToPhotosAlbum: 'AlbumWriteOnly',
  'scope.writePhotosAlbum': 'AlbumWriteOnly',
  chooseMedia: 'Album',
  chooseAddress: 'Address',
  chooseMessageFile: 'MessageFile',
  chooseAvatar: 'UserInfo',
  nickname: 'UserInfo',
}

/** The guide's name when WeChat does not say it (getPrivacySetting answers the console's own). */
export const PRIVACY_GUIDE_NAME = '《微供小程序隐私保护指引》'

/** The words for what a privacy event's referrer (`setClipboardData`, `wx.chooseAddress`) asks; undefined if undeclared. */
export function consentTextOf(referrer: string): ConsentText | undefined {
  const name = referrer.replace(/^wx\./, '')
  return Object.prototype.hasOwnProperty.call(KEY_OF_REFERRER, name) ? CONSENT_TEXTS[KEY_OF_REFERRER[name]] : undefined
}

/** What declining costs, for the popup and the refusal: 「不同意将导致：文案无法自动复制」. */
export function declinedMessage(referrer: string): string {
  const what = consentTextOf(referrer)?.without ?? '这项功能无法使用'
  return `未同意隐私保护指引，${what}。其他功能可以照常使用，再次操作时可重新同意。`
}

/** WeChat's refusal of a privacy API the user has not agreed to (errno 104 / "privacy permission"). */
export function isPrivacyRefusal(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const { errno, errMsg } = error as { errno?: unknown; errMsg?: unknown }
  if (errno === 104) return true
  return typeof errMsg === 'string' && /privacy permission is not authorized|privacy agreement/i.test(errMsg)
}
