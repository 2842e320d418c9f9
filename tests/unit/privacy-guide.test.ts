import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PRIVACY_SCOPES } from '@/domain/privacy-scopes'

/** docs/launch.md's 用户隐私保护指引 table is what the console is filled from: it must equal the declaration. */
describe('the launch guide declares what the app declares (R20)', () => {
  const launch = readFileSync(path.join(__dirname, '../../docs/launch.md'), 'utf8')
  const section = launch.split(/^## /m).find((part) => part.startsWith('用户隐私保护指引')) ?? ''
  // The table's rows as trimmed cells: information (privacy_key), APIs and components, purpose.
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => /\([A-Z]\w*\)$/.test(cells[0] ?? ''))

  it('when the guide is read, then it has one row per declared privacy_key, with its information, APIs and purpose', () => {
    expect(rows.map((cells) => /\((\w+)\)$/.exec(cells[0] ?? '')?.[1])).toEqual(PRIVACY_SCOPES.map((s) => s.key))
    for (const scope of PRIVACY_SCOPES) {
      const [info, uses, purpose] = rows.find((cells) => cells[0]?.endsWith(`(${scope.key})`)) ?? []
      expect(info).toBe(`${scope.info} (${scope.key})`)
      expect(purpose).toBe(scope.purpose)
      const declared = [
        ...scope.apis.map((api) => (api.startsWith('authorize:') ? `wx.authorize(${api.slice(10)})` : `wx.${api}`)),
        ...scope.components,
      ]
      expect(uses?.split(', ')).toEqual(declared)
    }
  })
})
