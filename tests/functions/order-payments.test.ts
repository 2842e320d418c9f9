import { describe, expect, it } from 'vitest'
import { transition } from '@/domain/order-machine'
import { orderCloudForFile } from './harness'
import { payInSheet, payOrder, placeOrder, sentMessages, setOrderField, shopWithAgent, storedOrder, subscribe } from './order-fixtures'

/** Paying (R17): the payment callback trusts WeChat Pay, not its event, and counts a payment once. */

const { t, snapshot } = orderCloudForFile()

describe('payCallback (called by WeChat Pay)', () => {
  it('when the notice repeats, then the order is paid once, counted once and the supplier told once', async () => {
    const { product, spec, shop } = await shopWithAgent(t, 'b-sup', 'b-agent')
    const order = await placeOrder(t, 'b-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    // Accepted twice: a second message would be sent, so "once" is the callback's doing.
    await subscribe(t, 'b-sup', ['demo-tpl-order-paid'])
    await subscribe(t, 'b-sup', ['demo-tpl-order-paid'])
    const { payment } = await t.ok('order', 'pay', { id: order._id }, 'b-agent')
    const first = await payInSheet(t, payment.package)
    const again = await payInSheet(t, payment.package)
    expect(again.body.data?.callback).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(again.body.data?.transactionId).toBe(first.body.data?.transactionId)
    const direct = await t.raw('payCallback', { outTradeNo: order.orderNo, totalFee: order.total, resultCode: 'SUCCESS' })
    expect(direct).toEqual({ errcode: 0, errmsg: 'OK' })
    const days = t.db.find('supplier_days', { supplierId: shop.supplier._id }) as Array<{ paidOrders: number; salesFen: number }>
    expect(days.map((d) => [d.paidOrders, d.salesFen])).toEqual([[1, order.total]])
    expect((await sentMessages(t)).filter((m) => m.templateId === 'demo-tpl-order-paid' && m.touser === 'b-sup')).toHaveLength(1)
  })

  it("when a notice is forged, or the amount paid is not the order's, then the order stays unpaid", async () => {
    const { product, spec } = await shopWithAgent(t, 'f-sup', 'f-agent')
    const order = await placeOrder(t, 'f-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const before = snapshot()
    // Anyone can call a function: a made-up notice is checked with WeChat Pay, which knows nothing of it.
    expect(
      await t.raw('payCallback', { outTradeNo: order.orderNo, totalFee: order.total, resultCode: 'SUCCESS' }, 'f-agent'),
    ).toMatchObject({ errcode: 3 })
    expect(await t.raw('payCallback', { nothing: true })).toMatchObject({ errcode: 1 })
    expect(snapshot()).toBe(before)

    const { payment } = await t.ok('order', 'pay', { id: order._id }, 'f-agent')
    await setOrderField(t, order._id, { total: order.total + 1 })
    const paid = await payInSheet(t, payment.package)
    expect(paid.body.data?.callback).toMatchObject({ errcode: 4 })
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'pending_payment' })
    expect(t.db.find('supplier_days', { supplierId: product.supplierId })).toEqual([])
  })
})

describe('order.pay: only an order that can still be paid (R17)', () => {
  it("when the order is paid already, or its 30 minutes are over, then order.pay refuses with the state machine's reason and nothing changes", async () => {
    const { product, spec } = await shopWithAgent(t, 'w-sup', 'w-agent')
    const paid = await placeOrder(t, 'w-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await payOrder(t, 'w-agent', paid)
    const late = await placeOrder(t, 'w-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const refusal = transition('paid', 'pay', 'payment')
    let before = snapshot()
    expect(await t.call('order', 'pay', { id: paid._id }, 'w-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: refusal.ok ? '' : refusal.message },
    })
    expect(snapshot()).toBe(before)
    // The window is over but the timer has not run yet: the order is still 待付款.
    await setOrderField(t, late._id, { dueAt: late.createdAt })
    before = snapshot()
    expect(await t.call('order', 'pay', { id: late._id }, 'w-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '订单已超时，请重新下单' },
    })
    expect(storedOrder(t, late._id).status).toBe('pending_payment')
    expect(snapshot()).toBe(before)
  })
})
