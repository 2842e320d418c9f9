import { AppError, type Issue } from '@/domain/errors'
import { SCENES } from '@/domain/content-rules'
import type { ActionArgs } from '@/domain/api'
import { excerpt, type Post, type PostProduct } from '@/domain/post'
import { NEW_COUNT_MAX } from '@/domain/feed'
import { isOnSale, productThumbnail } from '@/domain/product'
import { newImages } from '@/domain/media-check'
import { requireSafeTexts } from '../platform/content-security'
import { requestImageChecks } from '../platform/media-security'
import { insertMediaChecks } from '../store/media-checks'
import { requireCanPublish, requireOwnSupplier, viewersFor } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { toPage } from '../platform/cursor'
import { createOnce, keyedFields, keyedRequest } from '../platform/idempotency'
import { listSupplierIdsOfAgent } from '../store/bindings'
import { countOwnPosts, countPostsSince, findPost, insertPost, listPostsOf, removeOwnPosts, type PostRecord } from '../store/posts'
import { findProductViews, type ViewProductRecord } from '../store/products'
import { urlOf } from '../platform/files'
import { toAgentPosts, urlsFor } from '../post-views'

/** R14 微供动态: the supplier publishes and removes posts; its bound agents read them (R9). */

const POST_HIDDEN = '动态不存在或已被删除'

function toPost(record: PostRecord, products: Map<string, ViewProductRecord>, urls: Map<string, string>, at: number): Post {
  const linked: PostProduct[] = record.productIds.flatMap((id) => {
    const product = products.get(id)
    if (!product || product.supplierId !== record.supplierId) return []
    return [
      {
        _id: id,
        description: excerpt(product.description),
        thumbnail: urlOf(urls, productThumbnail(product.specs)),
        onSale: isOnSale(product, at),
      },
    ]
  })
  return {
    _id: record._id,
    supplierId: record.supplierId,
    text: record.text,
    images: record.images.map((id) => urlOf(urls, id)).filter(Boolean),
    productIds: record.productIds,
    products: linked,
    createdAt: record.createdAt,
    ...(record.moderation ? { hiddenReason: record.moderation.reason } : {}),
  }
}

/**
 * 发布动态 (R14): text, 0–9 of the supplier's own pictures (the handler's file guard checked them),
 * and 1–9 of its own products, each on sale at this moment.
 */
export async function createPost(input: ActionArgs<'post', 'create'>, caller: Caller): Promise<Post> {
  const supplier = await requireOwnSupplier(caller)
  requireCanPublish(supplier, '发布动态')
  const at = now()
  const products = new Map((await findProductViews(input.productIds)).map((p) => [p._id, p]))
  const issues: Issue[] = []
  input.productIds.forEach((id, i) => {
    const product = products.get(id)
    // Another supplier's product reads exactly like a missing one (R9).
    if (!product || product.supplierId !== supplier._id) issues.push({ path: ['productIds', i], message: '导购商品不存在，请重新选择' })
    else if (!isOnSale(product, at)) issues.push({ path: ['productIds', i], message: '导购商品已下架，请重新选择' })
  })
  const [first] = issues
  if (first) throw new AppError('INVALID_ARGUMENT', first.message, issues)
  await requireSafeTexts(supplier.ownerOpenid, [{ path: ['text'], label: '动态内容', text: input.text, scene: SCENES.social }])
  const record = await createOnce(
    keyedRequest(supplier._id, input),
    async (id) => {
      const earlier = await findPost(id)
      return earlier?.supplierId === supplier._id ? earlier : null
    },
    async (keyed) => {
      // Asked before storing, so a post whose pictures WeChat cannot check is not published (R20).
      const checks = await requestImageChecks(supplier.ownerOpenid, SCENES.social, newImages(input.images, []))
      const post = await insertPost(
        {
          supplierId: supplier._id,
          text: input.text,
          images: input.images,
          productIds: input.productIds,
          createdAt: at,
          ...keyedFields(keyed),
        },
        keyed?.id,
      )
      await insertMediaChecks(checks, { kind: 'post', id: post._id }, supplier.ownerOpenid, SCENES.social, at)
      return post
    },
  )
  return toPost(record, products, await urlsFor([record], [...products.values()]), at)
}

/** 管理动态: the supplier's posts, newest first. */
export async function listMyPosts(input: ActionArgs<'post', 'listMine'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const page = toPage(await listPostsOf([supplier._id], input.cursor, input.limit), input.limit, (p) => p.createdAt)
  const products = await findProductViews(page.items.flatMap((p) => p.productIds))
  const urls = await urlsFor(page.items, products)
  const byId = new Map(products.map((p) => [p._id, p]))
  const at = now()
  return { items: page.items.map((post) => toPost(post, byId, urls, at)), nextCursor: page.nextCursor }
}

/** Batch delete, all or nothing: any id that is not the caller's post → NOT_FOUND, nothing removed. */
export async function removePosts(input: ActionArgs<'post', 'remove'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const ids = [...new Set(input.ids)]
  if ((await countOwnPosts(supplier._id, ids)) !== ids.length) throw new AppError('NOT_FOUND', POST_HIDDEN)
  return { removed: await removeOwnPosts(supplier._id, ids) }
}

// ---- the agents' side ---------------------------------------------------------------------------

/**
 * The agent's feed of posts (R14): every bound supplier's, or one's; newest first; only on-sale
 * products linked. Three reads: bindings (cards, tiers, markups), posts, their products.
 */
export async function listPosts(input: ActionArgs<'feed', 'posts'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const viewers = await viewersFor(openid, input.supplierId)
  const page = toPage(await listPostsOf([...viewers.keys()], input.cursor, input.limit, true), input.limit, (p) => p.createdAt)
  return { items: await toAgentPosts(page.items, viewers, now()), nextCursor: page.nextCursor }
}

/** 「N 条新动态」 since the agent last looked, up to NEW_COUNT_MAX. */
export async function newPostCount(input: ActionArgs<'feed', 'newPostCount'>, caller: Caller) {
  const openid = requireOpenid(caller)
  return { count: await countPostsSince(await listSupplierIdsOfAgent(openid), input.since, NEW_COUNT_MAX) }
}
