import { AppError } from '@/domain/errors'
import type { AgentProduct, AgentSpec } from '@/domain/feed'
import type { SupplierCard } from '@/domain/network'
import type { PageInput } from '@/domain/pagination'
import { isOnSale } from '@/domain/product'
import { agentPrice } from '@/domain/tiers'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { toPage } from '../platform/cursor'
import { viewableUrls } from '../platform/files'
import { findBinding, listBindingsOfAgent } from '../store/bindings'
import { countPublishedSince, findProductView, listOnSaleProducts, type ViewProductRecord } from '../store/products'
import { findSupplierById, findSuppliersByIds, type SupplierRecord } from '../store/suppliers'
import { supplierCards } from '../views'

/**
 * One answer for every product an agent may not see — missing, delisted, expired, another
 * supplier's, not bound, removed — so the answer never tells which (R9).
 */
const PRODUCT_HIDDEN = '商品不存在或已下架'
const SUPPLIER_HIDDEN = '你还不是该供应商的代理，请扫描供应商的微供码'

/**
 * Whose prices a viewer sees for one supplier: an agent its own tier's (R11); the owner, looking
 * at its own products as agents see them, the base price (`tierId` null).
 */
interface Viewer {
  supplier: SupplierRecord
  tierId: string | null
}

/** Only the viewer's own price per spec: `tierPrices`, other tiers' prices and file IDs never leave. */
function toAgentProduct(product: ViewProductRecord, viewer: Viewer, card: SupplierCard, urls: Map<string, string>): AgentProduct {
  const { tierId } = viewer
  const specs: AgentSpec[] = product.specs.map((spec) => {
    return {
      id: spec.id,
      name: spec.name,
      images: spec.images.map((ref) => urls.get(ref) ?? '').filter((url) => url !== '' && !url.startsWith('cloud://')),
      price: tierId === null ? spec.price : agentPrice(spec, viewer.supplier.tiers, tierId),
      ...(spec.retailPrice !== undefined ? { retailPrice: spec.retailPrice } : {}),
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

async function toAgentProducts(products: ViewProductRecord[], viewers: Map<string, Viewer>): Promise<AgentProduct[]> {
  const suppliers = [...new Set(products.map((p) => p.supplierId))].flatMap((id) => viewers.get(id)?.supplier ?? [])
  const [cards, urls] = await Promise.all([
    supplierCards(suppliers),
    viewableUrls(products.flatMap((p) => p.specs.flatMap((s) => s.images))),
  ])
  return products.flatMap((product) => {
    const viewer = viewers.get(product.supplierId)
    const card = cards.get(product.supplierId)
    return viewer && card ? [toAgentProduct(product, viewer, card, urls)] : []
  })
}

/**
 * The suppliers whose products the caller sees and how: every bound supplier, or just
 * `supplierId` — which must be bound, or the caller's own (the owner previews its shop as agents
 * see it, at the base price).
 */
async function viewersFor(openid: string, supplierId: string | undefined): Promise<Map<string, Viewer>> {
  if (supplierId !== undefined) {
    const [binding, supplier] = await Promise.all([findBinding(supplierId, openid), findSupplierById(supplierId)])
    if (supplier && binding) return new Map([[supplier._id, { supplier, tierId: binding.tierId }]])
    if (supplier && supplier.ownerOpenid === openid) return new Map([[supplier._id, { supplier, tierId: null }]])
    throw new AppError('NOT_FOUND', SUPPLIER_HIDDEN)
  }
  const bindings = await listBindingsOfAgent(openid)
  const suppliers = new Map((await findSuppliersByIds(bindings.map((b) => b.supplierId))).map((s) => [s._id, s]))
  const viewers = new Map<string, Viewer>()
  for (const binding of bindings) {
    const supplier = suppliers.get(binding.supplierId)
    if (supplier) viewers.set(supplier._id, { supplier, tierId: binding.tierId })
  }
  return viewers
}

/** The agent's feed: on-sale products (R8) of its bound suppliers, newest first. */
export async function listProducts(input: PageInput & { supplierId?: string }, caller: Caller) {
  const openid = requireOpenid(caller)
  const viewers = await viewersFor(openid, input.supplierId)
  const rows = await listOnSaleProducts([...viewers.keys()], now(), input.cursor, input.limit)
  const page = toPage(rows, input.limit, (p) => p.publishedAt)
  return { items: await toAgentProducts(page.items, viewers), nextCursor: page.nextCursor }
}

/** One product as the caller may see it: a bound agent (own price) or the owner (base price). */
export async function getProduct(input: { id: string }, caller: Caller): Promise<AgentProduct> {
  const openid = requireOpenid(caller)
  const hidden = new AppError('NOT_FOUND', PRODUCT_HIDDEN)
  const record = await findProductView(input.id)
  if (!record || !isOnSale(record, now())) throw hidden
  const [binding, supplier] = await Promise.all([findBinding(record.supplierId, openid), findSupplierById(record.supplierId)])
  if (!supplier) throw hidden
  let viewer: Viewer
  if (binding) viewer = { supplier, tierId: binding.tierId }
  else if (supplier.ownerOpenid === openid) viewer = { supplier, tierId: null }
  else throw hidden
  const [item] = await toAgentProducts([record], new Map([[supplier._id, viewer]]))
  if (!item) throw hidden
  return item
}

/** 「N 件新品」 since the agent last looked. */
export async function newCount(input: { since: number }, caller: Caller) {
  const openid = requireOpenid(caller)
  const bindings = await listBindingsOfAgent(openid)
  return { count: await countPublishedSince([...new Set(bindings.map((b) => b.supplierId))], input.since, now()) }
}

