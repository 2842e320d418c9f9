import { describe, expect, it } from 'vitest'
import { boundAgent } from './network-fixtures'
import { orderCloudForFile } from './harness'
import {
  CONSIGNEE,
  payInSheet,
  payOrder,
  placeOrder,
  sentMessages,
  shopWithAgent,
  subscribe,
  storedOrder,
  storedStock,
} from './order-fixtures'
import { advanceClock, DAY, MINUTE, trigger } from './product-fixtures'

/** The order's lifecycle (R17): every move by the right party only, the timer's moves, and what each party reads. */

const { t, snapshot } = orderCloudForFile()

describe('an order from cart to completion (R17)', () => {
  it('when an agent orders, pays, the supplier ships and the agent confirms, then each step is stored and told', async () => {
    const { product, spec, spec2, shop } = await shopWithAgent(t, 'o-sup', 'o-agent')
    const items = [
      { productId: product._id, specId: spec.id, qty: 2 },
      { productId: product._id, specId: spec2!.id, qty: 1 },
    ]
    const quote = await t.ok('order', 'quote', { items, province: '广东省' }, 'o-agent')
    expect(quote).toMatchObject({
      supplierId: shop.supplier._id,
      goodsTotal: 3980 * 2 + 2500,
      shippingFee: 800 + 2 * 200,
      province: '广东',
    })
    expect(quote.lines.map((l) => [l.specName, l.unitPrice, l.qty, l.subtotal])).toEqual([
      ['红色 / M', 3980, 2, 7960],
      ['蓝色 / L', 2500, 1, 2500],
    ])
    const order = await placeOrder(t, 'o-agent', items)
    // Both accepted their order messages in WeChat's subscribe dialog.
    await subscribe(t, 'o-sup', ['demo-tpl-order-paid'])
    await subscribe(t, 'o-agent', ['demo-tpl-order-shipped'])
    expect(order).toMatchObject({
      status: 'pending_payment',
      tag: '微供',
      total: quote.total,
      consignee: CONSIGNEE,
      counterpart: { name: shop.supplier.name },
    })
    expect(order.orderNo).toMatch(/^\d{20}$/)
    expect(order.agentOpenid).toBe('o-agent')
    expect(order.payDeadline).toBe(order.createdAt + 30 * MINUTE)
    expect(storedStock(t, product._id)).toEqual([98, 49])
    expect((await t.ok('order', 'countsMine', {}, 'o-agent')).pending_payment).toBe(1)

    const paid = await payOrder(t, 'o-agent', order)
    expect(paid.status).toBe(200)
    expect(paid.body.data?.callback).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'paid', dueAt: null, transactionId: paid.body.data?.transactionId })
    expect((await t.ok('supplier', 'me', {}, 'o-sup')).stats?.ordersToShip).toBe(1)
    const sold = await t.ok('order', 'listSold', { status: 'paid' }, 'o-sup')
    expect(sold.items.map((o) => [o._id, o.tag, o.counterpart.name])).toEqual([[order._id, '微供', '代理o-agent']])
    expect(await t.ok('order', 'countsSold', {}, 'o-sup')).toEqual({ pending_payment: 0, paid: 1, shipped: 0, completed: 0, cancelled: 0 })

    const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, 'o-sup')
    expect(shipped).toMatchObject({ status: 'shipped', logistics: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } })
    expect((await t.ok('order', 'get', { id: order._id }, 'o-agent')).logistics?.trackingNo).toBe('SF1234567890')
    const done = await t.ok('order', 'confirm', { id: order._id }, 'o-agent')
    expect(done.status).toBe('completed')
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'completed', completedBy: 'agent', dueAt: null })

    const messages = (await sentMessages(t)).filter((m) => m.data.character_string1?.value === order.orderNo)
    expect(messages.map((m) => [m.templateId, m.touser, m.from])).toEqual([
      ['demo-tpl-order-paid', 'o-sup', 'payCallback'],
      ['demo-tpl-order-shipped', 'o-agent', 'order'],
    ])
    expect(messages[1]?.data).toMatchObject({ thing3: { value: '顺丰速运' }, character_string4: { value: 'SF1234567890' } })
    expect(messages[1]?.page).toBe(`pages/orders/detail/index?id=${order._id}`)

    // 经营数据 and the agent list's order count (R13) come from what happened, not from a scan.
    const days = (await t.ok('order', 'stats', {}, 'o-sup')).days
    expect(days).toHaveLength(30)
    expect(days.at(-1)).toMatchObject({ paidOrders: 1, salesFen: quote.total })
    expect((await t.ok('network', 'listAgents', {}, 'o-sup')).items.find((a) => a.agentOpenid === 'o-agent')?.orderCount).toBe(1)
    // The consignee went into the agent's address book.
    expect((await t.ok('order', 'addresses', {}, 'o-agent')).items.map((a) => a.consignee.name)).toEqual(['李小红'])
  })
})

describe('only legal moves by the right party (R17)', () => {
  it('when anyone tries a move the state machine forbids, then FORBIDDEN / FAILED_PRECONDITION / NOT_FOUND and the store is unchanged', async () => {
    const { product, spec, shop } = await shopWithAgent(t, 'm-sup', 'm-agent')
    await shopWithAgent(t, 'm-sup2', 'm-agent2')
    await boundAgent(t, 'm-agent2', shop.supplier._id)
    const order = await placeOrder(t, 'm-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const ship = { id: order._id, carrier: '中通快递' as const, trackingNo: 'ZT12345678' }
    const expectRefused = async (fn: () => Promise<{ ok: boolean; error?: { code: string } }>, code: string) => {
      const before = snapshot()
      const answer = await fn()
      expect(answer.ok ? 'ok' : answer.error?.code).toBe(code)
      expect(snapshot()).toBe(before)
    }
    // Unpaid.
    await expectRefused(() => t.call('order', 'ship', ship, 'm-sup'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'confirm', { id: order._id }, 'm-agent'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'ship', ship, 'm-agent'), 'FORBIDDEN')
    await expectRefused(() => t.call('order', 'confirm', { id: order._id }, 'm-sup'), 'FORBIDDEN')
    await expectRefused(() => t.call('order', 'cancel', { id: order._id }, 'm-agent2'), 'NOT_FOUND')
    await expectRefused(() => t.call('order', 'get', { id: order._id }, 'm-agent2'), 'NOT_FOUND')
    await expectRefused(() => t.call('order', 'ship', ship, 'm-sup2'), 'NOT_FOUND')
    await expectRefused(() => t.call('order', 'pay', { id: order._id }, 'm-sup'), 'FORBIDDEN')
    // Paid.
    await payOrder(t, 'm-agent', order)
    await expectRefused(() => t.call('order', 'cancel', { id: order._id }, 'm-agent'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'cancel', { id: order._id }, 'm-sup'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'pay', { id: order._id }, 'm-agent'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'confirm', { id: order._id }, 'm-agent'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.raw('order', { action: 'ship', ...ship, carrier: '马车' }, 'm-sup'), 'INVALID_ARGUMENT')
    // Shipped.
    await t.ok('order', 'ship', ship, 'm-sup')
    await expectRefused(() => t.call('order', 'ship', ship, 'm-sup'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'cancel', { id: order._id }, 'm-agent'), 'FAILED_PRECONDITION')
    await expectRefused(() => t.call('order', 'confirm', { id: order._id }, 'm-sup'), 'FORBIDDEN')
    // Cancelled: twice is refused, the stock came back once.
    const second = await placeOrder(t, 'm-agent', [{ productId: product._id, specId: spec.id, qty: 5 }])
    expect(storedStock(t, product._id)[0]).toBe(94)
    await t.ok('order', 'cancel', { id: second._id }, 'm-sup')
    expect(storedStock(t, product._id)[0]).toBe(99)
    await expectRefused(() => t.call('order', 'cancel', { id: second._id }, 'm-agent'), 'FAILED_PRECONDITION')
    expect(storedStock(t, product._id)[0]).toBe(99)
  })
})

describe('each party reads its own orders (R17)', () => {
  it('an agent sees only its own orders; a supplier only its own; search finds by number, phone or name', async () => {
    const { product, spec } = await shopWithAgent(t, 'p-sup', 'p-agent')
    const other = await shopWithAgent(t, 'p-sup2', 'p-agent2')
    const mine = await placeOrder(t, 'p-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    const theirs = await placeOrder(t, 'p-agent2', [{ productId: other.product._id, specId: other.spec.id, qty: 1 }], {
      ...CONSIGNEE,
      name: '王大锤',
      phone: '13700000000',
    })
    expect((await t.ok('order', 'listMine', {}, 'p-agent')).items.map((o) => o._id)).toEqual([mine._id])
    expect((await t.ok('order', 'listSold', {}, 'p-sup')).items.map((o) => o._id)).toEqual([mine._id])
    expect((await t.ok('order', 'listSold', { q: theirs.orderNo }, 'p-sup')).items).toEqual([])
    expect((await t.ok('order', 'listSold', { q: theirs.orderNo }, 'p-sup2')).items.map((o) => o._id)).toEqual([theirs._id])
    expect((await t.ok('order', 'listSold', { q: '13700000000' }, 'p-sup2')).items.map((o) => o._id)).toEqual([theirs._id])
    expect((await t.ok('order', 'listSold', { q: '王大锤' }, 'p-sup2')).items.map((o) => o._id)).toEqual([theirs._id])
    expect((await t.ok('order', 'addresses', {}, 'p-agent')).items.map((a) => a.consignee.name)).toEqual(['李小红'])
    const listAsAgent = await t.call('order', 'listSold', {}, 'p-agent')
    expect(listAsAgent.ok ? null : listAsAgent.error.code).toBe('FAILED_PRECONDITION')
  })
})

describe('timers: auto-cancel and auto-complete (R17)', () => {
  it('when 30 minutes pass unpaid, then the agent is told first, then the order cancels and gives stock back once, and can no longer be paid', async () => {
    const { product, spec } = await shopWithAgent(t, 't-sup', 't-agent')
    const order = await placeOrder(t, 't-agent', [{ productId: product._id, specId: spec.id, qty: 4 }])
    // Accepted twice: a second notice would be sent, so "once" is the timer's doing.
    await subscribe(t, 't-agent', ['demo-tpl-order-cancel-soon'])
    await subscribe(t, 't-agent', ['demo-tpl-order-cancel-soon'])
    const { payment } = await t.ok('order', 'pay', { id: order._id }, 't-agent')
    expect(storedStock(t, product._id)[0]).toBe(96)
    await advanceClock(t, 21 * MINUTE)
    await trigger(t, 'expire')
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'pending_payment', cancelNoticeSent: true })
    const notices = (await sentMessages(t)).filter((m) => m.templateId === 'demo-tpl-order-cancel-soon' && m.touser === 't-agent')
    expect(notices).toHaveLength(1)
    await trigger(t, 'expire')
    expect((await sentMessages(t)).filter((m) => m.templateId === 'demo-tpl-order-cancel-soon' && m.touser === 't-agent')).toHaveLength(1)

    await advanceClock(t, 10 * MINUTE)
    await trigger(t, 'expire')
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'cancelled', cancelledBy: 'timer', dueAt: null })
    expect(storedStock(t, product._id)[0]).toBe(100)
    await trigger(t, 'expire')
    expect(storedStock(t, product._id)[0]).toBe(100)
    // The payment was closed with the order: the sheet refuses it, the order stays cancelled.
    expect((await payInSheet(t, payment.package)).status).toBe(409)
    expect(storedOrder(t, order._id).status).toBe('cancelled')
  })

  it('when 15 days pass after shipping, then the order completes itself', async () => {
    const { product, spec } = await shopWithAgent(t, 'a-sup', 'a-agent')
    const order = await placeOrder(t, 'a-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await payOrder(t, 'a-agent', order)
    const shipped = await t.ok('order', 'ship', { id: order._id, carrier: '韵达快递', trackingNo: 'YD998877665' }, 'a-sup')
    expect(shipped.autoCompleteAt).toBe((shipped.shippedAt ?? 0) + 15 * DAY)
    await advanceClock(t, 15 * DAY - 20 * MINUTE)
    await trigger(t, 'expire')
    expect(storedOrder(t, order._id).status).toBe('shipped')
    await advanceClock(t, 20 * MINUTE)
    await trigger(t, 'expire')
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'completed', completedBy: 'timer' })
  })
})
