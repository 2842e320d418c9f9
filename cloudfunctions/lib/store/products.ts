import type { ProductStatus, Spec } from '@/domain/product'
import { productTokens } from '@/domain/search-tokens'
import type { KeyedRecord } from '../platform/idempotency'
import { command, db, rowsOf, totalOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import type { Transaction } from '../platform/transaction'
import type { Moderation } from './moderation'

/**
 * A product as stored. `status` is what the owner or the timer last set; the status people see is
 * the effective one (R8: an on-sale product past `expiresAt` is off the shelf even before the timer).
 */
export interface ProductRecord extends KeyedRecord {
  _id: string
  supplierId: string
  category: string
  description: string
  specs: Spec[]
  shippingTemplateId: string
  status: ProductStatus
  /** When it was first published; relisting keeps it and sets `relistedAt`. */
  publishedAt: number
  expiresAt: number
  source: 'new' | 'import'
  /** The shop-catalogue item it was prefilled from (R15). */
  shopItemId?: string
  /** R6 trade defaults, stored so orders can read them. */
  trade: { onlineOrdering: boolean; minOrderQty: number }
  relistedAt?: number
  delistedAt?: number
  delistedReason?: 'manual' | 'expired'
  /** Search tokens of the description and spec names (domain/search-tokens), written with them; absent before search existed. */
  tokens?: string[]
  /** Cloud file of the product's mini-program code, made on first request. */
  codeFileId?: string
  /** Hidden from everyone but its owner while a picture WeChat's check called risky is on it (R20). */
  moderation?: Moderation
  createdAt: number
  updatedAt: number
}

export type NewProduct = Omit<ProductRecord, '_id'>

const products = () => db.collection('products')
export const productFields = {
  _id: true,
  supplierId: true,
  category: true,
  description: true,
  specs: true,
  shippingTemplateId: true,
  status: true,
  publishedAt: true,
  expiresAt: true,
  source: true,
  shopItemId: true,
  trade: true,
  relistedAt: true,
  delistedAt: true,
  delistedReason: true,
  codeFileId: true,
  moderation: true,
  createdAt: true,
  updatedAt: true,
  requestFingerprint: true,
}

async function statsOf(pending: unknown): Promise<{ updated: number; removed: number }> {
  const { stats } = (await pending) as { stats?: { updated?: number; removed?: number } }
  return { updated: stats?.updated ?? 0, removed: stats?.removed ?? 0 }
}

/** The product when it belongs to this supplier; another supplier's product is simply not found. */
export async function findOwnProduct(supplierId: string, id: string): Promise<ProductRecord | null> {
  const [row] = await rowsOf<ProductRecord>(products().where({ _id: id, supplierId }).field(productFields).limit(1).get())
  return row ?? null
}

export async function countOwnProducts(supplierId: string, ids: string[]): Promise<number> {
  return totalOf(
    products()
      .where({ _id: command.in(ids), supplierId })
      .count(),
  )
}

/** A new product, inside the transaction that also takes its shipping template (R7); `id` when the request's key names it. */
export async function insertProductIn(tx: Transaction, record: NewProduct, id?: string): Promise<ProductRecord> {
  const data = { ...record, tokens: productTokens(record) }
  const { _id } = await tx.collection<ProductRecord>('products').add({ data: id === undefined ? data : { _id: id, ...data } })
  return { _id, ...record }
}

/**
 * An edit of the content inside the transaction that also takes the template (R7); the specs are
 * replaced whole, never merged field by field, made from the specs as stored at this moment (an
 * order taking stock meanwhile makes the transaction run again). Answers the specs written, or null
 * when the product is gone.
 */
export async function updateProductContentIn(
  tx: Transaction,
  id: string,
  changes: Pick<ProductRecord, 'category' | 'description' | 'shippingTemplateId' | 'updatedAt'>,
  specsFrom: (stored: Spec[]) => Spec[],
  showAgain = false,
): Promise<Spec[] | null> {
  const doc = tx.collection<ProductRecord>('products').doc(id)
  let stored: ProductRecord | undefined
  try {
    stored = (await doc.get()).data
  } catch {
    return null
  }
  if (!stored) return null
  const specs = specsFrom(stored.specs)
  // showAgain: the edit took off every picture WeChat's check called risky (R20).
  const tokens = productTokens({ description: changes.description, specs })
  await doc.update({
    data: { ...changes, specs: command.set(specs), tokens: command.set(tokens), ...(showAgain ? { moderation: command.remove() } : {}) },
  })
  return specs
}

export async function saveProductCode(id: string, codeFileId: string): Promise<void> {
  await products().doc(id).update({ data: { codeFileId } })
}

/**
 * R8 as a query: on sale means stored on_sale AND not yet expired, whether or not the timer has
 * delisted it yet. Every read of "on sale" (lists, feed, stats) uses this one condition.
 */
export function onSaleWhere(now: number) {
  return { status: 'on_sale', expiresAt: command.gt(now) }
}

/** On sale and shown to agents and customers: not hidden by an image check (R20). */
export function shownWhere(now: number) {
  return { ...onSaleWhere(now), moderation: command.exists(false) }
}

/** 销售中 / 已下架 (R10) newest first, by effective status (R8): off the shelf = stored off_shelf OR expired. */
export async function listOwnProducts(supplierId: string, status: ProductStatus, now: number, cursor: string | undefined, limit: number) {
  const byStatus = status === 'on_sale' ? onSaleWhere(now) : command.or([{ status: 'off_shelf' }, { expiresAt: command.lte(now) }])
  return rowsOf<ProductRecord>(
    newestFirst(products(), [{ supplierId }, byStatus], 'publishedAt', cursor, limit + 1)
      .field(productFields)
      .get(),
  )
}

/** Manual delisting; products already stored as off the shelf keep their delisting reason and time. */
export async function delistOwnProducts(supplierId: string, ids: string[], now: number): Promise<number> {
  const result = await statsOf(
    products()
      .where({ _id: command.in(ids), supplierId, status: 'on_sale' })
      .update({ data: { status: 'off_shelf', delistedAt: now, delistedReason: 'manual', updatedAt: now } }),
  )
  return result.updated
}

/** R8: relisting starts a fresh validity period from now. */
export async function relistOwnProducts(supplierId: string, ids: string[], now: number, expiresAt: number): Promise<number> {
  const result = await statsOf(
    products()
      .where({ _id: command.in(ids), supplierId })
      .update({
        data: {
          status: 'on_sale',
          expiresAt,
          relistedAt: now,
          delistedAt: command.remove(),
          delistedReason: command.remove(),
          updatedAt: now,
        },
      }),
  )
  return result.updated
}

export async function removeOwnProducts(supplierId: string, ids: string[]): Promise<number> {
  return (
    await statsOf(
      products()
        .where({ _id: command.in(ids), supplierId })
        .remove(),
    )
  ).removed
}

/** Products naming a shipping template, whatever their status (a delisted one can be relisted). */
export async function productsUsingTemplate(supplierId: string, shippingTemplateId: string, sample: number) {
  const where = { supplierId, shippingTemplateId }
  const [total, rows] = await Promise.all([
    totalOf(products().where(where).count()),
    rowsOf<Pick<ProductRecord, '_id' | 'description'>>(
      products().where(where).orderBy('publishedAt', 'desc').limit(sample).field({ _id: true, description: true }).get(),
    ),
  ])
  return { total, sample: rows }
}

/** Ids of on-sale products whose validity ended at or before `now` (R8), for the expiry timer. */
export async function findExpiredOnSale(now: number, limit: number): Promise<string[]> {
  const rows = await rowsOf<{ _id: string }>(
    products()
      .where({ status: 'on_sale', expiresAt: command.lte(now) })
      .orderBy('expiresAt', 'asc')
      .limit(limit)
      .field({ _id: true })
      .get(),
  )
  return rows.map((row) => row._id)
}

/** Re-checks the condition in the update, so a product relisted meanwhile is left alone. */
export async function markExpired(ids: string[], now: number): Promise<number> {
  const result = await statsOf(
    products()
      .where({ _id: command.in(ids), status: 'on_sale', expiresAt: command.lte(now) })
      .update({ data: { status: 'off_shelf', delistedAt: now, delistedReason: 'expired', updatedAt: now } }),
  )
  return result.updated
}

// ---- the agent's view (feed, 我的供应商, a product page) --------------------------------------

/**
 * What an agent's view of a product is built from: never the shipping template, the source or the
 * edit history.
 */
export type ViewProductRecord = Pick<
  ProductRecord,
  '_id' | 'supplierId' | 'category' | 'description' | 'specs' | 'status' | 'publishedAt' | 'expiresAt' | 'moderation'
>

export const viewFields = {
  _id: true,
  supplierId: true,
  category: true,
  description: true,
  specs: true,
  status: true,
  publishedAt: true,
  expiresAt: true,
  moderation: true,
}

export async function findProductView(id: string): Promise<ViewProductRecord | null> {
  const [row] = await rowsOf<ViewProductRecord>(products().where({ _id: id }).field(viewFields).limit(1).get())
  return row ?? null
}

/** Several products by id (a page of posts or shares links at most a few hundred); missing ones are absent. */
export async function findProductViews(ids: string[]): Promise<ViewProductRecord[]> {
  const unique = [...new Set(ids)]
  const rows: ViewProductRecord[] = []
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500)
    rows.push(
      ...(await rowsOf<ViewProductRecord>(
        products()
          .where({ _id: command.in(chunk) })
          .field(viewFields)
          .limit(chunk.length)
          .get(),
      )),
    )
  }
  return rows
}

/** One page (plus one row) of these suppliers' on-sale products, newest first (publishedAt, _id). */
export async function listOnSaleProducts(
  supplierIds: string[],
  now: number,
  cursor: string | undefined,
  limit: number,
): Promise<ViewProductRecord[]> {
  if (supplierIds.length === 0) return []
  const where = { supplierId: command.in(supplierIds), ...shownWhere(now) }
  return rowsOf<ViewProductRecord>(
    newestFirst(products(), [where], 'publishedAt', cursor, limit + 1)
      .field(viewFields)
      .get(),
  )
}

/** On-sale products per supplier; suppliers without any are absent from the map. */
export async function countOnSaleBySupplier(supplierIds: string[], now: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (supplierIds.length === 0) return counts
  const $ = command.aggregate
  const { list } = (await products()
    .aggregate()
    .match({ supplierId: command.in(supplierIds), ...shownWhere(now) })
    .group({ _id: '$supplierId', products: $.sum(1) })
    .end()) as { list: Array<{ _id: string; products: number }> }
  for (const row of list) counts.set(row._id, row.products)
  return counts
}

/**
 * 「N 件新品」: on-sale products of these suppliers published after `since`, counted up to `max`.
 * Read newest first in the index's order and stopped at `max`, so its cost is bounded whatever
 * `since` is (an agent back after a month would otherwise count every product of its suppliers).
 */
export async function countPublishedSince(supplierIds: string[], since: number, now: number, max: number): Promise<number> {
  if (supplierIds.length === 0) return 0
  const rows = await rowsOf<{ _id: string }>(
    products()
      .where({ supplierId: command.in(supplierIds), ...shownWhere(now), publishedAt: command.gt(since) })
      .orderBy('publishedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(max)
      .field({ _id: true })
      .get(),
  )
  return rows.length
}

// ---- counters of the admin home ---------------------------------------------------------------

/**
 * The supplier's on-sale products and, of them, those whose validity ends within `withinMs`
 * (即将下架), in one read: one aggregation over the supplier's on-sale range of the index.
 */
export async function countOnSaleAndExpiring(
  supplierId: string,
  now: number,
  withinMs: number,
): Promise<{ onSale: number; expiring: number }> {
  const $ = command.aggregate
  const { list } = (await products()
    .aggregate()
    .match({ supplierId, ...onSaleWhere(now) })
    .group({ _id: null, onSale: $.sum(1), expiring: $.sum($.cond([$.lte(['$expiresAt', now + withinMs]), 1, 0])) })
    .end()) as { list: Array<{ onSale: number; expiring: number }> }
  const [row] = list
  return { onSale: row?.onSale ?? 0, expiring: row?.expiring ?? 0 }
}

// ---- stock, inside an order's transaction (R17) -----------------------------------------------

/** What an order reads of a product: who sells it, whether it is on sale, its specs and template. */
export type OrderableProductRecord = Pick<
  ProductRecord,
  '_id' | 'supplierId' | 'category' | 'description' | 'specs' | 'status' | 'expiresAt' | 'shippingTemplateId' | 'trade' | 'moderation'
>

/** Products read through the transaction, so its commit fails if any changed meanwhile; a missing one is absent. */
export async function readProductsIn(tx: Transaction, ids: string[]): Promise<Map<string, OrderableProductRecord>> {
  const found = new Map<string, OrderableProductRecord>()
  for (const id of ids) {
    try {
      const { data } = await tx.collection<ProductRecord>('products').doc(id).get()
      if (data) found.set(id, { ...data, _id: id })
    } catch {
      // Not found: the order refuses it like a delisted product.
    }
  }
  return found
}

/** Sets specs' stock (by the spec's position) of a product read in the same transaction. */
export async function setSpecStocksIn(tx: Transaction, productId: string, stocks: ReadonlyMap<number, number>, now: number): Promise<void> {
  const data: Record<string, number> = { updatedAt: now }
  for (const [index, stock] of stocks) data[`specs.${index}.stock`] = stock
  await tx.collection<ProductRecord>('products').doc(productId).update({ data })
}

/** The products of a cart as an order reads them before its transaction (quote, prices). */
export async function findOrderableProducts(ids: string[]): Promise<OrderableProductRecord[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  return rowsOf<OrderableProductRecord>(
    products()
      .where({ _id: command.in(unique) })
      .limit(unique.length)
      .field({
        _id: true,
        supplierId: true,
        category: true,
        description: true,
        specs: true,
        status: true,
        expiresAt: true,
        shippingTemplateId: true,
        trade: true,
        moderation: true,
      })
      .get(),
  )
}
