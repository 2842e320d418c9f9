import type { ProductStatus } from '@/domain/product'
import { productTokens } from '@/domain/search-tokens'
import { command, db, rowsOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import { onSaleWhere, productFields, shownWhere, viewFields, type ProductRecord, type ViewProductRecord } from './products'

/**
 * The search's reads of products (docs/decisions/search.md): one indexed token (an array field
 * that the `tokens_*` indexes cover element-wise) plus the filters the database checks, newest
 * first by (publishedAt, _id) as the feed; the other tokens and the price are checked by the caller.
 */

const products = () => db.collection('products')

/** What the database narrows a search by; every field optional but the scope. */
export interface SearchWhere {
  token?: string
  category?: string
  /** Published at or after (新上架). */
  since?: number
}

function narrowing(where: SearchWhere): object[] {
  return [
    ...(where.token !== undefined ? [{ tokens: where.token }] : []),
    ...(where.category !== undefined ? [{ category: where.category }] : []),
    ...(where.since !== undefined ? [{ publishedAt: command.gte(where.since) }] : []),
  ]
}

export type SearchViewRecord = ViewProductRecord & { tokens?: string[] }
export type SearchOwnRecord = ProductRecord

/** These suppliers' on-sale, shown products matching `where`, `rows` of them after the cursor, newest first. */
export async function searchOnSale(
  supplierIds: string[],
  now: number,
  where: SearchWhere,
  cursor: string | undefined,
  rows: number,
): Promise<SearchViewRecord[]> {
  if (supplierIds.length === 0) return []
  // As the feed: what WeChat's image check hid (R20) is not found.
  const scope = { supplierId: command.in(supplierIds), ...shownWhere(now) }
  return rowsOf<SearchViewRecord>(
    newestFirst(products(), [scope, ...narrowing(where)], 'publishedAt', cursor, rows)
      .field({ ...viewFields, tokens: true })
      .get(),
  )
}

/** The supplier's own products of one effective status (R8) matching `where`, newest first. */
export async function searchOwn(
  supplierId: string,
  status: ProductStatus,
  now: number,
  where: SearchWhere,
  cursor: string | undefined,
  rows: number,
): Promise<SearchOwnRecord[]> {
  const byStatus = status === 'on_sale' ? onSaleWhere(now) : command.or([{ status: 'off_shelf' }, { expiresAt: command.lte(now) }])
  return rowsOf<SearchOwnRecord>(
    newestFirst(products(), [{ supplierId }, byStatus, ...narrowing(where)], 'publishedAt', cursor, rows)
      .field({ ...productFields, tokens: true })
      .get(),
  )
}

// ---- the one-off migration: tokens for products written before search existed -------------------

/** Products without tokens after `after` in `_id` order. */
export async function listProductsLackingTokens(after: string, count: number) {
  return rowsOf<Pick<ProductRecord, '_id' | 'description' | 'specs'>>(
    products()
      .where({ _id: command.gt(after), tokens: command.exists(false) })
      .orderBy('_id', 'asc')
      .limit(count)
      .field({ _id: true, description: true, specs: true })
      .get(),
  )
}

/**
 * Writes the tokens of the text read, only where still absent: an edit meanwhile wrote its own
 * tokens from its own text, which this must not undo.
 */
export async function fillProductTokens(product: Pick<ProductRecord, '_id' | 'description' | 'specs'>): Promise<void> {
  await products()
    .where({ _id: product._id, tokens: command.exists(false) })
    .update({ data: { tokens: productTokens(product) } })
}
