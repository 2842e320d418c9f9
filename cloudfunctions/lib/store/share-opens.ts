import { command, db, isDuplicateKeyError } from '../platform/cloud'
import { shareOpenId } from './ids'
import { openEvents } from './open-events'

/**
 * Customer-view opens not yet added to the counters (docs/decisions/share-counting.md): an open
 * inserts one small document, a write no other open contends for, and the `expire` timer folds the
 * settled ones into `shares.views`, `supplier_days` and `share_stats` (a selection's into
 * `selections.views` only): a fold claims a batch, commits its counts together with a `share_folds`
 * record, then removes the batch. Readers of those counters add what is still here, less the opens
 * of committed folds.
 */
interface OpenRecord {
  _id: string
  /** The opened share's `_id`, or the selection's. */
  shareId: string
  agentOpenid: string
  /** 'YYYY-MM-DD' in Asia/Shanghai: the day the open is counted on. */
  day: string
  at: number
  /** The fold holding it, and since when (a fold that died holding it loses it after FOLD_STALE_MS). */
  fold?: string
  claimedAt?: number
}

/** An open of a single share: counted for its supplier's day and share stats too. */
export interface ShareOpenRecord extends OpenRecord {
  kind?: undefined
  supplierId: string
  /** The shared product, or null for a post (share stats count products and agents). */
  productId: string | null
}

/** An open of a selection (多选分享): it spans suppliers, so it names none and counts only on the selection. */
export interface SelectionOpenRecord extends OpenRecord {
  kind: 'selection'
}

export type AnyOpenRecord = ShareOpenRecord | SelectionOpenRecord
type NewOpen = Omit<ShareOpenRecord, '_id'> | Omit<SelectionOpenRecord, '_id'>

const opens = () => db.collection('share_opens')
const fields = { _id: true, kind: true, shareId: true, supplierId: true, agentOpenid: true, productId: true, day: true, at: true }

/** The pending opens and the folds' records, for the fold (lifecycles/open-folds) and the readers. */
export const shareOpenEvents = openEvents<AnyOpenRecord>({
  events: opens,
  folds: () => db.collection('share_folds'),
  foldsIn: (tx) => tx.collection('share_folds'),
  fields,
})

/**
 * Records one open. With the open's key its `_id` is derived from the share (or selection) and the
 * key, so a retry meets the first insert at the unique `_id` and counts nothing (`false`) while the
 * open is pending.
 */
export async function insertShareOpen(open: NewOpen, key?: string): Promise<boolean> {
  try {
    await opens().add({ data: key ? { _id: shareOpenId(open.shareId, key), ...open } : open })
    return true
  } catch (error) {
    if (key && isDuplicateKeyError(error)) return false
    throw error
  }
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

/** Pending opens of an agent's shares and selections, per share or selection (one read). */
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
