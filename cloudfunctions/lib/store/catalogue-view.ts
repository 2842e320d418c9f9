import { command, db, rowsOf, totalOf } from '../cloud'
import { afterCursorDesc } from '../cursor'
import { onSaleWhere, type ProductRecord } from './products'

/**
 * Read-only product queries for the agent's view (feed, 我的供应商). The product store owns writes;
 * this reads the same stored shape and selects only what an agent's view is built from: never the
 * shipping template, the source or the edit history.
 */
export type ViewProductRecord = Pick<
  ProductRecord,
  '_id' | 'supplierId' | 'category' | 'description' | 'specs' | 'status' | 'publishedAt' | 'expiresAt'
>

const products = () => db.collection('products')
const fields = {
  _id: true,
  supplierId: true,
  category: true,
  description: true,
  specs: true,
  status: true,
  publishedAt: true,
  expiresAt: true,
}

export async function findProductForView(id: string): Promise<ViewProductRecord | null> {
  const [row] = await rowsOf<ViewProductRecord>(products().where({ _id: id }).field(fields).limit(1).get())
  return row ?? null
}

/** One page (plus one row) of these suppliers' on-sale products, newest first (publishedAt, _id). */
export async function listOnSaleProducts(
  supplierIds: string[],
  now: number,
  cursor: string | undefined,
  limit: number,
): Promise<ViewProductRecord[]> {
  if (supplierIds.length === 0) return []
  const after = afterCursorDesc('publishedAt', cursor)
  const where = { supplierId: command.in(supplierIds), ...onSaleWhere(now) }
  return rowsOf<ViewProductRecord>(
    products()
      .where(after ? command.and([where, after]) : where)
      .orderBy('publishedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit + 1)
      .field(fields)
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
    .match({ supplierId: command.in(supplierIds), ...onSaleWhere(now) })
    .group({ _id: '$supplierId', products: $.sum(1) })
    .end()) as { list: Array<{ _id: string; products: number }> }
  for (const row of list) counts.set(row._id, row.products)
  return counts
}

/** 「N 件新品」: on-sale products of these suppliers published after `since`. */
export async function countPublishedSince(supplierIds: string[], since: number, now: number): Promise<number> {
  if (supplierIds.length === 0) return 0
  return totalOf(products().where({ supplierId: command.in(supplierIds), ...onSaleWhere(now), publishedAt: command.gt(since) }).count())
}
