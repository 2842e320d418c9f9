/**
 * What every WeChat user downloads before the first page: the main package (everything outside the
 * subpackage roots). The performance record holds it to 1.3× a NutUI floor with little to spare, and zod with the
 * contract's schemas was the largest weight it shed (README Decisions): this keeps zod out of it, and
 * keeps the main package to the tab pages, without waiting for `npm run bench -- --check`.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { WEAPP_DIR } from './paths'

interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string }>
  tabBar?: { list: Array<{ pagePath: string }> }
}

function appJsonOf(dir: string): AppJson {
  return JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as AppJson
}

/** The main package's script files, relative to the build. */
function mainPackageScripts(dir: string): string[] {
  const roots = (appJsonOf(dir).subPackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const walk = (at: string): string[] =>
    readdirSync(path.join(dir, at), { withFileTypes: true }).flatMap((entry) => {
      const rel = at ? `${at}/${entry.name}` : entry.name
      if (entry.isDirectory()) return roots.includes(rel) ? [] : walk(rel)
      return rel.endsWith('.js') ? [rel] : []
    })
  return walk('')
}

/** zod's error class name survives minification (it is a string zod sets on its errors). */
function scriptsLoadingZod(dir: string): string[] {
  return mainPackageScripts(dir).filter((file) => readFileSync(path.join(dir, file), 'utf8').includes('ZodError'))
}

describe('the main package', () => {
  it('when the build is read, then no script of the main package carries zod', () => {
    expect(mainPackageScripts(WEAPP_DIR)).toContain('vendors.js')
    expect(scriptsLoadingZod(WEAPP_DIR)).toEqual([])
  })

  it('when the build is read, then the main package holds the tab pages only', () => {
    const app = appJsonOf(WEAPP_DIR)
    expect([...app.pages].sort()).toEqual((app.tabBar?.list ?? []).map((tab) => tab.pagePath).sort())
  })

  it('when a main-package script carries zod, then the check names it (and not a subpackage copy)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wegong-main-package-'))
    try {
      writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/feed/index'], subPackages: [{ root: 'pages/cart' }] }))
      mkdirSync(path.join(dir, 'pages/cart'), { recursive: true })
      writeFileSync(path.join(dir, 'vendors.js'), 'class ZodError extends Error {}')
      writeFileSync(path.join(dir, 'pages/cart/sub-vendors.js'), 'class ZodError extends Error {}')
      expect(scriptsLoadingZod(dir)).toEqual(['vendors.js'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
