import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { advanceClock, clockNow, productInput, publisher, specInput, trigger, type Publisher } from './product-fixtures'

const t = testCloudForFile()

/**
 * Supplier A (tiers 普通 and 金牌) publishes a floral dress, a T-shirt and a delisted floral skirt;
 * rival supplier B publishes a floral dress too. A gold agent and a normal agent are bound to A only.
 */
async function world(prefix: string) {
  const a = await publisher(t, `${prefix}-a`)
  const b = await publisher(t, `${prefix}-b`)
  const saved = await t.ok('network', 'saveTiers', { tiers: [{ id: a.tierId, name: '普通代理' }, { name: '金牌代理' }] }, `${prefix}-a`)
  const gold = saved.tiers[1]?.id ?? ''
  await boundAgent(t, `${prefix}-gold`, a.supplier._id)
  await boundAgent(t, `${prefix}-normal`, a.supplier._id)
  await t.ok('network', 'setTier', { agentOpenids: [`${prefix}-gold`], tierId: gold }, `${prefix}-a`)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  const make = async (by: Publisher, owner: string, overrides: Record<string, unknown>) =>
    (await t.ok('product', 'create', productInput(by.templateId, by.image, overrides), owner))._id
  const dress = await make(a, `${prefix}-a`, {
    description: '2026春季新款碎花连衣裙',
    specs: [specInput(a.image, { name: '红色 XL', price: 5000, tierPrices: { [gold]: 4200 } })],
  })
  const shirt = await make(a, `${prefix}-a`, {
    category: '男装',
    description: '纯棉T恤 百搭',
    specs: [specInput(a.image, { name: '白色', price: 2000, tierPrices: { [gold]: 1500 } })],
  })
  const skirt = await make(a, `${prefix}-a`, { description: '碎花连衣裙 清仓款' })
  await t.ok('product', 'delist', { ids: [skirt] }, `${prefix}-a`)
  const rivalDress = await make(b, `${prefix}-b`, { description: '碎花连衣裙 B家独款' })
  return { a, b, gold, dress, shirt, skirt, rivalDress }
}

const ids = (page: { items: Array<{ _id: string }> }) => page.items.map((p) => p._id)

describe('products written before search existed', () => {
  // The file's first test, longer: it meets every function cold.
  it('when the expire timer runs, then it gives them their tokens once, and search finds them', async () => {
    const w = await world('m1')
    const at = await clockNow(t)
    const [old] = t.db.insertMany('products', [
      {
        supplierId: w.a.supplier._id,
        category: '女装',
        description: '老款碎花连衣裙',
        specs: [{ id: 's1', name: '均码', images: [], price: 1000, tierPrices: {}, stock: 1 }],
        shippingTemplateId: w.a.templateId,
        status: 'on_sale',
        source: 'new',
        publishedAt: at - 60_000,
        expiresAt: at + 86_400_000,
        createdAt: at,
        updatedAt: at,
      },
    ])
    expect(ids(await t.ok('feed', 'search', { q: '老款' }, 'm1-gold'))).toEqual([])
    const first = (await trigger(t, 'expire')) as { data: { productTokens: { tokenisedProducts: number; done: boolean } } }
    expect(first.data.productTokens).toEqual({ tokenisedProducts: 1, done: true })
    expect(ids(await t.ok('feed', 'search', { q: '老款' }, 'm1-gold'))).toEqual([old])
    expect(t.db.find('products', { _id: old })[0]?.tokens).toContain('老款')
    expect(t.db.find('migrations', { _id: 'product-tokens' })[0]).toMatchObject({ doneAt: expect.any(Number) })
    const again = (await trigger(t, 'expire')) as { data: { productTokens: unknown } }
    expect(again.data.productTokens).toEqual({ tokenisedProducts: 0, done: true })
  }, 90_000)
})

describe('feed.search: the agent finds what its feed shows (R9)', () => {
  it('when an agent searches Chinese words without spaces, then it finds its bound supplier’s on-sale product at its own price, and nothing of another supplier or off the shelf', async () => {
    const w = await world('s1')
    const page = await t.ok('feed', 'search', { q: '碎花连衣裙' }, 's1-gold')
    expect(ids(page)).toEqual([w.dress])
    expect(page.nextCursor).toBeNull()
    const [item] = page.items
    expect(item?.description).toBe('2026春季新款碎花连衣裙')
    expect(item?.specs.map((s) => s.price)).toEqual([4200])
    // Nothing of other tiers or the search index leaves the function.
    expect(JSON.stringify(page)).not.toMatch(/tierPrices|tokens|5000/)
    expect(ids(await t.ok('feed', 'search', { q: '碎花连衣裙' }, 's1-normal'))).toEqual([w.dress])
    expect((await t.ok('feed', 'search', { q: '碎花连衣裙' }, 's1-normal')).items[0]?.specs[0]?.price).toBe(5000)
  })

  it('when the words come from a spec name, in other case or full width, or are one character, then they find too', async () => {
    const w = await world('s2')
    for (const q of ['xl', 'ＸＬ', '红色', '裙', '2026 碎花', '  碎花连衣裙  ']) {
      expect(ids(await t.ok('feed', 'search', { q }, 's2-gold'))).toEqual([w.dress])
    }
    expect(ids(await t.ok('feed', 'search', { q: '碎花衬衫' }, 's2-gold'))).toEqual([])
    expect(ids(await t.ok('feed', 'search', { q: 'x' }, 's2-gold'))).toEqual([])
  })

  it('when the query is empty, then the answer is the feed with the filters', async () => {
    const w = await world('s3')
    // Image URLs are signed per answer: compared without their signature.
    const unsigned = (page: unknown) => JSON.parse(JSON.stringify(page).replace(/\?expires=[^"]*/g, '')) as unknown
    const feed = unsigned(await t.ok('feed', 'products', {}, 's3-gold'))
    expect(unsigned(await t.ok('feed', 'search', {}, 's3-gold'))).toEqual(feed)
    expect(unsigned(await t.ok('feed', 'search', { q: ' ，！' }, 's3-gold'))).toEqual(feed)
    expect(ids(await t.ok('feed', 'search', { category: '男装' }, 's3-gold'))).toEqual([w.shirt])
  })

  it('when filtered by my price, then the range and the order use the agent’s own tier price', async () => {
    const w = await world('s4')
    // Gold: dress 4200, shirt 1500; normal: dress 5000, shirt 2000.
    expect(ids(await t.ok('feed', 'search', { minPrice: 1500, maxPrice: 1500 }, 's4-gold'))).toEqual([w.shirt])
    expect(ids(await t.ok('feed', 'search', { minPrice: 1501, maxPrice: 4200 }, 's4-gold'))).toEqual([w.dress])
    expect(ids(await t.ok('feed', 'search', { minPrice: 4201 }, 's4-gold'))).toEqual([])
    expect(ids(await t.ok('feed', 'search', { minPrice: 4201 }, 's4-normal'))).toEqual([w.dress])
    const first = await t.ok('feed', 'search', { sort: 'price', limit: 1 }, 's4-gold')
    expect(ids(first)).toEqual([w.shirt])
    expect(first.nextCursor).not.toBeNull()
    const second = await t.ok('feed', 'search', { sort: 'price', limit: 1, cursor: first.nextCursor ?? '' }, 's4-gold')
    expect(ids(second)).toEqual([w.dress])
    expect(second.nextCursor).toBeNull()
  })

  it('when filtered by 新上架, then only products published since Shanghai midnight of the window count', async () => {
    const w = await world('s5')
    await advanceClock(t, 2 * 24 * 60 * 60 * 1000)
    const a = w.a
    const fresh = (await t.ok('product', 'create', productInput(a.templateId, a.image, { description: '碎花连衣裙 今日上新' }), 's5-a'))._id
    expect(ids(await t.ok('feed', 'search', { q: '碎花', newWithin: 'today' }, 's5-gold'))).toEqual([fresh])
    expect(ids(await t.ok('feed', 'search', { q: '碎花', newWithin: '7d' }, 's5-gold'))).toEqual([fresh, w.dress])
  })

  it('when a supplier edits a product, then its new words find it and its old ones no longer do', async () => {
    const w = await world('s6')
    const product = await t.ok('product', 'get', { id: w.shirt }, 's6-a')
    await t.ok(
      'product',
      'update',
      {
        id: w.shirt,
        category: product.category,
        description: '亚麻衬衫',
        shippingTemplateId: w.a.templateId,
        specs: product.specs.map((s) => ({ ...s, stockBefore: s.stock })),
      },
      's6-a',
    )
    expect(ids(await t.ok('feed', 'search', { q: '亚麻衬衫' }, 's6-gold'))).toEqual([w.shirt])
    expect(ids(await t.ok('feed', 'search', { q: 'T恤' }, 's6-gold'))).toEqual([])
  })

  it('when callers may not see a supplier, then they find nothing of it, and bad filters are refused', async () => {
    const w = await world('s7')
    expect(ids(await t.ok('feed', 'search', { q: '碎花连衣裙' }, 's7-stranger'))).toEqual([])
    const unbound = await t.call('feed', 'search', { q: '碎花', supplierId: w.b.supplier._id }, 's7-gold')
    expect(unbound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('feed', 'search', { q: '碎花' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const range = await t.call('feed', 'search', { minPrice: 2000, maxPrice: 1000 }, 's7-gold')
    expect(range).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', issues: [{ path: ['maxPrice'], message: '最高价不能低于最低价' }] },
    })
    expect(await t.call('feed', 'search', { q: '碎'.repeat(51) }, 's7-gold')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })

  it('when many products match the looked-up word but not the rest, then a page stops after a bounded scan and its cursor goes on', async () => {
    const w = await world('s8')
    const at = await clockNow(t)
    // 350 older products with 碎花 but not 连衣裙: more than one page's scan (3 reads of 100 rows).
    t.db.insertMany(
      'products',
      Array.from({ length: 350 }, (_, i) => ({
        supplierId: w.a.supplier._id,
        category: '女装',
        description: `碎花衬衫 ${i}`,
        tokens: ['碎花', '衬衫', '碎', '花', '衬', '衫', String(i)],
        specs: [{ id: 's1', name: '均码', images: [], price: 1000, tierPrices: {}, stock: 1 }],
        shippingTemplateId: w.a.templateId,
        status: 'on_sale',
        source: 'new',
        publishedAt: at - 60_000 - i,
        expiresAt: at + 86_400_000,
        createdAt: at,
        updatedAt: at,
      })),
    )
    const [older] = t.db.insertMany('products', [
      {
        ...t.db.find('products', { _id: w.dress })[0],
        _id: undefined,
        description: '碎花连衣裙 老款',
        tokens: ['碎花', '花连', '连衣', '衣裙', '老款'],
        publishedAt: at - 120_000,
      },
    ])
    let page = await t.ok('feed', 'search', { q: '碎花连衣裙' }, 's8-gold')
    const found = ids(page)
    expect(found).toEqual([w.dress])
    let pages = 1
    while (page.nextCursor) {
      page = await t.ok('feed', 'search', { q: '碎花连衣裙', cursor: page.nextCursor }, 's8-gold')
      found.push(...ids(page))
      pages += 1
    }
    expect(found).toEqual([w.dress, older])
    expect(pages).toBeGreaterThan(1)
  })
})

describe('product.search: the supplier searches its own lists', () => {
  it('when a supplier searches, then it finds its own products of the list asked, never another supplier’s', async () => {
    const w = await world('o1')
    const onSale = await t.ok('product', 'search', { status: 'on_sale', q: '碎花连衣裙' }, 'o1-a')
    expect(ids(onSale)).toEqual([w.dress])
    expect(onSale.items[0]).toMatchObject({ description: '2026春季新款碎花连衣裙', minPrice: 5000, status: 'on_sale' })
    expect(ids(await t.ok('product', 'search', { status: 'off_shelf', q: '碎花连衣裙' }, 'o1-a'))).toEqual([w.skirt])
    expect(ids(await t.ok('product', 'search', { status: 'on_sale', q: '碎花连衣裙' }, 'o1-b'))).toEqual([w.rivalDress])
    expect(ids(await t.ok('product', 'search', { status: 'on_sale', sort: 'price' }, 'o1-a'))).toEqual([w.shirt, w.dress])
    expect(await t.call('product', 'search', { status: 'on_sale', q: '碎花' }, 'o1-gold')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
  })
})
