import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { advanceClock, clockNow, productInput, publisher, specInput, trigger, type Publisher } from './product-fixtures'

const t = testCloudForFile()

/**
 * Supplier A (tiers 普通 and 金牌) posts about a floral dress and a T-shirt; rival supplier B posts
 * about a floral dress too. A gold agent is bound to A only; a stranger to nobody.
 */
async function world(prefix: string) {
  const a = await publisher(t, `${prefix}-a`)
  const b = await publisher(t, `${prefix}-b`)
  const saved = await t.ok('network', 'saveTiers', { tiers: [{ id: a.tierId, name: '普通代理' }, { name: '金牌代理' }] }, `${prefix}-a`)
  const gold = saved.tiers[1]?.id ?? ''
  await boundAgent(t, `${prefix}-gold`, a.supplier._id)
  await t.ok('network', 'setTier', { agentOpenids: [`${prefix}-gold`], tierId: gold }, `${prefix}-a`)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  const product = async (by: Publisher, owner: string, tierPrices: Record<string, number>) =>
    (
      await t.ok(
        'product',
        'create',
        productInput(by.templateId, by.image, { specs: [specInput(by.image, { price: 5000, tierPrices })] }),
        owner,
      )
    )._id
  const dressProduct = await product(a, `${prefix}-a`, { [gold]: 4200 })
  const rivalProduct = await product(b, `${prefix}-b`, {})
  const post = async (owner: string, text: string, productId: string) =>
    (await t.ok('post', 'create', { text, images: [], productIds: [productId] }, owner))._id
  const dress = await post(`${prefix}-a`, '今日上新：2026春季新款碎花连衣裙，现货', dressProduct)
  const shirt = await post(`${prefix}-a`, '纯棉T恤 百搭款 补货到了', dressProduct)
  const rival = await post(`${prefix}-b`, '碎花连衣裙 B家独款', rivalProduct)
  return { a, b, gold, dressProduct, dress, shirt, rival }
}

const ids = (page: { items: Array<{ _id: string }> }) => page.items.map((p) => p._id)

/** A search's answer with the database reads the gateway counted for it. */
async function searchWithReads(t2: typeof t, input: Record<string, unknown>, openid: string) {
  const reply = await fetch(`${t2.cloud.url}/fn/feed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify({ action: 'searchPosts', ...input }),
  })
  const answer = (await reply.json()) as { ok: boolean; data: { items: Array<{ _id: string }>; nextCursor: string | null } }
  return { answer, reads: Number(reply.headers.get('x-wegong-db-reads')) }
}

describe('posts written before search covered them', () => {
  // The file's first test, longer: it meets every function cold.
  it('when the expire timer runs, then it gives them their tokens once, and search finds them', async () => {
    const w = await world('m1')
    const at = await clockNow(t)
    const [old] = t.db.insertMany('posts', [
      { supplierId: w.a.supplier._id, text: '老款碎花连衣裙 清仓', images: [], productIds: [w.dressProduct], createdAt: at - 60_000 },
    ])
    expect(ids(await t.ok('feed', 'searchPosts', { q: '老款' }, 'm1-gold'))).toEqual([])
    const first = (await trigger(t, 'expire')) as { data: { postTokens: { tokenisedPosts: number; done: boolean } } }
    expect(first.data.postTokens).toEqual({ tokenisedPosts: 1, done: true })
    expect(ids(await t.ok('feed', 'searchPosts', { q: '老款' }, 'm1-gold'))).toEqual([old])
    expect(t.db.find('posts', { _id: old })[0]?.tokens).toContain('老款')
    expect(t.db.find('migrations', { _id: 'post-tokens' })[0]).toMatchObject({ doneAt: expect.any(Number) })
    const again = (await trigger(t, 'expire')) as { data: { postTokens: unknown } }
    expect(again.data.postTokens).toEqual({ tokenisedPosts: 0, done: true })
  }, 90_000)
})

describe('feed.searchPosts: the agent finds what its feed of posts shows (R9, R14)', () => {
  it('when an agent searches Chinese words without spaces, then it finds its bound supplier’s post as feed.posts answers it, and nothing of another supplier', async () => {
    const w = await world('s1')
    const page = await t.ok('feed', 'searchPosts', { q: '碎花连衣裙' }, 's1-gold')
    expect(ids(page)).toEqual([w.dress])
    expect(page.nextCursor).toBeNull()
    // The same item as the feed of posts answers (signed URLs aside).
    const unsigned = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/\?expires=[^"]*/g, '')) as unknown
    const feed = await t.ok('feed', 'posts', {}, 's1-gold')
    expect(unsigned(page.items[0])).toEqual(unsigned(feed.items.find((p) => p._id === w.dress)))
    expect(page.items[0]?.products.map((p) => p.minPrice)).toEqual([4200])
    // Nothing of other tiers or of the search index leaves the function.
    expect(JSON.stringify(page)).not.toMatch(/tierPrices|tokens|5000/)
    // The tokens are stored on the post by its one writer.
    expect(t.db.find('posts', { _id: w.dress })[0]?.tokens).toEqual(expect.arrayContaining(['碎花', '连衣', '衣裙', '2026']))
    for (const q of ['T恤', 't恤', '补货', '2026 碎花', '裙']) {
      expect(ids(await t.ok('feed', 'searchPosts', { q }, 's1-gold')), q).toEqual(
        q === 'T恤' || q === 't恤' || q === '补货' ? [w.shirt] : [w.dress],
      )
    }
    expect(ids(await t.ok('feed', 'searchPosts', { q: '碎花衬衫' }, 's1-gold'))).toEqual([])
  })

  it('when the query is empty, then the answer is the feed of posts; 新上架 keeps only posts since the window’s start', async () => {
    const w = await world('s2')
    expect(ids(await t.ok('feed', 'searchPosts', {}, 's2-gold'))).toEqual(ids(await t.ok('feed', 'posts', {}, 's2-gold')))
    expect(ids(await t.ok('feed', 'searchPosts', {}, 's2-gold'))).toEqual([w.shirt, w.dress])
    await advanceClock(t, 2 * 24 * 60 * 60 * 1000)
    const fresh = (await t.ok('post', 'create', { text: '碎花连衣裙 今日到货', images: [], productIds: [w.dressProduct] }, 's2-a'))._id
    expect(ids(await t.ok('feed', 'searchPosts', { q: '碎花', newWithin: 'today' }, 's2-gold'))).toEqual([fresh])
    expect(ids(await t.ok('feed', 'searchPosts', { q: '碎花', newWithin: '7d' }, 's2-gold'))).toEqual([fresh, w.dress])
  })

  it('when a post is hidden by the image check, then it is not found', async () => {
    const w = await world('s3')
    const at = await clockNow(t)
    t.db.insertMany('posts', [
      {
        supplierId: w.a.supplier._id,
        text: '碎花连衣裙 待审',
        tokens: ['碎花', '花连', '连衣', '衣裙', '待审'],
        images: [],
        productIds: [w.dressProduct],
        createdAt: at + 1,
        moderation: { reason: '图片违规' },
      },
    ])
    expect(ids(await t.ok('feed', 'searchPosts', { q: '碎花连衣裙' }, 's3-gold'))).toEqual([w.dress])
  })

  it('when callers may not see a supplier, then they find nothing of it, and product filters are refused', async () => {
    const w = await world('s4')
    expect(ids(await t.ok('feed', 'searchPosts', { q: '碎花连衣裙' }, 's4-stranger'))).toEqual([])
    const unbound = await t.call('feed', 'searchPosts', { q: '碎花', supplierId: w.b.supplier._id }, 's4-gold')
    expect(unbound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('feed', 'searchPosts', { q: '碎花' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    for (const filter of [{ minPrice: 100 }, { category: '女装' }, { sort: 'price' }]) {
      const answer = await t.raw('feed', { action: 'searchPosts', q: '碎花', ...filter }, 's4-gold')
      expect(answer, JSON.stringify(filter)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    expect(await t.call('feed', 'searchPosts', { q: '碎'.repeat(51) }, 's4-gold')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })

  it('when many posts match the looked-up word but not the rest, then a page stops after a bounded number of reads and its cursor goes on', async () => {
    const w = await world('s5')
    const at = await clockNow(t)
    // 350 older posts with 碎花 but not 连衣裙: more than one page's scan (3 reads of 100 rows).
    t.db.insertMany(
      'posts',
      Array.from({ length: 350 }, (_, i) => ({
        supplierId: w.a.supplier._id,
        text: `碎花衬衫 ${i}`,
        tokens: ['碎花', '衬衫', '碎', '花', '衬', '衫', String(i)],
        images: [],
        productIds: [w.dressProduct],
        createdAt: at - 60_000 - i,
      })),
    )
    const [older] = t.db.insertMany('posts', [
      {
        supplierId: w.a.supplier._id,
        text: '碎花连衣裙 老款',
        tokens: ['碎花', '花连', '连衣', '衣裙', '老款'],
        images: [],
        productIds: [w.dressProduct],
        createdAt: at - 120_000,
      },
    ])
    let { answer, reads } = await searchWithReads(t, { q: '碎花连衣裙' }, 's5-gold')
    const found = ids(answer.data)
    expect(found).toEqual([w.dress])
    const maxReads = [reads]
    while (answer.data.nextCursor) {
      ;({ answer, reads } = await searchWithReads(t, { q: '碎花连衣裙', cursor: answer.data.nextCursor }, 's5-gold'))
      found.push(...ids(answer.data))
      maxReads.push(reads)
    }
    expect(found).toEqual([w.dress, older])
    expect(maxReads.length).toBeGreaterThan(1)
    // Bindings, at most 3 scan reads, the linked products, the supplier cards: never more, whatever the posts' number.
    expect(Math.max(...maxReads)).toBeLessThanOrEqual(6)
  })
})
