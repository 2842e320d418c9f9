import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { storedOrder } from './order-fixtures'
import { caseReaches, paidOrder, shippedOrder } from './aftersale-fixtures'

/**
 * Orders carry their latest after-sales case (R19): both parties' order views name it (id and
 * status, from the case the order names), 我的订单's counts count the agent's open cases, and no
 * one else's case shows in anyone's orders.
 */

const { t } = orderCloudForFile()

const apply = (orderId: string, agent: string) =>
  t.ok('aftersale', 'apply', { orderId, kind: 'refund_only', reason: '少件/漏发', amountFen: 100, note: '少了一件' }, agent)

describe('order views: the order carries its case', () => {
  it('when an order has no case, then its views carry none and 我的订单 counts no open case', async () => {
    const { order } = await shippedOrder(t, 'v0-sup', 'v0-agent')
    expect(await t.ok('order', 'get', { id: order._id }, 'v0-agent')).not.toHaveProperty('aftersale')
    expect(await t.ok('order', 'get', { id: order._id }, 'v0-sup')).not.toHaveProperty('aftersale')
    expect(await t.ok('order', 'countsMine', {}, 'v0-agent')).toMatchObject({ shipped: 1, aftersaleOpen: 0 })
  })

  it('when the agent applies, then both sides see the open case on the order (get and lists) and the agent counts it', async () => {
    const { order } = await shippedOrder(t, 'v1-sup', 'v1-agent')
    const applied = await apply(order._id, 'v1-agent')
    const carried = { caseId: applied._id, status: 'pending' }
    expect(storedOrder(t, order._id)).toMatchObject({ openCaseId: applied._id })
    expect(await t.ok('order', 'get', { id: order._id }, 'v1-agent')).toMatchObject({ aftersale: carried })
    expect(await t.ok('order', 'get', { id: order._id }, 'v1-sup')).toMatchObject({ aftersale: carried })
    const mine = await t.ok('order', 'listMine', { limit: 20 }, 'v1-agent')
    expect(mine.items.find((o) => o._id === order._id)?.aftersale).toEqual(carried)
    const sold = await t.ok('order', 'listSold', { limit: 20 }, 'v1-sup')
    expect(sold.items.find((o) => o._id === order._id)?.aftersale).toEqual(carried)
    expect(await t.ok('order', 'countsMine', {}, 'v1-agent')).toMatchObject({ shipped: 1, aftersaleOpen: 1 })
  })

  it('when the case is refunded, then the order shows 退款成功 with what came back and the open count drops', async () => {
    const { order } = await paidOrder(t, 'v2-sup', 'v2-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '拍错/多拍', note: '' }, 'v2-agent')
    await t.ok('aftersale', 'agree', { id: applied._id }, 'v2-sup')
    await caseReaches(t, applied._id, 'refunded')
    expect(storedOrder(t, order._id)).toMatchObject({ openCaseId: null, refundedFen: order.total })
    for (const who of ['v2-agent', 'v2-sup'])
      expect(await t.ok('order', 'get', { id: order._id }, who)).toMatchObject({
        status: 'cancelled',
        refundedFen: order.total,
        aftersale: { caseId: applied._id, status: 'refunded' },
      })
    expect(await t.ok('order', 'countsMine', {}, 'v2-agent')).toMatchObject({ cancelled: 1, aftersaleOpen: 0 })
  })

  it('when a withdrawn case is followed by a new one, then the order carries the new one', async () => {
    const { order } = await shippedOrder(t, 'v3-sup', 'v3-agent')
    const first = await apply(order._id, 'v3-agent')
    await t.ok('aftersale', 'withdraw', { id: first._id }, 'v3-agent')
    expect(await t.ok('order', 'get', { id: order._id }, 'v3-sup')).toMatchObject({ aftersale: { caseId: first._id, status: 'closed' } })
    const second = await apply(order._id, 'v3-agent')
    expect(second._id).not.toBe(first._id)
    expect(await t.ok('order', 'get', { id: order._id }, 'v3-agent')).toMatchObject({
      aftersale: { caseId: second._id, status: 'pending' },
    })
  })

  it("when another agent or supplier reads its orders, then no one else's case is in them", async () => {
    const { order } = await shippedOrder(t, 'v4-sup', 'v4-agent')
    const applied = await apply(order._id, 'v4-agent')
    const { order: theirs } = await shippedOrder(t, 'v5-sup', 'v5-agent')
    for (const [who, list] of [
      ['v5-agent', await t.ok('order', 'listMine', { limit: 20 }, 'v5-agent')],
      ['v5-sup', await t.ok('order', 'listSold', { limit: 20 }, 'v5-sup')],
    ] as const) {
      expect(
        list.items.map((o) => o._id),
        who,
      ).toEqual([theirs._id])
      expect(JSON.stringify(list), who).not.toContain(applied._id)
    }
    expect(await t.ok('order', 'countsMine', {}, 'v5-agent')).toMatchObject({ aftersaleOpen: 0 })
    for (const who of ['v5-agent', 'v5-sup']) {
      expect(await t.call('order', 'get', { id: order._id }, who)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })
})
