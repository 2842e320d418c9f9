import { AppError } from '@/domain/errors'
import { isShownToOthers, productPictures, SPEC_IMAGES_MAX } from '@/domain/product'
import { SHARE_TOKEN_LENGTH } from '@/domain/share'
import { textFingerprint } from '@/domain/fold-words'
import { shanghaiDay } from '@/domain/time'
import { customerPrices } from '@/domain/viewer-prices'
import type { SellerCard } from '@/domain/share'
import { DEFAULT_NICKNAME } from '@/domain/user'
import { requireBoundAgent } from './access'
import { urlOf } from './platform/files'
import { randomToken } from './platform/ids'
import { findPost, type PostRecord } from './store/posts'
import { findProductView, findProductViews, type ViewProductRecord } from './store/products'
import { recordShare, type ShareRecord } from './store/shares'
import { findForwardMark, saveForwardMark } from './store/my-texts'
import type { UserRecord } from './store/users'
import { addToSupplierDay } from './store/supplier-days'
import { addToShareStats } from './store/share-stats'

/**
 * What an agent forwards or shares (R16), as 一键转发, share cards, the agent's own words and
 * 多选转发 all find it: a bound agent's on-sale product, or a post with an on-sale product, and the
 * counting of a press (sharing.ts explains the counts).
 */

export const PRODUCT_HIDDEN = '商品不存在或已下架'
export const POST_HIDDEN = '动态不存在或已被删除'

/** The agent's card on a customer view (R16): its nickname, avatar and WeChat ID, nothing of any supplier. */
export function sellerCardOf(
  seller: Pick<UserRecord, 'nickname' | 'avatar' | 'wechatId'> | null | undefined,
  urls: Map<string, string>,
): SellerCard {
  return { nickname: seller?.nickname || DEFAULT_NICKNAME, avatarUrl: urlOf(urls, seller?.avatar), wechatId: seller?.wechatId ?? '' }
}

export interface Item {
  kind: 'product' | 'post'
  itemId: string
  supplierId: string
  text: string
  /** Cloud file IDs, at most nine. */
  images: string[]
  /** The agent's retail prices of every on-sale spec the item offers (R16). */
  retail: number[]
}

/** The products' pictures as one card shows them: at most nine, without repeats (a post's linked products together). */
export function picturesOf(products: ViewProductRecord[]): string[] {
  return productPictures(products.flatMap((p) => p.specs)).slice(0, SPEC_IMAGES_MAX)
}

/** On-sale linked products of a post, its own supplier's only. */
export async function postProducts(post: PostRecord, at: number): Promise<ViewProductRecord[]> {
  const products = await findProductViews(post.productIds)
  const byId = new Map(products.filter((p) => p.supplierId === post.supplierId && isShownToOthers(p, at)).map((p) => [p._id, p]))
  return post.productIds.flatMap((id) => byId.get(id) ?? [])
}

/** The item as the calling agent may forward it: a bound agent, an on-sale product or a post with one. */
export async function agentItem(openid: string, input: { productId?: string; postId?: string }, at: number): Promise<Item> {
  if (input.productId !== undefined) {
    const product = await findProductView(input.productId)
    if (!product || !isShownToOthers(product, at)) throw new AppError('NOT_FOUND', PRODUCT_HIDDEN)
    const viewer = await requireBoundAgent(openid, product.supplierId, PRODUCT_HIDDEN)
    return {
      kind: 'product',
      itemId: product._id,
      supplierId: product.supplierId,
      text: product.description,
      images: picturesOf([product]),
      retail: customerPrices([product], viewer),
    }
  }
  const post = await findPost(input.postId ?? '')
  if (!post || post.moderation) throw new AppError('NOT_FOUND', POST_HIDDEN)
  const viewer = await requireBoundAgent(openid, post.supplierId, POST_HIDDEN)
  const products = await postProducts(post, at)
  if (products.length === 0) throw new AppError('FAILED_PRECONDITION', '这条动态的商品都已下架，暂时不能转发')
  return {
    kind: 'post',
    itemId: post._id,
    supplierId: post.supplierId,
    text: post.text,
    images: post.images.length > 0 ? post.images : picturesOf(products),
    retail: customerPrices(products, viewer),
  }
}

/** `press`: the press's idempotency key; a retry of a counted press counts nothing, here or in the day counters. */
export async function record(
  openid: string,
  item: Item,
  counter: 'forwards' | 'shares' | null,
  at: number,
  press?: string,
): Promise<ShareRecord> {
  const { record: recorded, counted } = await recordShare(
    { agentOpenid: openid, supplierId: item.supplierId, kind: item.kind, itemId: item.itemId },
    counter,
    randomToken(SHARE_TOKEN_LENGTH),
    at,
    press,
  )
  if (counter === null || !counted) return recorded
  const day = shanghaiDay(at)
  await Promise.all([
    addToSupplierDay(item.supplierId, day, { [counter]: 1 }),
    addToShareStats(
      item.supplierId,
      day,
      { productId: item.kind === 'product' ? item.itemId : null, agentOpenid: openid },
      { [counter]: 1 },
    ),
  ])
  return recorded
}

/**
 * Remembers `text` as the agent's last forward and says whether it is the one forwarded just before
 * (Moments folds the same text posted again). A retry of the same press compares with what came
 * before that press and writes nothing.
 */
export async function markForward(openid: string, text: string, at: number, press?: string): Promise<boolean> {
  const fingerprint = textFingerprint(text)
  const mark = await findForwardMark(openid)
  if (mark && press !== undefined && mark.press === press) return mark.previous === fingerprint
  await saveForwardMark(openid, { fingerprint, previous: mark?.fingerprint ?? '', press: press ?? '', at })
  return mark?.fingerprint === fingerprint
}
