import { AppError } from '@/domain/errors'
import { foldWordHits } from '@/domain/fold-words'
import type { ActionArgs } from '@/domain/api'
import { isShownToOthers } from '@/domain/product'
import { isShareToken, priceLine, sharePath, type ShareInsight, type ShareView } from '@/domain/share'
import { shanghaiDay, shanghaiDayBefore, shanghaiWeekStart } from '@/domain/time'
import { priceSpan } from '@/domain/money'
import { customerPrices } from '@/domain/viewer-prices'
import { agentViewers, requireOwnSupplier } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { codeImageUrl, codePages, makeCode } from '../platform/codes'
import { urlOf, viewableUrls } from '../platform/files'
import type { ViewProductRecord } from '../store/products'
import { findShareByToken, findShareForView, saveShareCode } from '../store/shares'
import { listSupplierDays } from '../store/supplier-days'
import { agentSubject, listShareStats, productSubject, type ShareCounts } from '../store/share-stats'
import { agentItem, markForward, picturesOf, postProducts, record, sellerCardOf } from '../share-items'
import { findMyText } from '../store/my-texts'
import { findSelectionByToken, saveSelectionCode } from '../store/selections'
import { countOpen, pendingViewsOfSupplier } from '../lifecycles/share-opens'

/**
 * R16 转发: an agent turns a product or a post into its own Moments post (一键转发), a share card or a
 * poster, at its own retail price; customers open the share without logging in and see nothing of
 * the supplier. Counts are written once per action (supplier days, per item and agent) and read
 * with the lists; a customer open is one event, folded into them by the timer (lifecycles/share-opens).
 */

const LINK_INVALID = '链接无效或已失效'

/** A share card's token (R16): the same token for the same agent and item every time; `prepare` counts nothing. */
export async function share(input: ActionArgs<'feed', 'share'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const at = now()
  const item = await agentItem(openid, input, at)
  const { token } = await record(openid, item, input.prepare ? null : 'shares', at, input.idempotencyKey)
  return { token, path: sharePath(token) }
}

/** 一键转发: the text (the agent's own words when it has any), the price line and the pictures to save; counted once per press. */
export async function forward(input: ActionArgs<'feed', 'forward'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const at = now()
  const item = await agentItem(openid, input, at)
  const own = await findMyText(openid, item.kind, item.itemId)
  const text = own?.text ?? item.text
  const [{ token }, urls, repeated] = await Promise.all([
    record(openid, item, 'forwards', at, input.idempotencyKey),
    viewableUrls(item.images),
    markForward(openid, text, at, input.idempotencyKey),
  ])
  return {
    token,
    path: sharePath(token),
    text,
    priceLine: priceLine(item.retail),
    images: item.images.map((id) => urls.get(id) ?? '').filter((url) => url !== '' && !url.startsWith('cloud://')),
    foldWords: foldWordHits(text),
    repeated,
  }
}

/** The poster's code: a mini-program code opening the customer view, scene = the token (≤ 32). */
export async function shareCode(input: ActionArgs<'feed', 'shareCode'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const found = isShareToken(input.token) ? await findShareByToken(input.token) : null
  if (!found) return selectionCode(input.token, openid)
  if (found.agentOpenid !== openid) throw new AppError('NOT_FOUND', LINK_INVALID)
  let fileId = found.codeFileId
  if (!fileId) {
    fileId = await makeCode(codePages.share, found.token, `codes/share/${found.token}.png`)
    await saveShareCode(found._id, fileId)
  }
  return { scene: found.token, image: await codeImageUrl(fileId) }
}

/** A selection's poster code (多选分享), as a share's: made once, only for the agent who shared it. */
async function selectionCode(token: string, openid: string) {
  const selection = isShareToken(token) ? await findSelectionByToken(token) : null
  if (!selection || selection.agentOpenid !== openid) throw new AppError('NOT_FOUND', LINK_INVALID)
  let fileId = selection.codeFileId
  if (!fileId) {
    fileId = await makeCode(codePages.selection, selection.token, `codes/selection/${selection.token}.png`)
    await saveSelectionCode(selection._id, fileId)
  }
  return { scene: selection.token, image: await codeImageUrl(fileId) }
}

/**
 * The customer view (R16), for anyone holding the link: the agent's card, and — while the item is
 * on sale and the agent still bound — its pictures, text and the agent's retail price. Never the
 * supplier, a purchase price, stock, a tier or another agent.
 */
export async function shareView(input: ActionArgs<'feed', 'shareView'>): Promise<ShareView> {
  // One read for the share, its agent's card and binding and the item; a post's products are the second.
  const joined = isShareToken(input.token) ? await findShareForView(input.token) : null
  if (!joined) throw new AppError('NOT_FOUND', LINK_INVALID)
  const { share: found, binding, seller } = joined
  const at = now()
  // The item's pictures and the agent's avatar are made viewable in one storage call, gone or not.
  const answer = async (shown: Omit<ShareView, 'kind' | 'seller'>): Promise<ShareView> => {
    const urls = await viewableUrls([...shown.images, ...(seller?.avatar ? [seller.avatar] : [])])
    const images = shown.images.map((id) => urlOf(urls, id)).filter(Boolean)
    return { ...shown, kind: found.kind, images, seller: sellerCardOf(seller, urls) }
  }
  const gone = () => answer({ available: false, text: '', images: [], price: null })
  // One insert per open; a retry of a counted open (same key) is answered without counting again.
  await countOpen(found, at, input.idempotencyKey)
  const [viewer] = binding ? agentViewers([binding]) : []
  if (!viewer) return gone()
  let products: ViewProductRecord[]
  let text: string
  let images: string[]
  if (found.kind === 'product') {
    const { product } = joined
    if (!product || product.supplierId !== found.supplierId || !isShownToOthers(product, at)) return gone()
    products = [product]
    text = joined.myText ?? product.description
    images = picturesOf(products)
  } else {
    const { post } = joined
    if (!post || post.supplierId !== found.supplierId || post.moderation) return gone()
    products = await postProducts(post, at)
    if (products.length === 0) return gone()
    text = joined.myText ?? post.text
    images = post.images.length > 0 ? post.images : picturesOf(products)
  }
  return answer({ available: true, text, images, price: priceSpan(customerPrices(products, viewer)) })
}

const none = (): ShareCounts => ({ forwards: 0, shares: 0, views: 0 })
function add(into: ShareCounts, from: ShareCounts): void {
  into.forwards += from.forwards
  into.shares += from.shares
  into.views += from.views
}

/**
 * Supplier insight (R16): 本周转发 from the supplier's days, and the last 7 / 30 days of the products
 * and agents on screen from their daily counts — read with the lists, never counted per visit. Ids
 * that are not the supplier's simply have no counts.
 */
export async function shareInsight(input: ActionArgs<'network', 'shareStats'>, caller: Caller): Promise<ShareInsight> {
  const supplier = await requireOwnSupplier(caller)
  const at = now()
  const today = shanghaiDay(at)
  const from7 = shanghaiDayBefore(at, 6)
  const from30 = shanghaiDayBefore(at, 29)
  const subjects = [...new Set([...input.productIds.map(productSubject), ...input.agentOpenids.map(agentSubject)])]
  const weekStart = shanghaiWeekStart(at)
  const [days, stored, pending] = await Promise.all([
    listSupplierDays(supplier._id, weekStart, today),
    listShareStats(supplier._id, subjects, from30),
    // From 30 days back, which covers this week too.
    pendingViewsOfSupplier(supplier._id, from30),
  ])
  const week = none()
  for (const day of days) add(week, day)
  for (const [day, views] of pending.days) if (day >= weekStart && day <= today) week.views += views
  const rows = [...stored, ...pending.stats]
  const windows = new Map<string, { last7: ShareCounts; last30: ShareCounts }>()
  for (const subject of subjects) windows.set(subject, { last7: none(), last30: none() })
  for (const row of rows) {
    const window = windows.get(row.subject)
    if (!window) continue
    add(window.last30, row)
    if (row.day >= from7) add(window.last7, row)
  }
  const of = (subject: string) => windows.get(subject) ?? { last7: none(), last30: none() }
  return {
    week: { forwards: week.forwards, shares: week.shares, views: week.views },
    products: [...new Set(input.productIds)].map((productId) => ({ productId, ...of(productSubject(productId)) })),
    agents: [...new Set(input.agentOpenids)].map((agentOpenid) => ({ agentOpenid, ...of(agentSubject(agentOpenid)) })),
  }
}
