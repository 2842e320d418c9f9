import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCloud, type TestCloud } from './harness'
import { CONSIGNEE, newKey, payOrder, placeOrder, sentMessages, shopWithAgent, storedOrder, storedStock } from './order-fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.close()
})

describe('an order from cart to completion (R17)', () => {
  it('when an agent orders, pays, the supplier ships and the agent confirms, then each step is stored and told', async () => {
    const { product, spec, spec2 } = await shopWithAgent(t, 'o-sup', 'o-agent')
    const items = [
      { productId: product._id, specId: spec.id, qty: 2 },
      { productId: product._id, specId: spec2!.id, qty: 1 },
    ]
    const quote = await t.ok('order', 'quote', { items, province: '广东省' }, 'o-agent')
    expect(quote).toMatchObject({ goodsTotal: 3980 * 2 + 2500, shippingFee: 800 + 2 * 200, province: '广东' })
    const order = await placeOrder(t, 'o-agent', items)
    expect(order).toMatchObject({ status: 'pending_payment', tag: '微供', total: quote.total })
    expect(storedStock(t, product._id)).toEqual([98, 49])

    const paid = await payOrder(t, 'o-agent', order)
    expect(paid.status).toBe(200)
    expect(paid.body.data?.callback).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'paid' })

    const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, 'o-sup')
    expect(shipped).toMatchObject({ status: 'shipped', logistics: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } })
    const done = await t.ok('order', 'confirm', { id: order._id }, 'o-agent')
    expect(done.status).toBe('completed')

    const messages = await sentMessages(t)
    expect(messages.map((m) => [m.templateId, m.touser])).toEqual([
      ['demo-tpl-order-paid', 'o-sup'],
      ['demo-tpl-order-shipped', 'o-agent'],
    ])
    expect(CONSIGNEE.name).toBe('李小红')
    expect(newKey()).not.toBe(newKey())
  })
})
