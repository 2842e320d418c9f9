import { pagePath, route } from '@/domain/routes'
import { AppError } from '@/domain/errors'
import { formatYuan } from '@/domain/money'
import {
  CANCEL_NOTICE_BEFORE_MS,
  dueAt,
  paymentOpening,
  transition,
  type OrderActor,
  type OrderEvent,
  type OrderStatus,
} from '@/domain/order-machine'
import { shortTitle } from '@/domain/order-rules'
import { formatShanghai, shanghaiDay } from '@/domain/time'
import { spreadWhole } from '@/domain/subscribe-message'
import { sendMessage, type SendOutcome } from '../platform/messages'
import { closeTrade } from '../platform/pay'
import { inTransaction, type Transaction } from '../platform/transaction'
import { claimCancelNotice, findDueOrders, findOrdersToWarn, getOrderIn, moveOrder, updateOrderIn, type OrderRecord } from '../store/orders'
import { readProductsIn, setSpecStocksIn } from '../store/products'
import { addRefundIn, getRefundIn, type RefundRecord } from '../store/refunds'
import { newShippingReport, reportShipment } from './shipping-reports'
import { addToSupplierDayIn } from '../store/supplier-days'
import { findSupplierById } from '../store/suppliers'
import { newRefund, notifyRefund, refundLatePayment, sendRefund } from './refunds'

/**
 * The order's lifecycle (R17): every move of an order — pay, ship, confirm, auto-complete, cancel,
 * auto-cancel — asks the domain's state machine (`transition`) and is made here, with the message
 * it sends. The agent's and supplier's use cases, the payment callback and the timer all move orders
 * through this module, so that use cases never import each other; after-sales adds its moves here.
 */

/** The page a message opens. */
export const orderPages = {
  agentOrder: (id: string) => pagePath(route('pages/orders/detail/index', { id })),
  supplierOrder: (id: string) => pagePath(route('supplier/orders/detail/index', { id })),
} as const

/** A party of the order: what a caller can be in it. */
export type OrderParty = 'agent' | 'supplier'

/** Someone else moved the order between the read and the write. */
const MOVED_MEANWHILE = '订单状态已变化，请刷新后重试'

/** The status the move leads to, or the state machine's refusal. */
function requireMove(status: OrderStatus, event: OrderEvent, actor: OrderActor): OrderStatus {
  const move = transition(status, event, actor)
  if (!move.ok) throw new AppError(move.code, move.message)
  return move.to
}

/** The party that may make this move, if the caller is it; otherwise the caller's party (refused by the state machine). */
export function actingParty(parties: readonly OrderParty[], event: OrderEvent): OrderParty {
  const wanted: Record<OrderEvent, OrderParty[]> = {
    pay: ['agent'],
    ship: ['supplier'],
    cancel: ['agent', 'supplier'],
    confirm: ['agent'],
    refund: ['supplier'],
  }
  return parties.find((party) => wanted[event].includes(party)) ?? (parties[0] as OrderParty)
}

// ---- paying ------------------------------------------------------------------------------------

/** The agent may start paying only an order the payment could still move, before its window closes; answers the deadline. */
export function requirePaymentOpen(order: OrderRecord, at: number): number {
  const opening = paymentOpening(order, at)
  if (!opening.ok) throw new AppError(opening.code, opening.message)
  return order.dueAt ?? at
}

/**
 * 待付款 → 待发货, once, when WeChat Pay says the order was paid. The order and the day's sales move in
 * one transaction: a crash between them would leave a paid order uncounted for good (the repeated
 * notice finds the order paid and does nothing). Answers whether this call moved it.
 */
export async function markPaid(order: OrderRecord, transactionId: string, at: number): Promise<boolean> {
  const move = transition(order.status, 'pay', 'payment')
  if (!move.ok) {
    // Paid after it was cancelled (the payment raced the timer, or a cancellation inside the 5 minutes
    // WeChat Pay refuses to close a payment): the money goes back automatically (R19).
    if (order.status === 'cancelled' && order.transactionId !== transactionId) await refundLatePayment(order, at)
    return false
  }
  const changes = { status: move.to, paidAt: at, transactionId, dueAt: dueAt(move.to, at), updatedAt: at }
  const moved = await inTransaction(async (tx) => {
    const current = await getOrderIn(tx, order._id)
    if (!current || !transition(current.status, 'pay', 'payment').ok) return false
    await updateOrderIn(tx, order._id, changes)
    await addToSupplierDayIn(tx, order.supplierId, shanghaiDay(at), { paidOrders: 1, salesFen: order.total })
    return true
  })
  if (!moved) return false
  const supplier = await findSupplierById(order.supplierId)
  if (supplier) await notifyPaid({ ...order, ...changes }, supplier.ownerOpenid)
  return true
}

// ---- shipping and completing -------------------------------------------------------------------

/**
 * 待发货 → 已发货 by the supplier, with the parcel's carrier and number; the agent is told. A WeChat
 * Pay order's shipment is reported to WeChat (R20): stored pending with the move, then uploaded; a
 * failed upload leaves it pending for the timer and never undoes the shipment.
 */
export async function shipOrder(
  order: OrderRecord,
  actor: OrderActor,
  parcel: { carrier: string; trackingNo: string },
  at: number,
): Promise<OrderRecord> {
  const to = requireMove(order.status, 'ship', actor)
  const report = newShippingReport(order, parcel.carrier, at)
  const changes = {
    status: to,
    logistics: { ...parcel, shippedAt: at },
    shippedAt: at,
    dueAt: dueAt(to, at),
    updatedAt: at,
    ...(report ? { shippingReport: report } : {}),
  }
  if (!(await moveOrder(order._id, order.status, changes))) throw new AppError('FAILED_PRECONDITION', MOVED_MEANWHILE)
  const moved = { ...order, ...changes }
  const shippingReport = await reportShipment(moved, at)
  const shipped = { ...moved, ...(shippingReport ? { shippingReport } : {}) }
  await notifyShipped(shipped)
  return shipped
}

/** 已发货 → 已完成: the agent confirms, or the timer 15 days on. Null when someone else moved it first. */
async function complete(order: OrderRecord, actor: OrderActor, at: number): Promise<OrderRecord | null> {
  const to = requireMove(order.status, 'confirm', actor)
  const changes = {
    status: to,
    completedAt: at,
    completedBy: actor === 'timer' ? ('timer' as const) : ('agent' as const),
    dueAt: dueAt(to, at),
    updatedAt: at,
  }
  return (await moveOrder(order._id, order.status, changes)) ? { ...order, ...changes } : null
}

export async function confirmOrder(order: OrderRecord, actor: OrderActor, at: number): Promise<OrderRecord> {
  const completed = await complete(order, actor, at)
  if (!completed) throw new AppError('FAILED_PRECONDITION', MOVED_MEANWHILE)
  return completed
}

// ---- cancelling --------------------------------------------------------------------------------

/** Gives an order's stock back inside `tx` (cancelling unpaid, refunding unshipped). */
export async function returnStockIn(tx: Transaction, order: OrderRecord, now: number): Promise<void> {
  const products = await readProductsIn(tx, [...new Set(order.items.map((item) => item.productId))])
  for (const [productId, product] of products) {
    const stocks = new Map<number, number>()
    for (const item of order.items.filter((i) => i.productId === productId)) {
      const index = product.specs.findIndex((spec) => spec.id === item.specId)
      // A spec deleted since the order has no stock to give back.
      if (index < 0) continue
      stocks.set(index, (stocks.get(index) ?? product.specs[index]?.stock ?? 0) + item.qty)
    }
    if (stocks.size > 0) await setSpecStocksIn(tx, productId, stocks, now)
  }
}

/**
 * Cancels an unpaid order and gives its stock back, in one transaction: the status moves and the
 * stock returns together or not at all, so stock comes back exactly once however many cancellers
 * (the agent, the supplier, the timer) race. `allowed` checks who may, on the order as read inside.
 */
export async function cancelWithStock(
  id: string,
  actor: OrderActor,
  now: number,
  allowed: (order: OrderRecord) => void = () => undefined,
): Promise<OrderRecord> {
  const order = await inTransaction(async (tx) => {
    const current = await getOrderIn(tx, id)
    if (!current) throw new AppError('NOT_FOUND', '订单不存在')
    allowed(current)
    const to = requireMove(current.status, 'cancel', actor)
    await returnStockIn(tx, current, now)
    const changes = {
      status: to,
      cancelledAt: now,
      cancelledBy: actor === 'timer' ? 'timer' : actor === 'agent' ? 'agent' : 'supplier',
      dueAt: dueAt(to, now),
      updatedAt: now,
    } as const
    await updateOrderIn(tx, id, changes)
    return { ...current, ...changes }
  })
  // The payment, if one was started, can no longer be made.
  await closeTrade(order.orderNo)
  return order
}

/**
 * 待发货 → 已取消 with a full refund (R19: the supplier cannot ship): the order (with its reason and
 * refund number), its stock and the refund's record move in one transaction, so the order can no
 * longer be shipped once its money is on the way back, and stock returns exactly once. WeChat Pay is
 * then asked for the refund, which counts on the order when its notice comes. Asking again for an
 * order this cancelled asks WeChat Pay again for the same refund (a retry after a refusal) and never
 * makes a second one. `allowed` checks who may, on the order as read inside.
 */
export async function cancelPaidWithRefund(
  id: string,
  actor: OrderActor,
  reason: string,
  now: number,
  allowed: (order: OrderRecord) => void = () => undefined,
): Promise<{ order: OrderRecord; refund: RefundRecord; started: boolean }> {
  const moved = await inTransaction(async (tx) => {
    const current = await getOrderIn(tx, id)
    if (!current) throw new AppError('NOT_FOUND', '订单不存在')
    allowed(current)
    // The agent's open case settles the money of this order (R19: one path, exactly once).
    if (current.openCaseId) throw new AppError('FAILED_PRECONDITION', '该订单有进行中的售后，请在售后中处理')
    if (current.status === 'cancelled' && current.refundNo) {
      const earlier = await getRefundIn(tx, current.refundNo)
      if (earlier) return { order: current, refund: earlier, started: false }
    }
    const to = requireMove(current.status, 'refund', actor)
    await returnStockIn(tx, current, now)
    const refund = newRefund(current, { kind: 'cannot_ship' }, current.total - (current.refundedFen ?? 0), reason, now)
    const changes = {
      status: to,
      cancelledAt: now,
      cancelledBy: 'supplier',
      cancelReason: reason,
      refundNo: refund._id,
      dueAt: dueAt(to, now),
      updatedAt: now,
    } as const
    await updateOrderIn(tx, id, changes)
    await addRefundIn(tx, refund)
    return { order: { ...current, ...changes }, refund, started: true }
  })
  const refund = await sendRefund(moved.refund, now)
  if (moved.started) await notifyRefund(moved.order, refund, '退款中')
  return { ...moved, refund }
}

// ---- the timer's moves ---------------------------------------------------------------------------

/** Orders per round trip, and rounds per run: one run stays well inside the function's timeout; the next run (10 minutes later) takes the rest. */
const BATCH = 100
const MAX_BATCHES = 50

/**
 * Unpaid orders whose 30 minutes are over are cancelled and their stock given back, each in its own
 * transaction (cancelWithStock), so an order paid or cancelled meanwhile is left alone and stock
 * returns exactly once.
 */
export async function cancelUnpaidOrders(at: number): Promise<{ cancelledOrders: number; complete: boolean }> {
  let cancelledOrders = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueOrders('pending_payment', at, BATCH)
    for (const order of due) {
      try {
        await cancelWithStock(order._id, 'timer', at)
        cancelledOrders += 1
      } catch (error) {
        // Paid or cancelled by someone else between the read and the transaction: nothing to do.
        if (!(error instanceof AppError)) throw error
      }
    }
    if (due.length < BATCH) return { cancelledOrders, complete: true }
  }
  return { cancelledOrders, complete: false }
}

/** Tells agents whose unpaid orders cancel within 10 minutes, once per order. */
export async function warnUnpaidOrders(at: number): Promise<{ cancelNotices: number }> {
  let cancelNotices = 0
  const orders = await findOrdersToWarn(at + CANCEL_NOTICE_BEFORE_MS, BATCH * 5)
  for (const order of orders) {
    if (!(await claimCancelNotice(order._id))) continue
    await notifyCancelSoon(order)
    cancelNotices += 1
  }
  return { cancelNotices }
}

/** Shipped orders complete themselves 15 days after shipping: the timer confirms them. */
export async function completeShippedOrders(at: number): Promise<{ completedOrders: number; complete: boolean }> {
  let completedOrders = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueOrders('shipped', at, BATCH)
    for (const order of due) {
      try {
        if (await complete(order, 'timer', at)) completedOrders += 1
      } catch (error) {
        // The state machine refused (the order moved meanwhile): nothing to do.
        if (!(error instanceof AppError)) throw error
      }
    }
    if (due.length < BATCH) return { completedOrders, complete: true }
  }
  return { completedOrders, complete: false }
}

// ---- the messages the moves send ------------------------------------------------------------------

function goodsLine(order: OrderRecord): string {
  const [first] = order.items
  if (!first) return '微供订单'
  const more = order.items.length > 1 ? `等${order.items.length}件` : ''
  return `${shortTitle(first.snapshot.description, 12)}${more}`
}

const yuan = (fen: number) => `${formatYuan(fen)}元`

/** 新订单 → the supplier, once the order is paid. */
function notifyPaid(order: OrderRecord, supplierOpenid: string): Promise<SendOutcome> {
  return sendMessage('orderPaid', supplierOpenid, orderPages.supplierOrder(order._id), {
    character_string1: order.orderNo,
    thing2: goodsLine(order),
    amount3: yuan(order.total),
    time4: formatShanghai(order.paidAt ?? order.updatedAt, 'YYYY-MM-DD HH:mm'),
    thing5: order.consignee.name,
  })
}

/**
 * 已发货 → the agent. A tracking number may be longer than one character_string keyword holds (32):
 * it is spread over 快递单号 and 快递单号（续）, never cut (docs/decisions/platform-rules.md).
 */
function notifyShipped(order: OrderRecord): Promise<SendOutcome> {
  const trackingNo = spreadWhole(order.logistics?.trackingNo ?? '', ['character_string4', 'character_string6']) ?? {}
  return sendMessage('orderShipped', order.agentOpenid, orderPages.agentOrder(order._id), {
    character_string1: order.orderNo,
    thing2: goodsLine(order),
    thing3: order.logistics?.carrier ?? '',
    ...trackingNo,
    time5: formatShanghai(order.shippedAt ?? order.updatedAt, 'YYYY-MM-DD HH:mm'),
  })
}

/** 即将取消 → the agent, some minutes before an unpaid order cancels itself. */
function notifyCancelSoon(order: OrderRecord): Promise<SendOutcome> {
  const deadline = order.dueAt ?? order.createdAt
  return sendMessage('orderCancelSoon', order.agentOpenid, orderPages.agentOrder(order._id), {
    character_string1: order.orderNo,
    amount2: yuan(order.total),
    time3: formatShanghai(deadline, 'YYYY-MM-DD HH:mm'),
    thing4: '订单即将自动取消，请尽快付款',
  })
}
