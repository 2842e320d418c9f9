import { AppError } from '@/domain/errors'
import { randomToken } from '../platform/ids'
import { inTransaction, type Transaction } from '../platform/transaction'
import type { OpenEvents } from '../store/open-events'

/**
 * Folding customer-open events into counters (docs/decisions/share-counting.md), for share opens and
 * storefront opens alike: the `expire` timer folds settled events in batches, each batch's counts
 * committed in one transaction with a record of the fold, so an event is counted exactly once even
 * when a fold dies halfway or two folds run at once.
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

/** Writes a batch's counts inside the fold's transaction (reading and writing only through `tx`). */
export type CommitCounts<T> = (tx: Transaction, events: T[]) => Promise<void>

/**
 * One batch: claim the foldable events (one write), read what this fold holds, commit their counts
 * with the fold's record in one transaction, then remove them (one write) and the record. A fold that
 * dies before its commit leaves its claim to go stale (FOLD_STALE_MS) and be taken over; one that dies
 * after it leaves a record, and the next run removes the events it counted.
 */
async function foldBatch<T>(
  events: OpenEvents<T>,
  commit: CommitCounts<T>,
  ids: string[],
  at: number,
  committed: string[],
): Promise<number> {
  const foldId = randomToken(FOLD_ID_LENGTH)
  await events.claim(ids, foldId, at, at - FOLD_STALE_MS, committed)
  const batch = await events.listClaimed(foldId, FOLD_BATCH)
  if (batch.length === 0) return 0
  await inTransaction(async (tx) => {
    await events.recordFoldIn(tx, foldId, at, batch.length)
    await commit(tx, batch)
  })
  await finishFold(events, foldId)
  return batch.length
}

/** Removes a committed fold's events, then its record: safe to repeat, and to run from two places. */
async function finishFold<T>(events: OpenEvents<T>, foldId: string): Promise<void> {
  await events.removeFolded(foldId)
  await events.removeFoldRecord(foldId)
}

/** The timer's job: finishes folds that died after their commit, then folds events older than OPEN_SETTLE_MS, oldest first. */
export async function foldOpens<T>(
  events: OpenEvents<T>,
  at: number,
  commit: CommitCounts<T>,
): Promise<{ foldedOpens: number; complete: boolean }> {
  for (const foldId of await events.listCommittedFolds()) await finishFold(events, foldId)
  let foldedOpens = 0
  for (let batch = 0; batch < MAX_FOLD_BATCHES; batch += 1) {
    // Read per batch: a fold that committed meanwhile must not have its events taken over.
    const committed = await events.listCommittedFolds()
    const ids = await events.listFoldable(at - OPEN_SETTLE_MS, FOLD_BATCH, at - FOLD_STALE_MS, committed)
    if (ids.length === 0) return { foldedOpens, complete: true }
    try {
      foldedOpens += await foldBatch(events, commit, ids, at, committed)
    } catch (error) {
      // Counters kept busy past the retries: the claim goes stale and the events are folded later.
      if (error instanceof AppError && error.code === 'CONFLICT') return { foldedOpens, complete: false }
      throw error
    }
    if (ids.length < FOLD_BATCH) return { foldedOpens, complete: true }
  }
  return { foldedOpens, complete: false }
}
