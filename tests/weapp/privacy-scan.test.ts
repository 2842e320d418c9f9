import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WEAPP_DIR } from './paths'
import { privacyUsesIn, undeclaredUses, unusedDeclarations } from './privacy-scan'
import { assertBuilt } from './simulator'

/**
 * R20: WeChat refuses a privacy-scoped API or component its 用户隐私保护指引 does not declare. The built
 * mini-program (dist/weapp) is scanned for every one WeChat lists, and each must be declared in
 * src/domain/privacy-scopes.ts (the list docs/launch.md fills the console's guide from).
 */
const copies: string[] = []

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true })
})

describe('privacy-scoped APIs and components in the build (R20)', () => {
  it('when the build is scanned, then every privacy-scoped use is declared and every declaration is used', () => {
    assertBuilt(WEAPP_DIR)
    const uses = privacyUsesIn(WEAPP_DIR)
    expect(new Set(uses.map((use) => use.name))).toEqual(
      new Set([
        'setClipboardData',
        'saveImageToPhotosAlbum',
        'authorize:scope.writePhotosAlbum',
        'chooseMedia',
        'chooseAddress',
        'chooseMessageFile',
        'button open-type="chooseAvatar"',
        'input type="nickname"',
      ]),
    )
    expect(undeclaredUses(uses)).toEqual([])
    expect(unusedDeclarations(uses)).toEqual([])
  })

  it('when a broken copy of the build calls an undeclared privacy API, then the scan names it', () => {
    assertBuilt(WEAPP_DIR)
    const copy = mkdtempSync(path.join(tmpdir(), 'wegong-weapp-privacy-'))
    copies.push(copy)
    cpSync(WEAPP_DIR, copy, { recursive: true })
    // The way a real regression would arrive: a page starts reading the location and the clipboard.
    const file = path.join(copy, 'pages/checkout/index.js')
    const code = readFileSync(file, 'utf8')
    const broken = code.replace('.chooseAddress(', '.getLocation({}),wx.getClipboardData({}),wx.chooseAddress(')
    expect(broken).not.toBe(code)
    writeFileSync(file, broken)
    expect(undeclaredUses(privacyUsesIn(copy))).toEqual([
      'getLocation (Location) in pages/checkout/index.js',
      'getClipboardData (Clipboard) in pages/checkout/index.js',
    ])
  })

  it('when a broken copy uses an undeclared privacy component, then the scan names it', () => {
    assertBuilt(WEAPP_DIR)
    const copy = mkdtempSync(path.join(tmpdir(), 'wegong-weapp-privacy-'))
    copies.push(copy)
    cpSync(WEAPP_DIR, copy, { recursive: true })
    const file = path.join(copy, 'pages/profile/index.js')
    const code = readFileSync(file, 'utf8')
    const broken = code.replace('openType:"chooseAvatar"', 'openType:"getPhoneNumber"')
    expect(broken).not.toBe(code)
    writeFileSync(file, broken)
    const uses = privacyUsesIn(copy)
    expect(undeclaredUses(uses)).toEqual(['button open-type="getPhoneNumber" (PhoneNumber) in pages/profile/index.js'])
    expect(unusedDeclarations(uses)).toEqual(['button open-type="chooseAvatar"'])
  })
})
