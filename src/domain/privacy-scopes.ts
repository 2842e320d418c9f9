import { CONSENT_TEXTS, type ConsentText } from './privacy-consent'

export { PRIVACY_GUIDE_NAME, declinedMessage, isPrivacyRefusal } from './privacy-consent'

/**
 * The mini-program's 用户隐私保护指引 (R20): every privacy-scoped WeChat API and component the build
 * uses, under the information WeChat files it as, with what 微供 uses it for. WeChat refuses an API
 * its guide does not declare ("api scope is not declared in the privacy agreement"), so this one list
 * is what the console's guide is filled from (docs/launch.md), what the consent popup explains, and
 * what tests/weapp/privacy-scan.test.ts holds the built dist/weapp to. The popup's words live in
 * privacy-consent.ts, all the main package carries of it; the table builds on them.
 */
export interface PrivacyScope extends ConsentText {
  /** WeChat's privacy_key for this information (the console's and setprivacysetting's name). */
  key: string
  /** The information as the guide names it: 「开发者将收集你的…」. */
  info: string
  /** The wx APIs of the build that touch it (`wx.authorize` scopes written as `authorize:<scope>`). */
  apis: readonly string[]
  /** The components of the build that touch it, as WXML writes them. */
  components: readonly string[]
}

export const PRIVACY_SCOPES: readonly PrivacyScope[] = [
  {
    key: 'Clipboard',
    info: '剪切板',
    ...CONSENT_TEXTS.Clipboard,
    apis: ['setClipboardData'],
    components: [],
  },
  {
    key: 'AlbumWriteOnly',
    info: '相册（仅写入）权限',
    ...CONSENT_TEXTS.AlbumWriteOnly,
    apis: ['saveImageToPhotosAlbum', 'authorize:scope.writePhotosAlbum'],
    components: [],
  },
  {
    key: 'Album',
    info: '选中的照片或视频信息',
    ...CONSENT_TEXTS.Album,
    apis: ['chooseMedia'],
    components: [],
  },
  {
    key: 'Address',
    info: '地址',
    ...CONSENT_TEXTS.Address,
    apis: ['chooseAddress'],
    components: [],
  },
  {
    key: 'MessageFile',
    info: '选中的文件',
    ...CONSENT_TEXTS.MessageFile,
    apis: ['chooseMessageFile'],
    components: [],
  },
  {
    key: 'UserInfo',
    info: '昵称、头像',
    ...CONSENT_TEXTS.UserInfo,
    apis: [],
    components: ['button open-type="chooseAvatar"', 'input type="nickname"'],
  },
]

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
