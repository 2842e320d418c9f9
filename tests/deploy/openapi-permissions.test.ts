/**
 * 云调用 permissions: WeChat refuses an openapi call its function's config.json does not declare
 * (-604101), and the local cloud does the same, but only on the paths a test walks. This reads every
 * built function for the openapi calls its code can make, walked or not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const built = path.join(root, 'dist/cloudfunctions')

/** The openapi names a bundle calls (`cloud.openapi.security.msgSecCheck(` → `security.msgSecCheck`). */
export function openApiCallsIn(code: string): string[] {
  return [...new Set([...code.matchAll(/\bopenapi((?:\.[A-Za-z]\w*)+)\s*\(/g)].map((m) => m[1].slice(1)))].sort()
}

describe('云调用 permissions of the functions', () => {
  it('reads the openapi names a bundle calls', () => {
    expect(
      openApiCallsIn('a=cloud.openapi.security.msgSecCheck({x}); b=e.openapi.wxa.sec.order.uploadShippingInfo (p); openapi.x'),
    ).toEqual(['security.msgSecCheck', 'wxa.sec.order.uploadShippingInfo'])
  })

  it('when the functions are built, then each declares in its config.json every openapi its code calls', () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build:functions\` first (npm test does)`)
    const functions = readdirSync(built).filter((name) => existsSync(path.join(built, name, 'index.js')))
    expect(functions.length).toBeGreaterThan(10)
    const undeclared = functions.flatMap((name) => {
      const calls = openApiCallsIn(readFileSync(path.join(built, name, 'index.js'), 'utf8'))
      const config = path.join(root, 'cloudfunctions', name, 'config.json')
      const declared = existsSync(config)
        ? ((JSON.parse(readFileSync(config, 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? [])
        : []
      return calls.filter((api) => !declared.includes(api)).map((api) => `${name}: ${api}`)
    })
    expect(undeclared).toEqual([])
  })
})
