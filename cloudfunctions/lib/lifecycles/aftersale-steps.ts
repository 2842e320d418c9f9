import { aftersaleStatusText, caseDueAt, caseTransition, type AftersaleActor, type AftersaleStatus } from '@/domain/aftersale'
import { AppError } from '@/domain/errors'
import { pagePath, route } from '@/domain/routes'
import { formatShanghai } from '@/domain/time'
import { sendMessage, type SendOutcome } from '../platform/messages'
import { inTransaction, type Transaction } from '../platform/transaction'
import { caseFlags, getCaseIn, saveCaseIn, type AftersaleRecord, type CaseStep } from '../store/aftersales'
import type { OrderRecord } from '../store/orders'
import { findSupplierById } from '../store/suppliers'

/**
 * The parts of an after-sales case's moves that the refund lifecycle also needs (R19): a step on
 * the timeline, the case's flags and deadline following its status, the moves WeChat Pay makes (the
 * refund done, or refused), and the 售后进度 message to the other side. Kept apart from
 * lifecycles/aftersales.ts, which starts refunds, so that refunds.ts can call in here without a cycle.
 */

/** The case after a move to `to`: the step on its timeline, its flags and deadline following the status. */
export function advanced(
  record: AftersaleRecord,
  to: AftersaleStatus,
  step: Omit<CaseStep, 'at' | 'status' | 'photos'> & { photos?: string[] },
  at: number,
  changes: Partial<AftersaleRecord> = {},
): AftersaleRecord {
  const entry: CaseStep = { ...step, photos: step.photos ?? [], at, status: to }
  return {
    ...record,
    ...changes,
    status: to,
    ...caseFlags(to),
    dueAt: caseDueAt(to, at),
    timeline: [...record.timeline, entry],
    updatedAt: at,
  }
}

/** The order's changes when the case ends: the order is free for a new case. */
export function releasedOrder(order: Pick<OrderRecord, 'openCaseId'>, next: AftersaleRecord): Partial<OrderRecord> {
  return !next.open && order.openCaseId === next._id ? { openCaseId: null } : {}
}

/**
 * WeChat Pay confirmed the case's refund, inside the refund notice's transaction: the case is
 * 退款成功 and its order free. Answers the order's changes for that transaction to write (nothing
 * when the case had already moved on).
 */
export async function caseRefundDoneIn(
  tx: Transaction,
  caseId: string,
  order: Pick<OrderRecord, 'openCaseId'>,
  amountFen: number,
  at: number,
): Promise<{ orderChanges: Partial<OrderRecord>; record: AftersaleRecord | null }> {
  const record = await getCaseIn(tx, caseId)
  if (!record) return { orderChanges: {}, record: null }
  const move = caseTransition({ status: record.status, kind: record.kind, escalated: record.escalated }, 'refundDone', 'wechatpay')
  if (!move.ok) return { orderChanges: {}, record: null }
  const next = advanced(record, move.to, { actor: 'wechatpay', action: 'refundDone', amountFen }, at)
  await saveCaseIn(tx, next)
  return { orderChanges: releasedOrder(order, next), record: next }
}

/** WeChat Pay refused the case's refund: the case shows 退款失败 with the reason, for the supplier to retry. */
export async function caseRefundFailed(caseId: string, reason: string, at: number): Promise<void> {
  const next = await inTransaction(async (tx) => {
    const record = await getCaseIn(tx, caseId)
    if (!record) return null
    const move = caseTransition({ status: record.status, kind: record.kind, escalated: record.escalated }, 'refundFailed', 'wechatpay')
    if (!move.ok) return null
    const moved = advanced(record, move.to, { actor: 'wechatpay', action: 'refundFailed', note: reason }, at)
    await saveCaseIn(tx, moved)
    return moved
  })
  if (next) await notifyCase(next, 'supplier', '微信支付退款失败，请处理')
}

/** The move the state machine allows, or its refusal as the caller's error. */
export function requireCaseMove(
  record: AftersaleRecord,
  event: Parameters<typeof caseTransition>[1],
  actor: AftersaleActor,
): AftersaleStatus {
  const move = caseTransition({ status: record.status, kind: record.kind, escalated: record.escalated }, event, actor)
  if (!move.ok) throw new AppError(move.code, move.message)
  return move.to
}

// ---- 售后进度, to the other side -------------------------------------------------------------

const casePages = {
  agent: (record: AftersaleRecord) => pagePath(route('pages/aftersale/detail/index', { id: record._id })),
  supplier: (record: AftersaleRecord) => pagePath(route('supplier/aftersale/detail/index', { id: record._id })),
}

/**
 * 售后进度 → one side of the case: the order number, the case's status, what happened, when. A
 * message is a courtesy: a failed send never fails the move.
 */
export async function notifyCase(record: AftersaleRecord, to: 'agent' | 'supplier', what: string): Promise<SendOutcome> {
  const touser = to === 'agent' ? record.agentOpenid : (await findSupplierById(record.supplierId))?.ownerOpenid
  if (!touser) return 'skipped'
  return sendMessage('aftersaleProgress', touser, casePages[to](record), {
    character_string1: record.orderNo,
    phrase2: aftersaleStatusText[record.status],
    thing3: what,
    time4: formatShanghai(record.updatedAt, 'YYYY-MM-DD HH:mm'),
  })
}
