import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { payInSheet, payOrder, placeOrder, sentMessages, shopWithAgent, skippedSends, subscribe } from './order-fixtures'
import { acknowledgedAtWeChat, failNextRefund } from './refund-fixtures'

/**
 * 退款通知 (R19, R20): one acceptance of the template allows one send, so a refund sends only its
 * outcome — 退款成功 to the agent, 退款失败 (with WeChat Pay's reason) to the supplier, who can retry.
 */

const { t } = orderCloudForFile()

const refundSends = async (openid: string) =>
  (await sentMessages(t))
    .filter((m) => m.templateId === 'demo-tpl-order-refund' && m.touser === openid)
    .map((m) => [m.data.phrase4?.value, m.data.thing3?.value, m.page])

describe('one 退款通知 per refund outcome', () => {
  it('when WeChat Pay refuses a refund and the retry succeeds, then the supplier learns of the refusal and the agent of the refund, each from one acceptance', async () => {
    const { product, spec } = await shopWithAgent(t, 'rm-sup', 'rm-agent')
    const order = await placeOrder(t, 'rm-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await payOrder(t, 'rm-agent', order)
    await subscribe(t, 'rm-agent', ['demo-tpl-order-refund'])
    await subscribe(t, 'rm-sup', ['demo-tpl-order-refund'])

    await failNextRefund(t)
    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'rm-sup')
    expect(await refundSends('rm-sup')).toEqual([
      ['退款失败', '基本账户余额不足，请充值后重新发起', `supplier/orders/detail/index?id=${order._id}`],
    ])
    expect(await refundSends('rm-agent')).toEqual([])

    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'rm-sup')
    // Acknowledged: refundCallback has answered, so its message is sent.
    await acknowledgedAtWeChat(t, order.orderNo)
    expect(await refundSends('rm-agent')).toEqual([['退款成功', '缺货', `pages/orders/detail/index?id=${order._id}`]])
    expect(await refundSends('rm-sup')).toHaveLength(1)
    expect((await skippedSends(t)).filter((s) => s.templateId === 'demo-tpl-order-refund')).toEqual([])
  })

  it('when a payment lands on a cancelled order, then the agent’s one acceptance carries 退款成功', async () => {
    const { product, spec } = await shopWithAgent(t, 'rl-sup', 'rl-agent')
    const order = await placeOrder(t, 'rl-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await subscribe(t, 'rl-agent', ['demo-tpl-order-refund'])
    const { payment } = await t.ok('order', 'pay', { id: order._id }, 'rl-agent')
    await t.ok('order', 'cancel', { id: order._id }, 'rl-agent')
    await payInSheet(t, payment.package)
    await acknowledgedAtWeChat(t, order.orderNo)
    expect((await refundSends('rl-agent')).map(([state]) => state)).toEqual(['退款成功'])
    expect((await skippedSends(t)).filter((s) => s.templateId === 'demo-tpl-order-refund')).toEqual([])
  })
})
