import { AppError } from '@/domain/errors'
import { shanghaiDay } from '@/domain/time'
import { randomToken } from '../platform/ids'
import { inTransaction } from '../platform/transaction'
import { agentSubject, productSubject, type ShareCounts, addToShareStatIn } from '../store/share-stats'
import {
  claimOpens,
  insertShareOpen,
  listClaimedOpens,
  listCommittedFolds,
  listFoldableOpens,
  pendingOpensOfAgent,
  pendingOpensOfSupplier,
  recordFoldIn,
  removeFoldedOpens,
  removeFoldRecord,
} from '../store/share-opens'
import { addViewsIn, markOpened, type ShareRecord } from '../store/shares'
import { addToSupplierDayIn } from '../store/supplier-days'

/**
 * Counting customer-view opens (R16) so that a share gone viral holds (docs/decisions/share-counting.md):
 * an open inserts one event, which no other open contends for; the `expire` timer folds settled
 * events into the counters in batches, each batch's counts committed in one transaction with a record
 * of the fold, so an event is counted exactly once even when a fold dies halfway or two folds run at
 * once. Readers of the counters add the events still pending.
 */

/**
 * How old an open must be before it is folded: while pending, its event's `_id` (from the open's key)
 * is what keeps a retry or a reload of the same opening from counting twice. One timer period.
 */
export const OPEN_SETTLE_MS = 10 * 60_000
/** Events per fold (one claim, one transaction, one removal), and folds per run: a run stays well inside the timer's timeout. */
const FOLD_BATCH = 500
const MAX_FOLD_BATCHES = 40
/** A claim older than this belongs to a fold that died: longer than any function runs. */
export const FOLD_STALE_MS = 5 * 60_000
const FOLD_ID_LENGTH = 16

/** Counts one open of `share` (one insert); `false` when it is a retry of an open already counted. */
export async function countOpen(share: ShareRecord, at: number, openKey?: string): Promise<boolean> {
  const counted = await insertShareOpen(
    {
      shareId: share._id,
      supplierId: share.supplierId,
      agentOpenid: share.agentOpenid,
      productId: share.kind === 'product' ? share.itemId : null,
      day: shanghaiDay(at),
      at,
    },
    openKey,
  )
  if (counted && share.sharedAt === 0) await markOpened(share._id, at)
  return counted
}

/** Adds `n` to the counter of `key` in `into`. */
function bump(into: Map<string, number>, key: string, n = 1): void {
  into.set(key, (into.get(key) ?? 0) + n)
}

/**
 * One batch: claim the foldable events (one write), read what this fold holds, commit their counts
 * with the fold's record in one transaction, then remove them (one write) and the record. A fold that
 * dies before its commit leaves its claim to go stale (FOLD_STALE_MS) and be taken over; one that dies
 * after it leaves a record, and the next run removes the events it counted.
 */
async function foldBatch(ids: string[], at: number, committed: string[]): Promise<number> {
  const foldId = randomToken(FOLD_ID_LENGTH)
  await claimOpens(ids, foldId, at, at - FOLD_STALE_MS, committed)
  const events = await listClaimedOpens(foldId, FOLD_BATCH)
  if (events.length === 0) return 0
  const shares = new Map<string, number>()
  const days = new Map<string, number>()
  const stats = new Map<string, number>()
  for (const e of events) {
    bump(shares, e.shareId)
    bump(days, JSON.stringify([e.supplierId, e.day]))
    if (e.productId) bump(stats, JSON.stringify([e.supplierId, productSubject(e.productId), e.day]))
    bump(stats, JSON.stringify([e.supplierId, agentSubject(e.agentOpenid), e.day]))
  }
  await inTransaction(async (tx) => {
    await recordFoldIn(tx, foldId, at, events.length)
    for (const [id, views] of shares) await addViewsIn(tx, id, views)
    for (const [key, views] of days) {
      const [supplierId, day] = JSON.parse(key) as [string, string]
      await addToSupplierDayIn(tx, supplierId, day, { views })
    }
    for (const [key, views] of stats) {
      const [supplierId, subject, day] = JSON.parse(key) as [string, string, string]
      await addToShareStatIn(tx, supplierId, subject, day, { views })
    }
  })
  await finishFold(foldId)
  return events.length
}

/** Removes a committed fold's events, then its record: safe to repeat, and to run from two places. */
async function finishFold(foldId: string): Promise<void> {
  await removeFoldedOpens(foldId)
  await removeFoldRecord(foldId)
}

/** The timer's job: finishes folds that died after their commit, then folds opens older than OPEN_SETTLE_MS, oldest first. */
export async function foldShareOpens(at: number): Promise<{ foldedOpens: number; complete: boolean }> {
  for (const foldId of await listCommittedFolds()) await finishFold(foldId)
  let foldedOpens = 0
  for (let batch = 0; batch < MAX_FOLD_BATCHES; batch += 1) {
    // Read per batch: a fold that committed meanwhile must not have its events taken over.
    const committed = await listCommittedFolds()
    const ids = await listFoldableOpens(at - OPEN_SETTLE_MS, FOLD_BATCH, at - FOLD_STALE_MS, committed)
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

/** A supplier's pending opens from `fromDay` on, as share-stat rows (views only) and per day. */
export async function pendingViewsOfSupplier(
  supplierId: string,
  fromDay: string,
): Promise<{ stats: Array<ShareCounts & { subject: string; day: string }>; days: Map<string, number> }> {
  const rows = await pendingOpensOfSupplier(supplierId, fromDay, await listCommittedFolds())
  const stats: Array<ShareCounts & { subject: string; day: string }> = []
  const days = new Map<string, number>()
  for (const row of rows) {
    bump(days, row.day, row.views)
    const counts = { forwards: 0, shares: 0, views: row.views }
    if (row.productId) stats.push({ subject: productSubject(row.productId), day: row.day, ...counts })
    stats.push({ subject: agentSubject(row.agentOpenid), day: row.day, ...counts })
  }
  return { stats, days }
}

/** An agent's pending opens per share. */
export async function pendingViewsOfShares(agentOpenid: string): Promise<Map<string, number>> {
  return pendingOpensOfAgent(agentOpenid, await listCommittedFolds())
}
