import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import type { Transaction } from '../platform/transaction'
import { storefrontDayId, storefrontOpenId } from './ids'
import { openEvents } from './open-events'

/**
 * Customer opens of storefronts, counted as share opens are (docs/decisions/share-counting.md): an
 * open inserts one event into `storefront_opens`, a write no other open contends for; the `expire`
 * timer folds settled events into one counter document per storefront and Shanghai day
 * (`storefront_days`), each batch committed with a `storefront_folds` record (lifecycles/open-folds).
 * Readers add the events still pending, less those of committed folds.
 */
export interface StorefrontOpenRecord {
  _id: string
  storefrontId: string
  /** The product opened from the storefront, or null for an open of the storefront itself. */
  productId: string | null
  day: string
  at: number
  fold?: string
  claimedAt?: number
}

export interface StorefrontDayRecord {
  _id: string
  storefrontId: string
  day: string
  opens: number
  productOpens: number
  products: Array<{ productId: string; opens: number }>
}

const opens = () => db.collection('storefront_opens')
const days = () => db.collection('storefront_days')
const fields = { _id: true, storefrontId: true, productId: true, day: true, at: true }

/** The pending opens and the folds' records, for the fold (lifecycles/open-folds) and the insight. */
export const storefrontOpenEvents = openEvents<StorefrontOpenRecord>({
  events: opens,
  folds: () => db.collection('storefront_folds'),
  foldsIn: (tx) => tx.collection('storefront_folds'),
  fields,
})

/** Records one open; with the open's key a retry meets the first insert at the `_id` and counts nothing (`false`). */
export async function insertStorefrontOpen(open: Omit<StorefrontOpenRecord, '_id'>, key?: string): Promise<boolean> {
  try {
    await opens().add({ data: key ? { _id: storefrontOpenId(open.storefrontId, open.productId, key), ...open } : open })
    return true
  } catch (error) {
    if (key && isDuplicateKeyError(error)) return false
    throw error
  }
}

/** Inside a fold's transaction: adds a day's opens (and per product) to the storefront's counters of that day. */
export async function addToStorefrontDayIn(
  tx: Transaction,
  ofStorefront: string,
  day: string,
  counts: { opens: number; products: ReadonlyMap<string, number> },
): Promise<void> {
  const doc = tx.collection<StorefrontDayRecord>('storefront_days').doc(storefrontDayId(ofStorefront, day))
  let stored: StorefrontDayRecord | undefined
  try {
    stored = (await doc.get()).data
  } catch {
    // Not there yet: the first fold of the day creates it.
  }
  const products = new Map((stored?.products ?? []).map((p) => [p.productId, p.opens]))
  let productOpens = stored?.productOpens ?? 0
  for (const [productId, n] of counts.products) {
    products.set(productId, (products.get(productId) ?? 0) + n)
    productOpens += n
  }
  await doc.set({
    data: {
      storefrontId: ofStorefront,
      day,
      opens: (stored?.opens ?? 0) + counts.opens,
      productOpens,
      products: [...products].map(([productId, n]) => ({ productId, opens: n })),
    },
  })
}

/** The storefront's counter days from `fromDay` on (at most 31 documents, one indexed read). */
export async function listStorefrontDays(ofStorefront: string, fromDay: string): Promise<StorefrontDayRecord[]> {
  return rowsOf<StorefrontDayRecord>(
    days()
      .where({ storefrontId: ofStorefront, day: command.gte(fromDay) })
      .orderBy('day', 'asc')
      .limit(31)
      .field({ _id: true, storefrontId: true, day: true, opens: true, productOpens: true, products: true })
      .get(),
  )
}

/** The storefront's pending opens (not of a committed fold) from `fromDay` on, per day and product (one read). */
export async function pendingStorefrontOpens(
  ofStorefront: string,
  fromDay: string,
  committed: string[],
): Promise<Array<{ day: string; productId: string | null; opens: number }>> {
  const $ = command.aggregate
  const { list } = (await opens()
    .aggregate()
    .match({ storefrontId: ofStorefront, day: command.gte(fromDay), fold: command.nin(committed) })
    .group({ _id: { day: '$day', productId: '$productId' }, opens: $.sum(1) })
    .limit(1000)
    .end()) as { list: Array<{ _id: { day: string; productId: string | null }; opens: number }> }
  return list.map((row) => ({ ...row._id, opens: row.opens }))
}
