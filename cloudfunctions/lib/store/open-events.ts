import { command, db, rowsOf } from '../platform/cloud'
import type { Transaction, TransactionCollection, TransactionDocument } from '../platform/transaction'

/**
 * A collection of customer-open events waiting to be folded into counters, and the collection of
 * the folds' records (docs/decisions/share-counting.md): share opens and storefront opens each have
 * one. An event is unclaimed (`fold` absent) or held by a fold since `claimedAt`; a fold whose counts
 * are committed has a record until its events are removed.
 */
export interface OpenEvents<T> {
  /** Up to `limit` ids of events made before `before` that no live fold holds, oldest first: the next batch. */
  listFoldable(before: number, limit: number, staleBefore: number, committed: string[]): Promise<string[]>
  /** Claims the events of `ids` still foldable for `foldId` (one write); two folds never hold the same event. */
  claim(ids: string[], foldId: string, at: number, staleBefore: number, committed: string[]): Promise<void>
  /** The events the fold holds (at most one batch). */
  listClaimed(foldId: string, limit: number): Promise<T[]>
  /** Removes a committed fold's events (one write); running it again removes nothing. */
  removeFolded(foldId: string): Promise<void>
  /** Folds whose counts are committed, their events perhaps not yet removed (normally none). */
  listCommittedFolds(): Promise<string[]>
  /** Inside the fold's transaction: its counts are committed exactly when this record is. */
  recordFoldIn(tx: Transaction, foldId: string, at: number, count: number): Promise<void>
  removeFoldRecord(foldId: string): Promise<void>
}

/** Which claims a fold may take over: none of a committed fold, only those older than `staleBefore`. */
function foldable(staleBefore: number, committed: string[]) {
  return command.or([{ fold: command.exists(false) }, { fold: command.nin(committed), claimedAt: command.lt(staleBefore) }])
}

type Collection = ReturnType<typeof db.collection>
type FoldRecord = { _id: string; at: number; opens: number }

/** Where a kind of open lives: its events (read with `fields`) and its folds' records, also inside a transaction. */
export interface OpenCollections {
  events: () => Collection
  folds: () => Collection
  foldsIn: (tx: Transaction) => TransactionCollection<FoldRecord>
  fields: Record<string, boolean>
}

/** The events and fold records of one kind of open; the collections are named by the store module that owns them. */
export function openEvents<T>({ events, folds, foldsIn, fields }: OpenCollections): OpenEvents<T> {
  return {
    async listFoldable(before, limit, staleBefore, committed) {
      const rows = await rowsOf<{ _id: string }>(
        events()
          .where(command.and([{ at: command.lt(before) }, foldable(staleBefore, committed)]))
          .orderBy('at', 'asc')
          .orderBy('_id', 'asc')
          .limit(limit)
          .field({ _id: true })
          .get(),
      )
      return rows.map((row) => row._id)
    },
    async claim(ids, foldId, at, staleBefore, committed) {
      await events()
        .where(command.and([{ _id: command.in(ids) }, foldable(staleBefore, committed)]))
        .update({ data: { fold: foldId, claimedAt: at } })
    },
    async listClaimed(foldId, limit) {
      return rowsOf<T>(events().where({ fold: foldId }).limit(limit).field(fields).get())
    },
    async removeFolded(foldId) {
      await events().where({ fold: foldId }).remove()
    },
    async listCommittedFolds() {
      const rows = await rowsOf<{ _id: string }>(folds().limit(100).field({ _id: true }).get())
      return rows.map((row) => row._id)
    },
    async recordFoldIn(tx, foldId, at, count) {
      await foldsIn(tx).add({ data: { _id: foldId, at, opens: count } })
    },
    async removeFoldRecord(foldId) {
      await folds().doc(foldId).remove()
    },
  }
}

/**
 * Inside a fold's transaction: adds folded opens to a counted document's `views` (a share's, a
 * selection's); a document gone since is skipped.
 */
export async function addFoldedViewsIn(doc: TransactionDocument<{ views?: number }>, views: number): Promise<void> {
  let stored: { views?: number } | undefined
  try {
    stored = (await doc.get()).data
  } catch {
    return
  }
  if (stored) await doc.update({ data: { views: (stored.views ?? 0) + views } })
}
