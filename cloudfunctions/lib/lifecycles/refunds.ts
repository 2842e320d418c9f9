import { refundNumber } from '@/domain/aftersale-refunds'
import { formatYuan } from '@/domain/money'
import { pagePath, route } from '@/domain/routes'
import { MINUTE_MS } from '@/domain/time'
import { sendMessage, type SendOutcome } from '../platform/messages'
import { caseRefundDoneIn, caseRefundFailed, notifyCase } from './aftersale-steps'
import { queryRefund, requestRefund, type PayResult } from '../platform/pay'
import { inTransaction } from '../platform/transaction'
import { getOrderIn, updateOrderIn, type OrderRecord } from '../store/orders'
import {
  addRefundOnce,
  findRefund,
  findUnansweredRefunds,
  getRefundIn,
  moveRefund,
  updateRefundIn,
  type RefundRecord,
} from '../store/refunds'

/**
 * Money going back (R19), exactly once. A refund is first recorded under its number (one per cause),
 * then WeChat Pay is asked with that number (asking again never refunds twice), and it counts on its
 * order only when WeChat Pay's refund notice arrives and WeChat Pay's own record confirms it
 * (`recordRefundNotice`). A refund whose request went unanswered (a crash, a timeout) is asked again
 * by the timer; one WeChat Pay refused keeps the reason and is asked again when someone retries it.
 * The order moves that start refunds (lifecycles/orders.ts) and the after-sales cases call this module;
 * it never moves an order's status.
 */

const OK: PayResult = { errcode: 0, errmsg: 'OK' }

/** A refund still `requested` this long after it was written went unanswered: the timer asks again. */
const UNANSWERED_AFTER_MS = 2 * MINUTE_MS

/** The record of a new refund of `amountFen` of this order, for this cause, before WeChat Pay is asked. */
export function newRefund(
  order: OrderRecord,
  cause: { kind: 'cannot_ship' | 'late_payment' } | { kind: 'aftersale'; caseNo: number; caseId: string },
  amountFen: number,
  reason: string,
  at: number,
): RefundRecord {
  return {
    _id: refundNumber(order.orderNo, cause),
    orderId: order._id,
    orderNo: order.orderNo,
    supplierId: order.supplierId,
    agentOpenid: order.agentOpenid,
    cause: cause.kind,
    caseId: cause.kind === 'aftersale' ? cause.caseId : null,
    reason,
    amountFen,
    paidFen: order.total,
    status: 'requested',
    failReason: null,
    createdAt: at,
    updatedAt: at,
  }
}

/**
 * Asks WeChat Pay for a recorded refund (again: the number makes it once). Accepted → processing;
 * refused → failed with WeChat Pay's reason; unanswered → left requested for the timer. Answers the
 * refund as it now stands.
 */
export async function sendRefund(refund: RefundRecord, at: number): Promise<RefundRecord> {
  if (refund.status !== 'requested' && refund.status !== 'failed') return refund
  const outcome = await requestRefund({
    orderNo: refund.orderNo,
    refundNo: refund._id,
    totalFen: refund.paidFen,
    refundFen: refund.amountFen,
  })
  if (outcome.kind === 'unanswered') return refund
  const changes =
    outcome.kind === 'accepted'
      ? { status: 'processing' as const, failReason: null, updatedAt: at }
      : { status: 'failed' as const, failReason: outcome.reason, updatedAt: at }
  // The notice may already have recorded it (succeeded): then this changes nothing.
  if (!(await moveRefund(refund._id, ['requested', 'failed'], changes))) return (await findRefund(refund._id)) ?? refund
  // An after-sales case shows the refusal (退款失败) to its supplier, who retries.
  if (outcome.kind === 'refused' && refund.caseId) await caseRefundFailed(refund.caseId, outcome.reason, at)
  return { ...refund, ...changes }
}

/**
 * A payment that landed on an order already cancelled (it raced the timer or a cancellation) goes
 * back in full, automatically: recorded once under the order's late-payment number, then asked.
 */
export async function refundLatePayment(order: OrderRecord, at: number): Promise<RefundRecord> {
  const stored = await addRefundOnce(newRefund(order, { kind: 'late_payment' }, order.total, '订单已取消，付款自动退回', at))
  const sent = await sendRefund(stored, at)
  if (stored.status === 'requested') await notifyRefund(order, sent, '退款中')
  return sent
}

/**
 * WeChat Pay's refund notice (the refund callback). Only the refund number is read from it; WeChat
 * Pay's own record (`queryRefund`) must say the refund succeeded with exactly the recorded amount.
 * Then, in one transaction, the refund is recorded as done and the order's refunded amount grows:
 * once, however often the notice comes. A notice for an unknown number, or one WeChat Pay does not
 * confirm, changes nothing.
 */
export async function recordRefundNotice(refundNo: string, at: number): Promise<PayResult> {
  const refund = await findRefund(refundNo)
  if (!refund) return { errcode: 2, errmsg: 'unknown refund' }
  if (refund.status === 'succeeded') return OK
  const state = await queryRefund(refundNo)
  if (state.status === 'CHANGE' || state.status === 'REFUNDCLOSE') {
    const failed = await moveRefund(refundNo, ['requested', 'processing'], {
      status: 'failed',
      failReason: '微信支付退款异常，请重试',
      updatedAt: at,
    })
    if (failed && refund.caseId) await caseRefundFailed(refund.caseId, '微信支付退款异常，请重试', at)
    return OK
  }
  if (state.status !== 'SUCCESS') return { errcode: 3, errmsg: 'not refunded' }
  if (state.refundFen !== refund.amountFen) {
    console.error(`[wegong] refund ${refundNo}: WeChat Pay refunded ${state.refundFen} fen, ${refund.amountFen} fen recorded; left as is`)
    return { errcode: 4, errmsg: 'amount mismatch' }
  }
  const order = await inTransaction(async (tx) => {
    const current = await getRefundIn(tx, refundNo)
    if (!current || current.status === 'succeeded') return null
    const stored = await getOrderIn(tx, current.orderId)
    if (!stored) throw new Error(`refund ${refundNo} names no order`)
    const refundedFen = (stored.refundedFen ?? 0) + current.amountFen
    // The case the refund settles is 退款成功 in the same transaction, and its order free again.
    const settled = current.caseId ? await caseRefundDoneIn(tx, current.caseId, stored, current.amountFen, at) : null
    await updateRefundIn(tx, refundNo, { status: 'succeeded', succeededAt: at, failReason: null, updatedAt: at })
    await updateOrderIn(tx, stored._id, { refundedFen, updatedAt: at, ...settled?.orderChanges })
    return { order: { ...stored, refundedFen }, settled: settled?.record ?? null }
  })
  if (order) await notifyRefund(order.order, { ...refund, status: 'succeeded' }, '退款成功')
  if (order?.settled) await notifyCase(order.settled, 'supplier', '退款已到账，售后完成')
  return OK
}

/** Refunds per timer run: far more than are ever unanswered at once; the next run takes the rest. */
const BATCH = 100

/** The timer asks WeChat Pay again for refunds whose request went unanswered (the number keeps it once). */
export async function resendUnansweredRefunds(at: number): Promise<{ refundsResent: number }> {
  let refundsResent = 0
  for (const refund of await findUnansweredRefunds(at - UNANSWERED_AFTER_MS, BATCH)) {
    const sent = await sendRefund(refund, at)
    if (sent.status !== 'requested') refundsResent += 1
  }
  return { refundsResent }
}

// ---- the message the refunds send --------------------------------------------------------------

/** 退款通知 → the agent: when a refund starts (退款中) and when the money is back (退款成功). */
export function notifyRefund(order: OrderRecord, refund: RefundRecord, state: '退款中' | '退款成功'): Promise<SendOutcome> {
  return sendMessage('orderRefund', order.agentOpenid, pagePath(route('pages/orders/detail/index', { id: order._id })), {
    character_string1: order.orderNo,
    amount2: `${formatYuan(refund.amountFen)}元`,
    thing3: refund.reason,
    phrase4: state,
  })
}
