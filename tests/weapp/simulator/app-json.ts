import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AppJson, Navigation, TaroNode } from './types'

/** The files every Taro weapp build has; their absence means there is no build. */
const BUILD_FILES = ['app.js', 'app.json', 'runtime.js', 'taro.js', 'vendors.js', 'common.js', 'base.wxml']

/** Fails with what to do when `distDir` holds no mini-program build. */
export function assertBuilt(distDir: string): void {
  const missing = BUILD_FILES.filter((file) => !existsSync(path.join(distDir, file)))
  if (missing.length) throw new Error(`${distDir} has no mini-program build (missing ${missing.join(', ')}): run npm run build:weapp first`)
}

export function readAppJson(distDir: string): AppJson {
  assertBuilt(distDir)
  return JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
}

/** Every page of app.json, main package first, as `pages/feed/index`, `supplier/home/index`. */
export function allPages(app: AppJson): string[] {
  return [...app.pages, ...(app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`))]
}

export function tabPages(app: AppJson): string[] {
  return (app.tabBar?.list ?? []).map((item) => item.pagePath)
}

/** The route a URL opens (absolute, or relative to the page `from`), without its query. */
export function routeOf(url: string, from = ''): string {
  const [target] = url.split('?')
  return target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target)
}

/** What WeChat refuses: an unknown page, a tab page by navigateTo/redirectTo, a non-tab page by switchTab. */
export function navigationProblem(app: AppJson, from: string, nav: Navigation): string | null {
  if (nav.api === 'navigateBack') return null
  const route = routeOf(nav.url, from)
  const tabs = tabPages(app)
  if (!allPages(app).includes(route)) return `${nav.api}(${nav.url}): no such page in app.json`
  if (nav.api === 'switchTab' && !tabs.includes(route)) return `switchTab(${nav.url}): not a tab page, WeChat refuses it`
  if (nav.api === 'switchTab' && nav.url.includes('?')) return `switchTab(${nav.url}): a tab page takes no query`
  if ((nav.api === 'navigateTo' || nav.api === 'redirectTo') && tabs.includes(route))
    return `${nav.api}(${nav.url}): a tab page opens only with switchTab`
  return null
}

/** The elements of Taro's data tree (text nodes render no element). */
export function countTaroElements(node: TaroNode | undefined): number {
  return (node?.cn ?? []).reduce((sum, child) => sum + (child.v === undefined ? 1 + countTaroElements(child) : 0), 0)
}
