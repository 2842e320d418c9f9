import { describe, expect, it } from 'vitest'
import { ANSWER_WINDOW_MS, RECEIPT_WINDOW_MS, RETURN_SHIP_WINDOW_MS } from '@/domain/aftersale'
import { orderCloudForFile } from './harness'
import { storedOrder } from './order-fixtures'
import { advanceClock, MINUTE, trigger } from './product-fixtures'
import { refundsAtWeChat } from './refund-fixtures'
import { caseReaches, paidOrder, RETURN_ADDRESS, shippedOrder, storedCase } from './aftersale-fixtures'

/** R19's deadlines, moved by the `expire` timer with the local clock; and the timer racing a person: one outcome. */

const { t } = orderCloudForFile()

describe('aftersale deadlines', () => {
  it('when the supplier does not answer within 48 hours, then the timer agrees and the refund goes out once', async () => {
    const { order } = await paidOrder(t, 'd1-sup', 'd1-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '发货太慢' }, 'd1-agent')
    await advanceClock(t, ANSWER_WINDOW_MS - MINUTE)
    await trigger(t, 'expire')
    expect(storedCase(t, applied._id).status).toBe('pending')
    await advanceClock(t, 2 * MINUTE)
    await trigger(t, 'expire')
    await caseReaches(t, applied._id, 'refunded')
    expect(storedCase(t, applied._id).timeline.map((s) => [s.actor, s.action])).toEqual([
      ['agent', 'apply'],
      ['timer', 'agree'],
      ['wechatpay', 'refundDone'],
    ])
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'cancelled', refundedFen: order.total })
    await trigger(t, 'expire')
    expect(await refundsAtWeChat(t, order.orderNo)).toHaveLength(1)
  })

  it('when the agent does not ship a return within 7 days, then the case closes and the order takes a new one', async () => {
    const { order } = await shippedOrder(t, 'd2-sup', 'd2-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'return_refund', reason: '与描述不符' }, 'd2-agent')
    await t.ok('aftersale', 'agree', { id: applied._id, returnAddress: RETURN_ADDRESS }, 'd2-sup')
    await advanceClock(t, RETURN_SHIP_WINDOW_MS + MINUTE)
    await trigger(t, 'expire')
    expect(storedCase(t, applied._id)).toMatchObject({ status: 'closed', open: false, dueAt: null })
    expect(storedOrder(t, order._id).openCaseId).toBeNull()
    expect(
      await t.call('aftersale', 'returnShip', { id: applied._id, carrier: '中通快递', trackingNo: 'ZT1234567890' }, 'd2-agent'),
    ).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(await refundsAtWeChat(t, order.orderNo)).toEqual([])
  })

  it('when the supplier does not confirm a shipped return within 7 days, then the refund goes out automatically, once', async () => {
    const { order } = await shippedOrder(t, 'd3-sup', 'd3-agent')
    const applied = await t.ok(
      'aftersale',
      'apply',
      { orderId: order._id, kind: 'return_refund', reason: '质量问题', amountFen: 2500 },
      'd3-agent',
    )
    await t.ok('aftersale', 'agree', { id: applied._id, returnAddress: RETURN_ADDRESS }, 'd3-sup')
    await t.ok('aftersale', 'returnShip', { id: applied._id, carrier: '圆通速递', trackingNo: 'YT1234567890' }, 'd3-agent')
    await advanceClock(t, RECEIPT_WINDOW_MS + MINUTE)
    await trigger(t, 'expire')
    await caseReaches(t, applied._id, 'refunded')
    expect(await refundsAtWeChat(t, order.orderNo)).toMatchObject([{ outRefundNo: applied._id, refundFee: 2500 }])
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'shipped', refundedFen: 2500 })
  })

  it('when the timer and the supplier act on a due case at once, then there is one outcome and the money moves once', async () => {
    const { order } = await shippedOrder(t, 'd4-sup', 'd4-agent')
    const applied = await t.ok(
      'aftersale',
      'apply',
      { orderId: order._id, kind: 'refund_only', reason: '少件/漏发', amountFen: 1000 },
      'd4-agent',
    )
    await advanceClock(t, ANSWER_WINDOW_MS + MINUTE)
    const [, refused] = await Promise.all([
      trigger(t, 'expire'),
      t.call('aftersale', 'refuse', { id: applied._id, reason: '商品无问题' }, 'd4-sup'),
    ])
    const stored = storedCase(t, applied._id)
    const actions = stored.timeline.map((s) => s.action)
    if (refused.ok) expect(actions).toEqual(['apply', 'refuse'])
    else {
      expect(refused.error.code).toMatch(/FAILED_PRECONDITION|CONFLICT/)
      expect(actions.slice(0, 2)).toEqual(['apply', 'agree'])
      await caseReaches(t, applied._id, 'refunded')
    }
    expect((await refundsAtWeChat(t, order.orderNo)).length).toBe(refused.ok ? 0 : 1)
  })
})

describe('aftersale races', () => {
  it('when the agent withdraws while the supplier agrees, then one of them wins and money moves at most once', async () => {
    const { order } = await paidOrder(t, 'x1-sup', 'x1-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '不想要了' }, 'x1-agent')
    const [withdrawn, agreed] = await Promise.all([
      t.call('aftersale', 'withdraw', { id: applied._id }, 'x1-agent'),
      t.call('aftersale', 'agree', { id: applied._id }, 'x1-sup'),
    ])
    expect([withdrawn.ok, agreed.ok].filter(Boolean)).toHaveLength(1)
    if (withdrawn.ok) {
      expect(storedCase(t, applied._id).status).toBe('closed')
      expect(storedOrder(t, order._id).status).toBe('paid')
      expect(await refundsAtWeChat(t, order.orderNo)).toEqual([])
    } else {
      await caseReaches(t, applied._id, 'refunded')
      expect(await refundsAtWeChat(t, order.orderNo)).toHaveLength(1)
    }
  })

  it('when the supplier agrees twice at once, then one refund is made and stock returns once', async () => {
    const { order, product } = await paidOrder(t, 'x2-sup', 'x2-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '不想要了' }, 'x2-agent')
    const answers = await Promise.all([
      t.call('aftersale', 'agree', { id: applied._id }, 'x2-sup'),
      t.call('aftersale', 'agree', { id: applied._id }, 'x2-sup'),
    ])
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    await caseReaches(t, applied._id, 'refunded')
    expect(await refundsAtWeChat(t, order.orderNo)).toMatchObject([{ refundFee: order.total }])
    const [stored] = t.db.find('products', { _id: product._id }) as Array<{ specs: Array<{ stock: number }> }>
    expect(stored!.specs[0]!.stock).toBe(100)
  })

  it('when the agent applies twice at once, then one case is opened', async () => {
    const { order } = await shippedOrder(t, 'x3-sup', 'x3-agent')
    const answers = await Promise.all([
      t.call('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '发错货' }, 'x3-agent'),
      t.call('aftersale', 'apply', { orderId: order._id, kind: 'return_refund', reason: '发错货' }, 'x3-agent'),
    ])
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(t.db.find('aftersales', { orderId: order._id })).toHaveLength(1)
    expect(storedOrder(t, order._id).caseCount).toBe(1)
  })
})
