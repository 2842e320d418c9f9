import { AppError } from '@/domain/errors'
import type { StorefrontOpenDay } from '@/domain/storefront'
import { shanghaiDay } from '@/domain/time'
import { randomToken } from '../platform/ids'
import { inTransaction } from '../platform/transaction'
import {
  addToStorefrontDayIn,
  claimStorefrontOpens,
  insertStorefrontOpen,
  listClaimedStorefrontOpens,
  listCommittedStorefrontFolds,
  listFoldableStorefrontOpens,
  listStorefrontDays,
  pendingStorefrontOpens,
  recordStorefrontFoldIn,
  removeFoldedStorefrontOpens,
  removeStorefrontFoldRecord,
} from '../store/storefront-opens'
import { FOLD_STALE_MS, OPEN_SETTLE_MS } from './share-opens'

/**
 * Counting customer opens of storefronts with the share view's design (docs/decisions/share-counting.md,
 * storefront.md): an open is one insert; the `expire` timer folds settled opens into the day
 * counters in batches, each committed with its fold's record, so an open is counted exactly once even
 * when a fold dies halfway or two run at once; the insight adds the opens still pending.
 */

const FOLD_BATCH = 500
const MAX_FOLD_BATCHES = 40
const FOLD_ID_LENGTH = 16

/** Counts one open of the storefront (or of `productId` from it): one insert; `false` for a retry of a counted open. */
export async function countStorefrontOpen(storefrontId: string, productId: string | null, at: number, openKey?: string): Promise<boolean> {
  return insertStorefrontOpen({ storefrontId, productId, day: shanghaiDay(at), at }, openKey)
}

async function foldBatch(ids: string[], at: number, committed: string[]): Promise<number> {
  const foldId = randomToken(FOLD_ID_LENGTH)
  await claimStorefrontOpens(ids, foldId, at, at - FOLD_STALE_MS, committed)
  const events = await listClaimedStorefrontOpens(foldId, FOLD_BATCH)
  if (events.length === 0) return 0
  const days = new Map<string, { storefrontId: string; day: string; opens: number; products: Map<string, number> }>()
  for (const e of events) {
    const key = JSON.stringify([e.storefrontId, e.day])
    const counts = days.get(key) ?? { storefrontId: e.storefrontId, day: e.day, opens: 0, products: new Map<string, number>() }
    if (e.productId === null) counts.opens += 1
    else counts.products.set(e.productId, (counts.products.get(e.productId) ?? 0) + 1)
    days.set(key, counts)
  }
  await inTransaction(async (tx) => {
    await recordStorefrontFoldIn(tx, foldId, at, events.length)
    for (const counts of days.values()) await addToStorefrontDayIn(tx, counts.storefrontId, counts.day, counts)
  })
  await finishFold(foldId)
  return events.length
}

async function finishFold(foldId: string): Promise<void> {
  await removeFoldedStorefrontOpens(foldId)
  await removeStorefrontFoldRecord(foldId)
}

/** The timer's job: finishes folds that died after their commit, then folds opens older than OPEN_SETTLE_MS, oldest first. */
export async function foldStorefrontOpens(at: number): Promise<{ foldedOpens: number; complete: boolean }> {
  for (const foldId of await listCommittedStorefrontFolds()) await finishFold(foldId)
  let foldedOpens = 0
  for (let batch = 0; batch < MAX_FOLD_BATCHES; batch += 1) {
    // Read per batch: a fold that committed meanwhile must not have its events taken over.
    const committed = await listCommittedStorefrontFolds()
    const ids = await listFoldableStorefrontOpens(at - OPEN_SETTLE_MS, FOLD_BATCH, at - FOLD_STALE_MS, committed)
    if (ids.length === 0) return { foldedOpens, complete: true }
    try {
      foldedOpens += await foldBatch(ids, at, committed)
    } catch (error) {
      // Counters kept busy past the retries: the claim goes stale and the events are folded later.
      if (error instanceof AppError && error.code === 'CONFLICT') return { foldedOpens, complete: false }
      throw error
    }
    if (ids.length < FOLD_BATCH) return { foldedOpens, complete: true }
  }
  return { foldedOpens, complete: false }
}

/** The storefront's counted days from `fromDay` on: the stored counters and, as more days, the opens still pending (three reads). */
export async function storefrontOpenDays(storefrontId: string, fromDay: string): Promise<StorefrontOpenDay[]> {
  const [stored, committed] = await Promise.all([listStorefrontDays(storefrontId, fromDay), listCommittedStorefrontFolds()])
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
