import { command, db } from '../platform/cloud'
import type { BindingRecord } from './bindings'
import type { PostRecord } from './posts'
import type { ViewProductRecord } from './products'
import type { ShareRecord } from './shares'
import type { UserRecord } from './users'

/** What the customer view needs of a share, read at once: the viewer of a viral card costs one read. */
export interface ShareForView {
  share: ShareRecord
  /** The agent's binding to the share's supplier; null once the agent was removed. */
  binding: BindingRecord | null
  /** The agent's own card; null for an agent without a user record. */
  seller: UserRecord | null
  /** The shared product (a product share), or the shared post (a post share), when they still exist. */
  product: ViewProductRecord | null
  post: PostRecord | null
}

interface Joined extends ShareRecord {
  sellers: UserRecord[]
  bindings: BindingRecord[]
  products: ViewProductRecord[]
  posts: PostRecord[]
}

/**
 * The share of `token` with its agent's card, the agent's binding to the supplier and the shared item,
 * in one aggregation (each join by an indexed field); null for an unknown token.
 */
export async function findShareForView(token: string): Promise<ShareForView | null> {
  const $ = command.aggregate
  const { list } = (await db
    .collection('shares')
    .aggregate()
    .match({ token })
    .limit(1)
    .lookup({ from: 'users', localField: 'agentOpenid', foreignField: 'openid', as: 'sellers' })
    .lookup({ from: 'bindings', localField: 'agentOpenid', foreignField: 'agentOpenid', as: 'bindings' })
    // Only the binding to this share's supplier travels back, not every supplier the agent follows.
    .addFields({ bindings: $.filter({ input: '$bindings', as: 'b', cond: $.eq(['$$b.supplierId', '$supplierId']) }) })
    .lookup({ from: 'products', localField: 'itemId', foreignField: '_id', as: 'products' })
    .lookup({ from: 'posts', localField: 'itemId', foreignField: '_id', as: 'posts' })
    .end()) as { list: Joined[] }
  const [row] = list
  if (!row) return null
  const { sellers, bindings, products, posts, ...share } = row
  return {
    share,
    binding: bindings.find((b) => b.supplierId === share.supplierId) ?? null,
    seller: sellers[0] ?? null,
    product: share.kind === 'product' ? (products[0] ?? null) : null,
    post: share.kind === 'post' ? (posts[0] ?? null) : null,
  }
}
