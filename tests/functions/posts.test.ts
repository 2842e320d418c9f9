import { describe, expect, it } from 'vitest'
import { OPERATOR, testCloudForFile } from './harness'
import { addProduct, advanceClock, boundAgent, cloudNow, DAY, uploadImage } from './network-fixtures'
import { upload } from './product-fixtures'

const t = testCloudForFile()

type StoredPost = { _id: string; supplierId: string; text: string; images: string[]; productIds: string[]; createdAt: number }
const storedPosts = (query: Record<string, unknown> = {}) => t.db.find('posts', query) as unknown as StoredPost[]
const dumpPosts = () => JSON.stringify(storedPosts())

/** An eligible supplier with two on-sale products, one delisted, one expired; a rival with one; an agent and a stranger. */
async function scenario(prefix: string, options: { eligible?: boolean } = {}) {
  const owner = `${prefix}-owner`
  await t.ok('user', 'login', {}, owner)
  const supplier = await t.ok('supplier', 'register', { name: `${prefix}供应商`, contact: '13800138000', mainCategory: '女装' }, owner)
  await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: options.eligible ?? true }, OPERATOR)
  const rivalOwner = `${prefix}-rival`
  await t.ok('user', 'login', {}, rivalOwner)
  const rival = await t.ok('supplier', 'register', { name: `${prefix}对手`, contact: '13800138000', mainCategory: '女装' }, rivalOwner)
  const image = await uploadImage(t, owner, `${prefix}-p`)
  const now = await cloudNow(t)
  const spec = (price: number) => [{ id: 's1', name: '红色 / M', images: [image], price, tierPrices: {}, retailPrice: 12900, stock: 5 }]
  const p1 = addProduct(t, supplier._id, now - 3000, { specs: spec(5000), description: '商品一号\n第二行' })
  const p2 = addProduct(t, supplier._id, now - 2000, { specs: spec(6000) })
  const delisted = addProduct(t, supplier._id, now - 1000, { status: 'off_shelf' })
  const expired = addProduct(t, supplier._id, now - 31 * DAY, { expiresAt: now - 1 })
  const rivalProduct = addProduct(t, rival._id, now - 500)
  await boundAgent(t, `${prefix}-agent`, supplier._id)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  const postImage = await uploadImage(t, owner, `${prefix}-post`)
  return { owner, supplier, rival, rivalOwner, p1, p2, delisted, expired, rivalProduct, postImage }
}

describe('post.create (R14)', () => {
  it('when the owner posts text, a picture and two of its on-sale products, then it is stored and answered with viewable pictures', async () => {
    const s = await scenario('c1')
    const post = await t.ok(
      'post',
      'create',
      { text: '🔥今日上新，两款都有现货', images: [s.postImage], productIds: [s.p2, s.p1] },
      s.owner,
    )
    expect(post).toMatchObject({ supplierId: s.supplier._id, text: '🔥今日上新，两款都有现货', productIds: [s.p2, s.p1] })
    expect(post.images[0]).toMatch(/^http/)
    expect(post.products.map((p) => [p._id, p.onSale])).toEqual([
      [s.p2, true],
      [s.p1, true],
    ])
    expect(post.products[1]?.description).toBe('商品一号')
    const [stored] = storedPosts({ _id: post._id })
    expect(stored).toMatchObject({
      supplierId: s.supplier._id,
      text: post.text,
      images: [s.postImage],
      productIds: [s.p2, s.p1],
      createdAt: post.createdAt,
    })
  })

  const refusals: Array<[string, (s: Awaited<ReturnType<typeof scenario>>) => Record<string, unknown>, string, string?]> = [
    ['an empty text', (s) => ({ text: ' \u200b ', images: [], productIds: [s.p1] }), 'INVALID_ARGUMENT'],
    ['501 characters', (s) => ({ text: '好'.repeat(501), images: [], productIds: [s.p1] }), 'INVALID_ARGUMENT'],
    ['ten pictures', (s) => ({ text: '上新', images: Array(10).fill(s.postImage), productIds: [s.p1] }), 'INVALID_ARGUMENT'],
    ['no product', () => ({ text: '上新', images: [], productIds: [] }), 'INVALID_ARGUMENT'],
    [
      'ten products',
      (s) => ({ text: '上新', images: [], productIds: Array.from({ length: 10 }, (_, i) => `${s.p1}${i}`) }),
      'INVALID_ARGUMENT',
    ],
    [
      'a delisted product',
      (s) => ({ text: '上新', images: [], productIds: [s.p1, s.delisted] }),
      'INVALID_ARGUMENT',
      '导购商品已下架，请重新选择',
    ],
    [
      'an expired product the timer has not delisted yet',
      (s) => ({ text: '上新', images: [], productIds: [s.expired] }),
      'INVALID_ARGUMENT',
      '导购商品已下架，请重新选择',
    ],
    [
      "another supplier's product",
      (s) => ({ text: '上新', images: [], productIds: [s.p1, s.rivalProduct] }),
      'INVALID_ARGUMENT',
      '导购商品不存在，请重新选择',
    ],
    ['a missing product', () => ({ text: '上新', images: [], productIds: ['nope'] }), 'INVALID_ARGUMENT', '导购商品不存在，请重新选择'],
  ]
  it.each(refusals)('when the post has %s, then it is refused and nothing is stored', async (_case, inputOf, code, message) => {
    const s = await scenario(`r${refusals.findIndex(([name]) => name === _case)}`)
    const before = dumpPosts()
    const answer = await t.call('post', 'create', inputOf(s) as never, s.owner)
    expect(answer).toMatchObject({ ok: false, error: { code, ...(message ? { message } : {}) } })
    expect(dumpPosts()).toBe(before)
  })

  it("when the post names another user's picture, a caller without supplier, or a supplier not eligible, then it is refused and nothing is stored", async () => {
    const s = await scenario('c2')
    const notEligible = await scenario('c3', { eligible: false })
    const foreign = (await upload(t, 'c2-stranger', 'products/x.png')).fileID
    const before = dumpPosts()
    expect(await t.call('post', 'create', { text: '上新', images: [foreign], productIds: [s.p1] }, s.owner)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await t.call('post', 'create', { text: '上新', images: [], productIds: [s.p1] }, 'c2-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(await t.call('post', 'create', { text: '上新', images: [], productIds: [notEligible.p1] }, notEligible.owner)).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(await t.call('post', 'create', { text: '上新', images: [], productIds: [s.p1] })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(dumpPosts()).toBe(before)
  })
})

describe('post.listMine and post.remove (R14)', () => {
  it('when the owner lists, then its own posts come newest first, page by page, with linked products’ live state', async () => {
    const s = await scenario('l1')
    const ids: string[] = []
    for (let i = 0; i < 5; i += 1) {
      ids.push((await t.ok('post', 'create', { text: `动态${i}`, images: [], productIds: [s.p1] }, s.owner))._id)
      await advanceClock(t, 1000)
    }
    await t.ok('post', 'create', { text: '对手动态', images: [], productIds: [s.rivalProduct] }, s.rivalOwner).catch(() => null)
    const first = await t.ok('post', 'listMine', { limit: 2 }, s.owner)
    const second = await t.ok('post', 'listMine', { limit: 2, cursor: first.nextCursor ?? '' }, s.owner)
    const third = await t.ok('post', 'listMine', { limit: 2, cursor: second.nextCursor ?? '' }, s.owner)
    expect([...first.items, ...second.items, ...third.items].map((p) => p._id)).toEqual([...ids].reverse())
    expect(third.nextCursor).toBeNull()
    await t.ok('product', 'delist', { ids: [s.p1] }, s.owner)
    const after = await t.ok('post', 'listMine', {}, s.owner)
    expect(after.items[0]?.products).toEqual([expect.objectContaining({ _id: s.p1, onSale: false })])
  })

  it('when the owner deletes several posts, then they are gone; with any id not its own, nothing is deleted', async () => {
    const s = await scenario('d1')
    const a = (await t.ok('post', 'create', { text: '一', images: [], productIds: [s.p1] }, s.owner))._id
    const b = (await t.ok('post', 'create', { text: '二', images: [], productIds: [s.p2] }, s.owner))._id
    const c = (await t.ok('post', 'create', { text: '三', images: [], productIds: [s.p2] }, s.owner))._id
    const before = dumpPosts()
    expect(await t.call('post', 'remove', { ids: [a, 'missing'] }, s.owner)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('post', 'remove', { ids: [a] }, 'd1-agent')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(dumpPosts()).toBe(before)
    expect(await t.ok('post', 'remove', { ids: [a, b, a] }, s.owner)).toEqual({ removed: 2 })
    expect(storedPosts({ supplierId: s.supplier._id }).map((p) => p._id)).toEqual([c])
  })
})

describe('feed.posts: who reads posts (R9, R14)', () => {
  it('when a bound agent reads the feed, then it sees the posts with only on-sale products at its price and retail price', async () => {
    const s = await scenario('f1')
    const post = await t.ok('post', 'create', { text: '两款上新', images: [s.postImage], productIds: [s.p1, s.p2] }, s.owner)
    await t.ok('product', 'delist', { ids: [s.p2] }, s.owner)
    const page = await t.ok('feed', 'posts', {}, 'f1-agent')
    expect(page.items).toHaveLength(1)
    const [item] = page.items
    expect(item).toMatchObject({ _id: post._id, supplierId: s.supplier._id, text: '两款上新', linkedProducts: 2 })
    expect(item?.supplier.name).toBe('f1供应商')
    expect(item?.images[0]).toMatch(/^http/)
    // Default markup: +20 %, rounded up to whole yuan.
    expect(item?.products).toEqual([
      {
        _id: s.p1,
        description: '商品一号',
        thumbnail: expect.stringMatching(/^http/),
        minPrice: 5000,
        maxPrice: 5000,
        minRetail: 6000,
        maxRetail: 6000,
      },
    ])
    expect((await t.ok('feed', 'posts', { supplierId: s.supplier._id }, 'f1-agent')).items.map((p) => p._id)).toEqual([post._id])
  })

  it('when the owner previews its own products and posts, then both show its base price and no retail price of anyone (R9, R16)', async () => {
    const s = await scenario('f4')
    await t.ok('post', 'create', { text: '上新', images: [], productIds: [s.p1] }, s.owner)
    const [product] = (await t.ok('feed', 'products', { supplierId: s.supplier._id }, s.owner)).items.filter((p) => p._id === s.p1)
    expect(product?.specs).toEqual([expect.objectContaining({ price: 5000, retailPrice: 12900 })])
    expect(product?.specs[0]).not.toHaveProperty('sellPrice')
    const [post] = (await t.ok('feed', 'posts', { supplierId: s.supplier._id }, s.owner)).items
    expect(post?.products).toEqual([
      { _id: s.p1, description: '商品一号', thumbnail: expect.stringMatching(/^http/), minPrice: 5000, maxPrice: 5000 },
    ])
    // The agent of the same shop sees its purchase and retail prices in both.
    const [agentPost] = (await t.ok('feed', 'posts', {}, 'f4-agent')).items
    expect(agentPost?.products[0]).toMatchObject({ minPrice: 5000, maxPrice: 5000, minRetail: 6000, maxRetail: 6000 })
  })

  it('when a stranger, a removed agent or a rival asks, then it gets nothing; a named supplier it is not bound to is NOT_FOUND', async () => {
    const s = await scenario('f2')
    await t.ok('post', 'create', { text: '上新', images: [], productIds: [s.p1] }, s.owner)
    await boundAgent(t, 'f2-removed', s.supplier._id)
    await t.ok('network', 'unbind', { agentOpenid: 'f2-removed' }, s.owner)
    for (const who of ['f2-stranger', 'f2-removed', s.rivalOwner]) {
      expect((await t.ok('feed', 'posts', {}, who)).items, who).toEqual([])
      expect(await t.call('feed', 'posts', { supplierId: s.supplier._id }, who)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(await t.call('feed', 'posts', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('when posts appear after the agent looked, then newPostCount counts them', async () => {
    const s = await scenario('f3')
    const since = await cloudNow(t)
    await advanceClock(t, 1000)
    await t.ok('post', 'create', { text: '一', images: [], productIds: [s.p1] }, s.owner)
    await t.ok('post', 'create', { text: '二', images: [], productIds: [s.p1] }, s.owner)
    expect(await t.ok('feed', 'newPostCount', { since }, 'f3-agent')).toEqual({ count: 2 })
    expect(await t.ok('feed', 'newPostCount', { since }, 'f3-stranger')).toEqual({ count: 0 })
  })
})
