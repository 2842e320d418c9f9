import type { ActionArgs } from '@/domain/api'
import type { MyOrderCounts, Order } from '@/domain/order'
import { requireOwnSupplier } from '../access'
import { partiesIn, toOrderView, toOrderViews } from '../order-views'
import { requireOpenid, type Caller } from '../platform/caller'
import { toPage } from '../platform/cursor'
import { countCases } from '../store/aftersales'
import { countAgentOrders, countSupplierOrders, findOrder, listAgentOrders, listSupplierOrders } from '../store/orders'

/** What each party reads of its orders (R17): one order, 我的订单 and 已卖出的商品, and their counts per status. */

export async function getOrder(input: ActionArgs<'order', 'get'>, caller: Caller): Promise<Order> {
  const { order, parties } = await partiesIn(await findOrder(input.id), requireOpenid(caller))
  return toOrderView(order, parties.includes('agent') ? 'agent' : 'supplier')
}

export async function listMine(input: ActionArgs<'order', 'listMine'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const page = toPage(await listAgentOrders(openid, input.status, input.cursor, input.limit), input.limit, (o) => o.createdAt)
  return { items: await toOrderViews(page.items, 'agent'), nextCursor: page.nextCursor }
}

/** Per status, and the open after-sales cases (我的订单's 售后 badge): one indexed count more, not one call more. */
export async function countsMine(_input: ActionArgs<'order', 'countsMine'>, caller: Caller): Promise<MyOrderCounts> {
  const openid = requireOpenid(caller)
  const [counts, aftersaleOpen] = await Promise.all([countAgentOrders(openid), countCases({ agentOpenid: openid, open: true })])
  return { ...counts, aftersaleOpen }
}

export async function listSold(input: ActionArgs<'order', 'listSold'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const rows = await listSupplierOrders(supplier._id, input.status, input.q || undefined, input.cursor, input.limit)
  const page = toPage(rows, input.limit, (o) => o.createdAt)
  return { items: await toOrderViews(page.items, 'supplier'), nextCursor: page.nextCursor }
}

export async function countsSold(_input: ActionArgs<'order', 'countsSold'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  return countSupplierOrders(supplier._id)
}
