import type { Order } from '@/domain/order'
import { CONSIGNEE } from '../functions/order-fixtures'
import { PERSONAS, type DemoCloud } from './demo'

/**
 * A new order of the demo agent for one piece of its newest feed product, waiting for payment;
 * `tag` keeps the idempotency key of each test's order its own.
 */
export async function placeDemoOrder(cloud: DemoCloud, tag: string): Promise<Order> {
  const product = await cloud.ok('feed', 'product', { id: cloud.demo.agentProduct.id }, PERSONAS.agent)
  const specId = product.specs[0]?.id ?? ''
  return cloud.ok(
    'order',
    'create',
    { idempotencyKey: `${tag}-${Date.now().toString(36)}`, items: [{ productId: product._id, specId, qty: 1 }], consignee: CONSIGNEE },
    PERSONAS.agent,
  )
}

/** The agent pays the order through WeChat Pay (the local cloud's stand-in notifies the callback). */
export async function payDemoOrder(cloud: DemoCloud, id: string): Promise<void> {
  const { payment } = await cloud.ok('order', 'pay', { id }, PERSONAS.agent)
  const paid = await fetch(`${cloud.url}/_local/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ package: payment.package }),
  })
  if (paid.status !== 200) throw new Error(`the local cloud refused the payment of ${id}: ${paid.status}`)
}
