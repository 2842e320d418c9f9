import { AppError } from '@/domain/errors'
import { NEW_COUNT_MAX, type AgentProduct, type AgentSpec } from '@/domain/feed'
import type { SupplierCard } from '@/domain/network'
import type { ActionArgs } from '@/domain/api'
import { isOnSale } from '@/domain/product'
import { viewerPrices } from '@/domain/viewer-prices'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { toPage } from '../platform/cursor'
import { viewableUrls } from '../platform/files'
import { listSupplierIdsOfAgent } from '../store/bindings'
import { countPublishedSince, findProductView, listOnSaleProducts, type ViewProductRecord } from '../store/products'
import { viewerOf, viewersFor, type Viewer } from '../access'
import { supplierCardsOf } from '../views'

/**
 * One answer for every product an agent may not see — missing, delisted, expired, another
 * supplier's, not bound, removed — so the answer never tells which (R9).
 */
const PRODUCT_HIDDEN = '商品不存在或已下架'

/** Only the viewer's own price per spec: `tierPrices`, other tiers' prices and file IDs never leave. */
function toAgentProduct(product: ViewProductRecord, viewer: Viewer, card: SupplierCard, urls: Map<string, string>): AgentProduct {
  const prices = viewerPrices(product, viewer)
  const specs: AgentSpec[] = product.specs.map((spec, i) => {
    const { price, retail } = prices[i] ?? { price: spec.price }
    return {
      id: spec.id,
      name: spec.name,
      images: spec.images.map((ref) => urls.get(ref) ?? '').filter((url) => url !== '' && !url.startsWith('cloud://')),
      price,
      ...(spec.retailPrice !== undefined ? { retailPrice: spec.retailPrice } : {}),
      ...(retail !== undefined ? { sellPrice: retail } : {}),
      stock: spec.stock,
    }
  })
  return {
    _id: product._id,
    supplierId: product.supplierId,
    supplier: card,
    category: product.category,
    description: product.description,
    specs,
    publishedAt: product.publishedAt,
    expiresAt: product.expiresAt,
  }
}

/** Everything but the products comes with the viewers (the bindings): no read per item or supplier. */
async function toAgentProducts(products: ViewProductRecord[], viewers: Map<string, Viewer>): Promise<AgentProduct[]> {
  const shown = [...new Set(products.map((p) => p.supplierId))].flatMap((id) => viewers.get(id) ?? [])
  const [cards, urls] = await Promise.all([supplierCardsOf(shown), viewableUrls(products.flatMap((p) => p.specs.flatMap((s) => s.images)))])
  return products.flatMap((product) => {
    const viewer = viewers.get(product.supplierId)
    const card = cards.get(product.supplierId)
    return viewer && card ? [toAgentProduct(product, viewer, card, urls)] : []
  })
}

/** The agent's feed: on-sale products (R8) of its bound suppliers, newest first. Two reads: bindings, products. */
export async function listProducts(input: ActionArgs<'feed', 'products'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const viewers = await viewersFor(openid, input.supplierId)
  const rows = await listOnSaleProducts([...viewers.keys()], now(), input.cursor, input.limit)
  const page = toPage(rows, input.limit, (p) => p.publishedAt)
  return { items: await toAgentProducts(page.items, viewers), nextCursor: page.nextCursor }
}

/** One product as the caller may see it: a bound agent (own price) or the owner (base price). */
export async function getProduct(input: ActionArgs<'feed', 'product'>, caller: Caller): Promise<AgentProduct> {
  const openid = requireOpenid(caller)
  const hidden = new AppError('NOT_FOUND', PRODUCT_HIDDEN)
  const record = await findProductView(input.id)
  if (!record || !isOnSale(record, now())) throw hidden
  const viewer = await viewerOf(openid, record.supplierId)
  // Hidden by WeChat's image check (R20): its owner still sees it, nobody else does.
  if (!viewer || (record.moderation && viewer.role !== 'owner')) throw hidden
  const [item] = await toAgentProducts([record], new Map([[viewer.supplierId, viewer]]))
  if (!item) throw hidden
  return item
}

/** 「N 件新品」 since the agent last looked, up to NEW_COUNT_MAX. */
export async function newCount(input: ActionArgs<'feed', 'newCount'>, caller: Caller) {
  const openid = requireOpenid(caller)
  return { count: await countPublishedSince(await listSupplierIdsOfAgent(openid), input.since, now(), NEW_COUNT_MAX) }
}
