import { beforeAll, describe, expect, it } from 'vitest'
import { pagePath, routes } from './routes'

interface AppConfig {
  pages: string[]
  subPackages: Array<{ root: string; pages: string[] }>
  tabBar: { list: Array<{ pagePath: string }> }
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
  it('when each route is read, then its page is a page of the app config', () => {
    const unknown = Object.entries(routes).filter(([, route]) => !appPages.includes(route.page))
    expect(unknown.map(([name, route]) => `${name}: ${route.page}`)).toEqual([])
  })

  it('when the app config is read, then every page has a route, once', () => {
    const pages = Object.values(routes).map((route) => route.page)
    expect([...pages].sort()).toEqual([...appPages].sort())
  })

  it('when a route is built, then its URL is its page, with a leading slash', () => {
    for (const route of Object.values(routes)) {
      const build = route as (query: Record<string, string>) => string
      expect(build({ id: 'x1' }).split('?')[0]).toBe(`/${route.page}`)
    }
    expect(tabPages.map((page) => `/${page}`)).toEqual([routes.feed(), routes.mine()])
  })

  it.each([
    [routes.feed(), '/pages/feed/index'],
    [routes.product({ id: 'demo-p-dress' }), '/pages/product/index?id=demo-p-dress'],
    [routes.product({ id: 'demo-p-dress', order: 1 }), '/pages/product/index?id=demo-p-dress&order=1'],
    [routes.agentOrders({}), '/pages/orders/index'],
    [routes.agentOrders({ status: undefined }), '/pages/orders/index'],
    [routes.agentOrders({ status: 'paid' }), '/pages/orders/index?status=paid'],
    [
      routes.publishForm({ category: '女装 & 童装', shopItemId: 'a/b' }),
      '/supplier/publish/form/index?category=%E5%A5%B3%E8%A3%85%20%26%20%E7%AB%A5%E8%A3%85&shopItemId=a%2Fb',
    ],
    [routes.supplierOrder({ id: 'o?1' }), '/supplier/orders/detail/index?id=o%3F1'],
    [routes.review(), '/operator/review/index'],
  ])('when built as %s, then it is that URL, its parameters encoded and the undefined ones left out', (url, expected) => {
    expect(url).toBe(expected)
  })

  it('when a URL is given to a code or a message, then it loses only its leading slash', () => {
    expect(pagePath(routes.share({ token: 'abcdefgh23456789' }))).toBe('pages/share/index?token=abcdefgh23456789')
    expect(pagePath(routes.agentOrder({ id: 'o1' }))).toBe('pages/orders/detail/index?id=o1')
    expect(pagePath(routes.bind.page)).toBe('pages/bind/index')
  })
})
