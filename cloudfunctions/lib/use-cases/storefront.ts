import { createHash } from 'node:crypto'
import type { ActionArgs } from '@/domain/api'
import { changedTexts, SCENES, type PublishedText } from '@/domain/content-rules'
import { AppError } from '@/domain/errors'
import { newImages } from '@/domain/media-check'
import { priceSpan } from '@/domain/money'
import { isShownToOthers } from '@/domain/product'
import { isShareToken, SHARE_TOKEN_LENGTH } from '@/domain/share'
import {
  addToStorefront,
  defaultStorefrontName,
  removeFromStorefront,
  reorderStorefront,
  storefrontInsight,
  storefrontItemState,
  storefrontItemText,
  storefrontPath,
  STOREFRONT_CHANGED,
  STOREFRONT_FULL,
  STOREFRONT_LINK_INVALID,
} from '@/domain/storefront'
import type { Storefront, StorefrontItem, StorefrontView, ShareStorefront } from '@/domain/storefront-schemas'
import { shanghaiDayBefore } from '@/domain/time'
import { DEFAULT_NICKNAME } from '@/domain/user'
import { customerPrices } from '@/domain/viewer-prices'
import { agentViewers, type AgentViewer } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { codeImageUrl, codePages, makeCode } from '../platform/codes'
import { requireSafeTexts } from '../platform/content-security'
import { urlOf, viewableUrls } from '../platform/files'
import { randomToken } from '../platform/ids'
import { REQUEST_CHANGED, requestFingerprint } from '../platform/idempotency'
import { requestImageChecks } from '../platform/media-security'
import { countStorefrontOpen, storefrontOpenDays } from '../lifecycles/storefront-opens'
import { picturesOf, PRODUCT_HIDDEN, sellerCardOf } from '../share-items'
import { listBindingsOfAgent } from '../store/bindings'
import { insertMediaChecks } from '../store/media-checks'
import { findMyProductTexts } from '../store/my-texts'
import { findProductViews, type ViewProductRecord } from '../store/products'
import {
  countShare,
  editStorefront,
  ensureStorefront,
  findSharedStorefront,
  findStorefrontOf,
  newStorefront,
  saveStorefrontCode,
  type StorefrontChanges,
  type StorefrontRecord,
} from '../store/storefronts'
import { findUserByOpenid } from '../store/users'

/**
 * 我的小店: each agent's one storefront of products chosen from its feed, shown to customers at the
 * agent's retail prices with nothing of any supplier. A product leaves the customer view by itself
 * once it is off sale, hidden, deleted or its supplier unbinds the agent; the agent sees it 已下架.
 * Customer opens are counted as share opens are (lifecycles/storefront-opens).
 */

/** What an off-sale item of a supplier that removed the agent says: nothing of its current text or pictures (R9). */
const NO_LONGER_AGENT = '已不是该供应商的代理'
const SALT_LENGTH = 16

/** A product of the storefront as its agent may sell it now: the product, the agent's viewer of it, its words and prices. */
interface Placed {
  productId: string
  product: ViewProductRecord | undefined
  viewer: AgentViewer | undefined
  text: string
  retail: number[]
  onSale: boolean
}

/**
 * The storefront's products in order, each with what decides its state (three reads: products,
 * bindings, the agent's words), reusing those of `prior` placed in the same call: none when it holds all.
 */
async function placedOf(openid: string, ids: readonly string[], at: number, prior: readonly Placed[] = []): Promise<Placed[]> {
  const known = new Map(prior.map((p) => [p.productId, p]))
  const missing = ids.filter((id) => !known.has(id))
  const read = missing.length > 0 ? await readPlaced(openid, missing, at) : []
  for (const p of read) known.set(p.productId, p)
  return ids.flatMap((id) => known.get(id) ?? [])
}

async function readPlaced(openid: string, ids: readonly string[], at: number): Promise<Placed[]> {
  const [products, bindings, own] = await Promise.all([
    findProductViews([...ids]),
    listBindingsOfAgent(openid),
    findMyProductTexts(openid, ids),
  ])
  const viewers = new Map(agentViewers(bindings).map((v) => [v.supplierId, v]))
  const byId = new Map(products.map((p) => [p._id, p]))
  return ids.map((productId) => {
    const product = byId.get(productId)
    const viewer = product ? viewers.get(product.supplierId) : undefined
    const onSale =
      storefrontItemState({
        exists: product !== undefined,
        shown: product !== undefined && isShownToOthers(product, at),
        bound: viewer !== undefined,
      }) === 'on_sale'
    return {
      productId,
      product,
      viewer,
      text: own.get(productId) ?? product?.description ?? '',
      retail: onSale && product && viewer ? customerPrices([product], viewer) : [],
      onSale,
    }
  })
}

/** The storefront as its agent sees it: every product with its state, and the insight. */
async function storefrontOf(openid: string, record: StorefrontRecord | null, at: number, prior?: readonly Placed[]): Promise<Storefront> {
  const ids = record?.productIds ?? []
  const from30 = shanghaiDayBefore(at, 29)
  const [placed, user, days] = await Promise.all([
    placedOf(openid, ids, at, prior),
    record?.name ? Promise.resolve(null) : findUserByOpenid(openid),
    record ? storefrontOpenDays(record._id, from30) : Promise.resolve([]),
  ])
  // A bound agent sees its off-sale products' words; a picture WeChat hid, or a supplier's that removed it, is not shown.
  const images = placed.map((p) => (p.product && p.viewer && !p.product.moderation ? picturesOf([p.product])[0] : undefined))
  const urls = await viewableUrls(
    [...new Set([...images.filter((id): id is string => !!id), ...(record?.cover ? [record.cover] : [])])],
    'owner',
  )
  const items: StorefrontItem[] = placed.map((p, i) => ({
    productId: p.productId,
    text: p.viewer ? storefrontItemText(p.text) : NO_LONGER_AGENT,
    image: urlOf(urls, images[i]),
    price: priceSpan(p.retail),
    state: p.onSale ? 'on_sale' : 'off_sale',
  }))
  return {
    name: record?.name ?? defaultStorefrontName(user?.nickname || DEFAULT_NICKNAME),
    cover: record?.cover ?? '',
    coverUrl: urlOf(urls, record?.cover),
    token: record && record.sharedAt > 0 ? record.token : null,
    items,
    insight: storefrontInsight(days, ids, shanghaiDayBefore(at, 6), from30),
  }
}

function freshStorefront(openid: string, at: number): StorefrontRecord {
  return newStorefront(openid, randomToken(SHARE_TOKEN_LENGTH), randomToken(SALT_LENGTH), at)
}

/** Edits the caller's storefront in one transaction and answers it after (with `prior`, products placed already). */
async function edit(
  openid: string,
  change: (current: StorefrontRecord) => StorefrontChanges,
  prior?: readonly Placed[],
): Promise<Storefront> {
  const at = now()
  const record = await editStorefront(freshStorefront(openid, at), change, at)
  return storefrontOf(openid, record, at, prior)
}

export async function mine(caller: Caller): Promise<Storefront> {
  const openid = requireOpenid(caller)
  return storefrontOf(openid, await findStorefrontOf(openid), now())
}

/** Name and cover: published to customers, so checked as a profile's text and picture are (R20). */
export async function save(input: ActionArgs<'storefront', 'save'>, caller: Caller): Promise<Storefront> {
  const openid = requireOpenid(caller)
  const current = await findStorefrontOf(openid)
  const named = (name: string | null | undefined): PublishedText[] =>
    name ? [{ path: ['name'], label: '小店名称', text: name, scene: SCENES.profile }] : []
  await requireSafeTexts(openid, changedTexts(named(input.name), named(current?.name)))
  const checks = await requestImageChecks(openid, SCENES.profile, input.cover ? newImages([input.cover], [current?.cover ?? '']) : [])
  const answer = await edit(openid, () => ({ name: input.name, ...(input.cover !== undefined ? { cover: input.cover } : {}) }))
  await insertMediaChecks(checks, { kind: 'storefront', id: openid }, openid, SCENES.profile, now())
  return answer
}

/** Only products the agent's feed shows; any other id answers as an id of nothing (no existence oracle). */
export async function addProducts(input: ActionArgs<'storefront', 'addProducts'>, caller: Caller): Promise<Storefront> {
  const openid = requireOpenid(caller)
  const ids = [...new Set(input.productIds)]
  const placed = await placedOf(openid, ids, now())
  if (placed.some((p) => !p.onSale)) throw new AppError('NOT_FOUND', PRODUCT_HIDDEN)
  // The answer places the products just checked without reading them again.
  return edit(
    openid,
    (current) => {
      const productIds = addToStorefront(current.productIds, ids)
      if (!productIds) throw new AppError('CONFLICT', STOREFRONT_FULL)
      return { productIds }
    },
    placed,
  )
}

/** Removing what is not there is not an error; with no storefront there is nothing to write. */
export async function removeProducts(input: ActionArgs<'storefront', 'removeProducts'>, caller: Caller): Promise<Storefront> {
  const openid = requireOpenid(caller)
  const current = await findStorefrontOf(openid)
  if (!current) return storefrontOf(openid, null, now())
  return edit(openid, (latest) => ({ productIds: removeFromStorefront(latest.productIds, input.productIds) }))
}

/** The whole current list in a new order; anything else means the page is stale. */
export async function reorder(input: ActionArgs<'storefront', 'reorder'>, caller: Caller): Promise<Storefront> {
  const openid = requireOpenid(caller)
  const current = await findStorefrontOf(openid)
  if (!current) {
    if (input.productIds.length > 0) throw new AppError('CONFLICT', STOREFRONT_CHANGED)
    return storefrontOf(openid, null, now())
  }
  return edit(openid, (latest) => {
    const productIds = reorderStorefront(latest.productIds, input.productIds)
    if (!productIds) throw new AppError('CONFLICT', STOREFRONT_CHANGED)
    return { productIds }
  })
}

/** The storefront's one token, counted once per press; a key sent again with another request is refused. */
export async function share(input: ActionArgs<'storefront', 'share'>, caller: Caller): Promise<ShareStorefront> {
  const openid = requireOpenid(caller)
  const at = now()
  const record = await ensureStorefront(freshStorefront(openid, at))
  const press = input.idempotencyKey ? { key: input.idempotencyKey, fingerprint: requestFingerprint(input) } : undefined
  if (press && record.lastShare?.key === press.key && record.lastShare.fingerprint !== press.fingerprint) {
    throw new AppError('CONFLICT', REQUEST_CHANGED)
  }
  await countShare(record._id, at, record.sharedAt === 0, press)
  const answer = { token: record.token, path: storefrontPath(record.token) }
  if (!input.code) return answer
  let fileId = record.codeFileId
  if (!fileId) {
    fileId = await makeCode(codePages.storefront, record.token, `codes/storefront/${record.token}.png`)
    await saveStorefrontCode(record._id, fileId)
  }
  return { ...answer, code: { scene: record.token, image: await codeImageUrl(fileId) } }
}

/** The customer's opaque key of a product in this storefront: a hash under the storefront's own salt. */
function itemKey(record: StorefrontRecord, productId: string): string {
  return createHash('sha256').update(`${record.salt}\u0000${productId}`).digest('hex').slice(0, 16)
}

/**
 * The customer view, for anyone holding the link: the storefront's name, cover and the agent's card,
 * and each product still on sale from a supplier still binding the agent, at the agent's retail
 * price. Never a supplier, a purchase price, stock, a tier or another agent. Each opening counts one
 * open (with `item`, one product open), once per key.
 */
export async function view(input: ActionArgs<'storefront', 'view'>): Promise<StorefrontView> {
  const record = isShareToken(input.token) ? await findSharedStorefront(input.token) : null
  if (!record) throw new AppError('NOT_FOUND', STOREFRONT_LINK_INVALID)
  const at = now()
  const [placed, seller] = await Promise.all([placedOf(record.agentOpenid, record.productIds, at), findUserByOpenid(record.agentOpenid)])
  const onSale = placed.filter((p): p is Placed & { product: ViewProductRecord } => p.onSale && p.product !== undefined)
  const opened = input.item === undefined ? undefined : onSale.find((p) => itemKey(record, p.productId) === input.item)
  if (input.item !== undefined && !opened) throw new AppError('NOT_FOUND', PRODUCT_HIDDEN)
  // One insert per open; a retry of a counted open (same key) is answered without counting again.
  await countStorefrontOpen(record._id, opened?.productId ?? null, at, input.idempotencyKey)
  const firsts = onSale.map((p) => picturesOf([p.product])[0])
  const pictures = opened ? picturesOf([opened.product]) : []
  const urls = await viewableUrls([
    ...new Set([
      ...firsts.filter((id): id is string => !!id),
      ...pictures,
      ...(record.cover ? [record.cover] : []),
      ...(seller?.avatar ? [seller.avatar] : []),
    ]),
  ])
  return {
    name: record.name ?? defaultStorefrontName(seller?.nickname || DEFAULT_NICKNAME),
    coverUrl: urlOf(urls, record.cover),
    seller: sellerCardOf(seller, urls),
    items: onSale.map((p, i) => ({
      item: itemKey(record, p.productId),
      text: storefrontItemText(p.text),
      image: urlOf(urls, firsts[i]),
      price: priceSpan(p.retail),
    })),
    ...(opened
      ? {
          product: {
            item: itemKey(record, opened.productId),
            text: opened.text,
            images: pictures.map((id) => urlOf(urls, id)).filter(Boolean),
            price: priceSpan(opened.retail),
          },
        }
      : {}),
  }
}
