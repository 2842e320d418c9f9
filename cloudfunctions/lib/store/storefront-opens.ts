import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import type { Transaction } from '../platform/transaction'
import { storefrontDayId, storefrontOpenId } from './ids'

/**
 * Customer opens of storefronts, counted as share opens are (docs/decisions/share-counting.md): an
 * open inserts one event into `storefront_opens`, a write no other open contends for; the `expire`
 * timer folds settled events into one counter document per storefront and Shanghai day
 * (`storefront_days`), each batch committed with a `storefront_folds` record. Readers add the events
 * still pending, less those of committed folds.
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
const folds = () => db.collection('storefront_folds')
const days = () => db.collection('storefront_days')
const fields = { _id: true, storefrontId: true, productId: true, day: true, at: true }

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

function foldable(staleBefore: number, committed: string[]) {
  return command.or([{ fold: command.exists(false) }, { fold: command.nin(committed), claimedAt: command.lt(staleBefore) }])
}

/** Up to `limit` ids of opens made before `before` that no live fold holds, oldest first. */
export async function listFoldableStorefrontOpens(
  before: number,
  limit: number,
  staleBefore: number,
  committed: string[],
): Promise<string[]> {
  const rows = await rowsOf<{ _id: string }>(
    opens()
      .where(command.and([{ at: command.lt(before) }, foldable(staleBefore, committed)]))
      .orderBy('at', 'asc')
      .orderBy('_id', 'asc')
      .limit(limit)
      .field({ _id: true })
      .get(),
  )
  return rows.map((row) => row._id)
}

export async function claimStorefrontOpens(
  ids: string[],
  foldId: string,
  at: number,
  staleBefore: number,
  committed: string[],
): Promise<void> {
  await opens()
    .where(command.and([{ _id: command.in(ids) }, foldable(staleBefore, committed)]))
    .update({ data: { fold: foldId, claimedAt: at } })
}

export async function listClaimedStorefrontOpens(foldId: string, limit: number): Promise<StorefrontOpenRecord[]> {
  return rowsOf<StorefrontOpenRecord>(opens().where({ fold: foldId }).limit(limit).field(fields).get())
}

export async function removeFoldedStorefrontOpens(foldId: string): Promise<void> {
  await opens().where({ fold: foldId }).remove()
}

export async function listCommittedStorefrontFolds(): Promise<string[]> {
  const rows = await rowsOf<{ _id: string }>(folds().limit(100).field({ _id: true }).get())
  return rows.map((row) => row._id)
}

export async function recordStorefrontFoldIn(tx: Transaction, foldId: string, at: number, count: number): Promise<void> {
  await tx.collection<{ _id: string; at: number; opens: number }>('storefront_folds').add({ data: { _id: foldId, at, opens: count } })
}

export async function removeStorefrontFoldRecord(foldId: string): Promise<void> {
  await folds().doc(foldId).remove()
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
