import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCloud, type TestCloud } from './harness'
import { boundAgent } from './network-fixtures'
import {
  CONSIGNEE,
  newKey,
  payInSheet,
  payOrder,
  placeOrder,
  sentMessages,
  shopWithAgent,
  storedOrder,
  storedStock,
} from './order-fixtures'
import { advanceClock, DAY, MINUTE, productInput, publisher, specInput, trigger } from './product-fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.close()
})

/** Everything an order can change, to prove a refused call changed nothing. */
function snapshot() {
  return JSON.stringify({ orders: t.db.find('orders'), products: t.db.find('products'), days: t.db.find('supplier_days') })
}

async function setOrderField(id: string, changes: Record<string, unknown>) {
  await t.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'orders',
    query: JSON.stringify({ _id: id }),
    data: JSON.stringify({ $set: changes }),
    multi: false,
    merge: true,
    upsert: false,
  })
}

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

describe('the server prices every order (R7, R11)', () => {
  it('when tiers, regions, a free-shipping threshold and two templates meet, then the quote follows the table', async () => {
    const shop = await publisher(t, 'q-sup')
    const tiers = await t.ok('network', 'saveTiers', { tiers: [{ id: shop.tierId, name: '普通代理' }, { name: '金牌代理' }] }, 'q-sup')
    const gold = tiers.tiers.find((tier) => tier.name === '金牌代理')!.id
    const remote = await t.ok(
      'shipping',
      'save',
      {
        name: '偏远加价',
        firstFee: 1000,
        additionalFee: 500,
        regions: [{ provinces: ['新疆'], firstFee: 2000, additionalFee: 1000 }],
        freeOver: 20_000,
      },
      'q-sup',
    )
    const dress = await t.ok(
      'product',
      'create',
      productInput(shop.templateId, shop.image, {
        specs: [specInput(shop.image, { name: '均码', price: 5000, tierPrices: { [gold]: 4000 }, stock: 50 })],
      }),
      'q-sup',
    )
    const cup = await t.ok(
      'product',
      'create',
      productInput(remote._id, shop.image, { specs: [specInput(shop.image, { name: '白色', price: 3000, stock: 50 })] }),
      'q-sup',
    )
    await boundAgent(t, 'q-plain', shop.supplier._id)
    await boundAgent(t, 'q-gold', shop.supplier._id)
    await t.ok('network', 'setTier', { agentOpenids: ['q-gold'], tierId: gold }, 'q-sup')

    const line = (product: typeof dress, qty: number) => ({ productId: product._id, specId: product.specs[0]!.id, qty })
    const cases: Array<[string, string, Array<ReturnType<typeof line>>, string | undefined, number, number]> = [
      ['no tier price: base price, base fee', 'q-plain', [line(dress, 1)], '浙江省', 5000, 800],
      ['its tier price', 'q-gold', [line(dress, 1)], '浙江省', 4000, 800],
      ['more pieces: first + additional', 'q-gold', [line(dress, 3)], '浙江省', 12_000, 1200],
      ['region override for 新疆', 'q-plain', [line(cup, 2)], '新疆维吾尔自治区', 6000, 3000],
      ['free once the template threshold is reached', 'q-plain', [line(cup, 7)], '新疆维吾尔自治区', 21_000, 0],
      ['two products, two templates: two parcels', 'q-gold', [line(dress, 1), line(cup, 1)], '新疆', 7000, 800 + 2000],
      ['no province yet: base fees', 'q-plain', [line(cup, 1)], undefined, 3000, 1000],
    ]
    for (const [name, agent, items, province, goods, shipping] of cases) {
      const quote = await t.ok('order', 'quote', { items, ...(province ? { province } : {}) }, agent)
      expect({ name, goods: quote.goodsTotal, shipping: quote.shippingFee, total: quote.total }).toEqual({
        name,
        goods,
        shipping,
        total: goods + shipping,
      })
    }
    // The order stores the price of the moment: a later tier price change does not touch it.
    const order = await placeOrder(t, 'q-gold', [line(dress, 1)])
    expect(order.items[0]?.unitPrice).toBe(4000)
    await t.ok(
      'product',
      'update',
      {
        id: dress._id,
        category: '女装',
        description: dress.description,
        specs: [
          { ...specInput(shop.image, { name: '均码', price: 5000, tierPrices: { [gold]: 100 }, stock: 50 }), id: dress.specs[0]!.id },
        ],
        shippingTemplateId: shop.templateId,
      },
      'q-sup',
    )
    expect((await t.ok('order', 'get', { id: order._id }, 'q-gold')).items[0]?.unitPrice).toBe(4000)
  })

  it('when a cart is not orderable, then quote and create refuse it and nothing is stored', async () => {
    const { product, spec, shop } = await shopWithAgent(t, 'r-sup', 'r-agent')
    const other = await shopWithAgent(t, 'r-sup2', 'r-agent2')
    const before = snapshot()
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ items: [{ productId: product._id, specId: spec.id, qty: 101 }] }, 'r-agent', 'OUT_OF_STOCK'],
      [{ items: [{ productId: product._id, specId: 'nope', qty: 1 }] }, 'r-agent', 'NOT_FOUND'],
      [{ items: [{ productId: 'nope', specId: spec.id, qty: 1 }] }, 'r-agent', 'NOT_FOUND'],
      [{ items: [{ productId: product._id, specId: spec.id, qty: 1 }] }, 'r-stranger', 'NOT_FOUND'],
      [{ items: [{ productId: product._id, specId: spec.id, qty: 1 }] }, 'r-sup', 'FAILED_PRECONDITION'],
      [
        {
          items: [
            { productId: product._id, specId: spec.id, qty: 1 },
            { productId: other.product._id, specId: other.spec.id, qty: 1 },
          ],
        },
        'r-agent',
        'INVALID_ARGUMENT',
      ],
      [{ items: [{ productId: product._id, specId: spec.id, qty: 0 }] }, 'r-agent', 'INVALID_ARGUMENT'],
      [{ items: [{ productId: product._id, specId: spec.id, qty: 1, unitPrice: 1 }] }, 'r-agent', 'INVALID_ARGUMENT'],
    ]
    await t.ok('user', 'login', {}, 'r-stranger')
    for (const [input, caller, code] of refusals) {
      const created = await t.raw('order', { action: 'create', idempotencyKey: newKey(), consignee: CONSIGNEE, ...input }, caller)
      expect({ input, code: created.ok ? 'ok' : created.error.code }).toEqual({ input, code })
    }
    const hk = await t.call(
      'order',
      'create',
      {
        idempotencyKey: newKey(),
        items: [{ productId: product._id, specId: spec.id, qty: 1 }],
        consignee: { ...CONSIGNEE, province: '香港特别行政区' },
      },
      'r-agent',
    )
    expect(hk.ok ? null : hk.error.issues?.[0]?.path).toEqual(['consignee', 'province'])
    // Delisted: gone for agents.
    await t.ok('product', 'delist', { ids: [product._id] }, 'r-sup')
    const delisted = await t.call('order', 'quote', { items: [{ productId: product._id, specId: spec.id, qty: 1 }] }, 'r-agent')
    expect(delisted.ok ? null : delisted.error).toMatchObject({ code: 'NOT_FOUND', message: '商品不存在或已下架' })
    expect(JSON.stringify({ orders: t.db.find('orders'), days: t.db.find('supplier_days') })).toBe(
      JSON.stringify({ orders: JSON.parse(before).orders, days: JSON.parse(before).days }),
    )
    expect(shop.supplier._id).toBeTruthy()
  })
})

describe('stock and idempotency (R17)', () => {
  it('when 30 orders race for stock 10, then exactly 10 orders exist and stock is 0, never negative', async () => {
    const { product, spec } = await shopWithAgent(t, 'c-sup', 'c-agent', (image) => [
      specInput(image, { name: '限量款', price: 1000, stock: 10 }),
    ])
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.call(
          'order',
          'create',
          { idempotencyKey: newKey(), items: [{ productId: product._id, specId: spec.id, qty: 1 }], consignee: CONSIGNEE },
          'c-agent',
        ),
      ),
    )
    const ok = answers.filter((a) => a.ok)
    expect(ok).toHaveLength(10)
    // The losers are told there is no stock left (CONFLICT only if one lost every retry to the others).
    const refusals = answers.flatMap((a) => (a.ok ? [] : [a.error.code]))
    expect(refusals.filter((code) => code !== 'OUT_OF_STOCK' && code !== 'CONFLICT')).toEqual([])
    expect(refusals.filter((code) => code === 'OUT_OF_STOCK').length).toBeGreaterThan(0)
    expect(storedStock(t, product._id)).toEqual([0])
    expect(t.db.find('orders', { supplierId: product.supplierId })).toHaveLength(10)
  })

  it('when the same create is sent again or twice at once, then one order exists and stock moved once; other items with the key are CONFLICT', async () => {
    const { product, spec } = await shopWithAgent(t, 'i-sup', 'i-agent')
    const input = { idempotencyKey: newKey(), items: [{ productId: product._id, specId: spec.id, qty: 3 }], consignee: CONSIGNEE }
    const [a, b, c] = await Promise.all([
      t.ok('order', 'create', input, 'i-agent'),
      t.ok('order', 'create', input, 'i-agent'),
      t.ok('order', 'create', input, 'i-agent'),
    ])
    expect(new Set([a._id, b._id, c._id]).size).toBe(1)
    expect((await t.ok('order', 'create', input, 'i-agent'))._id).toBe(a._id)
    expect(storedStock(t, product._id)[0]).toBe(97)
    const before = snapshot()
    const changed = await t.call('order', 'create', { ...input, items: [{ productId: product._id, specId: spec.id, qty: 4 }] }, 'i-agent')
    expect(changed.ok ? null : changed.error.code).toBe('CONFLICT')
    expect(snapshot()).toBe(before)
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

describe('the order keeps what was bought (R10)', () => {
  it('when the product is edited and then deleted, then the order still reads the same goods, picture and price', async () => {
    const { product, spec, shop } = await shopWithAgent(t, 'k-sup', 'k-agent')
    const order = await placeOrder(t, 'k-agent', [{ productId: product._id, specId: spec.id, qty: 2 }])
    const before = await t.ok('order', 'get', { id: order._id }, 'k-agent')
    await t.ok(
      'product',
      'update',
      {
        id: product._id,
        category: '女装',
        description: '改过的描述',
        specs: [{ ...specInput(shop.image, { name: '改名规格', price: 1 }), id: spec.id }],
        shippingTemplateId: shop.templateId,
      },
      'k-sup',
    )
    await t.ok('product', 'remove', { ids: [product._id] }, 'k-sup')
    const after = await t.ok('order', 'get', { id: order._id }, 'k-agent')
    expect(after.items[0]?.snapshot).toMatchObject({ description: product.description, specName: spec.name, category: '女装' })
    expect(after.items[0]?.snapshot.image).toMatch(/^http/)
    expect(after.items[0]?.unitPrice).toBe(before.items[0]?.unitPrice)
    expect(after.total).toBe(before.total)
    // Cancelling an order of a deleted product changes nothing but the order.
    expect((await t.ok('order', 'cancel', { id: order._id }, 'k-agent')).status).toBe('cancelled')
    // Cancelled orders do not count as an agent's orders (R13).
    expect((await t.ok('network', 'listAgents', {}, 'k-sup')).items.find((a) => a.agentOpenid === 'k-agent')?.orderCount).toBe(0)
  })
})

describe('timers: auto-cancel and auto-complete (R17)', () => {
  it('when 30 minutes pass unpaid, then the agent is told first, then the order cancels and gives stock back once, and can no longer be paid', async () => {
    const { product, spec } = await shopWithAgent(t, 't-sup', 't-agent')
    const order = await placeOrder(t, 't-agent', [{ productId: product._id, specId: spec.id, qty: 4 }])
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

describe('payCallback (called by WeChat Pay)', () => {
  it('when the notice repeats, then the order is paid once, counted once and the supplier told once', async () => {
    const { product, spec, shop } = await shopWithAgent(t, 'b-sup', 'b-agent')
    const order = await placeOrder(t, 'b-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
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
    await setOrderField(order._id, { total: order.total + 1 })
    const paid = await payInSheet(t, payment.package)
    expect(paid.body.data?.callback).toMatchObject({ errcode: 4 })
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'pending_payment' })
    expect(t.db.find('supplier_days', { supplierId: product.supplierId })).toEqual([])
  })
})

describe('导出订单 (CSV)', () => {
  it('when the supplier exports a date range, then it gets a UTF-8 CSV with BOM of its orders in that range', async () => {
    const { product, spec } = await shopWithAgent(t, 'x-sup', 'x-agent')
    const order = await placeOrder(t, 'x-agent', [{ productId: product._id, specId: spec.id, qty: 2 }], {
      ...CONSIGNEE,
      address: '科技园 "A" 座,101',
    })
    await t.ok('network', 'setRemark', { agentOpenid: 'x-agent', remark: '杭州小王' }, 'x-sup')
    const day = new Date(order.createdAt + 8 * 3600_000).toISOString().slice(0, 10)
    const result = await t.ok('order', 'export', { fromDay: day, toDay: day }, 'x-sup')
    expect(result).toMatchObject({ count: 1, fileName: `微供订单_${day}_${day}.csv` })
    const bytes = Buffer.from(await (await fetch(result.url)).arrayBuffer())
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf')
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe(
      '订单号,下单时间,付款时间,状态,代理,商品,件数,商品金额,运费,实付金额,收货人,手机,省份,城市,区县,详细地址,快递公司,快递单号',
    )
    expect(lines[1]).toContain(`${order.orderNo},`)
    expect(lines[1]).toContain(',待付款,杭州小王,')
    expect(lines[1]).toContain(',2,79.60,10.00,89.60,李小红,13912345678,广东省,深圳市,南山区,"科技园 ""A"" 座,101",,')
    const empty = await t.ok('order', 'export', { fromDay: '2020-01-01', toDay: '2020-01-02' }, 'x-sup')
    expect(empty.count).toBe(0)
    const agent = await t.call('order', 'export', { fromDay: day, toDay: day }, 'x-agent')
    expect(agent.ok ? null : agent.error.code).toBe('FAILED_PRECONDITION')
    const tooLong = await t.call('order', 'export', { fromDay: '2026-01-01', toDay: '2026-12-31' }, 'x-sup')
    expect(tooLong.ok ? null : tooLong.error.code).toBe('INVALID_ARGUMENT')
  })
})
