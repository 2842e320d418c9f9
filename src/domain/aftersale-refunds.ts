import { AFTER_COMPLETION_WINDOW_MS, type AftersaleKind } from './aftersale'
import type { OrderStatus } from './order-machine'

/**
 * R19's refund arithmetic, in fen: what may still come back of an order, when a case may be opened,
 * and the refund numbers WeChat Pay keys its refunds by. A refund never exceeds what was paid less
 * what was already refunded; shipping comes back only when nothing was shipped.
 */

/** What the arithmetic reads of an order. `refundedFen`: refunds WeChat Pay has confirmed or is making. */
export interface RefundableOrder {
  status: OrderStatus
  goodsTotal: number
  shippingFee: number
  total: number
  refundedFen: number
  completedAt?: number
}

/** Before shipping a refund is the whole order; after shipping only goods come back. */
export type RefundPhase = 'before_shipping' | 'after_shipping'

export function refundPhase(status: OrderStatus): RefundPhase | null {
  if (status === 'paid') return 'before_shipping'
  if (status === 'shipped' || status === 'completed') return 'after_shipping'
  return null
}

/** The most that may still be refunded in this phase (never below 0). */
export function refundableFen(order: RefundableOrder, phase: RefundPhase): number {
  const ceiling = phase === 'before_shipping' ? order.total : Math.min(order.goodsTotal, order.total)
  return Math.max(0, ceiling - order.refundedFen)
}

export type AmountCheck = { ok: true; amountFen: number } | { ok: false; message: string }

/**
 * The amount a refund may have: a whole number of fen, at least 1, at most what is left. Before
 * shipping the refund is always all that is left (goods and shipping): a different amount is refused.
 */
export function checkRefundAmount(order: RefundableOrder, phase: RefundPhase, amountFen: number): AmountCheck {
  const left = refundableFen(order, phase)
  if (!Number.isSafeInteger(amountFen) || amountFen < 1) return { ok: false, message: '退款金额至少 0.01 元' }
  if (left === 0) return { ok: false, message: '该订单已全部退款' }
  if (amountFen > left) return { ok: false, message: `退款金额不能超过可退金额 ${(left / 100).toFixed(2)} 元` }
  if (phase === 'before_shipping' && amountFen !== left) return { ok: false, message: '发货前退款须退还全部货款和运费' }
  return { ok: true, amountFen }
}

/** After this refund is added, nothing is left to refund of what was paid. */
export function isFullRefund(order: RefundableOrder, amountFen: number): boolean {
  return order.refundedFen + amountFen >= order.total
}

export type CaseOpening = { ok: true; phase: RefundPhase; maxFen: number } | { ok: false; message: string }

/**
 * Whether the agent may open a case of this kind on the order at `at`: 仅退款 on a paid order (the
 * whole order), either kind on a shipped order or within 7 days of completion, with money left.
 */
export function caseOpening(order: RefundableOrder, kind: AftersaleKind, at: number): CaseOpening {
  const phase = refundPhase(order.status)
  if (!phase) return { ok: false, message: '只有已付款的订单可以申请售后' }
  if (phase === 'before_shipping' && kind !== 'refund_only') return { ok: false, message: '订单尚未发货，只能申请退款' }
  if (order.status === 'completed' && at > (order.completedAt ?? 0) + AFTER_COMPLETION_WINDOW_MS)
    return { ok: false, message: '订单完成已超过 7 天，无法申请售后' }
  const maxFen = refundableFen(order, phase)
  if (maxFen === 0) return { ok: false, message: '该订单已全部退款' }
  return { ok: true, phase, maxFen }
}

/**
 * Why a refund is made, and so its number: WeChat Pay keys a refund by `out_refund_no` (≤ 64 of
 * [A-Za-z0-9_-]) and makes it once however often it is asked, so each cause has one number per order:
 * the supplier cannot ship (S), a payment that landed on a cancelled order (P), the order's n-th
 * after-sales case (A<n>).
 */
export type RefundCause = { kind: 'cannot_ship' } | { kind: 'late_payment' } | { kind: 'aftersale'; caseNo: number }

export function refundNumber(orderNo: string, cause: RefundCause): string {
  if (cause.kind === 'cannot_ship') return `${orderNo}-S`
  if (cause.kind === 'late_payment') return `${orderNo}-P`
  if (!Number.isSafeInteger(cause.caseNo) || cause.caseNo < 1) throw new RangeError(`case number ${cause.caseNo}`)
  return `${orderNo}-A${cause.caseNo}`
}
