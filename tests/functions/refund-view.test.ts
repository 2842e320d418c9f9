import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { payOrder, placeOrder, shopWithAgent } from './order-fixtures'
import { refundReaches } from './refund-fixtures'

/** What the order pages show of a refund (R19): both parties read the reason, and the amount once WeChat Pay confirms it. */

const { t } = orderCloudForFile()

describe('order.get after 无法发货，退款', () => {
  it('when the supplier refunds a paid order, then both parties read its reason, and the refunded amount once WeChat Pay confirms it', async () => {
    const { product, spec } = await shopWithAgent(t, 'rv-sup', 'rv-agent')
    const order = await placeOrder(t, 'rv-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await payOrder(t, 'rv-agent', order)
    const before = await t.ok('order', 'get', { id: order._id }, 'rv-sup')
    expect(before).not.toHaveProperty('cancelReason')
    expect(before).not.toHaveProperty('refundedFen')

    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'rv-sup')
    await refundReaches(t, `${order.orderNo}-S`, 'succeeded')

    for (const caller of ['rv-sup', 'rv-agent']) {
      expect(await t.ok('order', 'get', { id: order._id }, caller)).toMatchObject({
        status: 'cancelled',
        cancelReason: '缺货',
        refundedFen: order.total,
      })
    }
    const [sold] = (await t.ok('order', 'listSold', {}, 'rv-sup')).items
    expect(sold).toMatchObject({ _id: order._id, cancelReason: '缺货', refundedFen: order.total })
  })
})
