import { z } from './zod'
import { DAY_MS, MINUTE_MS } from './time'

/**
 * R17's order lifecycle: the statuses, who may move an order from which status to which, and when
 * the timer acts. Every move of an order (cloudfunctions/lib/lifecycles/orders.ts) asks `transition`.
 */

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled'] as const
export const OrderStatus = z.enum(ORDER_STATUSES)
export type OrderStatus = z.infer<typeof OrderStatus>

export const orderStatusText: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
}

/** Every order starts unpaid, its stock held for the payment window. */
export const ORDER_START: OrderStatus = 'pending_payment'

/** Unpaid orders cancel themselves 30 minutes after creation and give the stock back. */
export const PAYMENT_WINDOW_MS = 30 * MINUTE_MS
/** The agent is told its unpaid order is about to be cancelled once this little time is left. */
export const CANCEL_NOTICE_BEFORE_MS = 10 * MINUTE_MS
/** Shipped orders complete themselves 15 days after shipping. */
export const AUTO_COMPLETE_MS = 15 * DAY_MS

/**
 * Who moves an order: its agent, its supplier, WeChat Pay's callback, the timer, or an agreed
 * after-sales case (whoever agreed it: the case's own machine, src/domain/aftersale.ts, checked that).
 */
export type OrderActor = 'agent' | 'supplier' | 'payment' | 'timer' | 'aftersale'
export type OrderEvent = 'pay' | 'ship' | 'cancel' | 'confirm' | 'refund'

const machine: Record<OrderEvent, { from: OrderStatus; to: OrderStatus; by: readonly OrderActor[] }> = {
  pay: { from: 'pending_payment', to: 'paid', by: ['payment'] },
  ship: { from: 'paid', to: 'shipped', by: ['supplier'] },
  cancel: { from: 'pending_payment', to: 'cancelled', by: ['agent', 'supplier', 'timer'] },
  confirm: { from: 'shipped', to: 'completed', by: ['agent', 'timer'] },
  // R19: a paid order that will not be shipped is cancelled with a full refund (its stock returns).
  refund: { from: 'paid', to: 'cancelled', by: ['supplier', 'aftersale'] },
}

const refusals: Record<OrderEvent, string> = {
  pay: '订单不是待付款状态，无法支付',
  ship: '只有待发货的订单可以发货',
  cancel: '只有待付款的订单可以取消',
  confirm: '只有已发货的订单可以确认收货',
  refund: '只有待发货的订单可以取消并退款',
}

const forbidden: Record<OrderEvent, string> = {
  pay: '订单只能通过微信支付完成付款',
  ship: '只有供应商可以发货',
  cancel: '无权取消该订单',
  confirm: '只有下单的代理可以确认收货',
  refund: '只有供应商可以取消并退款',
}

export type Transition = { ok: true; to: OrderStatus } | { ok: false; code: 'FORBIDDEN' | 'FAILED_PRECONDITION'; message: string }

/**
 * The only legal moves: 待付款 → 待发货 (paid, only by the payment callback) → 已发货 (by the supplier)
 * → 已完成 (by the agent, or the timer 15 days on); 待付款 → 已取消 (by either party or the timer);
 * 待发货 → 已取消 with a full refund (the supplier cannot ship, or an agreed after-sales case).
 * A party that may never make the move is FORBIDDEN; a legal move from the wrong state is
 * FAILED_PRECONDITION.
 */
export function transition(status: OrderStatus, event: OrderEvent, actor: OrderActor): Transition {
  const rule = machine[event]
  if (!rule.by.includes(actor)) return { ok: false, code: 'FORBIDDEN', message: forbidden[event] }
  if (status !== rule.from) return { ok: false, code: 'FAILED_PRECONDITION', message: refusals[event] }
  return { ok: true, to: rule.to }
}

/** When the timer acts on an order of this status (unpaid: the payment window; shipped: auto-complete); null for none. */
export function dueAt(status: OrderStatus, at: number): number | null {
  if (status === 'pending_payment') return at + PAYMENT_WINDOW_MS
  if (status === 'shipped') return at + AUTO_COMPLETE_MS
  return null
}

/**
 * Whether the agent may start paying at `at`: only an order WeChat Pay's callback could still move to
 * 待发货, and only before its payment window closes (the timer cancels it within 10 minutes after;
 * the payment expires with the window).
 */
export function paymentOpening(order: { status: OrderStatus; dueAt: number | null }, at: number): Transition {
  const move = transition(order.status, 'pay', 'payment')
  if (!move.ok) return move
  if (at >= (order.dueAt ?? 0)) return { ok: false, code: 'FAILED_PRECONDITION', message: '订单已超时，请重新下单' }
  return move
}
