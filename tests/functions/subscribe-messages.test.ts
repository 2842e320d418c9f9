import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { payOrder, placeOrder, sentMessages, shopWithAgent, storedOrder, subscribe, skippedSends } from './order-fixtures'

/** Subscribe messages (R20): one send per acceptance, and no value that must stay whole is ever cut. */

const { t, snapshot } = orderCloudForFile()

describe('subscribe messages keep whole values whole (R20)', () => {
  it('when the supplier ships with a 40-character tracking number, then the 已发货 message carries every character in order', async () => {
    const { product, spec } = await shopWithAgent(t, 'sm-sup', 'sm-agent')
    const order = await placeOrder(t, 'sm-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await subscribe(t, 'sm-agent', ['demo-tpl-order-shipped'])
    await payOrder(t, 'sm-agent', order)
    const trackingNo = 'JD0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01'
    expect(trackingNo).toHaveLength(40)
    await t.ok('order', 'ship', { id: order._id, carrier: '京东快递', trackingNo }, 'sm-sup')

    const [shipped] = (await sentMessages(t)).filter((m) => m.templateId === 'demo-tpl-order-shipped' && m.touser === 'sm-agent')
    expect(shipped).toBeDefined()
    const parts = [shipped!.data.character_string4?.value, shipped!.data.character_string6?.value]
    expect(parts.join('')).toBe(trackingNo)
    expect(shipped!.data.character_string1?.value).toBe(order.orderNo)
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'shipped', logistics: { trackingNo } })
  })
})

describe('a send without the user’s acceptance (R20)', () => {
  it('when the agent never accepted the 已发货 message, then shipping answers the same, nothing is sent and the send is recorded as skipped', async () => {
    const { product, spec } = await shopWithAgent(t, 'sq-sup', 'sq-agent')
    const order = await placeOrder(t, 'sq-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await payOrder(t, 'sq-agent', order)
    const before = (await sentMessages(t)).length

    const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '中通快递', trackingNo: 'ZT20261207001' }, 'sq-sup')
    expect(shipped).toMatchObject({ status: 'shipped', logistics: { carrier: '中通快递', trackingNo: 'ZT20261207001' } })
    expect(await sentMessages(t)).toHaveLength(before)
    expect(await skippedSends(t)).toContainEqual(
      expect.objectContaining({ touser: 'sq-agent', templateId: 'demo-tpl-order-shipped', from: 'order', errcode: 43101 }),
    )
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'shipped' })
  })

  it('when the agent accepted once, then one message is sent and the next send of that template is skipped', async () => {
    const { product, spec } = await shopWithAgent(t, 'so-sup', 'so-agent')
    const first = await placeOrder(t, 'so-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const second = await placeOrder(t, 'so-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await subscribe(t, 'so-agent', ['demo-tpl-order-shipped'])
    await payOrder(t, 'so-agent', first)
    await payOrder(t, 'so-agent', second)
    await t.ok('order', 'ship', { id: first._id, carrier: '中通快递', trackingNo: 'ZT20261207002' }, 'so-sup')
    const afterFirst = snapshot()
    await t.ok('order', 'ship', { id: second._id, carrier: '中通快递', trackingNo: 'ZT20261207003' }, 'so-sup')
    expect(afterFirst).not.toBe(snapshot())
    const mine = (await sentMessages(t)).filter((m) => m.touser === 'so-agent' && m.templateId === 'demo-tpl-order-shipped')
    expect(mine.map((m) => m.data.character_string1?.value)).toEqual([first.orderNo])
    expect((await skippedSends(t)).filter((s) => s.touser === 'so-agent').map((s) => s.templateId)).toEqual(['demo-tpl-order-shipped'])
  })
})
