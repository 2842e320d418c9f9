import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { payOrder, placeOrder, shopWithAgent, storedOrder } from './order-fixtures'
import { trigger } from './product-fixtures'

/** Shipping reports (R20): every shipment of a WeChat Pay order reaches WeChat's shipping-information service. */

const { t } = orderCloudForFile()

interface Reports {
  available: boolean
  reports: Array<{ from: string; payment: string; params: Record<string, unknown> & { shipping_list: Array<Record<string, unknown>> } }>
  refused: Array<{ errcode: number }>
}

async function reports(body?: unknown): Promise<Reports> {
  const response = await fetch(`${t.cloud.url}/_local/shipping-reports`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  return ((await response.json()) as { data: Reports }).data
}

async function paidOrder(supplier: string, agent: string) {
  const { product, spec } = await shopWithAgent(t, supplier, agent)
  const order = await placeOrder(t, agent, [{ productId: product._id, specId: spec.id, qty: 2 }])
  await payOrder(t, agent, order)
  const transactionId = storedOrder(t, order._id).transactionId as string
  expect(transactionId).toBeTruthy()
  return { order, transactionId }
}

describe('a shipment is reported to WeChat (R20)', () => {
  it('when a WeChat Pay order ships by 顺丰, then WeChat gets the payment, SF, the number, the goods, the payer and the masked contact', async () => {
    const { order, transactionId } = await paidOrder('sr-sup', 'sr-agent')
    const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '顺丰速运', trackingNo: 'SF1400000000001' }, 'sr-sup')
    expect(shipped.shippingReport).toEqual({ status: 'reported' })
    const mine = (await reports()).reports.filter((r) => r.payment === transactionId)
    expect(mine).toHaveLength(1)
    expect(mine[0]?.from).toBe('order')
    expect(mine[0]?.params).toMatchObject({
      order_key: { order_number_type: 2, transaction_id: transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      payer: { openid: 'sr-agent' },
      shipping_list: [{ tracking_no: 'SF1400000000001', express_company: 'SF', contact: { receiver_contact: '139****5678' } }],
    })
    expect(mine[0]?.params.shipping_list[0]?.item_desc).toContain('×2')
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'shipped', shippingReport: { status: 'reported', attempts: 1 } })
    // The agent's view carries no report: it is the supplier's business with WeChat.
    const agentView = await t.ok('order', 'get', { id: order._id }, 'sr-agent')
    expect(agentView.shippingReport).toBeUndefined()
    // WeChat has the shipment: the agent's 确认收货 opens WeChat's confirm-receipt for its payment.
    expect(agentView.wechatConfirm).toEqual({ transactionId })
    expect((await t.ok('order', 'get', { id: order._id }, 'sr-sup')).wechatConfirm).toBeUndefined()
  })

  it('when WeChat cannot take the report, then the order ships anyway, the supplier sees it pending, and the timer reports it later exactly once', async () => {
    const { order, transactionId } = await paidOrder('sp-sup', 'sp-agent')
    await reports({ available: false })
    try {
      const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '中通快递', trackingNo: 'ZT20261207009' }, 'sp-sup')
      expect(shipped).toMatchObject({ status: 'shipped', shippingReport: { status: 'pending' } })
      expect(storedOrder(t, order._id)).toMatchObject({
        status: 'shipped',
        logistics: { trackingNo: 'ZT20261207009' },
        shippingReport: { status: 'pending', attempts: 1 },
      })
      expect((await t.ok('order', 'get', { id: order._id }, 'sp-sup')).shippingReport).toEqual({ status: 'pending' })
      // WeChat does not know the shipment yet: the agent confirms receipt the app's own way.
      expect((await t.ok('order', 'get', { id: order._id }, 'sp-agent')).wechatConfirm).toBeUndefined()
      // Still down: the timer tries and it stays pending.
      await trigger(t, 'expire')
      expect(storedOrder(t, order._id)).toMatchObject({ shippingReport: { status: 'pending', attempts: 2 } })
    } finally {
      await reports({ available: true })
    }
    await trigger(t, 'expire')
    await trigger(t, 'expire')
    expect((await reports()).reports.filter((r) => r.payment === transactionId)).toHaveLength(1)
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'shipped', shippingReport: { status: 'reported', attempts: 3 } })
    expect((await t.ok('order', 'get', { id: order._id }, 'sp-sup')).shippingReport).toEqual({ status: 'reported' })
    expect((await t.ok('order', 'get', { id: order._id }, 'sp-agent')).wechatConfirm).toEqual({ transactionId })
  })

  it('when the carrier is 其他, then nothing is uploaded and the supplier sees it is to be entered by hand', async () => {
    const { order, transactionId } = await paidOrder('sx-sup', 'sx-agent')
    const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '其他', trackingNo: 'XX20261207001' }, 'sx-sup')
    expect(shipped.shippingReport).toEqual({ status: 'manual' })
    expect((await t.ok('order', 'get', { id: order._id }, 'sx-agent')).wechatConfirm).toBeUndefined()
    await trigger(t, 'expire')
    expect((await reports()).reports.filter((r) => r.payment === transactionId)).toHaveLength(0)
  })
})
