import { AppError } from '@/domain/errors'
import type { ActionArgs } from '@/domain/api'
import { foldWordHits } from '@/domain/fold-words'
import { priceSpan } from '@/domain/money'
import { combinedText, selectionOrder, selectionPath, selectionTitle } from '@/domain/my-words'
import type { ForwardMany, SelectionView } from '@/domain/my-words-schemas'
import { isShownToOthers } from '@/domain/product'
import { isShareToken, SHARE_TOKEN_LENGTH } from '@/domain/share'
import { customerPrices } from '@/domain/viewer-prices'
import { agentViewers, type AgentViewer } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { urlOf, viewableUrls } from '../platform/files'
import { randomToken } from '../platform/ids'
import { countSelectionOpen } from '../lifecycles/share-opens'
import { markForward, picturesOf, PRODUCT_HIDDEN, record, sellerCardOf } from '../share-items'
import { listBindingsOfAgent, type BindingRecord } from '../store/bindings'
import { findMyProductTexts } from '../store/my-texts'
import { findProductViews, type ViewProductRecord } from '../store/products'
import { findSelectionForView, recordSelection } from '../store/selections'

/**
 * 多选转发 and its card (R16 extended): up to nine products of any bound suppliers as one Moments
 * post — the first picture of each, one combined text at the agent's retail prices — or as one
 * share card whose customer view shows each product as a single share would: pictures, text (the
 * agent's own words when set) and the agent's retail price, nothing of the supplier. A product gone
 * off sale, or of a supplier that removed the agent, drops out of both.
 */

const LINK_INVALID = '链接无效或已失效'

interface Picked {
  product: ViewProductRecord
  viewer: AgentViewer
  text: string
  retail: number[]
}

/** Of `ids`, the products the agent may forward now, in that order: on sale, of a supplier it is bound to. */
function keptOf(ids: readonly string[], products: ViewProductRecord[], bindings: BindingRecord[], at: number) {
  const viewers = new Map(agentViewers(bindings).map((v) => [v.supplierId, v]))
  const byId = new Map(products.map((p) => [p._id, p]))
  return ids.flatMap((id) => {
    const product = byId.get(id)
    const viewer = product && isShownToOthers(product, at) ? viewers.get(product.supplierId) : undefined
    return product && viewer ? [{ product, viewer }] : []
  })
}

/** The kept products with the agent's words (the supplier's text where it has none) and retail prices. */
function withWords(kept: ReturnType<typeof keptOf>, own: Map<string, string>): Picked[] {
  return kept.map(({ product, viewer }) => ({
    product,
    viewer,
    text: own.get(product._id) ?? product.description,
    retail: customerPrices([product], viewer),
  }))
}

/** The picked products the agent may forward now, in the order picked, with its words and prices. */
async function pickedOf(openid: string, ids: string[], at: number): Promise<Picked[]> {
  const [products, bindings] = await Promise.all([findProductViews(ids), listBindingsOfAgent(openid)])
  const kept = keptOf(ids, products, bindings, at)
  const own = await findMyProductTexts(
    openid,
    kept.map((k) => k.product._id),
  )
  return withWords(kept, own)
}

async function requirePicked(openid: string, productIds: string[], at: number): Promise<Picked[]> {
  const picked = await pickedOf(openid, selectionOrder(productIds), at)
  if (picked.length === 0) throw new AppError('NOT_FOUND', PRODUCT_HIDDEN)
  return picked
}

/** One Moments post of the selection: counted as a 转发 of each product, once per press. */
export async function forwardMany(input: ActionArgs<'feed', 'forwardMany'>, caller: Caller): Promise<ForwardMany> {
  const openid = requireOpenid(caller)
  const at = now()
  const picked = await requirePicked(openid, input.productIds, at)
  const productIds = picked.map((p) => p.product._id)
  const firsts = picked.map((p) => picturesOf([p.product])[0] ?? '')
  const text = combinedText(picked)
  const [selection, urls, repeated] = await Promise.all([
    recordSelection(openid, productIds, randomToken(SHARE_TOKEN_LENGTH), at, false),
    viewableUrls(firsts.filter(Boolean)),
    markForward(openid, text, at, input.idempotencyKey),
    ...picked.map((p) =>
      record(
        openid,
        { kind: 'product', itemId: p.product._id, supplierId: p.product.supplierId, text: p.text, images: [], retail: p.retail },
        'forwards',
        at,
        input.idempotencyKey,
      ),
    ),
  ])
  return {
    token: selection.token,
    path: selectionPath(selection.token),
    text,
    images: firsts.map((id) => (id ? (urls.get(id) ?? '') : '')).filter((url) => url !== '' && !url.startsWith('cloud://')),
    productIds,
    foldWords: foldWordHits(text),
    repeated,
  }
}

/** The selection's card: the same token for the same agent and products every time. */
export async function shareSelection(input: ActionArgs<'feed', 'shareSelection'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const at = now()
  const picked = await requirePicked(openid, input.productIds, at)
  const ids = picked.map((p) => p.product._id)
  const selection = await recordSelection(openid, ids, randomToken(SHARE_TOKEN_LENGTH), at, true, input.idempotencyKey)
  return { token: selection.token, path: selectionPath(selection.token) }
}

/**
 * The customer view of a selection, for anyone holding the link: the agent's card and each product
 * still on sale from a supplier the agent is still bound to. Never the supplier, a purchase price,
 * stock, a tier or another agent; with nothing left, 链接已失效 (`available: false`, no content).
 */
export async function selectionView(input: ActionArgs<'feed', 'selectionView'>): Promise<SelectionView> {
  // One read for the selection, its agent's card, bindings and words and the products; the open is one insert.
  const found = isShareToken(input.token) ? await findSelectionForView(input.token) : null
  if (!found) throw new AppError('NOT_FOUND', LINK_INVALID)
  const { selection, seller } = found
  const at = now()
  // A retry of a counted open (same key) is answered without counting again.
  await countSelectionOpen(selection, at, input.idempotencyKey)
  const picked = withWords(keptOf(selection.productIds, found.products, found.bindings, at), found.texts)
  const images = picked.map((p) => picturesOf([p.product]))
  const urls = await viewableUrls([...new Set([...images.flat(), ...(seller?.avatar ? [seller.avatar] : [])])])
  const sellerCard = sellerCardOf(seller, urls)
  if (picked.length === 0) return { available: false, title: '', items: [], seller: sellerCard }
  return {
    available: true,
    title: selectionTitle(picked.map((p) => p.text)),
    items: picked.map((p, i) => ({
      text: p.text,
      images: (images[i] ?? []).map((id) => urlOf(urls, id)).filter(Boolean),
      price: priceSpan(p.retail),
    })),
    seller: sellerCard,
  }
}
