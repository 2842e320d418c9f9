import type { AgentPost, AgentPostProduct } from '@/domain/post'
import { excerpt } from '@/domain/post'
import { isShownToOthers, productThumbnail } from '@/domain/product'
import { priceSpan } from '@/domain/money'
import { viewerPrices } from '@/domain/viewer-prices'
import type { Viewer } from './access'
import { urlOf, viewableUrls } from './platform/files'
import type { PostRecord } from './store/posts'
import { findProductViews, type ViewProductRecord } from './store/products'
import { supplierCardsOf } from './views'

/**
 * How posts are answered, shared by the use cases that list them (the supplier's posts, the agents'
 * feed of posts and its search), so that none of them imports another.
 */

/** The posts' pictures and their products' thumbnails as temporary URLs, in one call. */
export async function urlsFor(posts: PostRecord[], products: ViewProductRecord[]): Promise<Map<string, string>> {
  return viewableUrls([...posts.flatMap((p) => p.images), ...products.map((p) => productThumbnail(p.specs)).filter(Boolean)])
}

function toAgentPostProduct(product: ViewProductRecord, viewer: Viewer, urls: Map<string, string>): AgentPostProduct {
  const prices = viewerPrices(product, viewer)
  const price = priceSpan(prices.map((p) => p.price)) ?? { min: 0, max: 0 }
  const retail = priceSpan(prices.flatMap((p) => (p.retail !== undefined ? [p.retail] : [])))
  return {
    _id: product._id,
    description: excerpt(product.description),
    thumbnail: urlOf(urls, productThumbnail(product.specs)),
    minPrice: price.min,
    maxPrice: price.max,
    ...(retail ? { minRetail: retail.min, maxRetail: retail.max } : {}),
  }
}

/**
 * Posts as their agent sees them (R14): the supplier's card, the pictures, and only the on-sale
 * products linked, at the agent's own price. Answered field by field, so nothing else of the record
 * (its search tokens, other tiers' prices) leaves. Reads: the linked products, the cards.
 */
export async function toAgentPosts(posts: PostRecord[], viewers: Map<string, Viewer>, at: number): Promise<AgentPost[]> {
  const products = (await findProductViews(posts.flatMap((p) => p.productIds))).filter((p) => isShownToOthers(p, at))
  const byId = new Map(products.map((p) => [p._id, p]))
  const shown = [...viewers.values()].filter((v) => posts.some((p) => p.supplierId === v.supplierId))
  const [cards, urls] = await Promise.all([supplierCardsOf(shown), urlsFor(posts, products)])
  return posts.flatMap((post) => {
    const viewer = viewers.get(post.supplierId)
    const card = cards.get(post.supplierId)
    if (!viewer || !card) return []
    const linked = post.productIds.flatMap((id) => {
      const product = byId.get(id)
      return product && product.supplierId === post.supplierId ? [toAgentPostProduct(product, viewer, urls)] : []
    })
    return [
      {
        _id: post._id,
        supplierId: post.supplierId,
        supplier: card,
        text: post.text,
        images: post.images.map((id) => urlOf(urls, id)).filter(Boolean),
        products: linked,
        linkedProducts: post.productIds.length,
        createdAt: post.createdAt,
      },
    ]
  })
}
