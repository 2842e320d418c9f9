import {
  AFTER_SHIPPING_REASONS,
  BEFORE_SHIPPING_REASONS,
  type AftersaleActor,
  type AftersaleEvent,
  type AftersaleKind,
  type AftersaleStatus,
} from '@/domain/aftersale'
import { caseOpening, checkRefundAmount, refundableFen, refundNumber, type RefundPhase } from '@/domain/aftersale-refunds'
import { ReturnAddressSchema, type ReturnAddress } from '@/domain/aftersale-schemas'
import { AppError } from '@/domain/errors'
import { transition } from '@/domain/order-machine'
import { sameRequest, type KeyedRequest } from '../platform/idempotency'
import { inTransaction, type Transaction } from '../platform/transaction'
import {
  addCaseIn,
  caseFlags,
  findCase,
  findDueCases,
  getCaseIn,
  saveCaseIn,
  type AftersaleRecord,
  type CaseStep,
} from '../store/aftersales'
import { getOrderIn, updateOrderIn, type OrderRecord } from '../store/orders'
import { addRefundIn, getRefundIn, type RefundRecord } from '../store/refunds'
import { findSupplierReturnAddress } from '../store/suppliers'
import { advanced, notifyCase, releasedOrder, requireCaseMove } from './aftersale-steps'
import { returnStockIn } from './orders'
import { newRefund, sendRefund } from './refunds'

/**
 * The after-sales case's lifecycle (R19). Every move reads the case and its order in one
 * transaction, asks the domain's state machine (`caseTransition`), and writes the case (its step on
 * the timeline), the order (its open case, its cancellation before shipping, its stock) and the
 * refund's record together: two people, or a person and the timer, acting on one case at once make
 * one move and the other is refused. Money then goes through the refund lifecycle, under the case's
 * number, so a retry never refunds twice.
 */

export const CASE_HIDDEN = '售后不存在'
const ORDER_HIDDEN = '订单不存在'

function refundable(order: OrderRecord) {
  return {
    status: order.status,
    goodsTotal: order.goodsTotal,
    shippingFee: order.shippingFee,
    total: order.total,
    refundedFen: order.refundedFen ?? 0,
    ...(order.completedAt !== undefined ? { completedAt: order.completedAt } : {}),
  }
}

export interface Application {
  orderId: string
  kind: AftersaleKind
  reason: string
  amountFen?: number | undefined
  note: string
  photos: string[]
}

/** The reason must be one of the order's phase; the amount within what may come back. */
function checkedApplication(order: OrderRecord, input: Application, at: number): { phase: RefundPhase; amountFen: number } {
  const opening = caseOpening(refundable(order), input.kind, at)
  if (!opening.ok) throw new AppError('FAILED_PRECONDITION', opening.message)
  const reasons: readonly string[] = opening.phase === 'before_shipping' ? BEFORE_SHIPPING_REASONS : AFTER_SHIPPING_REASONS
  if (!reasons.includes(input.reason))
    throw new AppError('INVALID_ARGUMENT', '请选择申请原因', [{ path: ['reason'], message: '请选择申请原因' }])
  const amount = checkRefundAmount(refundable(order), opening.phase, input.amountFen ?? opening.maxFen)
  if (!amount.ok) throw new AppError('INVALID_ARGUMENT', amount.message, [{ path: ['amountFen'], message: amount.message }])
  return { phase: opening.phase, amountFen: amount.amountFen }
}

/**
 * 申请退款 / 申请售后: opens the order's next case, or re-applies on its refused one, in one
 * transaction with the order, which names its open case: two applications at once make one case.
 * A retry with the same key answers the case the first try made or re-opened.
 */
export async function openCase(agent: string, input: Application, keyed: KeyedRequest | undefined, at: number) {
  const result = await inTransaction(async (tx) => {
    const order = await getOrderIn(tx, input.orderId)
    if (!order || order.agentOpenid !== agent) throw new AppError('NOT_FOUND', ORDER_HIDDEN)
    const open = order.openCaseId ? await getCaseIn(tx, order.openCaseId) : null
    if (open && keyed && open.applyKey === keyed.id) return { record: sameRequest(open, keyed.fingerprint), made: false }
    if (open && open.status !== 'refused') throw new AppError('FAILED_PRECONDITION', '该订单已有进行中的售后，请先处理')
    const { phase, amountFen } = checkedApplication(order, input, at)
    const facts = {
      kind: input.kind,
      phase,
      reason: input.reason,
      note: input.note,
      photos: input.photos,
      amountFen,
      applyKey: keyed?.id ?? null,
      ...(keyed ? { requestFingerprint: keyed.fingerprint } : {}),
    }
    const step = { actor: 'agent' as const, reason: input.reason, note: input.note, photos: input.photos, amountFen }
    if (open) {
      const to = requireCaseMove(open, 'reapply', 'agent')
      const record = advanced(open, to, { ...step, action: 'reapply' }, at, facts)
      await saveCaseIn(tx, record)
      return { record, made: true }
    }
    const caseNo = (order.caseCount ?? 0) + 1
    const first = order.items[0]
    const record: AftersaleRecord = advanced(
      {
        _id: refundNumber(order.orderNo, { kind: 'aftersale', caseNo }),
        caseNo,
        orderId: order._id,
        orderNo: order.orderNo,
        supplierId: order.supplierId,
        agentOpenid: order.agentOpenid,
        ...facts,
        status: 'pending',
        item: {
          description: first?.snapshot.description ?? '',
          specName: first?.snapshot.specName ?? '',
          image: first?.snapshot.image ?? '',
          qty: first?.qty ?? 0,
        },
        escalated: false,
        escalatedAt: null,
        dueAt: null,
        ...caseFlags('pending'),
        refundNo: null,
        timeline: [],
        createdAt: at,
        updatedAt: at,
      },
      'pending',
      { ...step, action: 'apply' },
      at,
    )
    await addCaseIn(tx, record)
    await updateOrderIn(tx, order._id, { openCaseId: record._id, caseCount: caseNo, updatedAt: at })
    return { record, made: true }
  })
  if (result.made) await notifyCase(result.record, 'supplier', '代理申请了售后，请在 48 小时内处理')
  return result.record
}

/** What a move adds besides the status: the step's words, photos and amount, the case's and order's changes, a refund. */
interface Plan {
  step?: Partial<Omit<CaseStep, 'at' | 'status' | 'actor' | 'action'>>
  changes?: Partial<AftersaleRecord>
  orderChanges?: Partial<OrderRecord>
  refund?: RefundRecord
}

/**
 * One move of a case in one transaction: the state machine's answer, then `plan` (which may start
 * the refund). Answers the case as moved and the refund to ask WeChat Pay for.
 */
async function moveCase(
  id: string,
  event: AftersaleEvent,
  actor: AftersaleActor,
  at: number,
  plan: (record: AftersaleRecord, order: OrderRecord, to: AftersaleStatus, tx: Transaction) => Promise<Plan> | Plan = () => ({}),
): Promise<{ record: AftersaleRecord; refund: RefundRecord | null }> {
  const moved = await inTransaction(async (tx) => {
    const record = await getCaseIn(tx, id)
    if (!record) throw new AppError('NOT_FOUND', CASE_HIDDEN)
    const order = await getOrderIn(tx, record.orderId)
    if (!order) throw new AppError('NOT_FOUND', CASE_HIDDEN)
    const to = requireCaseMove(record, event, actor)
    const { step, changes, orderChanges, refund } = await plan(record, order, to, tx)
    const next = advanced(record, to, { ...step, actor, action: event }, at, changes)
    const orderWrites = { ...orderChanges, ...releasedOrder(order, next) }
    await saveCaseIn(tx, next)
    if (Object.keys(orderWrites).length > 0) await updateOrderIn(tx, order._id, { ...orderWrites, updatedAt: at })
    return { record: next, refund: refund ?? null }
  })
  const refund = moved.refund ? await sendRefund(moved.refund, at) : null
  return { record: moved.refund ? ((await findCase(id)) ?? moved.record) : moved.record, refund }
}

/**
 * The case's refund, recorded with the move to 退款中. Before shipping (the order still 待发货) it is
 * everything paid, and the order is cancelled with the case's reason and its stock returns; after
 * shipping it is the agreed amount, at most the goods not yet refunded. A refund WeChat Pay refused
 * is asked again under the same number.
 */
async function refundPlan(tx: Transaction, record: AftersaleRecord, order: OrderRecord, wanted: number, at: number): Promise<Plan> {
  const earlier = await getRefundIn(tx, record._id)
  if (earlier) return { refund: earlier, changes: { refundNo: earlier._id } }
  let amountFen = Math.min(wanted, refundableFen(refundable(order), 'after_shipping'))
  let orderChanges: Partial<OrderRecord> = {}
  if (order.status === 'paid') {
    const move = transition(order.status, 'refund', 'aftersale')
    if (!move.ok) throw new AppError(move.code, move.message)
    amountFen = refundableFen(refundable(order), 'before_shipping')
    await returnStockIn(tx, order, at)
    orderChanges = { status: move.to, cancelledAt: at, cancelledBy: 'agent', cancelReason: record.reason, dueAt: null }
  }
  if (amountFen < 1) throw new AppError('FAILED_PRECONDITION', '该订单已全部退款')
  const refund = newRefund(order, { kind: 'aftersale', caseNo: record.caseNo, caseId: record._id }, amountFen, record.reason, at)
  await addRefundIn(tx, refund)
  return { refund, orderChanges, changes: { refundNo: refund._id }, step: { amountFen } }
}

/** The return address of 店铺资料, when it is a valid one. */
async function profileReturnAddress(supplierId: string): Promise<ReturnAddress | null> {
  const parsed = ReturnAddressSchema.safeParse(await findSupplierReturnAddress(supplierId))
  return parsed.success ? parsed.data : null
}

/**
 * 同意 by the supplier (or the timer after 48 hours): 仅退款 → the refund; 退货退款 → 待退货 with the
 * return address (given, else 店铺资料's). On 退款失败 the supplier's agree asks WeChat Pay again.
 */
export async function agreeCase(
  id: string,
  actor: 'supplier' | 'timer',
  input: { returnAddress?: ReturnAddress; note: string },
  at: number,
) {
  const current = await findCase(id)
  const address = input.returnAddress ?? (current ? await profileReturnAddress(current.supplierId) : null)
  const event: AftersaleEvent = current?.status === 'refund_failed' && actor === 'supplier' ? 'retryRefund' : 'agree'
  const moved = await moveCase(id, event, actor, at, async (record, order, to, tx) => {
    const step = { note: input.note }
    if (to === 'awaiting_return') {
      if (!address && actor === 'supplier') throw new AppError('FAILED_PRECONDITION', '请填写退货地址（或在店铺资料中设置）')
      return address ? { step: { ...step, returnAddress: address }, changes: { returnAddress: address } } : { step }
    }
    const plan = await refundPlan(tx, record, order, record.amountFen, at)
    return { ...plan, step: { ...step, ...plan.step } }
  })
  await notifyCase(moved.record, 'agent', moved.record.status === 'awaiting_return' ? '商家同意退货，请寄回商品' : '商家已同意退款')
  return moved.record
}

/** 拒绝 (待商家处理) or 拒绝收货 (待商家收货), with the supplier's reason: 商家已拒绝. */
export async function refuseCase(id: string, input: { reason: string; note: string; photos: string[] }, at: number) {
  const current = await findCase(id)
  const event: AftersaleEvent = current?.status === 'returning' ? 'refuseReceipt' : 'refuse'
  const { record } = await moveCase(id, event, 'supplier', at, () => ({ step: input }))
  await notifyCase(record, 'agent', `商家拒绝：${input.reason}`)
  return record
}

export async function returnShipCase(id: string, parcel: { carrier: string; trackingNo: string }, at: number) {
  const { record } = await moveCase(id, 'returnShip', 'agent', at, () => ({
    step: { logistics: parcel },
    changes: { returnLogistics: { ...parcel, shippedAt: at } },
  }))
  await notifyCase(record, 'supplier', '代理已寄回商品，请在 7 天内确认收货')
  return record
}

/** 确认收货 by the supplier (or the timer 7 days after the return shipped): the refund goes out. */
export async function confirmReceiptCase(id: string, actor: 'supplier' | 'timer', at: number) {
  const { record } = await moveCase(id, 'confirmReceipt', actor, at, (kase, order, _to, tx) =>
    refundPlan(tx, kase, order, kase.amountFen, at),
  )
  await notifyCase(record, 'agent', actor === 'timer' ? '商家超时未确认收货，已自动退款' : '商家已收到退货，正在退款')
  return record
}

export async function withdrawCase(id: string, at: number) {
  const { record } = await moveCase(id, 'withdraw', 'agent', at)
  await notifyCase(record, 'supplier', '代理已撤销售后申请')
  return record
}

export async function escalateCase(id: string, input: { note: string; photos: string[] }, at: number) {
  const { record } = await moveCase(id, 'escalate', 'agent', at, () => ({
    step: input,
    changes: { escalated: true, escalatedAt: at },
  }))
  await notifyCase(record, 'supplier', '代理已申请平台介入')
  return record
}

/** The operator's decision on an escalated case: refund an amount (within what may come back) or close. */
export async function decideCase(
  id: string,
  input: { outcome: 'refund' | 'close'; amountFen?: number | undefined; note: string },
  at: number,
) {
  const event: AftersaleEvent = input.outcome === 'refund' ? 'decideRefund' : 'decideClose'
  const { record } = await moveCase(id, event, 'operator', at, async (kase, order, _to, tx) => {
    if (input.outcome === 'close') return { step: { note: input.note } }
    const phase: RefundPhase = order.status === 'paid' ? 'before_shipping' : 'after_shipping'
    const check = checkRefundAmount(refundable(order), phase, input.amountFen ?? 0)
    if (!check.ok) throw new AppError('INVALID_ARGUMENT', check.message, [{ path: ['amountFen'], message: check.message }])
    const plan = await refundPlan(tx, kase, order, check.amountFen, at)
    return { ...plan, step: { note: input.note, ...plan.step } }
  })
  const what = input.outcome === 'refund' ? '平台裁决退款' : '平台裁决关闭售后'
  await notifyCase(record, 'agent', what)
  await notifyCase(record, 'supplier', what)
  return record
}

/** The timer's move on a due case: 48 h unanswered → agreed; 7 days unshipped → closed; 7 days unconfirmed → refunded. */
export async function expireCase(record: AftersaleRecord, at: number): Promise<void> {
  if (record.status === 'pending') await agreeCase(record._id, 'timer', { note: '商家超时未处理，系统自动同意' }, at)
  else if (record.status === 'returning') await confirmReceiptCase(record._id, 'timer', at)
  else if (record.status === 'awaiting_return') {
    const { record: closed } = await moveCase(record._id, 'expireReturn', 'timer', at, () => ({
      step: { note: '超时未寄回商品，售后已关闭' },
    }))
    await notifyCase(closed, 'agent', '超时未寄回商品，售后已关闭')
    await notifyCase(closed, 'supplier', '代理超时未寄回商品，售后已关闭')
  }
}

/** Due cases per read, and reads per run: one run stays well inside the function's timeout; the next run takes the rest. */
const BATCH = 100
const MAX_BATCHES = 20

/**
 * The `expire` timer's after-sales job: every open case whose deadline has come, paged by (dueAt,
 * _id), each moved in its own transaction. A case someone moved meanwhile is refused by the state
 * machine and left alone: one outcome per case.
 */
export async function expireDueCases(at: number): Promise<{ expiredCases: number; complete: boolean }> {
  let expiredCases = 0
  let after: { dueAt: number; id: string } | null = null
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueCases(at, after, BATCH)
    for (const record of due) {
      try {
        await expireCase(record, at)
        expiredCases += 1
      } catch (error) {
        if (!(error instanceof AppError)) throw error
      }
    }
    const last = due[due.length - 1]
    if (!last || due.length < BATCH) return { expiredCases, complete: true }
    after = { dueAt: last.dueAt ?? at, id: last._id }
  }
  return { expiredCases, complete: false }
}
