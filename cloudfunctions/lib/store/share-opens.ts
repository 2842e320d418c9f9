import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import type { Transaction } from '../platform/transaction'
import { shareOpenId } from './ids'

/**
 * Customer-view opens not yet added to the counters (docs/decisions/share-counting.md): an open
 * inserts one small document, a write no other open contends for, and the `expire` timer folds the
 * settled ones into `shares.views`, `supplier_days` and `share_stats`: a fold claims a batch, commits
 * its counts together with a `share_folds` record, then removes the batch. Readers of those counters
 * add what is still here, less the opens of committed folds.
 */
export interface ShareOpenRecord {
  _id: string
  shareId: string
  supplierId: string
  agentOpenid: string
  /** The shared product, or null for a post (share stats count products and agents). */
  productId: string | null
  /** 'YYYY-MM-DD' in Asia/Shanghai: the day the open is counted on. */
  day: string
  at: number
  /** The fold holding it, and since when (a fold that died holding it loses it after FOLD_STALE_MS). */
  fold?: string
  claimedAt?: number
}

const opens = () => db.collection('share_opens')
const folds = () => db.collection('share_folds')
const fields = { _id: true, shareId: true, supplierId: true, agentOpenid: true, productId: true, day: true, at: true }

/**
 * Records one open. With the open's key its `_id` is derived from the share and the key, so a retry
 * meets the first insert at the unique `_id` and counts nothing (`false`) while the open is pending.
 */
export async function insertShareOpen(open: Omit<ShareOpenRecord, '_id'>, key?: string): Promise<boolean> {
  try {
    await opens().add({ data: key ? { _id: shareOpenId(open.shareId, key), ...open } : open })
    return true
  } catch (error) {
    if (key && isDuplicateKeyError(error)) return false
    throw error
  }
}

/** Which claims a fold may take over: none of a committed fold, only those older than `staleBefore`. */
function foldable(staleBefore: number, committed: string[]) {
  return command.or([{ fold: command.exists(false) }, { fold: command.nin(committed), claimedAt: command.lt(staleBefore) }])
}

/** Up to `limit` ids of opens made before `before` that no live fold holds, oldest first: the next batch. */
export async function listFoldableOpens(before: number, limit: number, staleBefore: number, committed: string[]): Promise<string[]> {
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

/** Claims the opens of `ids` still foldable for the fold `foldId` (one write); two folds never hold the same open. */
export async function claimOpens(ids: string[], foldId: string, at: number, staleBefore: number, committed: string[]): Promise<void> {
  await opens()
    .where(command.and([{ _id: command.in(ids) }, foldable(staleBefore, committed)]))
    .update({ data: { fold: foldId, claimedAt: at } })
}

/** The opens the fold holds (at most one batch). */
export async function listClaimedOpens(foldId: string, limit: number): Promise<ShareOpenRecord[]> {
  return rowsOf<ShareOpenRecord>(opens().where({ fold: foldId }).limit(limit).field(fields).get())
}

/** Removes the opens of a committed fold (one write); running it again removes nothing. */
export async function removeFoldedOpens(foldId: string): Promise<void> {
  await opens().where({ fold: foldId }).remove()
}

/** Folds whose counts are committed, their opens perhaps not yet removed (normally none). */
export async function listCommittedFolds(): Promise<string[]> {
  const rows = await rowsOf<{ _id: string }>(folds().limit(100).field({ _id: true }).get())
  return rows.map((row) => row._id)
}

/** Inside the fold's transaction: its counts are committed exactly when this record is. */
export async function recordFoldIn(tx: Transaction, foldId: string, at: number, count: number): Promise<void> {
  await tx.collection<{ _id: string; at: number; opens: number }>('share_folds').add({ data: { _id: foldId, at, opens: count } })
}

export async function removeFoldRecord(foldId: string): Promise<void> {
  await folds().doc(foldId).remove()
}

/** Pending opens (not of a committed fold) of a supplier from `fromDay` on, per day, product and agent (one read). */
export async function pendingOpensOfSupplier(
  supplierId: string,
  fromDay: string,
  committed: string[],
): Promise<Array<{ day: string; productId: string | null; agentOpenid: string; views: number }>> {
  const $ = command.aggregate
  const { list } = (await opens()
    .aggregate()
    .match({ supplierId, day: command.gte(fromDay), fold: command.nin(committed) })
    .group({ _id: { day: '$day', productId: '$productId', agentOpenid: '$agentOpenid' }, views: $.sum(1) })
    .limit(1000)
    .end()) as { list: Array<{ _id: { day: string; productId: string | null; agentOpenid: string }; views: number }> }
  return list.map((row) => ({ ...row._id, views: row.views }))
}

/** Pending opens of an agent's shares, per share (one read). */
export async function pendingOpensOfAgent(agentOpenid: string, committed: string[]): Promise<Map<string, number>> {
  const $ = command.aggregate
  const { list } = (await opens()
    .aggregate()
    .match({ agentOpenid, fold: command.nin(committed) })
    .group({ _id: '$shareId', views: $.sum(1) })
    .limit(1000)
    .end()) as { list: Array<{ _id: string; views: number }> }
  return new Map(list.map((row) => [row._id, row.views]))
}
