import type { ActionArgs } from '@/domain/api'
import { selectionPath, selectionRowTitle } from '@/domain/my-words'
import { excerpt } from '@/domain/post'
import { isExpiringSoon, isShownToOthers } from '@/domain/product'
import { sharePath, type MyShare, type ShareState } from '@/domain/share'
import { combinedState } from '@/domain/share-rules'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { byNewestFirst, toPage } from '../platform/cursor'
import { urlOf, viewableUrls } from '../platform/files'
import { picturesOf } from '../share-items'
import { listSupplierIdsOfAgent } from '../store/bindings'
import { findMyProductTexts } from '../store/my-texts'
import { findPosts } from '../store/posts'
import { findProductViews, type ViewProductRecord } from '../store/products'
import { listSelectionsOfAgent, type SelectionRecord } from '../store/selections'
import { listSharesOfAgent, type ShareRecord } from '../store/shares'
import { pendingViewsOfShares } from '../lifecycles/share-opens'

/**
 * 我的转发 (R16): what the agent forwarded or shared — single products and posts, and selections
 * shared as one card (多选分享) — latest first, each with its live state, so the agent knows which
 * Moments posts to take down.
 */

/** 我的转发's title of a share whose supplier removed the agent. */
const NO_LONGER_AGENT = '已不是该供应商的代理'
/** How many of the latest shares 我的转发's badge looks at. */
const ALERT_WINDOW = 100

function productState(product: ViewProductRecord | undefined, at: number): ShareState {
  if (!product || !isShownToOthers(product, at)) return 'off_sale'
  return isExpiringSoon(product, at) ? 'expiring' : 'on_sale'
}

/** One row of the page: a share or a selection, with the keyset's fields. */
type Listed = { _id: string; sharedAt: number } & (
  { share: ShareRecord; selection?: never } | { selection: SelectionRecord; share?: never }
)

/**
 * One page of both lists after the cursor: each read as one keyset page (`limit + 1` rows), merged in
 * the same order, so a page costs two list reads however many the agent shared, and its cursor (the
 * last row's sort key) continues both lists, whichever of them the row came from.
 */
async function listedPage(openid: string, cursor: string | undefined, limit: number, sharesRead: Promise<ShareRecord[]>) {
  const [shares, selections] = await Promise.all([sharesRead, listSelectionsOfAgent(openid, cursor, limit)])
  const rows: Listed[] = [
    ...shares.map((share) => ({ _id: share._id, sharedAt: share.sharedAt, share })),
    ...selections.map((selection) => ({ _id: selection._id, sharedAt: selection.sharedAt ?? 0, selection })),
  ].sort(byNewestFirst((row) => row.sharedAt))
  return toPage(rows, limit, (row) => row.sharedAt)
}

/** 我的转发: the agent's shares and selections, latest first, each with its live state; `offSale` counts the latest 100 shares gone off sale. */
export async function myShares(input: ActionArgs<'feed', 'myShares'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const at = now()
  // The first page reads the latest shares once: its own rows and the badge's window are their heads.
  const sharesRead = listSharesOfAgent(openid, input.cursor, input.cursor ? input.limit : Math.max(input.limit, ALERT_WINDOW - 1))
  const [page, recent, pending] = await Promise.all([
    listedPage(
      openid,
      input.cursor,
      input.limit,
      sharesRead.then((rows) => rows.slice(0, input.limit + 1)),
    ),
    input.cursor ? Promise.resolve(null) : sharesRead.then((rows) => rows.slice(0, ALERT_WINDOW)),
    pendingViewsOfShares(openid),
  ])
  const pageShares = page.items.flatMap((row) => (row.share ? [row.share] : []))
  const selections = page.items.flatMap((row) => (row.selection ? [row.selection] : []))
  const all = [...pageShares, ...(recent ?? [])]
  // Items hidden by WeChat's image check (R20) read as gone: neither their text nor their pictures.
  const posts = new Map(
    (await findPosts(all.filter((s) => s.kind === 'post').map((s) => s.itemId))).filter((p) => !p.moderation).map((p) => [p._id, p]),
  )
  const selected = selections.flatMap((s) => s.productIds)
  const productIds = [
    ...all.filter((s) => s.kind === 'product').map((s) => s.itemId),
    ...[...posts.values()].flatMap((p) => p.productIds),
    ...selected,
  ]
  const [viewed, bound, texts] = await Promise.all([
    findProductViews(productIds),
    listSupplierIdsOfAgent(openid).then((ids) => new Set(ids)),
    // A selection's title is its card's: the agent's own words where it has them.
    findMyProductTexts(openid, selected),
  ])
  const products = new Map(viewed.filter((p) => !p.moderation).map((p) => [p._id, p]))

  const stateOf = (s: ShareRecord): ShareState => {
    if (!bound.has(s.supplierId)) return 'off_sale'
    if (s.kind === 'product') return productState(products.get(s.itemId), at)
    const post = posts.get(s.itemId)
    if (!post) return 'off_sale'
    return combinedState(post.productIds.map((id) => productState(products.get(id), at)))
  }
  // R9: once removed, the agent sees nothing of the supplier — neither its current text nor fresh picture URLs.
  const thumbOf = (s: ShareRecord): string => {
    if (!bound.has(s.supplierId)) return ''
    if (s.kind === 'post') {
      const post = posts.get(s.itemId)
      return post?.images[0] ?? picturesOf((post?.productIds ?? []).flatMap((id) => products.get(id) ?? []))[0] ?? ''
    }
    const product = products.get(s.itemId)
    return product ? (picturesOf([product])[0] ?? '') : ''
  }
  const titleOf = (s: ShareRecord): string => {
    if (!bound.has(s.supplierId)) return NO_LONGER_AGENT
    if (s.kind === 'post') return posts.get(s.itemId) ? excerpt(posts.get(s.itemId)?.text ?? '') : '动态已被删除'
    return products.get(s.itemId) ? excerpt(products.get(s.itemId)?.description ?? '') : '商品已被删除'
  }
  // A selection shows what the agent may still see of it: products of suppliers it is bound to (R9).
  const shownOf = (s: SelectionRecord) =>
    s.productIds.flatMap((id) => {
      const product = products.get(id)
      return product && bound.has(product.supplierId) ? [product] : []
    })
  const thumbs = new Map(
    page.items.map((row) => [row._id, row.share ? thumbOf(row.share) : (picturesOf(shownOf(row.selection).slice(0, 1))[0] ?? '')]),
  )
  const urls = await viewableUrls([...thumbs.values()].filter(Boolean))
  const items: MyShare[] = page.items.map((row): MyShare => {
    if (row.selection) {
      const s = row.selection
      const shown = shownOf(s)
      const onSale = shown.filter((p) => isShownToOthers(p, at))
      return {
        token: s.token,
        kind: 'selection',
        itemId: '',
        title: selectionRowTitle(
          onSale.map((p) => texts.get(p._id) ?? p.description),
          s.productIds.length,
        ),
        thumbnail: urlOf(urls, thumbs.get(s._id)),
        state: combinedState(shown.map((p) => productState(p, at))),
        sharedAt: row.sharedAt,
        forwards: 0,
        shares: s.shares,
        views: (s.views ?? 0) + (pending.get(s._id) ?? 0),
        path: selectionPath(s.token),
        productCount: s.productIds.length,
      }
    }
    const s = row.share
    return {
      token: s.token,
      kind: s.kind,
      itemId: s.itemId,
      title: titleOf(s),
      thumbnail: urlOf(urls, thumbs.get(s._id)),
      state: stateOf(s),
      sharedAt: s.sharedAt,
      forwards: s.forwards,
      shares: s.shares,
      views: s.views + (pending.get(s._id) ?? 0),
      path: sharePath(s.token),
    }
  })
  // The page's shares are among the latest 100 (a page holds at most 100 rows).
  const offSale = recent === null ? 0 : recent.filter((s) => stateOf(s) === 'off_sale').length
  return { items, nextCursor: page.nextCursor, offSale }
}
