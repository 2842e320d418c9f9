import { afterAll, beforeAll, describe, it } from 'vitest'
import { shanghaiDay } from '@/domain/time'
import { startTestCloud, type TestCloud } from '../functions/harness'
import { sceneOf } from '../functions/network-fixtures'
import { advanceClock, clockNow, DAY, MINUTE, productInput, publisher, specInput, trigger } from '../functions/product-fixtures'
import { groupBy, sum } from './invariants'
import { report } from './report'
import { bindAgents, call, expectNoNewViolations, inv, ok, world } from './concurrency-kit'
import { lastPiecesRace, pricesWhileOrdering } from './concurrency-orders'

/**
 * Concurrency: many callers at once on the same records, on the real local cloud. Each
 * case fires its requests together, then checks the store: no oversell, no lost update, no
 * duplicate, and counters that add up to the orders and actions they count.
 */

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
  world.t = t
})
afterAll(async () => {
  await t.close()
  report('concurrency_requests', world.requests, 'requests')
  report('concurrency_invariant_checks', inv.checks, 'checks')
  report('concurrency_violations', inv.violations.length, 'violations')
})

describe('concurrency', () => {
  it(
    'when 40 agents order the last pieces at once, each request sent twice, then nothing is oversold or duplicated and paying races cancelling cleanly',
    lastPiecesRace,
  )

  it(
    'when the supplier edits prices and restocks while agents order, then every order has a price valid while it was placed, and no stock is lost',
    pricesWhileOrdering,
  )

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
    world.requests += 2
    await trigger(t, 'expire')
    world.requests += 1
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
    // The opens are counted as events; the timer folds them into the counters once settled.
    await advanceClock(t, 11 * MINUTE)
    await trigger(t, 'expire')
    inv.equal(t.db.find('share_opens', { supplierId: shop.supplier._id }).length, 0, 'every open folded')
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
