import type { ActionOutput } from '@/domain/api'
import { eventually } from '../eventually'
import type { TestCloud } from './test-cloud'
import { payOrder, placeOrder, shopWithAgent } from './order-fixtures'

/** Arrangements shared by the after-sales tests (R19). */

export const RETURN_ADDRESS = { name: '王仓管', phone: '13800138000', region: '浙江省 杭州市 余杭区', detail: '良渚街道仓库 2 号门' }

/** A paid order of 2 × ¥39.80 with its shipping fee, of a fresh supplier and agent. */
export async function paidOrder(t: TestCloud, supplier: string, agent: string) {
  const { product, spec } = await shopWithAgent(t, supplier, agent)
  const order = await placeOrder(t, agent, [{ productId: product._id, specId: spec.id, qty: 2 }])
  const paid = await payOrder(t, agent, order)
  // A check, not vitest's expect: the benchmark arranges its cases with this too.
  const callback = JSON.stringify(paid.body.data?.callback)
  if (callback !== JSON.stringify({ errcode: 0, errmsg: 'OK' })) throw new Error(`paying ${order.orderNo} answered ${callback}`)
  return { order, product }
}

/** The same, shipped by its supplier. */
export async function shippedOrder(t: TestCloud, supplier: string, agent: string) {
  const made = await paidOrder(t, supplier, agent)
  await t.ok('order', 'ship', { id: made.order._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, supplier)
  return made
}

export type Case = ActionOutput<'aftersale', 'get'>

export function storedCase(t: TestCloud, id: string) {
  return t.db.find('aftersales', { _id: id })[0] as Record<string, unknown> & { status: string; timeline: Array<Record<string, unknown>> }
}

/** Waits (real time: WeChat Pay confirms a refund a moment later) until the stored case has this status. */
export async function caseReaches(t: TestCloud, id: string, status: string): Promise<void> {
  await eventually(`case ${id} never reached ${status}`, () => storedCase(t, id)?.status === status).catch((error: Error) => {
    throw new Error(`${error.message}: it is ${String(storedCase(t, id)?.status)}`)
  })
}

/** Everything a case can change, to prove a refused call changed nothing. */
export function caseSnapshot(t: TestCloud): string {
  return JSON.stringify({
    cases: t.db.find('aftersales'),
    orders: t.db.find('orders'),
    refunds: t.db.find('refunds'),
    products: t.db.find('products'),
  })
}
