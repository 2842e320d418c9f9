import { describe, expect, it } from 'vitest'
import { boundAgent } from './network-fixtures'
import { orderCloudForFile } from './harness'
import { CONSIGNEE, newKey, placeOrder, shopWithAgent, storedStock } from './order-fixtures'
import { productInput, publisher, specInput } from './product-fixtures'

/** Placing an order (R7, R10, R11, R17): the server's price, stock that never oversells, retries that make one order, and what the order keeps. */

const { t, snapshot } = orderCloudForFile()

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
    await boundAgent(t, 'r-agent2', shop.supplier._id)
    const before = snapshot()
    const twoShops = {
      items: [
        { productId: product._id, specId: spec.id, qty: 1 },
        { productId: other.product._id, specId: other.spec.id, qty: 1 },
      ],
    }
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ items: [{ productId: product._id, specId: spec.id, qty: 101 }] }, 'r-agent', 'OUT_OF_STOCK'],
      [{ items: [{ productId: product._id, specId: 'nope', qty: 1 }] }, 'r-agent', 'NOT_FOUND'],
      [{ items: [{ productId: 'nope', specId: spec.id, qty: 1 }] }, 'r-agent', 'NOT_FOUND'],
      [{ items: [{ productId: product._id, specId: spec.id, qty: 1 }] }, 'r-stranger', 'NOT_FOUND'],
      [{ items: [{ productId: product._id, specId: spec.id, qty: 1 }] }, 'r-sup', 'FAILED_PRECONDITION'],
      // Two suppliers' products: refused as such only to an agent of both; to an agent of one the
      // other's product is one it cannot see (R9).
      [twoShops, 'r-agent2', 'INVALID_ARGUMENT'],
      [twoShops, 'r-agent', 'NOT_FOUND'],
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
