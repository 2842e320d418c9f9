import type { OrderStatus } from './order'

/**
 * Every page of the app, one builder each, for navigation, share cards, mini-program codes and
 * subscribe messages alike: `routes.product({ id })` → `/pages/product/index?id=…`. The paths are
 * those of `app.config.ts` (a test holds them to it). Zod-free and small: the tab pages load it in
 * the main package, so a builder is one shared closure over its path, typed by its parameters.
 */

type Query = Record<string, string | number | undefined>

/** A page's builder: its URL with the parameters given (required ones must be), and its bare path. */
export type Route<Q extends Query> = ((...query: object extends Q ? [query?: Q] : [query: Q]) => string) & { page: string }

function route<Q extends Query = Record<never, never>>(page: string): Route<Q> {
  // Parameters are URL-encoded (category names, search words); undefined ones are left out.
  const build = (query: Query = {}) => {
    const pairs = Object.keys(query)
      .filter((key) => query[key] !== undefined)
      .map((key) => `${key}=${encodeURIComponent(String(query[key]))}`)
    return `/${page}${pairs.length ? `?${pairs.join('&')}` : ''}`
  }
  return Object.assign(build, { page }) as Route<Q>
}

const agentPage = <Q extends Query = Record<never, never>>(name: string) => route<Q>(`pages/${name}/index`)
const supplierPage = <Q extends Query = Record<never, never>>(name: string) => route<Q>(`supplier/${name}/index`)

export const routes = {
  // The tab pages (the main package).
  feed: agentPage('feed'),
  mine: agentPage('mine'),
  // The agent's pages.
  profile: agentPage('profile'),
  /** What the supplier's home code opens (R12); the scene is the code's. */
  bind: agentPage<{ scene?: string }>('bind'),
  suppliers: agentPage('suppliers'),
  shop: agentPage<{ id: string }>('shop'),
  /** `order: 1` opens it with the order sheet up (下单 on a card). */
  product: agentPage<{ id: string; order?: 1 }>('product'),
  cart: agentPage('cart'),
  checkout: agentPage<{ supplierId: string }>('checkout'),
  /** The customer view of a share (R16): the token is the share's only key. */
  share: agentPage<{ token: string }>('share'),
  shares: agentPage('shares'),
  markup: agentPage<{ supplierId: string; productId?: string }>('markup'),
  /** 我的订单; without a status it opens on 全部. */
  agentOrders: agentPage<{ status?: OrderStatus }>('orders'),
  agentOrder: agentPage<{ id: string }>('orders/detail'),
  // 微供管理 (the supplier subpackage).
  supplierRegister: supplierPage('register'),
  supplierHome: supplierPage('home'),
  supplierProfile: supplierPage('profile'),
  agents: supplierPage('agents'),
  tiers: supplierPage('tiers'),
  publishCategory: supplierPage('publish/category'),
  /** A new product of a category (from a shop item when given), or an edit of product `id`. */
  publishForm: supplierPage<{ category?: string; shopItemId?: string; id?: string }>('publish/form'),
  publishSuccess: supplierPage<{ id: string }>('publish/success'),
  products: supplierPage('products'),
  shipping: supplierPage('shipping'),
  shippingEdit: supplierPage<{ id?: string }>('shipping/edit'),
  import: supplierPage('import'),
  posts: supplierPage('posts'),
  postPublish: supplierPage('posts/publish'),
  /** 已卖出的商品; without a status it opens on 待发货. */
  supplierOrders: supplierPage<{ status?: OrderStatus }>('orders'),
  supplierOrder: supplierPage<{ id: string }>('orders/detail'),
  // 平台审核.
  review: route('operator/review/index'),
}

/** A URL as mini-program codes and subscribe messages take their `page`: without the leading slash. */
export function pagePath(url: string): string {
  return url.replace(/^\//, '')
}
