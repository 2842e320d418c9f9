import type { AgentProduct, AgentSpec } from '@/domain/feed'
import type { SupplierCard } from '@/domain/network'
import { daysLeft, effectiveStatus, isExpiringSoon, priceRange, productThumbnail, type ProductSummary } from '@/domain/product'
import { viewerPrices } from '@/domain/viewer-prices'
import type { Viewer } from './access'
import { viewableUrls } from './platform/files'
import type { ProductRecord, ViewProductRecord } from './store/products'
import { supplierCardsOf } from './views'

/**
 * How products are answered, shared by the use cases that list them (the feed and its search, the
 * supplier's lists and its search), so that none of them imports another.
 */

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
export async function toAgentProducts(products: ViewProductRecord[], viewers: Map<string, Viewer>): Promise<AgentProduct[]> {
  const shown = [...new Set(products.map((p) => p.supplierId))].flatMap((id) => viewers.get(id) ?? [])
  const [cards, urls] = await Promise.all([supplierCardsOf(shown), viewableUrls(products.flatMap((p) => p.specs.flatMap((s) => s.images)))])
  return products.flatMap((product) => {
    const viewer = viewers.get(product.supplierId)
    const card = cards.get(product.supplierId)
    return viewer && card ? [toAgentProduct(product, viewer, card, urls)] : []
  })
}

/** A row of the supplier's own lists (销售中 / 已下架), its thumbnail a viewable URL from `urls`. */
export function toProductSummary(record: ProductRecord, at: number, urls: Map<string, string>): ProductSummary {
  const status = effectiveStatus(record, at)
  const { min, max } = priceRange(record.specs)
  const thumbnail = productThumbnail(record.specs)
  return {
    _id: record._id,
    status,
    category: record.category,
    description: record.description,
    thumbnail: thumbnail ? (urls.get(thumbnail) ?? '') : '',
    minPrice: min,
    maxPrice: max,
    stock: record.specs.reduce((sum, spec) => sum + spec.stock, 0),
    publishedAt: record.publishedAt,
    expiresAt: record.expiresAt,
    daysLeft: status === 'on_sale' ? daysLeft(record.expiresAt, at) : 0,
    expiringSoon: isExpiringSoon(record, at),
    ...(record.moderation ? { hiddenReason: record.moderation.reason } : {}),
  }
}

/** Summaries of a page of the supplier's products, their thumbnails made viewable in one call. */
export async function toProductSummaries(records: ProductRecord[], at: number): Promise<ProductSummary[]> {
  const urls = await viewableUrls(records.map((row) => productThumbnail(row.specs)).filter(Boolean), 'owner')
  return records.map((row) => toProductSummary(row, at, urls))
}
