import type { ShopItem } from '@/domain/catalog'
import type { ShopItemContent } from '@/domain/catalog-import'
import { command, db, insertedIdOf, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'

/** A shop-catalogue item (R15) as stored, keyed by (supplierId, externalId). */
export interface ShopItemRecord extends ShopItem {
  supplierId: string
  createdAt: number
}

const catalog = () => db.collection('shop_catalog')
const fields = {
  _id: true,
  supplierId: true,
  externalId: true,
  title: true,
  description: true,
  category: true,
  specs: true,
  importedAt: true,
  createdAt: true,
}

/** At most this many documents per read (the server SDK's limit). */
const READ_MAX = 1000
/** Writes in flight at once while importing: quick enough, gentle on the database. */
const WRITE_CONCURRENCY = 8

export async function findOwnShopItem(supplierId: string, id: string): Promise<ShopItemRecord | null> {
  const [row] = await rowsOf<ShopItemRecord>(catalog().where({ _id: id, supplierId }).field(fields).limit(1).get())
  return row ?? null
}

/** Newest import first; `pattern` (an escaped regex) matches the title or the shop's own item number. */
export async function listOwnShopItems(supplierId: string, pattern: string | undefined, cursor: string | undefined, limit: number) {
  const conditions: object[] = [{ supplierId }]
  if (pattern) {
    const regex = db.RegExp({ regexp: pattern, options: 'i' })
    conditions.push(command.or([{ title: regex }, { externalId: regex }]))
  }
  return rowsOf<ShopItemRecord>(
    newestFirst(catalog(), conditions, 'importedAt', cursor, limit + 1)
      .field(fields)
      .get(),
  )
}

async function existingIds(supplierId: string, externalIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (let i = 0; i < externalIds.length; i += READ_MAX) {
    const chunk = externalIds.slice(i, i + READ_MAX)
    const rows = await rowsOf<{ _id: string; externalId: string }>(
      catalog()
        .where({ supplierId, externalId: command.in(chunk) })
        .limit(chunk.length)
        .field({ _id: true, externalId: true })
        .get(),
    )
    for (const row of rows) found.set(row.externalId, row._id)
  }
  return found
}

async function replaceContent(id: string, item: ShopItemContent, now: number): Promise<void> {
  await catalog()
    .doc(id)
    .update({
      data: { title: item.title, description: item.description, category: item.category, specs: command.set(item.specs), importedAt: now },
    })
}

/**
 * Inserts new items and replaces the content of items already imported, so importing the same file
 * twice leaves one item per shop item number. Two imports at once meet at the unique index; the
 * loser updates the winner's item.
 */
export async function upsertShopItems(
  supplierId: string,
  items: ShopItemContent[],
  now: number,
): Promise<{ created: number; updated: number }> {
  const existing = await existingIds(
    supplierId,
    items.map((item) => item.externalId),
  )
  let created = 0
  let updated = 0
  const write = async (item: ShopItemContent) => {
    const id = existing.get(item.externalId)
    if (id) {
      await replaceContent(id, item, now)
      updated += 1
      return
    }
    try {
      await insertedIdOf(catalog().add({ data: { supplierId, ...item, importedAt: now, createdAt: now } }))
      created += 1
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
      const winner = (await existingIds(supplierId, [item.externalId])).get(item.externalId)
      if (!winner) throw error
      await replaceContent(winner, item, now)
      updated += 1
    }
  }
  for (let i = 0; i < items.length; i += WRITE_CONCURRENCY) {
    await Promise.all(items.slice(i, i + WRITE_CONCURRENCY).map(write))
  }
  return { created, updated }
}
