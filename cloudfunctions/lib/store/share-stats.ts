import { command, db, rowsOf } from '../platform/cloud'
import { addToCounters } from '../platform/counters'
import type { Transaction } from '../platform/transaction'
import { agentSubject, productSubject, shareStatId } from './ids'

export { agentSubject, productSubject } from './ids'

/**
 * Supplier insight (R16): 一键转发, shares and customer-view opens per supplier, Shanghai day and
 * subject — a product (`p:<id>`) or an agent (`a:<openid>`). Written once per action (two
 * increments), read with a page of the product or agent list: at most 31 days × one page.
 */
export interface ShareCounts {
  forwards: number
  shares: number
  views: number
}

export interface ShareStatRecord extends ShareCounts {
  _id: string
  supplierId: string
  subject: string
  day: string
}

const stats = () => db.collection('share_stats')
const fields = { _id: true, supplierId: true, subject: true, day: true, forwards: true, shares: true, views: true }
const zero: ShareCounts = { forwards: 0, shares: 0, views: 0 }

async function add(supplierId: string, subject: string, day: string, counts: Partial<ShareCounts>): Promise<void> {
  await addToCounters(stats, shareStatId(supplierId, subject, day), { supplierId, subject, day }, zero, counts)
}

/** Counts one action for its product (when it is one) and for the agent who did it. */
export async function addToShareStats(
  supplierId: string,
  day: string,
  who: { productId: string | null; agentOpenid: string },
  counts: Partial<ShareCounts>,
): Promise<void> {
  await Promise.all([
    ...(who.productId ? [add(supplierId, productSubject(who.productId), day, counts)] : []),
    add(supplierId, agentSubject(who.agentOpenid), day, counts),
  ])
}

/**
 * Adds to one subject's day inside a transaction (the fold of customer opens): read and written
 * whole, so a concurrent writer of the same document makes the transaction run again.
 */
export async function addToShareStatIn(tx: Transaction, supplierId: string, subject: string, day: string, counts: Partial<ShareCounts>) {
  const doc = tx.collection<ShareStatRecord>('share_stats').doc(shareStatId(supplierId, subject, day))
  let stored: ShareStatRecord | undefined
  try {
    stored = (await doc.get()).data
  } catch {
    // Not there yet: the first count of the day creates it.
  }
  const next: ShareCounts = { ...zero }
  for (const key of Object.keys(zero) as Array<keyof ShareCounts>) next[key] = (stored?.[key] ?? 0) + (counts[key] ?? 0)
  await doc.set({ data: { supplierId, subject, day, ...next } })
}

/** The days from `fromDay` on of these subjects (a page of a list). */
export async function listShareStats(supplierId: string, subjects: string[], fromDay: string): Promise<ShareStatRecord[]> {
  if (subjects.length === 0) return []
  return rowsOf<ShareStatRecord>(
    stats()
      .where({ supplierId, subject: command.in(subjects), day: command.gte(fromDay) })
      .limit(Math.min(1000, subjects.length * 32))
      .field(fields)
      .get(),
  )
}
