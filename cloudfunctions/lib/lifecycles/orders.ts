import { AppError } from '@/domain/errors'
import { formatFen } from '@/domain/money'
import { shortTitle, transition, type OrderActor } from '@/domain/order'
import { formatShanghai } from '@/domain/time'
import { sendMessage } from './platform/messages'
import { closeTrade } from './platform/pay'
import { inTransaction } from './platform/transaction'
import { getOrderIn, updateOrderIn, type OrderRecord } from './store/orders'
import { readProductsIn, setSpecStocksIn } from './store/products'

/**
 * The order moves that more than one use case makes (the agent's and supplier's actions, the payment
 * callback, the timer), and the messages that tell people about them (R17). Shared here so that the
 * use cases never import each other.
 */

/** The page a message opens. */
export const orderPages = {
  agentOrder: (id: string) => `pages/orders/detail/index?id=${id}`,
  supplierOrder: (id: string) => `supplier/orders/detail/index?id=${id}`,
} as const

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
    const move = transition(current.status, 'cancel', actor)
    if (!move.ok) throw new AppError(move.code, move.message)
    const products = await readProductsIn(tx, [...new Set(current.items.map((item) => item.productId))])
    for (const [productId, product] of products) {
      const stocks = new Map<number, number>()
      for (const item of current.items.filter((i) => i.productId === productId)) {
        const index = product.specs.findIndex((spec) => spec.id === item.specId)
        // A spec deleted since the order has no stock to give back.
        if (index < 0) continue
        stocks.set(index, (stocks.get(index) ?? product.specs[index]?.stock ?? 0) + item.qty)
      }
      if (stocks.size > 0) await setSpecStocksIn(tx, productId, stocks, now)
    }
    const changes = {
      status: move.to,
      cancelledAt: now,
      cancelledBy: actor === 'timer' ? 'timer' : actor === 'agent' ? 'agent' : 'supplier',
      dueAt: null,
      updatedAt: now,
    } as const
    await updateOrderIn(tx, id, changes)
    return { ...current, ...changes }
  })
  // The payment, if one was started, can no longer be made.
  await closeTrade(order.orderNo)
  return order
}

function goodsLine(order: OrderRecord): string {
  const [first] = order.items
  if (!first) return '微供订单'
  const more = order.items.length > 1 ? `等${order.items.length}件` : ''
  return `${shortTitle(first.snapshot.description, 12)}${more}`
}

const yuan = (fen: number) => `${formatFen(fen).replace('¥', '')}元`

/** 新订单 → the supplier, once the order is paid. */
export function notifyPaid(order: OrderRecord, supplierOpenid: string): Promise<boolean> {
  return sendMessage('orderPaid', supplierOpenid, orderPages.supplierOrder(order._id), {
    character_string1: order.orderNo,
    thing2: goodsLine(order),
    amount3: yuan(order.total),
    time4: formatShanghai(order.paidAt ?? order.updatedAt, 'YYYY-MM-DD HH:mm'),
    thing5: order.consignee.name,
  })
}

/** 已发货 → the agent. */
export function notifyShipped(order: OrderRecord): Promise<boolean> {
  return sendMessage('orderShipped', order.agentOpenid, orderPages.agentOrder(order._id), {
    character_string1: order.orderNo,
    thing2: goodsLine(order),
    thing3: order.logistics?.carrier ?? '',
    character_string4: order.logistics?.trackingNo ?? '',
    time5: formatShanghai(order.shippedAt ?? order.updatedAt, 'YYYY-MM-DD HH:mm'),
  })
}

/** 即将取消 → the agent, some minutes before an unpaid order cancels itself. */
export function notifyCancelSoon(order: OrderRecord): Promise<boolean> {
  const deadline = order.dueAt ?? order.createdAt
  return sendMessage('orderCancelSoon', order.agentOpenid, orderPages.agentOrder(order._id), {
    character_string1: order.orderNo,
    amount2: yuan(order.total),
    time3: formatShanghai(deadline, 'YYYY-MM-DD HH:mm'),
    thing4: '订单即将自动取消，请尽快付款',
  })
}
