import type { StorefrontOpenDay } from '@/domain/storefront'
import { shanghaiDay } from '@/domain/time'
import type { Transaction } from '../platform/transaction'
import {
  addToStorefrontDayIn,
  insertStorefrontOpen,
  listStorefrontDays,
  pendingStorefrontOpens,
  storefrontOpenEvents,
  type StorefrontOpenRecord,
} from '../store/storefront-opens'
import { foldOpens } from './open-folds'

/**
 * Counting customer opens of storefronts with the share view's design (docs/decisions/share-counting.md,
 * storefront.md): an open is one insert; the `expire` timer folds settled opens into the storefronts'
 * day counters (lifecycles/open-folds); the insight adds the opens still pending.
 */

/** Counts one open of the storefront (or of `productId` from it): one insert; `false` for a retry of a counted open. */
export async function countStorefrontOpen(storefrontId: string, productId: string | null, at: number, openKey?: string): Promise<boolean> {
  return insertStorefrontOpen({ storefrontId, productId, day: shanghaiDay(at), at }, openKey)
}

/** A batch's counts per storefront and day: opens of the storefront, and per product opened from it. */
async function commitStorefrontCounts(tx: Transaction, events: StorefrontOpenRecord[]): Promise<void> {
  const days = new Map<string, { storefrontId: string; day: string; opens: number; products: Map<string, number> }>()
  for (const e of events) {
    const key = JSON.stringify([e.storefrontId, e.day])
    const counts = days.get(key) ?? { storefrontId: e.storefrontId, day: e.day, opens: 0, products: new Map<string, number>() }
    if (e.productId === null) counts.opens += 1
    else counts.products.set(e.productId, (counts.products.get(e.productId) ?? 0) + 1)
    days.set(key, counts)
  }
  for (const counts of days.values()) await addToStorefrontDayIn(tx, counts.storefrontId, counts.day, counts)
}

/** The timer's job: settled storefront opens into the day counters, oldest first. */
export async function foldStorefrontOpens(at: number): Promise<{ foldedOpens: number; complete: boolean }> {
  return foldOpens(storefrontOpenEvents, at, commitStorefrontCounts)
}

/** The storefront's counted days from `fromDay` on: the stored counters and, as more days, the opens still pending (three reads). */
export async function storefrontOpenDays(storefrontId: string, fromDay: string): Promise<StorefrontOpenDay[]> {
  const [stored, committed] = await Promise.all([listStorefrontDays(storefrontId, fromDay), storefrontOpenEvents.listCommittedFolds()])
  const pending = await pendingStorefrontOpens(storefrontId, fromDay, committed)
  return [
    ...stored,
    ...pending.map((row) =>
      row.productId === null
        ? { day: row.day, opens: row.opens, products: [] }
        : { day: row.day, opens: 0, products: [{ productId: row.productId, opens: row.opens }] },
    ),
  ]
}
