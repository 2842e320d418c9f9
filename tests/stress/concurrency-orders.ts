import { groupBy } from './invariants'
import { CONSIGNEE, newKey, payInSheet } from '../functions/order-fixtures'
import { sceneOf } from '../functions/network-fixtures'
import { productInput, publisher, specInput } from '../functions/product-fixtures'
import {
  bindAgents,
  call,
  checkPaidCounters,
  checkStock,
  expectNoNewViolations,
  inv,
  ok,
  storedOrders,
  storedSpecs,
  world,
  type StoredOrder,
  type StoredSpec,
} from './concurrency-kit'

// The ordering cases of concurrency.stress.test.ts, which runs them.

/** 40 agents order the last 17 pieces, each request twice, then pay while the supplier or the agent cancels. */
export async function lastPiecesRace(): Promise<void> {
  const before = inv.violations.length
  const supplier = 'cc-last'
  const shop = await publisher(world.t, supplier)
  const product = await ok(
    call(
      'product',
      'create',
      productInput(shop.templateId, shop.image, {
        specs: [specInput(shop.image, { name: '红色 / M', stock: 12 }), specInput(shop.image, { name: '蓝色 / L', price: 2500, stock: 5 })],
      }),
      supplier,
    ),
  )
  const red = product.specs[0] as StoredSpec
  const blue = product.specs[1] as StoredSpec
  const initial = new Map([
    [red.id, 12],
    [blue.id, 5],
  ])
  const agents = Array.from({ length: 40 }, (_, i) => `cc-last-agent-${i}`)
  await bindAgents(sceneOf(world.t, shop.supplier._id), agents)
  const bindings = world.t.db.find('bindings', { supplierId: shop.supplier._id })
  inv.equal(bindings.length, agents.length, 'double-tapped binds: one binding per agent')

  const orders = agents.map((agent, i) => ({
    agent,
    key: newKey(),
    items:
      i % 4 === 0
        ? [
            { productId: product._id, specId: red.id, qty: 1 },
            { productId: product._id, specId: blue.id, qty: 1 },
          ]
        : [{ productId: product._id, specId: red.id, qty: 1 + (i % 2) }],
  }))
  const answers = await Promise.all(
    orders.flatMap((o) =>
      [0, 1].map(async () => ({
        o,
        answer: await call('order', 'create', { idempotencyKey: o.key, items: o.items, consignee: CONSIGNEE }, o.agent),
      })),
    ),
  )
  for (const { answer } of answers) {
    inv.check(
      answer.ok || ['OUT_OF_STOCK', 'CONFLICT'].includes(answer.error.code),
      'a refused order is OUT_OF_STOCK or CONFLICT',
      () => answer,
    )
  }
  // A retry (same key) answers the order its twin made, never a refusal beside it.
  for (const [key, pair] of groupBy(answers, (a) => a.o.key)) {
    const made = pair.flatMap(({ answer }) => (answer.ok ? [answer.data._id] : []))
    const stored = world.t.db.find('orders', { idempotencyKey: key })
    inv.check(stored.length <= 1, 'one order per idempotency key', () => stored.length)
    if (stored.length === 1) inv.equal(made, [stored[0]?._id, stored[0]?._id], `both sends of ${key} answer its one order`)
    else inv.equal(made, [], `no order stored for ${key}, none answered`)
  }
  const placed = storedOrders(shop.supplier._id)
  checkStock(product._id, initial, placed, 'last pieces')
  // 40 agents wanted about 60 red pieces: the red ones all went (one may be left for a pair), unless
  // the store was so busy that some orders answered CONFLICT instead.
  const busy = answers.some(({ answer }) => !answer.ok && answer.error.code === 'CONFLICT')
  inv.check(busy || (storedSpecs(product._id)[0]?.stock ?? -1) <= 1, 'the last red pieces were sold', () => storedSpecs(product._id))

  // Paying races both parties cancelling: each order ends either paid or cancelled, never both.
  await Promise.all(
    placed.map(async (order, i) => {
      const payment = await ok(call('order', 'pay', { id: order._id }, order.agentOpenid))
      world.requests += 1
      await Promise.all([
        payInSheet(world.t, payment.payment.package),
        i % 2 === 0 ? call('order', 'cancel', { id: order._id }, supplier) : call('order', 'cancel', { id: order._id }, order.agentOpenid),
      ])
    }),
  )
  const settled = storedOrders(shop.supplier._id)
  for (const order of settled) inv.check(['paid', 'cancelled'].includes(order.status), 'paid or cancelled', () => order.status)
  checkStock(product._id, initial, settled, 'after paying and cancelling')
  checkPaidCounters(shop.supplier._id, 'last pieces')
  expectNoNewViolations(before)
}

/** The supplier edits prices and restocks while agents order. */
export async function pricesWhileOrdering(): Promise<void> {
  const before = inv.violations.length
  const supplier = 'cc-price'
  const shop = await publisher(world.t, supplier)
  const tiers = await ok(call('network', 'saveTiers', { tiers: [{ id: shop.tierId, name: '普通' }, { name: '金牌' }] }, supplier))
  const gold = tiers.tiers.find((tier) => tier.name === '金牌')?.id ?? ''
  const product = await ok(
    call(
      'product',
      'create',
      productInput(shop.templateId, shop.image, { specs: [specInput(shop.image, { price: 1000, stock: 5000 })] }),
      supplier,
    ),
  )
  const specId = product.specs[0]?.id ?? ''
  const agents = Array.from({ length: 10 }, (_, i) => `cc-price-agent-${i}`)
  await bindAgents(sceneOf(world.t, shop.supplier._id), agents)
  await ok(call('network', 'setTier', { agentOpenids: agents.slice(0, 5), tierId: gold }, supplier))

  // Price k: base 1000 + 10k, gold 900 + 10k. Valid from the moment its edit is sent until the next edit is answered.
  const validity: Array<{ base: number; gold: number; from: number; to: number }> = [{ base: 1000, gold: 1000, from: 0, to: Infinity }]
  const editing = (async () => {
    for (let k = 1; k <= 8; k++) {
      const price = { base: 1000 + 10 * k, gold: 900 + 10 * k }
      // The edit form as the app sends it: the product as loaded (its stock as stockBefore), with
      // new prices, and every other time ten more pieces. Orders land between loading and saving.
      // A save that loses to the orders too often answers CONFLICT (「请刷新后重试」): reload and save again.
      for (;;) {
        const loaded = await ok(call('product', 'get', { id: product._id }, supplier))
        const spec = loaded.specs[0] as StoredSpec
        const sent = performance.now()
        const saved = await call(
          'product',
          'update',
          {
            id: product._id,
            ...productInput(shop.templateId, shop.image, {
              specs: [
                {
                  ...specInput(shop.image),
                  id: spec.id,
                  price: price.base,
                  tierPrices: { [gold]: price.gold },
                  stock: spec.stock + (k % 2) * 10,
                  stockBefore: spec.stock,
                },
              ],
            }),
          },
          supplier,
        )
        if (!saved.ok) {
          inv.check(saved.error.code === 'CONFLICT', 'a refused edit is CONFLICT', () => saved)
          continue
        }
        const previous = validity[validity.length - 1]
        if (previous) previous.to = performance.now()
        validity.push({ ...price, from: sent, to: Infinity })
        break
      }
    }
  })()
  const placing = Promise.all(
    agents.map(async (agent) => {
      const placed: Array<{ id: string; unitPrice: number; sent: number; answered: number; gold: boolean }> = []
      for (let n = 0; n < 6; n++) {
        const sent = performance.now()
        const order = await ok(
          call(
            'order',
            'create',
            { idempotencyKey: newKey(), items: [{ productId: product._id, specId, qty: 3 }], consignee: CONSIGNEE },
            agent,
          ),
        )
        placed.push({
          id: order._id,
          unitPrice: order.items[0]?.unitPrice ?? -1,
          sent,
          answered: performance.now(),
          gold: agents.indexOf(agent) < 5,
        })
      }
      return placed
    }),
  )
  const [, placedByAgent] = await Promise.all([editing, placing])
  for (const order of placedByAgent.flat()) {
    const possible = validity.filter((v) => v.from <= order.answered && v.to >= order.sent).map((v) => (order.gold ? v.gold : v.base))
    inv.check(possible.includes(order.unitPrice), 'an order is priced at a price valid while it was placed', () => ({ order, possible }))
    const stored = world.t.db.find('orders', { _id: order.id })[0] as unknown as StoredOrder
    inv.equal(stored.items[0]?.unitPrice, order.unitPrice, 'the stored price is the answered one')
  }
  checkStock(product._id, new Map([[specId, 5000 + 4 * 10]]), storedOrders(shop.supplier._id), 'price edits and restocking')
  expectNoNewViolations(before)
}
