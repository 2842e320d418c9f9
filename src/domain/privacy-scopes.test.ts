import { describe, expect, it } from 'vitest'
import { CONSENT_TEXTS, KEY_OF_REFERRER, consentTextOf } from './privacy-consent'
import { PRIVACY_SCOPES, declinedMessage, isPrivacyRefusal, privacyScopeOf } from './privacy-scopes'

describe('the privacy declaration (R20)', () => {
  it.each([
    ['an API', 'setClipboardData', 'Clipboard'],
    ['an API as wx.name', 'wx.chooseAddress', 'Address'],
    ['an authorize scope', 'scope.writePhotosAlbum', 'AlbumWriteOnly'],
    ['a component open-type', 'chooseAvatar', 'UserInfo'],
    ['a component input type', 'nickname', 'UserInfo'],
  ])('when the referrer is %s, then it finds its declared scope', (_case, referrer, key) => {
    expect(privacyScopeOf(referrer)?.key).toBe(key)
  })

  it('when the referrer is undeclared or empty, then it finds none and the refusal still explains', () => {
    expect(privacyScopeOf('getLocation')).toBeUndefined()
    expect(privacyScopeOf('')).toBeUndefined()
    expect(declinedMessage('getLocation')).toContain('这项功能无法使用')
  })

  it('when declined, then the message says what will not work and that the rest still does', () => {
    const message = declinedMessage('saveImageToPhotosAlbum')
    expect(message).toContain('图片无法保存到相册')
    expect(message).toContain('其他功能可以照常使用')
  })

  it("the words the main package carries are the declaration's: every referrer of it, nothing else", () => {
    const referrers = PRIVACY_SCOPES.flatMap((scope) => [
      ...scope.apis.map((api) => [api.replace(/^authorize:/, ''), scope.key] as const),
      ...scope.components.map((component) => [/"(\w+)"/.exec(component)?.[1] ?? component, scope.key] as const),
    ])
    expect(KEY_OF_REFERRER).toEqual(Object.fromEntries(referrers))
    expect(Object.keys(CONSENT_TEXTS).sort()).toEqual(PRIVACY_SCOPES.map((scope) => scope.key).sort())
    for (const [referrer, key] of referrers) {
      const scope = PRIVACY_SCOPES.find((s) => s.key === key)
      expect(consentTextOf(referrer)).toEqual({ purpose: scope?.purpose, without: scope?.without })
      expect(privacyScopeOf(referrer)?.key).toBe(key)
    }
    for (const undeclared of ['getLocation', '', 'constructor', '__proto__']) expect(consentTextOf(undeclared)).toBeUndefined()
  })

  it('each privacy_key is declared once, with Chinese text and at least one API or component', () => {
    const keys = PRIVACY_SCOPES.map((s) => s.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const scope of PRIVACY_SCOPES) {
      expect(scope.apis.length + scope.components.length).toBeGreaterThan(0)
      for (const text of [scope.info, scope.purpose, scope.without]) expect(text).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it.each([
    ['errno 104', { errno: 104, errMsg: 'setClipboardData:fail' }, true],
    ['the refusal message', { errMsg: 'chooseMedia:fail privacy permission is not authorized' }, true],
    ['an undeclared API', { errMsg: 'setClipboardData:fail api scope is not declared in the privacy agreement' }, true],
    ['a cancel', { errMsg: 'chooseMedia:fail cancel' }, false],
    ['an album refusal', { errMsg: 'saveImageToPhotosAlbum:fail auth deny' }, false],
    ['nothing', undefined, false],
  ])('when WeChat answers %s, then isPrivacyRefusal is %s', (_case, error, expected) => {
    expect(isPrivacyRefusal(error)).toBe(expected)
  })
})
