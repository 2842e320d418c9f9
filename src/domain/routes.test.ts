import { beforeAll, describe, expect, it } from 'vitest'
import { pagePath, route, type Page } from './routes'

interface AppConfig {
  pages: string[]
  subPackages: Array<{ root: string; pages: string[] }>
  tabBar: { list: Array<{ pagePath: string }> }
}

/**
 * Every page the routes know: the typecheck refuses this list when it misses one of `PageParams` or
 * names a page it does not have, so the test below compares the whole table with the app config.
 */
const routedPages: Record<Page, true> = {
  'pages/feed/index': true,
  'pages/mine/index': true,
  'pages/profile/index': true,
  'pages/bind/index': true,
  'pages/suppliers/index': true,
  'pages/shop/index': true,
  'pages/product/index': true,
  'pages/cart/index': true,
  'pages/checkout/index': true,
  'pages/share/index': true,
  'pages/shares/index': true,
  'pages/markup/index': true,
  'pages/words/index': true,
  'pages/pick/index': true,
  'pages/selection/index': true,
  'pages/search/index': true,
  'pages/storefront/index': true,
  'pages/storefront/view/index': true,
  'pages/orders/index': true,
  'pages/orders/detail/index': true,
  'pages/aftersale/index': true,
  'pages/aftersale/apply/index': true,
  'pages/aftersale/detail/index': true,
  'supplier/register/index': true,
  'supplier/home/index': true,
  'supplier/profile/index': true,
  'supplier/agents/index': true,
  'supplier/tiers/index': true,
  'supplier/publish/category/index': true,
  'supplier/publish/form/index': true,
  'supplier/publish/success/index': true,
  'supplier/products/index': true,
  'supplier/shipping/index': true,
  'supplier/shipping/edit/index': true,
  'supplier/import/index': true,
  'supplier/orders/index': true,
  'supplier/orders/detail/index': true,
  'supplier/posts/index': true,
  'supplier/posts/publish/index': true,
  'supplier/aftersale/index': true,
  'supplier/aftersale/detail/index': true,
  'operator/review/index': true,
  'operator/aftersale/index': true,
  'operator/aftersale/detail/index': true,
}

/** Every page of the app config, main package and subpackages, as app.json lists them. */
let appPages: string[] = []
let tabPages: string[] = []

beforeAll(async () => {
  // Taro provides defineAppConfig as a global when it compiles the config; here it is the identity.
  ;(globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }).defineAppConfig = (config) => config
  const config = (await import('../app.config')).default as unknown as AppConfig
  appPages = [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))]
  tabPages = config.tabBar.list.map((tab) => tab.pagePath)
})

describe('routes', () => {
  it('when each route is read, then its page is a page of the app config, and every page of the app config is a route', () => {
    const routed = Object.keys(routedPages)
    expect(routed.filter((page) => !appPages.includes(page))).toEqual([])
    expect(appPages.filter((page) => !routed.includes(page))).toEqual([])
    expect(tabPages.filter((page) => !routed.includes(page))).toEqual([])
  })

  it.each([
    [route('pages/feed/index'), '/pages/feed/index'],
    [route('pages/product/index', { id: 'demo-p-dress' }), '/pages/product/index?id=demo-p-dress'],
    [route('pages/product/index', { id: 'demo-p-dress', order: 1 }), '/pages/product/index?id=demo-p-dress&order=1'],
    [route('pages/orders/index', {}), '/pages/orders/index'],
    [route('pages/orders/index', { status: undefined }), '/pages/orders/index'],
    [route('pages/orders/index', { status: 'paid' }), '/pages/orders/index?status=paid'],
    [
      route('supplier/publish/form/index', { category: '女装 & 童装', shopItemId: 'a/b' }),
      '/supplier/publish/form/index?category=%E5%A5%B3%E8%A3%85%20%26%20%E7%AB%A5%E8%A3%85&shopItemId=a%2Fb',
    ],
    [route('supplier/orders/detail/index', { id: 'o?1' }), '/supplier/orders/detail/index?id=o%3F1'],
    [route('operator/review/index'), '/operator/review/index'],
  ])('when built as %s, then it is that URL, its parameters encoded and the undefined ones left out', (url, expected) => {
    expect(url).toBe(expected)
  })

  it('when a URL is given to a share answer or a message, then it loses only its leading slash', () => {
    expect(pagePath(route('pages/share/index', { token: 'abcdefgh23456789' }))).toBe('pages/share/index?token=abcdefgh23456789')
    expect(pagePath(route('pages/orders/detail/index', { id: 'o1' }))).toBe('pages/orders/detail/index?id=o1')
  })
})
