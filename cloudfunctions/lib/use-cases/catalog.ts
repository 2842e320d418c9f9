import type { ActionArgs } from '@/domain/api'
import type { ImportReport, ShopItem } from '@/domain/catalog'
import { parseCatalogueFile } from '@/domain/catalog-import'
import { AppError } from '@/domain/errors'
import { requireOwnSupplier } from '../access'
import type { Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { toPage } from '../platform/cursor'
import { downloadFile } from '../platform/files'
import { findOwnShopItem, listOwnShopItems, upsertShopItems, type ShopItemRecord } from '../store/shop-catalog'

/**
 * R15: load the supplier's shop catalogue from a CSV or JSON file it uploaded. Good rows are kept,
 * bad rows are reported by their data-row number (the first row after the CSV header, or the first
 * element of the JSON array, is 1) with a reason in Chinese. Re-importing updates items by their
 * shop item number instead of duplicating them; items missing from the file are kept.
 */
export async function importFile(input: ActionArgs<'catalog', 'importFile'>, caller: Caller): Promise<ImportReport> {
  const supplier = await requireOwnSupplier(caller)
  const { items, errors } = parseCatalogueFile(
    await downloadFile(input.fileID),
    /\.(csv|json)$/i.test(input.fileName) ? input.fileName : input.fileID,
  )
  const { created, updated } = await upsertShopItems(supplier._id, items, now())
  return { items: items.length, created, updated, errors }
}

function toShopItem(record: ShopItemRecord): ShopItem {
  return {
    _id: record._id,
    externalId: record.externalId,
    title: record.title,
    description: record.description,
    category: record.category,
    specs: record.specs,
    importedAt: record.importedAt,
  }
}

/** The import dialog (R15): the supplier's shop items, newest import first, searchable. */
export async function listShop(input: ActionArgs<'catalog', 'listShop'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const pattern = input.q ? input.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : undefined
  const rows = await listOwnShopItems(supplier._id, pattern, input.cursor, input.limit)
  const page = toPage(rows, input.limit, (row) => row.importedAt)
  return { items: page.items.map(toShopItem), nextCursor: page.nextCursor }
}

export async function getShop(input: ActionArgs<'catalog', 'getShop'>, caller: Caller): Promise<ShopItem> {
  const supplier = await requireOwnSupplier(caller)
  const record = await findOwnShopItem(supplier._id, input.id)
  if (!record) throw new AppError('NOT_FOUND', '导入的商品不存在')
  return toShopItem(record)
}
