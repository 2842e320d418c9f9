import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Answer } from '@/domain/errors'
import { shanghaiDay } from '@/domain/time'
import { startTestCloud, type TestCloud } from '../functions/harness'
import { CONSIGNEE, newKey, payInSheet } from '../functions/order-fixtures'
import { sceneOf } from '../functions/network-fixtures'
import { advanceClock, clockNow, DAY, MINUTE, productInput, publisher, specInput, trigger } from '../functions/product-fixtures'
import { Invariants, groupBy, sum } from './invariants'
import { report } from './report'
import type { OrderRecord } from '../../cloudfunctions/lib/store/orders'

/**
 * Concurrency: many callers at once on the same records, on the real local cloud. Each
 * case fires its requests together, then checks the store: no oversell, no lost update, no
 * duplicate, and counters that add up to the orders and actions they count.
 */

let t: TestCloud
let requests = 0
const inv = new Invariants()

beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.close()
  report('concurrency_requests', requests, 'requests')
  report('concurrency_invariant_checks', inv.checks, 'checks')
  report('concurrency_violations', inv.violations.length, 'violations')
})

type Call = TestCloud['call']
/** t.call, counted; no refusal is ever INTERNAL (a conflict is retried or answered CONFLICT). */
const call: Call = async (fn, action, input, openid) => {
  requests += 1
  const answer = await t.call(fn, action, input, openid)
  inv.check(answer.ok || answer.error.code !== 'INTERNAL', `${fn}.${action} never answers INTERNAL`, () => answer)
  return answer
}
async function ok<T>(answer: Promise<Answer<T>>): Promise<T> {
  const done = await answer
  if (!done.ok) throw new Error(`${done.error.code} ${done.error.message}`)
  return done.data
}

/** Violations found by one case: the case fails listing them. */
function expectNoNewViolations(before: number) {
  expect(inv.violations.slice(before)).toEqual([])
}

interface StoredSpec {
  id: string
  price: number
  tierPrices: Record<string, number>
  stock: number
}
/** Orders as the store holds them (read straight from the local store). */
type StoredOrder = OrderRecord
const storedSpecs = (productId: string) => ((t.db.find('products', { _id: productId })[0]?.specs ?? []) as StoredSpec[]).slice()
const storedOrders = (supplierId: string) => t.db.find('orders', { supplierId }) as unknown as StoredOrder[]
const live = (order: StoredOrder) => order.status !== 'cancelled'
const paidStatuses = new Set(['paid', 'shipped', 'completed'])

/** Pieces of each spec held by orders that still hold stock (every status but cancelled). */
function piecesHeld(orders: StoredOrder[], productId: string, specId: string): number {
  return sum(orders.filter(live).flatMap((o) => o.items.filter((i) => i.productId === productId && i.specId === specId).map((i) => i.qty)))
}

/** Stock never negative, and what is left plus what live orders hold is what the supplier stocked. */
function checkStock(productId: string, initial: Map<string, number>, orders: StoredOrder[], label: string) {
  for (const spec of storedSpecs(productId)) {
    inv.check(spec.stock >= 0, `${label}: stock of ${spec.id} never negative`, () => spec.stock)
    inv.equal(spec.stock + piecesHeld(orders, productId, spec.id), initial.get(spec.id), `${label}: stock + sold = stocked (${spec.id})`)
  }
}

/** The supplier's daily counters add up to its paid orders (count and fen). */
function checkPaidCounters(supplierId: string, label: string) {
  const orders = storedOrders(supplierId).filter((o) => paidStatuses.has(o.status))
  const days = t.db.find('supplier_days', { supplierId }) as Array<{ day: string; paidOrders: number; salesFen: number }>
  const byDay = groupBy(orders, (o) => shanghaiDay(o.paidAt ?? 0))
  for (const day of new Set([...byDay.keys(), ...days.map((d) => d.day)])) {
    const counted = days.find((d) => d.day === day)
    const paid = byDay.get(day) ?? []
    inv.equal(
      { paidOrders: counted?.paidOrders ?? 0, salesFen: counted?.salesFen ?? 0 },
      { paidOrders: paid.length, salesFen: sum(paid.map((o) => o.total)) },
      `${label}: supplier_days ${day} = its paid orders`,
    )
  }
}

async function bindAgents(scene: string, agents: string[]) {
  await Promise.all(agents.map((agent) => ok(call('user', 'login', {}, agent))))
  // Each agent taps 确认绑定 twice at once: one binding, both answers fine.
  await Promise.all(
    agents.flatMap((agent) => [ok(call('network', 'bind', { scene }, agent)), ok(call('network', 'bind', { scene }, agent))]),
  )
}

describe('concurrency', () => {
  it('when 40 agents order the last pieces at once, each request sent twice, then nothing is oversold or duplicated and paying races cancelling cleanly', async () => {
    const before = inv.violations.length
    const supplier = 'cc-last'
    const shop = await publisher(t, supplier)
    const product = await ok(
      call(
        'product',
        'create',
        productInput(shop.templateId, shop.image, {
          specs: [
            specInput(shop.image, { name: '红色 / M', stock: 12 }),
            specInput(shop.image, { name: '蓝色 / L', price: 2500, stock: 5 }),
          ],
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
    await bindAgents(sceneOf(t, shop.supplier._id), agents)
    const bindings = t.db.find('bindings', { supplierId: shop.supplier._id })
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
      const stored = t.db.find('orders', { idempotencyKey: key })
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
        requests += 1
        await Promise.all([
          payInSheet(t, payment.payment.package),
          i % 2 === 0
            ? call('order', 'cancel', { id: order._id }, supplier)
            : call('order', 'cancel', { id: order._id }, order.agentOpenid),
        ])
      }),
    )
    const settled = storedOrders(shop.supplier._id)
    for (const order of settled) inv.check(['paid', 'cancelled'].includes(order.status), 'paid or cancelled', () => order.status)
    checkStock(product._id, initial, settled, 'after paying and cancelling')
    checkPaidCounters(shop.supplier._id, 'last pieces')
    expectNoNewViolations(before)
  })

  it('when the supplier edits prices and restocks while agents order, then every order has a price valid while it was placed, and no stock is lost', async () => {
    const before = inv.violations.length
    const supplier = 'cc-price'
    const shop = await publisher(t, supplier)
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
    await bindAgents(sceneOf(t, shop.supplier._id), agents)
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
      const stored = t.db.find('orders', { _id: order.id })[0] as unknown as StoredOrder
      inv.equal(stored.items[0]?.unitPrice, order.unitPrice, 'the stored price is the answered one')
    }
    checkStock(product._id, new Map([[specId, 5000 + 4 * 10]]), storedOrders(shop.supplier._id), 'price edits and restocking')
    expectNoNewViolations(before)
  })

  it('when binding, unbinding, tier changes and tier saves race, then each agent has one binding at most, no bind is lost and the tier counts add up', async () => {
    const before = inv.violations.length
    const supplier = 'cc-bind'
    const shop = await publisher(t, supplier)
    const scene = sceneOf(t, shop.supplier._id)
    const agents = Array.from({ length: 24 }, (_, i) => `cc-bind-agent-${i}`)
    await Promise.all(agents.map((agent) => ok(call('user', 'login', {}, agent))))
    const saved = await ok(
      call('network', 'saveTiers', { tiers: [{ id: shop.tierId, name: '普通' }, { name: '银牌' }, { name: '金牌' }] }, supplier),
    )
    const [, silver, gold] = saved.tiers
    // Round r removes the agents i % 3 === r while everyone binds again; later rounds bind them back.
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        ...agents.map((agent) => call('network', 'bind', { scene }, agent)),
        ...agents.map((agent) => call('network', 'bind', { scene }, agent)),
        ...agents.filter((_, i) => i % 3 === round).map((agent) => call('network', 'unbind', { agentOpenid: agent }, supplier)),
        call('network', 'setTier', { agentOpenids: agents.slice(0, 12), tierId: silver?.id ?? '' }, supplier),
        call('network', 'setTier', { agentOpenids: agents.slice(6, 18), tierId: gold?.id ?? '' }, supplier),
        // Ten editors save the list at once, one of them deleting 金牌 and adding a tier back.
        ...Array.from({ length: 10 }, (_, i) =>
          call(
            'network',
            'saveTiers',
            {
              tiers:
                i === 0
                  ? [{ id: shop.tierId, name: '普通' }, { id: silver?.id, name: '银牌' }, { name: `新等级${round}` }]
                  : [
                      { id: shop.tierId, name: '普通' },
                      { id: silver?.id, name: `银牌${i}` },
                      { id: gold?.id, name: '金牌' },
                    ],
            },
            supplier,
          ),
        ),
      ])
    }
    const tierIds = new Set(storedTierIds(shop.supplier._id))
    inv.check(tierIds.has(shop.tierId), 'the first tier is never lost')
    const bindings = t.db.find('bindings', { supplierId: shop.supplier._id }) as Array<{ agentOpenid: string; tierId: string }>
    for (const [agent, rows] of groupBy(bindings, (b) => b.agentOpenid)) inv.equal(rows.length, 1, `one binding of ${agent}`)
    // Removed in rounds 0 and 1, bound again after: no bind is lost.
    const bound = new Set(bindings.map((b) => b.agentOpenid))
    for (const [i, agent] of agents.entries()) if (i % 3 !== 2) inv.check(bound.has(agent), `${agent} bound again after its removal`)
    const listed = await ok(call('network', 'listAgents', { limit: 100 }, supplier))
    inv.equal(listed.items.length, bindings.length, 'listAgents lists every binding once')
    const counted = await ok(call('network', 'tiers', {}, supplier))
    inv.equal(sum(counted.map((tier) => tier.agentCount)), bindings.length, 'tier agent counts add up to the bindings')
    for (const agent of agents) {
      const mine = await ok(call('network', 'mySuppliers', {}, agent))
      inv.equal(mine.items.length, bound.has(agent) ? 1 : 0, `mySuppliers of ${agent} agrees with its binding`)
    }
    expectNoNewViolations(before)
  })

  it('when a new user signs in ten times at once and registers a supplier ten times at once, then there is one user and one supplier', async () => {
    const before = inv.violations.length
    for (const user of ['cc-reg-1', 'cc-reg-2', 'cc-reg-3']) {
      const logins = await Promise.all(Array.from({ length: 10 }, () => call('user', 'login', {}, user)))
      inv.equal(new Set(logins.map((a) => (a.ok ? a.data.user._id : a.error.code))).size, 1, `${user}: every sign-in answers the same user`)
      inv.equal(t.db.find('users', { openid: user }).length, 1, `${user}: one user stored`)
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call('supplier', 'register', { name: `同时注册${i}`, contact: '13800138000', mainCategory: '女装' }, user),
        ),
      )
      const made = answers.filter((a) => a.ok)
      inv.equal(made.length, 1, `${user}: one registration succeeds`)
      for (const answer of answers) inv.check(answer.ok || answer.error.code === 'CONFLICT', 'the others answer CONFLICT', () => answer)
      inv.equal(t.db.find('suppliers', { ownerOpenid: user }).length, 1, `${user}: one supplier stored`)
      const me = await ok(call('supplier', 'me', {}, user))
      inv.equal(me.supplier?._id, made[0]?.ok ? made[0].data._id : undefined, `${user}: me answers the one created`)
    }
    expectNoNewViolations(before)
  })

  it('when the expire timer runs during edits, relists and delists, then no relist is lost and nothing expired stays on sale', async () => {
    const before = inv.violations.length
    const supplier = 'cc-expire'
    const shop = await publisher(t, supplier)
    const products = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ok(call('product', 'create', productInput(shop.templateId, shop.image, { description: `到期竞速 ${i}` }), supplier)),
      ),
    )
    const ids = products.map((p) => p._id)
    await advanceClock(t, 30 * DAY + MINUTE)
    const relisted = new Map<string, number>()
    const edited = new Set<string>()
    await Promise.all([
      trigger(t, 'expire'),
      trigger(t, 'expire'),
      ...ids.slice(0, 6).map(async (id) => {
        const sent = await clockNow(t)
        const answer = await call('product', 'relist', { ids: [id] }, supplier)
        if (answer.ok) relisted.set(id, sent)
      }),
      ...ids.map(async (id, i) => {
        const answer = await call(
          'product',
          'update',
          {
            id,
            ...productInput(shop.templateId, shop.image, {
              description: `到期竞速 ${i} 已修改`,
              specs: [{ ...specInput(shop.image), id: products[i]?.specs[0]?.id }],
            }),
          },
          supplier,
        )
        if (answer.ok) edited.add(id)
        else inv.check(answer.error.code === 'CONFLICT', 'a refused edit is CONFLICT', () => answer)
      }),
      call('product', 'delist', { ids: ids.slice(9) }, supplier),
    ])
    requests += 2
    await trigger(t, 'expire')
    requests += 1
    const now = await clockNow(t)
    for (const [i, id] of ids.entries()) {
      const stored = t.db.find('products', { _id: id })[0] as { status: string; expiresAt: number; description: string }
      // An edit answered ok landed, whatever status moves ran beside it; one refused changed nothing.
      inv.equal(stored.description, edited.has(id) ? `到期竞速 ${i} 已修改` : `到期竞速 ${i}`, 'an edit lands whole or not at all')
      if (relisted.has(id)) {
        inv.equal(stored.status, 'on_sale', 'a relist answered ok stays on sale')
        inv.check(stored.expiresAt >= (relisted.get(id) ?? 0) + 30 * DAY, 'a relist gives a fresh 30 days', () => stored)
      } else inv.equal(stored.status, 'off_shelf', 'an expired product not relisted is off the shelf')
      inv.check(!(stored.status === 'on_sale' && stored.expiresAt <= now), 'nothing expired is stored as on sale', () => stored)
    }
    expectNoNewViolations(before)
  })

  it('when batch delist, relist and delete run at once on the same products, and two deletes on the same posts, then each record is counted once', async () => {
    const before = inv.violations.length
    const supplier = 'cc-batch'
    const shop = await publisher(t, supplier)
    const products = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ok(call('product', 'create', productInput(shop.templateId, shop.image, { description: `批量 ${i}` }), supplier)),
      ),
    )
    const ids = products.map((p) => p._id)
    const posts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ok(call('post', 'create', { text: `动态 ${i}`, images: [], productIds: [ids[i] ?? ''] }, supplier)),
      ),
    )
    const postIds = posts.map((p) => p._id)
    const [delisted, relisted, removedA, removedB, postsA, postsB] = await Promise.all([
      call('product', 'delist', { ids }, supplier),
      call('product', 'relist', { ids }, supplier),
      call('product', 'remove', { ids: ids.slice(0, 5) }, supplier),
      call('product', 'remove', { ids: ids.slice(0, 5) }, supplier),
      call('post', 'remove', { ids: postIds }, supplier),
      call('post', 'remove', { ids: postIds }, supplier),
    ])
    for (const answer of [delisted, relisted, removedA, removedB, postsA, postsB]) {
      inv.check(answer.ok || answer.error.code === 'NOT_FOUND', 'a batch answers ok or NOT_FOUND (some ids gone)', () => answer)
    }
    const removedCount = (a: typeof removedA) => (a.ok ? a.data.removed : 0)
    inv.equal(removedCount(removedA) + removedCount(removedB), 5, 'two deletes of the same products remove each once')
    inv.equal(t.db.find('products', { supplierId: shop.supplier._id }).length, 5, 'the deleted products are gone, the others stay')
    const postCount = (a: typeof postsA) => (a.ok ? a.data.removed : 0)
    inv.equal(postCount(postsA) + postCount(postsB), postIds.length, 'two deletes of the same posts remove each once')
    inv.equal(t.db.find('posts', { supplierId: shop.supplier._id }).length, 0, 'no post left')
    for (const product of t.db.find('products', { supplierId: shop.supplier._id }) as Array<{ status: string; delistedReason?: string }>) {
      inv.check(
        product.status === 'on_sale' || product.delistedReason === 'manual',
        'a product is on sale or delisted by hand',
        () => product,
      )
    }
    // The admin home's counters agree with what is stored.
    const me = await ok(call('supplier', 'me', {}, supplier))
    const onSale = t.db.find('products', { supplierId: shop.supplier._id, status: 'on_sale' }).length
    inv.equal(me.stats?.onSaleProducts, onSale, 'supplier.me counts the products on sale')
    expectNoNewViolations(before)
  })

  it('when agents forward, share and open the same products at once, then every counter equals the actions answered ok', async () => {
    const before = inv.violations.length
    const supplier = 'cc-count'
    const shop = await publisher(t, supplier)
    const product = await ok(call('product', 'create', productInput(shop.templateId, shop.image), supplier))
    const agents = Array.from({ length: 8 }, (_, i) => `cc-count-agent-${i}`)
    await bindAgents(sceneOf(t, shop.supplier._id), agents)
    const done = { forwards: 0, shares: 0, views: 0 }
    const perAgent = new Map<string, { forwards: number; shares: number; views: number }>()
    const bump = (agent: string, counter: keyof typeof done) => {
      done[counter] += 1
      const mine = perAgent.get(agent) ?? { forwards: 0, shares: 0, views: 0 }
      mine[counter] += 1
      perAgent.set(agent, mine)
    }
    await Promise.all(
      agents.flatMap((agent) =>
        Array.from({ length: 5 }, async () => {
          const forwarded = await call('feed', 'forward', { productId: product._id }, agent)
          if (forwarded.ok) bump(agent, 'forwards')
          const shared = await call('feed', 'share', { productId: product._id, prepare: false }, agent)
          if (!shared.ok) return
          bump(agent, 'shares')
          const viewed = await call('feed', 'shareView', { token: shared.data.token })
          if (viewed.ok) bump(agent, 'views')
        }),
      ),
    )
    const day = shanghaiDay(await clockNow(t))
    const days = t.db.find('supplier_days', { supplierId: shop.supplier._id, day }) as Array<Record<string, number>>
    inv.equal(days.length, 1, 'one supplier_days document per day')
    inv.equal(
      { forwards: days[0]?.forwards, shares: days[0]?.shares, views: days[0]?.views },
      done,
      'supplier_days counts every action once',
    )
    const stats = t.db.find('share_stats', { supplierId: shop.supplier._id, day }) as Array<{ subject: string } & Record<string, number>>
    const ofSubject = (subject: string) => stats.filter((s) => s.subject === subject)
    inv.equal(ofSubject(`p:${product._id}`).length, 1, 'one share_stats document per product and day')
    const productStats = ofSubject(`p:${product._id}`)[0]
    inv.equal(
      { forwards: productStats?.forwards, shares: productStats?.shares, views: productStats?.views },
      done,
      'the product counts every action once',
    )
    for (const [agent, mine] of perAgent) {
      const rows = ofSubject(`a:${agent}`)
      inv.equal(rows.length, 1, 'one share_stats document per agent and day')
      inv.equal({ forwards: rows[0]?.forwards, shares: rows[0]?.shares, views: rows[0]?.views }, mine, `${agent}'s counters`)
    }
    inv.equal(t.db.find('shares', { agentOpenid: agents[0] ?? '' }).length, 1, 'one share record per agent and item')
    expectNoNewViolations(before)
  })
})

function storedTierIds(supplierId: string): string[] {
  const [row] = t.db.find('suppliers', { _id: supplierId }) as Array<{ tiers: Array<{ id: string }> }>
  return row?.tiers.map((tier) => tier.id) ?? []
}
