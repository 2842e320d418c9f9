import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import type { Transaction } from '../platform/transaction'

/**
 * Refunds as stored (R19). A refund's `_id` is its WeChat Pay refund number (out_refund_no), derived
 * from its cause (src/domain/aftersale-refunds.ts), so a cause can be recorded once and WeChat Pay
 * asked any number of times without refunding twice. This module owns every query of `refunds`.
 */
export type RefundCauseKind = 'cannot_ship' | 'late_payment' | 'aftersale'

/**
 * requested: written, WeChat Pay not yet known to have it (asked again until it answers);
 * processing: WeChat Pay accepted it; succeeded: WeChat Pay's notice and its own record say the money
 * is back; failed: WeChat Pay refused it (`failReason`), to be asked again with the same number.
 */
export type RefundStatus = 'requested' | 'processing' | 'succeeded' | 'failed'

export interface RefundRecord {
  _id: string
  orderId: string
  orderNo: string
  supplierId: string
  agentOpenid: string
  cause: RefundCauseKind
  /** The after-sales case the refund settles; null for the order's own refunds. */
  caseId: string | null
  /** Why, in the words people picked (the supplier's reason, the case's reason). */
  reason: string
  amountFen: number
  /** What was paid for the order: WeChat Pay wants it with every request. */
  paidFen: number
  status: RefundStatus
  /** WeChat Pay's reason for refusing it; null while none. */
  failReason: string | null
  createdAt: number
  updatedAt: number
  succeededAt?: number
}

const COLLECTION = 'refunds'
const refunds = () => db.collection(COLLECTION)

async function updatedOf(pending: unknown): Promise<number> {
  const { stats } = (await pending) as { stats?: { updated?: number } }
  return stats?.updated ?? 0
}

export async function getRefundIn(tx: Transaction, id: string): Promise<RefundRecord | null> {
  try {
    const { data } = await tx.collection<RefundRecord>(COLLECTION).doc(id).get()
    return data ?? null
  } catch {
    return null
  }
}

export async function addRefundIn(tx: Transaction, record: RefundRecord): Promise<void> {
  await tx.collection<RefundRecord>(COLLECTION).add({ data: record })
}

export async function updateRefundIn(tx: Transaction, id: string, changes: Partial<Omit<RefundRecord, '_id'>>): Promise<void> {
  await tx.collection<RefundRecord>(COLLECTION).doc(id).update({ data: changes })
}

/** Records a refund once: answers the stored one, whether this call wrote it or an earlier one did. */
export async function addRefundOnce(record: RefundRecord): Promise<RefundRecord> {
  try {
    await refunds().add({ data: record })
    return record
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    const stored = await findRefund(record._id)
    if (!stored) throw error
    return stored
  }
}

export async function findRefund(id: string): Promise<RefundRecord | null> {
  const [row] = await rowsOf<RefundRecord>(refunds().where({ _id: id }).limit(1).get())
  return row ?? null
}

/**
 * The supplier's refunds written since `since` (index supplier_created), oldest first: an export's
 * orders placed from `since` on have no refund written before it. Paged by (createdAt, _id), as the
 * SDK answers at most 1000 rows a read.
 */
export async function findRefundsOfSupplierSince(supplierId: string, since: number): Promise<RefundRecord[]> {
  const rows: RefundRecord[] = []
  let after = since - 1
  let afterId = ''
  for (;;) {
    const page = await rowsOf<RefundRecord>(
      refunds()
        .where(
          command.and([{ supplierId }, command.or([{ createdAt: command.gt(after) }, { createdAt: after, _id: command.gt(afterId) }])]),
        )
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(1000)
        .get(),
    )
    rows.push(...page)
    const last = page[page.length - 1]
    if (!last || page.length < 1000) return rows
    after = last.createdAt
    afterId = last._id
  }
}

/** Moves the refund only if it is still in one of `from`; answers whether it moved. */
export async function moveRefund(id: string, from: readonly RefundStatus[], changes: Partial<Omit<RefundRecord, '_id'>>): Promise<boolean> {
  return (
    (await updatedOf(
      refunds()
        .where({ _id: id, status: command.in([...from]) })
        .update({ data: changes }),
    )) === 1
  )
}

/** Refunds still `requested` since before `before` (index status_updated), oldest first: WeChat Pay is asked again. */
export async function findUnansweredRefunds(before: number, limit: number): Promise<RefundRecord[]> {
  return rowsOf<RefundRecord>(
    refunds()
      .where({ status: 'requested', updatedAt: command.lte(before) })
      .orderBy('updatedAt', 'asc')
      .limit(limit)
      .get(),
  )
}
