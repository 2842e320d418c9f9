import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { payInSheet, payOrder, placeOrder, sentMessages, shopWithAgent, storedOrder, storedStock, subscribe } from './order-fixtures'
import { advanceClock, MINUTE, trigger } from './product-fixtures'
import { acknowledgedAtWeChat, failNextRefund, refundReaches, refundsAtWeChat, setRefundField, storedRefunds } from './refund-fixtures'

/** R19's money path: the supplier's 无法发货，退款, a payment landing on a cancelled order, and WeChat Pay's refund notice. */

const { t, snapshot } = orderCloudForFile()

/** A paid order of 2 × ¥39.80 with its shipping fee. */
async function paidOrder(supplier: string, agent: string) {
  const { product, spec } = await shopWithAgent(t, supplier, agent)
  const order = await placeOrder(t, agent, [{ productId: product._id, specId: spec.id, qty: 2 }])
  const paid = await payOrder(t, agent, order)
  expect(paid.body.data?.callback).toEqual({ errcode: 0, errmsg: 'OK' })
  return { order, product }
}

const refundMessages = async (agent: string) =>
  (await sentMessages(t)).filter((m) => m.templateId === 'demo-tpl-order-refund' && m.touser === agent).map((m) => m.data.phrase4?.value)

describe('order.refund: the supplier cannot ship (无法发货，退款)', () => {
  it('when the supplier refunds a paid order, then it is cancelled with the reason, stock returns, and the whole order (with shipping) comes back once WeChat Pay confirms', async () => {
    const { order, product } = await paidOrder('r-sup', 'r-agent')
    // One acceptance of 退款通知 is one send: enough for the agent to learn the outcome.
    await subscribe(t, 'r-agent', ['demo-tpl-order-refund'])
    expect(order.shippingFee).toBeGreaterThan(0)
    expect(storedStock(t, product._id)[0]).toBe(98)
    const answer = await t.ok('order', 'refund', { id: order._id, reason: '缺货', note: '厂家断货' }, 'r-sup')
    expect(answer.order).toMatchObject({ status: 'cancelled', cancelledBy: 'supplier' })
    expect(answer.refund).toMatchObject({
      refundNo: `${order.orderNo}-S`,
      amountFen: order.total,
      failReason: null,
      reason: '缺货：厂家断货',
    })
    expect(['processing', 'succeeded']).toContain(answer.refund.status)
    expect(storedStock(t, product._id)[0]).toBe(100)
    expect(storedOrder(t, order._id)).toMatchObject({
      status: 'cancelled',
      cancelReason: '缺货：厂家断货',
      refundNo: `${order.orderNo}-S`,
      dueAt: null,
    })

    const done = await refundReaches(t, `${order.orderNo}-S`, 'succeeded')
    expect(done).toMatchObject({ cause: 'cannot_ship', amountFen: order.total, paidFen: order.total })
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
    expect(await acknowledgedAtWeChat(t, order.orderNo)).toMatchObject([
      { refundFee: order.total, totalFee: order.total, state: 'SUCCESS', notified: true },
    ])
    expect(await refundMessages('r-agent')).toEqual(['退款成功'])
    // Nothing can move it on: it can no longer be shipped.
    const ship = await t.call('order', 'ship', { id: order._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, 'r-sup')
    expect(ship).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })

  it('when the agent, another supplier, or the supplier on an unpaid or shipped order asks, then it is refused and nothing changes', async () => {
    const { order } = await paidOrder('r2-sup', 'r2-agent')
    await shopWithAgent(t, 'r2-other', 'r2-other-agent')
    const before = snapshot()
    expect(await t.call('order', 'refund', { id: order._id, reason: '缺货' }, 'r2-agent')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await t.call('order', 'refund', { id: order._id, reason: '缺货' }, 'r2-other')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await t.call('order', 'refund', { id: order._id, reason: '缺货' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await t.call('order', 'refund', { id: order._id, reason: '不想卖了' } as never, 'r2-sup')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(await t.call('order', 'refund', { id: order._id, reason: '其他', note: '长'.repeat(201) }, 'r2-sup')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    await t.ok('order', 'ship', { id: order._id, carrier: '顺丰速运', trackingNo: 'SF1234567891' }, 'r2-sup')
    const shipped = snapshot()
    expect(await t.call('order', 'refund', { id: order._id, reason: '缺货' }, 'r2-sup')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(snapshot()).toBe(shipped)
    expect(before).not.toBe(shipped)
    const { product, spec } = await shopWithAgent(t, 'r3-sup', 'r3-agent')
    const unpaid = await placeOrder(t, 'r3-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const unpaidBefore = snapshot()
    expect(await t.call('order', 'refund', { id: unpaid._id, reason: '缺货' }, 'r3-sup')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(snapshot()).toBe(unpaidBefore)
    expect(storedRefunds(t, order._id)).toEqual([])
    expect(storedRefunds(t, unpaid._id)).toEqual([])
  })

  it('when WeChat Pay refuses the refund, then the supplier sees why, and asking again refunds with the same number, once', async () => {
    const { order, product } = await paidOrder('f-sup', 'f-agent')
    await failNextRefund(t)
    const refused = await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'f-sup')
    expect(refused.refund).toMatchObject({ status: 'failed', failReason: '基本账户余额不足，请充值后重新发起' })
    expect(storedOrder(t, order._id).status).toBe('cancelled')
    expect(storedStock(t, product._id)[0]).toBe(100)
    expect(await refundsAtWeChat(t, order.orderNo)).toEqual([])

    const retried = await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'f-sup')
    expect(retried.refund.refundNo).toBe(refused.refund.refundNo)
    expect(['processing', 'succeeded']).toContain(retried.refund.status)
    await refundReaches(t, `${order.orderNo}-S`, 'succeeded')
    // A third request changes nothing: the money went back once, the stock came back once.
    const third = await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'f-sup')
    expect(third.refund.status).toBe('succeeded')
    expect(await refundsAtWeChat(t, order.orderNo)).toHaveLength(1)
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
    expect(storedStock(t, product._id)[0]).toBe(100)
  })

  it('when the supplier refunds twice at once, then one refund is made and stock returns once', async () => {
    const { order, product } = await paidOrder('d-sup', 'd-agent')
    const answers = await Promise.all([
      t.call('order', 'refund', { id: order._id, reason: '缺货' }, 'd-sup'),
      t.call('order', 'refund', { id: order._id, reason: '缺货' }, 'd-sup'),
    ])
    expect(answers.every((a) => a.ok || a.error.code === 'CONFLICT')).toBe(true)
    await refundReaches(t, `${order.orderNo}-S`, 'succeeded')
    expect(storedRefunds(t, order._id)).toHaveLength(1)
    expect(await refundsAtWeChat(t, order.orderNo)).toHaveLength(1)
    expect(storedStock(t, product._id)[0]).toBe(100)
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
  })

  it('when a request was written but its answer lost (a crash), then the timer asks WeChat Pay again with the same number and it is refunded once', async () => {
    const { order } = await paidOrder('c-sup', 'c-agent')
    await failNextRefund(t)
    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'c-sup')
    // As if the process died after writing the refund and before WeChat Pay answered.
    await setRefundField(t, `${order.orderNo}-S`, { status: 'requested', failReason: null })
    await trigger(t, 'expire')
    expect(storedRefunds(t, order._id)[0]?.status).toBe('requested')
    await advanceClock(t, 3 * MINUTE)
    await trigger(t, 'expire')
    await refundReaches(t, `${order.orderNo}-S`, 'succeeded')
    await trigger(t, 'expire')
    expect(await refundsAtWeChat(t, order.orderNo)).toHaveLength(1)
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
  })
})

describe('a payment that lands on a cancelled order is refunded automatically', () => {
  it('when the agent cancels inside the 5 minutes WeChat Pay will not close the payment and then pays, then the order stays cancelled and the payment goes back once', async () => {
    const { product, spec } = await shopWithAgent(t, 'l-sup', 'l-agent')
    const order = await placeOrder(t, 'l-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const { payment } = await t.ok('order', 'pay', { id: order._id }, 'l-agent')
    await t.ok('order', 'cancel', { id: order._id }, 'l-agent')
    const paid = await payInSheet(t, payment.package)
    expect(paid.status).toBe(200)
    expect(paid.body.data?.callback).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'cancelled', cancelledBy: 'agent' })
    const refund = await refundReaches(t, `${order.orderNo}-P`, 'succeeded')
    expect(refund).toMatchObject({ cause: 'late_payment', amountFen: order.total })
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
    // WeChat Pay sends the payment notice again: nothing more is refunded.
    await payInSheet(t, payment.package)
    expect(await refundsAtWeChat(t, order.orderNo)).toHaveLength(1)
    expect(storedRefunds(t, order._id)).toHaveLength(1)
    expect(storedStock(t, product._id)[0]).toBe(100)
    expect((t.db.find('supplier_days') as Array<{ paidOrders?: number }>).every((d) => d.paidOrders !== undefined)).toBe(true)
  })
})

describe('refundCallback: forged notices are ignored', () => {
  it('when someone calls refundCallback with a made-up notice, then only WeChat Pay’s own record counts, and only once', async () => {
    const { order } = await paidOrder('n-sup', 'n-agent')
    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'n-sup')
    await refundReaches(t, `${order.orderNo}-S`, 'succeeded')
    const settled = snapshot()
    const notice = (outRefundNo: string, refundFee: number) => ({
      returnCode: 'SUCCESS',
      reqInfo: { outRefundNo, refundFee, refundStatus: 'SUCCESS' },
    })
    // The same notice again, with a bigger amount: the order's refunded amount stays.
    expect(await t.raw('refundCallback', notice(`${order.orderNo}-S`, order.total * 10), 'n-agent')).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(await t.raw('refundCallback', notice(`${order.orderNo}-A1`, 1))).toEqual({ errcode: 2, errmsg: 'unknown refund' })
    expect(await t.raw('refundCallback', { reqInfo: { outRefundNo: '../x' } })).toEqual({ errcode: 1, errmsg: 'bad notice' })
    expect(await t.raw('refundCallback', {})).toEqual({ errcode: 1, errmsg: 'bad notice' })
    expect(snapshot()).toBe(settled)
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)

    // A refund WeChat Pay never made (it refused it) is not recorded by a notice claiming success.
    const other = await paidOrder('n2-sup', 'n2-agent')
    await failNextRefund(t)
    await t.ok('order', 'refund', { id: other.order._id, reason: '缺货' }, 'n2-sup')
    const refused = snapshot()
    expect(await t.raw('refundCallback', notice(`${other.order.orderNo}-S`, other.order.total))).toEqual({
      errcode: 3,
      errmsg: 'not refunded',
    })
    expect(snapshot()).toBe(refused)
    expect(storedRefunds(t, other.order._id)[0]).toMatchObject({ status: 'failed' })
    expect(storedOrder(t, other.order._id).refundedFen).toBeUndefined()
  })
})
