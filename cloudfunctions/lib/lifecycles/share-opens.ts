import { shanghaiDay } from '@/domain/time'
import type { Transaction } from '../platform/transaction'
import { agentSubject, productSubject, type ShareCounts, addToShareStatIn } from '../store/share-stats'
import { insertShareOpen, pendingOpensOfAgent, pendingOpensOfSupplier, shareOpenEvents, type AnyOpenRecord } from '../store/share-opens'
import { addSelectionViewsIn, markSelectionOpened, type SelectionRecord } from '../store/selections'
import { addViewsIn, markOpened, type ShareRecord } from '../store/shares'
import { addToSupplierDayIn } from '../store/supplier-days'
import { foldOpens } from './open-folds'

/**
 * Counting customer-view opens (R16) so that a share gone viral holds (docs/decisions/share-counting.md):
 * an open inserts one event, which no other open contends for; the `expire` timer folds settled
 * events into the counters in batches, each batch's counts committed in one transaction with a record
 * of the fold, so an event is counted exactly once even when a fold dies halfway or two folds run at
 * once. Readers of the counters add the events still pending.
 */

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

/**
 * Counts one open of a selection (多选分享) as a share's: one insert, `false` for a retry. A selection
 * spans suppliers, so the event names none: it counts on the selection only, never on a supplier's
 * day or share stats. The first open of a selection only made by 多选转发 lists it in 我的转发.
 */
export async function countSelectionOpen(selection: SelectionRecord, at: number, openKey?: string): Promise<boolean> {
  const counted = await insertShareOpen(
    { kind: 'selection', shareId: selection._id, agentOpenid: selection.agentOpenid, day: shanghaiDay(at), at },
    openKey,
  )
  if (counted && !((selection.sharedAt ?? 0) > 0)) await markSelectionOpened(selection._id, at)
  return counted
}

/** Adds `n` to the counter of `key` in `into`. */
function bump(into: Map<string, number>, key: string, n = 1): void {
  into.set(key, (into.get(key) ?? 0) + n)
}

/** A batch's counts: per share, selection, supplier day and share-stat subject, written in the fold's transaction. */
async function commitShareCounts(tx: Transaction, events: AnyOpenRecord[]): Promise<void> {
  const shares = new Map<string, number>()
  const selections = new Map<string, number>()
  const days = new Map<string, number>()
  const stats = new Map<string, number>()
  for (const e of events) {
    if (e.kind === 'selection') {
      bump(selections, e.shareId)
      continue
    }
    bump(shares, e.shareId)
    bump(days, JSON.stringify([e.supplierId, e.day]))
    if (e.productId) bump(stats, JSON.stringify([e.supplierId, productSubject(e.productId), e.day]))
    bump(stats, JSON.stringify([e.supplierId, agentSubject(e.agentOpenid), e.day]))
  }
  for (const [id, views] of shares) await addViewsIn(tx, id, views)
  for (const [id, views] of selections) await addSelectionViewsIn(tx, id, views)
  for (const [key, views] of days) {
    const [supplierId, day] = JSON.parse(key) as [string, string]
    await addToSupplierDayIn(tx, supplierId, day, { views })
  }
  for (const [key, views] of stats) {
    const [supplierId, subject, day] = JSON.parse(key) as [string, string, string]
    await addToShareStatIn(tx, supplierId, subject, day, { views })
  }
}

/** The timer's job (lifecycles/open-folds): settled opens into the share counters, oldest first. */
export async function foldShareOpens(at: number): Promise<{ foldedOpens: number; complete: boolean }> {
  return foldOpens(shareOpenEvents, at, commitShareCounts)
}

/** A supplier's pending opens from `fromDay` on, as share-stat rows (views only) and per day. */
export async function pendingViewsOfSupplier(
  supplierId: string,
  fromDay: string,
): Promise<{ stats: Array<ShareCounts & { subject: string; day: string }>; days: Map<string, number> }> {
  const rows = await pendingOpensOfSupplier(supplierId, fromDay, await shareOpenEvents.listCommittedFolds())
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

/** An agent's pending opens per share and per selection (by `_id`). */
export async function pendingViewsOfShares(agentOpenid: string): Promise<Map<string, number>> {
  return pendingOpensOfAgent(agentOpenid, await shareOpenEvents.listCommittedFolds())
}
