import { describe, expect, it } from 'vitest'
import { NEW_COUNT_MAX } from '@/domain/feed'
import type { Spec } from '@/domain/product'
import { testCloudForFile } from './harness'
import {
  addProduct,
  advanceClock,
  boundAgent,
  cloudNow,
  DAY,
  registered,
  storedBindings,
  storedProduct,
  uploadImage,
} from './network-fixtures'

const t = testCloudForFile()

const HIDDEN = { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在或已下架' } }

/**
 * A supplier with tiers 普通 (rank 1, default), 金牌 and 钻石; one on-sale product priced per tier
 * (金牌 has a price, 钻石 none), one delisted, one expired but not yet delisted; agents in 普通 and
 * 金牌, an agent who was removed, an unbound user, and a rival supplier with its own product.
 */
async function scenario(prefix: string) {
  const supplier = await registered(t, `${prefix}-owner`, `${prefix}供应商`)
  const saved = await t.ok(
    'network',
    'saveTiers',
    { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }, { name: '金牌代理' }, { name: '钻石代理' }] },
    `${prefix}-owner`,
  )
  const [normal, gold, diamond] = saved.tiers.map((x) => x.id) as [string, string, string]
  const rival = await registered(t, `${prefix}-rival`, `${prefix}对手`)
  await boundAgent(t, `${prefix}-gold`, supplier._id)
  await boundAgent(t, `${prefix}-normal`, supplier._id)
  await boundAgent(t, `${prefix}-diamond`, supplier._id)
  await boundAgent(t, `${prefix}-removed`, supplier._id)
  await t.ok('network', 'setTier', { agentOpenids: [`${prefix}-gold`, `${prefix}-removed`], tierId: gold }, `${prefix}-owner`)
  await t.ok('network', 'setTier', { agentOpenids: [`${prefix}-diamond`], tierId: diamond }, `${prefix}-owner`)
  await t.ok('network', 'unbind', { agentOpenid: `${prefix}-removed` }, `${prefix}-owner`)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  const image = await uploadImage(t, `${prefix}-owner`, `${prefix}-dress`)
  const now = await cloudNow(t)
  const specs: Spec[] = [
    { id: 's1', name: '红色 / M', images: [image], price: 5000, tierPrices: { [gold]: 4200 }, retailPrice: 8900, stock: 30 },
    { id: 's2', name: '蓝色 / L', images: [], price: 5200, tierPrices: {}, stock: 0 },
  ]
  const onSale = addProduct(t, supplier._id, now - 1000, { specs })
  const delisted = addProduct(t, supplier._id, now - 2000, { status: 'off_shelf' })
  const expired = addProduct(t, supplier._id, now - 31 * DAY, { expiresAt: now - 1 })
  const rivalProduct = addProduct(t, rival._id, now - 500)
  return { supplier, rival, normal, gold, diamond, image, onSale, delisted, expired, rivalProduct, prefix }
}

describe('feed.products and feed.product: who sees what (R9)', () => {
  it('when a bound agent reads the feed, then it sees on-sale products only, with its own tier price and viewable images', async () => {
    const s = await scenario('v1')
    const page = await t.ok('feed', 'products', {}, 'v1-gold')
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((p) => p._id)).toEqual([s.onSale])
    const [item] = page.items
    expect(item).toEqual({
      _id: s.onSale,
      supplierId: s.supplier._id,
      supplier: { _id: s.supplier._id, name: 'v1供应商', mainCategory: '女装', avatarUrl: '' },
      category: '女装',
      description: '夏季新款连衣裙，源头工厂直发',
      specs: [
        // sellPrice: the agent's retail price under the default markup (+20 %, whole yuan up, R16).
        {
          id: 's1',
          name: '红色 / M',
          images: [expect.stringMatching(/^http/)],
          price: 4200,
          retailPrice: 8900,
          sellPrice: 5100,
          stock: 30,
        },
        { id: 's2', name: '蓝色 / L', images: [], price: 5200, sellPrice: 6300, stock: 0 },
      ],
      publishedAt: expect.any(Number),
      expiresAt: expect.any(Number),
    })
    const image = await fetch(item?.specs[0]?.images[0] ?? '')
    expect(image.status).toBe(200)
    // Temporary URLs are signed per request; everything else is the same view.
    const single = await t.ok('feed', 'product', { id: s.onSale }, 'v1-gold')
    const withoutUrls = (p: typeof single) => ({
      ...p,
      specs: p.specs.map((x) => ({ ...x, images: x.images.map((u) => u.split('?')[0]) })),
    })
    expect(withoutUrls(single)).toEqual(withoutUrls(item ?? single))
  })

  it('when agents of other tiers read the same product, then each sees its own price; a tier without a price gets the base price', async () => {
    const s = await scenario('v2')
    const prices = async (openid: string) => (await t.ok('feed', 'product', { id: s.onSale }, openid)).specs.map((x) => x.price)
    expect(await prices('v2-normal')).toEqual([5000, 5200])
    expect(await prices('v2-diamond')).toEqual([5000, 5200])
    expect(await prices('v2-gold')).toEqual([4200, 5200])
  })

  it("when the owner reads its own product through the feed, then it sees the agents' view at the base price", async () => {
    const s = await scenario('v3')
    const own = await t.ok('feed', 'product', { id: s.onSale }, 'v3-owner')
    expect(own.specs.map((x) => x.price)).toEqual([5000, 5200])
    const shop = await t.ok('feed', 'products', { supplierId: s.supplier._id }, 'v3-owner')
    expect(shop.items.map((p) => p._id)).toEqual([s.onSale])
    // The owner is nobody's agent here: its own feed of bound suppliers is empty.
    expect((await t.ok('feed', 'products', {}, 'v3-owner')).items).toEqual([])
    expect(await t.call('feed', 'product', { id: s.delisted }, 'v3-owner')).toEqual(HIDDEN)
  })

  it('when anyone but the owner and bound agents asks for a product, then the same NOT_FOUND whatever the reason', async () => {
    const s = await scenario('v4')
    const refusals = [
      await t.call('feed', 'product', { id: s.onSale }, 'v4-stranger'),
      await t.call('feed', 'product', { id: s.onSale }, 'v4-removed'),
      await t.call('feed', 'product', { id: s.onSale }, 'v4-rival'),
      await t.call('feed', 'product', { id: s.rivalProduct }, 'v4-gold'),
      await t.call('feed', 'product', { id: s.delisted }, 'v4-gold'),
      await t.call('feed', 'product', { id: s.expired }, 'v4-gold'),
      await t.call('feed', 'product', { id: 'no-such-product' }, 'v4-gold'),
    ]
    for (const answer of refusals) expect(answer).toEqual(HIDDEN)
    // The expired one was refused on its expiry alone: the timer has not delisted it yet (R8).
    expect(t.db.find('products', { _id: s.expired })[0]?.status).toBe('on_sale')
    expect(await t.call('feed', 'product', { id: s.onSale })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('when an unbound user, a removed agent or a rival reads feeds, then nothing of the supplier is listed', async () => {
    const s = await scenario('v5')
    for (const openid of ['v5-stranger', 'v5-removed']) {
      expect(await t.ok('feed', 'products', {}, openid)).toEqual({ items: [], nextCursor: null })
      expect(await t.call('feed', 'products', { supplierId: s.supplier._id }, openid)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(await t.ok('feed', 'newCount', { since: 0 }, openid)).toEqual({ count: 0 })
    }
    expect(await t.call('feed', 'products', { supplierId: s.supplier._id }, 'v5-rival')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await t.call('feed', 'products', { supplierId: 'no-such-supplier' }, 'v5-gold')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await t.call('feed', 'products', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await t.call('feed', 'newCount', { since: 0 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('when an agent of two suppliers reads its feed, then it sees both, each at its tier there; filtered to one, only that one', async () => {
    const s = await scenario('v6')
    await boundAgent(t, 'v6-gold', s.rival._id)
    const all = await t.ok('feed', 'products', {}, 'v6-gold')
    expect(all.items.map((p) => p._id)).toEqual([s.rivalProduct, s.onSale])
    expect(all.items.map((p) => p.specs[0]?.price)).toEqual([5000, 4200])
    const one = await t.ok('feed', 'products', { supplierId: s.rival._id }, 'v6-gold')
    expect(one.items.map((p) => p._id)).toEqual([s.rivalProduct])
  })
})

describe('tier price resolution (R11)', () => {
  it("when the agent's tier is deleted, then it moves to the default tier and its price falls back to the base price", async () => {
    const s = await scenario('p1')
    const saved = await t.ok(
      'network',
      'saveTiers',
      {
        tiers: [
          { id: s.normal, name: '普通代理' },
          { id: s.diamond, name: '钻石代理' },
        ],
      },
      'p1-owner',
    )
    expect(saved.movedAgents).toBe(1)
    expect(storedBindings(t, { agentOpenid: 'p1-gold' })[0]?.tierId).toBe(s.normal)
    expect((await t.ok('feed', 'product', { id: s.onSale }, 'p1-gold')).specs.map((x) => x.price)).toEqual([5000, 5200])
    expect((await t.ok('network', 'mySuppliers', {}, 'p1-gold')).items[0]?.tierName).toBe('普通代理')
  })

  it('when a binding still names a deleted tier whose price is on the product, then that price never applies', async () => {
    const s = await scenario('p2')
    // With the copies a binding carries (those of one made through bind), naming a tier that is gone.
    const [model] = t.db.find('bindings', { supplierId: s.supplier._id })
    t.db.insertMany('bindings', [
      {
        supplierId: s.supplier._id,
        agentOpenid: 'p2-ghost',
        tierId: 'gone-tier',
        remark: '',
        createdAt: await cloudNow(t),
        supplier: model?.supplier,
        tiers: model?.tiers,
        markups: { supplier: null, products: {} },
      },
    ])
    const now = await cloudNow(t)
    const product = addProduct(t, s.supplier._id, now, {
      specs: [{ id: 'g1', name: '均码', images: [], price: 3000, tierPrices: { 'gone-tier': 1000 }, stock: 5 }],
    })
    expect((await t.ok('feed', 'product', { id: product }, 'p2-ghost')).specs[0]?.price).toBe(3000)
  })

  it('when a tier is renamed, then its id and prices are kept', async () => {
    const s = await scenario('p3')
    await t.ok(
      'network',
      'saveTiers',
      {
        tiers: [
          { id: s.normal, name: '普通代理' },
          { id: s.gold, name: '黄金代理' },
          { id: s.diamond, name: '钻石代理' },
        ],
      },
      'p3-owner',
    )
    expect((await t.ok('feed', 'product', { id: s.onSale }, 'p3-gold')).specs[0]?.price).toBe(4200)
    expect((await t.ok('network', 'mySuppliers', {}, 'p3-gold')).items[0]?.tierName).toBe('黄金代理')
  })

  it("when the owner moves an agent to another tier, then the agent's price follows at once", async () => {
    const s = await scenario('p4')
    await t.ok('network', 'setTier', { agentOpenids: ['p4-normal'], tierId: s.gold }, 'p4-owner')
    expect((await t.ok('feed', 'product', { id: s.onSale }, 'p4-normal')).specs[0]?.price).toBe(4200)
  })
})

describe('feed paging, expiry (R8) and new-product count', () => {
  it('when products share a publish time, then paging by cursor returns each once, newest first', async () => {
    const supplier = await registered(t, 'pg-owner')
    await boundAgent(t, 'pg-agent', supplier._id)
    const now = await cloudNow(t)
    const ids = [0, 0, 0, 1, 2, 3, 4].map((ago) => addProduct(t, supplier._id, now - ago * 1000))
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await t.ok('feed', 'products', { limit: 3, ...(cursor ? { cursor } : {}) }, 'pg-agent')
      seen.push(...page.items.map((p) => p._id))
      cursor = page.nextCursor ?? undefined
      pages += 1
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(7)
    expect(new Set(seen)).toEqual(new Set(ids))
    expect(seen.slice(3)).toEqual(ids.slice(3))
    expect(await t.call('feed', 'products', { cursor: 'garbage' }, 'pg-agent')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })

  it('when a product reaches its expiry, then it leaves the feed and cannot be opened', async () => {
    const supplier = await registered(t, 'ex-owner')
    await boundAgent(t, 'ex-agent', supplier._id)
    const now = await cloudNow(t)
    const product = addProduct(t, supplier._id, now, { expiresAt: now + 60_000 })
    expect((await t.ok('feed', 'products', {}, 'ex-agent')).items.map((p) => p._id)).toEqual([product])
    await advanceClock(t, 61_000)
    expect((await t.ok('feed', 'products', {}, 'ex-agent')).items).toEqual([])
    expect(await t.call('feed', 'product', { id: product }, 'ex-agent')).toEqual(HIDDEN)
  })

  it('when products were published since the agent last looked, then newCount counts the on-sale ones of its suppliers', async () => {
    const supplier = await registered(t, 'nc-owner')
    const other = await registered(t, 'nc-other')
    await boundAgent(t, 'nc-agent', supplier._id)
    const now = await cloudNow(t)
    addProduct(t, supplier._id, now - 10 * 60_000)
    addProduct(t, supplier._id, now - 60_000)
    addProduct(t, supplier._id, now - 30_000)
    addProduct(t, supplier._id, now - 30_000, { status: 'off_shelf' })
    addProduct(t, other._id, now - 30_000)
    expect(await t.ok('feed', 'newCount', { since: now - 5 * 60_000 }, 'nc-agent')).toEqual({ count: 2 })
    expect(await t.ok('feed', 'newCount', { since: 0 }, 'nc-agent')).toEqual({ count: 3 })
    expect(await t.ok('feed', 'newCount', { since: now }, 'nc-agent')).toEqual({ count: 0 })
  })

  it('when more products are new than the badge counts, then newCount answers NEW_COUNT_MAX, and newPostCount likewise', async () => {
    const supplier = await registered(t, 'nm-owner')
    await boundAgent(t, 'nm-agent', supplier._id)
    const now = await cloudNow(t)
    const [first] = t.db.insertMany(
      'products',
      Array.from({ length: NEW_COUNT_MAX + 20 }, (_, i) => storedProduct(supplier._id, now - 1 - i)),
    )
    t.db.insertMany(
      'posts',
      Array.from({ length: NEW_COUNT_MAX + 20 }, (_, i) => ({
        supplierId: supplier._id,
        text: '上新',
        images: [],
        productIds: [first],
        createdAt: now - i,
      })),
    )
    expect(await t.ok('feed', 'newCount', { since: 0 }, 'nm-agent')).toEqual({ count: NEW_COUNT_MAX })
    expect(await t.ok('feed', 'newPostCount', { since: 0 }, 'nm-agent')).toEqual({ count: NEW_COUNT_MAX })
    expect(await t.ok('feed', 'newCount', { since: now - 10 }, 'nm-agent')).toEqual({ count: 9 })
    expect(await t.ok('feed', 'newPostCount', { since: now - 10 }, 'nm-agent')).toEqual({ count: 10 })
  })
})
