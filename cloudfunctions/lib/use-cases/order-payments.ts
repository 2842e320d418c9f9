import type { ActionArgs } from '@/domain/api'
import { AppError } from '@/domain/errors'
import { shortTitle } from '@/domain/order-rules'
import { markPaid, requirePaymentOpen } from '../lifecycles/orders'
import { partiesIn } from '../order-views'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { queryTrade, unifiedOrder, type PayNotice, type PayResult } from '../platform/pay'
import { findOrder, findOrderByNo } from '../store/orders'

/** Paying an order (R17): the agent starts a WeChat Pay payment; WeChat Pay's callback says it was paid. */

export async function pay(input: ActionArgs<'order', 'pay'>, caller: Caller) {
  const { order, parties } = await partiesIn(await findOrder(input.id), requireOpenid(caller))
  if (!parties.includes('agent')) throw new AppError('FORBIDDEN', '只有下单的代理可以付款')
  const deadline = requirePaymentOpen(order, now())
  const [first] = order.items
  const body = `微供-${first ? shortTitle(first.snapshot.description, 16) : '订单'}`
  const payment = await unifiedOrder({ orderNo: order.orderNo, body, totalFen: order.total, expiresAt: deadline })
  return { payment, orderNo: order.orderNo, total: order.total }
}

/**
 * The payment callback (called by WeChat Pay, not by a user), with its notice parsed at the entry.
 * The notice is not trusted: WeChat Pay's own record of the payment is asked for (`queryTrade`) and
 * must say paid with exactly the order's total; the lifecycle moves the order only from 待付款. A
 * repeated notice of a paid order is acknowledged without doing anything again.
 */
export async function recordPayment(notice: PayNotice): Promise<PayResult> {
  const order = await findOrderByNo(notice.outTradeNo)
  if (!order) return { errcode: 2, errmsg: 'unknown order' }
  const trade = await queryTrade(order.orderNo)
  if (!trade.paid) return { errcode: 3, errmsg: 'not paid' }
  if (trade.totalFen !== order.total || (notice.totalFee !== undefined && notice.totalFee !== order.total)) {
    console.error(`[wegong] payment of ${order.orderNo}: ${trade.totalFen} fen paid, ${order.total} fen due; order left unpaid`)
    return { errcode: 4, errmsg: 'amount mismatch' }
  }
  await markPaid(order, trade.transactionId, now())
  return { errcode: 0, errmsg: 'OK' }
}
