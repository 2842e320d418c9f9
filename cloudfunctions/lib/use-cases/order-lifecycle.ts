import type { ActionArgs } from '@/domain/api'
import type { Order } from '@/domain/order'
import { actingParty, cancelPaidWithRefund, cancelWithStock, confirmOrder, shipOrder } from '../lifecycles/orders'
import { partiesIn, toOrderView } from '../order-views'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { templateId } from '../platform/messages'
import { findOrder } from '../store/orders'
import { toRefundView } from '../refund-views'

/** The moves people make on an order (R17): the supplier ships, either party cancels, the agent confirms. */

export async function ship(input: ActionArgs<'order', 'ship'>, caller: Caller): Promise<Order> {
  const { order, parties } = await partiesIn(await findOrder(input.id), requireOpenid(caller))
  const shipped = await shipOrder(order, actingParty(parties, 'ship'), { carrier: input.carrier, trackingNo: input.trackingNo }, now())
  return toOrderView(shipped, 'supplier')
}

export async function cancel(input: ActionArgs<'order', 'cancel'>, caller: Caller): Promise<Order> {
  const { parties } = await partiesIn(await findOrder(input.id), requireOpenid(caller))
  const party = actingParty(parties, 'cancel')
  return toOrderView(await cancelWithStock(input.id, party, now()), party)
}

export async function confirm(input: ActionArgs<'order', 'confirm'>, caller: Caller): Promise<Order> {
  const { order, parties } = await partiesIn(await findOrder(input.id), requireOpenid(caller))
  return toOrderView(await confirmOrder(order, actingParty(parties, 'confirm'), now()), 'agent')
}

/** The template ids the app asks subscriptions for (requestSubscribeMessage); unset ones are left out. */
export async function templates(_input: ActionArgs<'order', 'templates'>, caller: Caller) {
  requireOpenid(caller)
  return {
    agent: [templateId('orderShipped'), templateId('orderCancelSoon'), templateId('orderRefund')].filter(Boolean),
    // The supplier hears of a refund only when WeChat Pay refuses it (退款失败), to retry it.
    supplier: [templateId('orderPaid'), templateId('orderRefund')].filter(Boolean),
  }
}

/**
 * 无法发货，退款 (R19): the supplier cancels a paid order and gives all of it back. Asked again (a
 * retry after WeChat Pay refused, or a repeated request), it asks WeChat Pay again for the same refund.
 */
export async function refund(input: ActionArgs<'order', 'refund'>, caller: Caller) {
  const { parties } = await partiesIn(await findOrder(input.id), requireOpenid(caller))
  const party = actingParty(parties, 'refund')
  const reason = input.note ? `${input.reason}：${input.note}` : input.reason
  const { order, refund: made } = await cancelPaidWithRefund(input.id, party, reason, now())
  return { order: await toOrderView(order, 'supplier'), refund: toRefundView(made) }
}
