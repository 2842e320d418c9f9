import type { OrderStatus } from './order'
import type { SearchFilters } from './search-route'

type None = Record<never, never>

/**
 * Every page of the app (as `app.config.ts` lists it; a test holds the two together) with the
 * parameters it reads. Navigation, share cards, mini-program codes and subscribe messages all name
 * their page from here, so a renamed page or parameter fails the typecheck wherever it is used.
 */
export interface PageParams {
  // The tab pages (the main package).
  'pages/feed/index': None
  'pages/mine/index': None
  // The agent's pages.
  'pages/profile/index': None
  /** What the supplier's home code opens (R12); the scene is the code's. */
  'pages/bind/index': { scene?: string }
  'pages/suppliers/index': None
  'pages/shop/index': { id: string }
  /** `order: 1` opens it with the order sheet up (下单 on a card). */
  'pages/product/index': { id: string; order?: 1 }
  'pages/cart/index': None
  'pages/checkout/index': { supplierId: string }
  /** The customer view of a share (R16): the token is the share's only key. */
  'pages/share/index': { token: string }
  'pages/shares/index': None
  'pages/markup/index': { supplierId: string; productId?: string }
  /** The agent's own words for a product or a post (exactly one). */
  'pages/words/index': { productId?: string; postId?: string }
  /**
   * 多选转发: pick up to 9 products, forward them as one post or share them as one card; with
   * `mode: 'storefront'` the picked products go into 我的小店 instead. Opened from 搜索 it lists that
   * search's results (its words and filters, src/domain/search-route.ts) instead of the feed.
   */
  'pages/pick/index': { mode?: 'storefront' } & Partial<SearchFilters>
  /** The customer view of a shared selection: the token is its only key. */
  'pages/selection/index': { token: string }
  /** 搜索: words and filters over the feed, of one supplier when given; `mode: 'storefront'` adds a result to 我的小店 and returns. */
  'pages/search/index': { supplierId?: string; mode?: 'storefront' }
  /** 我的小店: the agent's storefront (name, cover, its products in order, insight, sharing). */
  'pages/storefront/index': None
  /** The customer view of a storefront: the token is its only key (printed codes and cards carry it). */
  'pages/storefront/view/index': { token: string }
  /** 我的订单; without a status it opens on 全部. */
  'pages/orders/index': { status?: OrderStatus }
  'pages/orders/detail/index': { id: string }
  /** 我的售后 (R19); `filter: 'open'` opens it on 进行中. */
  'pages/aftersale/index': { filter?: 'open' | 'all' }
  /** 申请退款 / 申请售后 on an order (again on a refused case). */
  'pages/aftersale/apply/index': { orderId: string }
  'pages/aftersale/detail/index': { id: string }
  // 微供管理 (the supplier subpackage).
  'supplier/register/index': None
  'supplier/home/index': None
  'supplier/profile/index': None
  'supplier/agents/index': None
  'supplier/tiers/index': None
  'supplier/publish/category/index': None
  /** A new product of a category (from a shop item when given), or an edit of product `id`. */
  'supplier/publish/form/index': { category?: string; shopItemId?: string; id?: string }
  'supplier/publish/success/index': { id: string }
  'supplier/products/index': None
  'supplier/shipping/index': None
  'supplier/shipping/edit/index': { id?: string }
  'supplier/import/index': None
  'supplier/orders/index': { status?: OrderStatus }
  'supplier/orders/detail/index': { id: string }
  'supplier/posts/index': None
  'supplier/posts/publish/index': None
  /** 售后 (R19); without a filter it opens on 待处理. */
  'supplier/aftersale/index': { filter?: 'todo' | 'all' }
  'supplier/aftersale/detail/index': { id: string }
  // 平台审核.
  'operator/review/index': None
  /** 平台介入 (R19): escalated cases, and the decision on one. */
  'operator/aftersale/index': None
  'operator/aftersale/detail/index': { id: string }
}

export type Page = keyof PageParams

/**
 * A page's URL for navigation and share cards: `route('pages/product/index', { id })` →
 * `/pages/product/index?id=…`. The parameters are typed per page (required ones must be given),
 * URL-encoded, and left out when undefined. One function and a table of types, because the tab
 * pages load it in the main package: a builder per page costs bytes every user downloads.
 */
export function route<P extends Page>(
  page: P,
  ...[query]: object extends PageParams[P] ? [query?: PageParams[P]] : [query: PageParams[P]]
): string {
  const given = (query ?? {}) as Record<string, string | number | undefined>
  const pairs = Object.keys(given)
    .filter((key) => given[key] !== undefined)
    .map((key) => `${key}=${encodeURIComponent(String(given[key]))}`)
  return `/${page}${pairs.length ? `?${pairs.join('&')}` : ''}`
}

/** A URL as the API's share `path` and subscribe messages' `page` are written: without the leading slash. */
export function pagePath(url: string): string {
  return url.replace(/^\//, '')
}
