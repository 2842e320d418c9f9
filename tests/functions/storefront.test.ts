import { describe, expect, it } from 'vitest'
import { shanghaiDay } from '@/domain/time'
import { testCloudForFile, type TestCloud } from './harness'
import { addProduct, boundAgent, cloudNow } from './network-fixtures'
import { newKey } from './order-fixtures'
import { goldAgentSupplier, leaves } from './share-fixtures'
import { withReads } from './binding-copies-fixtures'
import { advanceClock, productInput, publisher, trigger, uploadNamed } from './product-fixtures'

/**
 * 我的小店 end to end through the real SDK: the agent's storefront and its edits, the customer view
 * (nothing of any supplier), products leaving it by themselves, and opens counted once per key.
 */
const t = testCloudForFile()

const HIDDEN = { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在或已下架' } }
const LINK_GONE = { ok: false, error: { code: 'NOT_FOUND', message: '链接已失效' } }
const CHANGED = { ok: false, error: { code: 'CONFLICT', message: '小店商品已变化，请刷新后重试' } }
const RISKY = '违规测试'

function stored(cloud: TestCloud, agent: string) {
  return cloud.db.find('storefronts', { agentOpenid: agent }) as Array<{
    _id: string
    name: string | null
    cover: string
    productIds: string[]
    sharedAt: number
    shares: number
    token: string
  }>
}

/** Supplier A with a dress (two pictures) and a coat (the agent's own words), B with a bag; one agent bound to both. */
async function scenario(prefix: string) {
  const agent = `${prefix}-agent`
  const a = await goldAgentSupplier(t, `${prefix}a`, agent, '小美')
  const b = await goldAgentSupplier(t, `${prefix}b`, agent, '小美')
  const now = await cloudNow(t)
  const picture = async (owner: string) => (await uploadNamed(t, owner)).fileID
  const dress = addProduct(t, a.supplier._id, now - 3000, {
    description: '碎花连衣裙\n面料柔软',
    specs: [
      {
        id: 'd1',
        name: '均码',
        images: [await picture(a.owner), await picture(a.owner)],
        price: 5981,
        tierPrices: { [a.gold]: 5583 },
        retailPrice: 12900,
        stock: 3,
      },
    ],
  })
  const coat = addProduct(t, a.supplier._id, now - 2000, {
    description: '针织开衫',
    specs: [{ id: 'c1', name: '均码', images: [await picture(a.owner)], price: 4511, tierPrices: {}, retailPrice: 8900, stock: 9 }],
  })
  const bag = addProduct(t, b.supplier._id, now - 1000, {
    description: '帆布包',
    specs: [{ id: 'b1', name: '大号', images: [await picture(b.owner)], price: 2000, tierPrices: {}, retailPrice: 3900, stock: 9 }],
  })
  await t.ok('feed', 'setMyText', { productId: coat, text: '我自己也在穿的开衫' }, agent)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  return { agent, a, b, dress, coat, bag, stranger: `${prefix}-stranger` }
}

describe('storefront.mine and the edits', () => {
  it('when a new agent opens 我的小店, then it is empty and named after the agent, and nothing is stored', async () => {
    const s = await scenario('sf1')
    expect(await t.ok('storefront', 'mine', {}, s.agent)).toEqual({
      name: '小美的小店',
      cover: '',
      coverUrl: '',
      token: null,
      items: [],
      insight: { days7: { opens: 0, productOpens: 0 }, days30: { opens: 0, productOpens: 0 }, products: [] },
    })
    expect(stored(t, s.agent)).toEqual([])
    // The file's first test starts every function it calls cold: on a busy machine that takes a while.
  }, 90_000)

  it('when the agent adds products, then new ones go first in the order given, ids already in stay, each at the retail price with its words', async () => {
    const s = await scenario('sf2')
    await t.ok('storefront', 'addProducts', { productIds: [s.bag] }, s.agent)
    const after = await t.ok('storefront', 'addProducts', { productIds: [s.dress, s.bag, s.coat, s.dress] }, s.agent)
    expect(after.items.map((i) => [i.productId, i.text, i.price, i.state])).toEqual([
      [s.dress, '碎花连衣裙', { min: 12900, max: 12900 }, 'on_sale'],
      [s.coat, '我自己也在穿的开衫', { min: 8900, max: 8900 }, 'on_sale'],
      [s.bag, '帆布包', { min: 3900, max: 3900 }, 'on_sale'],
    ])
    for (const item of after.items) expect(item.image).toMatch(/^http/)
    expect(stored(t, s.agent)).toEqual([expect.objectContaining({ productIds: [s.dress, s.coat, s.bag], name: null, sharedAt: 0 })])
    // Temporary URLs are signed anew on each read: the rest of the answer is the same.
    const withoutImages = (sf: typeof after) => ({ ...sf, items: sf.items.map((i) => ({ ...i, image: i.image !== '' })) })
    expect(withoutImages(await t.ok('storefront', 'mine', {}, s.agent))).toEqual(withoutImages(after))
  })

  it('when the agent adds the products its storefront then holds, then the answer reuses what the check read: no more reads than 我的小店', async () => {
    const s = await scenario('sf2r')
    const added = await withReads(t, 'storefront', { action: 'addProducts', productIds: [s.dress, s.coat] }, s.agent)
    expect((added.data as { items: Array<{ productId: string }> }).items.map((i) => i.productId)).toEqual([s.dress, s.coat])
    expect(stored(t, s.agent)).toEqual([expect.objectContaining({ productIds: [s.dress, s.coat] })])
    // The check reads the picked products, the bindings and the words; the edit reads the storefront.
    // 我的小店 reads the same four, and the answer of the edit needs nothing of them a second time.
    const mine = await withReads(t, 'storefront', { action: 'mine' }, s.agent)
    expect(added.reads).toBeLessThanOrEqual(mine.reads)
  })

  it('when an id is not in the agent’s feed (a stranger’s, delisted, unknown), then NOT_FOUND as for nothing and the store is unchanged', async () => {
    const s = await scenario('sf3')
    await t.ok('storefront', 'addProducts', { productIds: [s.bag] }, s.agent)
    await t.ok('product', 'delist', { ids: [s.coat] }, s.a.owner)
    const before = stored(t, s.agent)
    expect(await t.call('storefront', 'addProducts', { productIds: [s.dress, s.coat] }, s.agent)).toEqual(HIDDEN)
    expect(await t.call('storefront', 'addProducts', { productIds: ['no-such-product'] }, s.agent)).toEqual(HIDDEN)
    expect(await t.call('storefront', 'addProducts', { productIds: [s.dress] }, s.stranger)).toEqual(HIDDEN)
    expect(await t.call('storefront', 'addProducts', { productIds: [s.dress] }, s.a.owner)).toEqual(HIDDEN)
    expect(await t.call('storefront', 'addProducts', { productIds: [s.dress] })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(stored(t, s.agent)).toEqual(before)
    expect(stored(t, s.stranger)).toEqual([])
    expect(stored(t, s.a.owner)).toEqual([])
  })

  it('when the storefront holds 100 products, then one more is CONFLICT 「小店最多 100 件商品」 and nothing changes; one already in is fine', async () => {
    const s = await scenario('sf4')
    const now = await cloudNow(t)
    const many = t.db.insertMany(
      'products',
      Array.from({ length: 100 }, (_, i) => ({
        supplierId: s.a.supplier._id,
        category: '女装',
        description: `款${i}`,
        specs: [{ id: 's', name: '均码', images: [], price: 1000, tierPrices: {}, stock: 1 }],
        shippingTemplateId: 'none',
        status: 'on_sale',
        publishedAt: now - 5000 - i,
        expiresAt: now + 86_400_000,
        source: 'new',
      })),
    )
    for (let i = 0; i < 100; i += 20) await t.ok('storefront', 'addProducts', { productIds: many.slice(i, i + 20) }, s.agent)
    const before = stored(t, s.agent)
    expect(before[0]?.productIds).toHaveLength(100)
    expect(await t.call('storefront', 'addProducts', { productIds: [s.bag] }, s.agent)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '小店最多 100 件商品' },
    })
    expect(stored(t, s.agent)).toEqual(before)
    expect((await t.ok('storefront', 'addProducts', { productIds: [many[50] ?? ''] }, s.agent)).items).toHaveLength(100)
  }, 60_000)

  it('when the agent removes and reorders, then the list follows; a stale order is CONFLICT and changes nothing', async () => {
    const s = await scenario('sf5')
    await t.ok('storefront', 'addProducts', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    const removed = await t.ok('storefront', 'removeProducts', { productIds: [s.coat, 'never-there'] }, s.agent)
    expect(removed.items.map((i) => i.productId)).toEqual([s.dress, s.bag])
    const reordered = await t.ok('storefront', 'reorder', { productIds: [s.bag, s.dress] }, s.agent)
    expect(reordered.items.map((i) => i.productId)).toEqual([s.bag, s.dress])
    const before = stored(t, s.agent)
    expect(await t.call('storefront', 'reorder', { productIds: [s.bag, s.dress, s.coat] }, s.agent)).toEqual(CHANGED)
    expect(await t.call('storefront', 'reorder', { productIds: [s.dress] }, s.agent)).toEqual(CHANGED)
    expect(await t.call('storefront', 'reorder', { productIds: [s.dress, s.dress] }, s.agent)).toEqual(CHANGED)
    expect(stored(t, s.agent)).toEqual(before)
    // Someone with no storefront removes nothing and stores nothing.
    expect((await t.ok('storefront', 'removeProducts', { productIds: [s.bag] }, s.stranger)).items).toEqual([])
    expect(await t.call('storefront', 'reorder', { productIds: [s.bag] }, s.stranger)).toEqual(CHANGED)
    expect(stored(t, s.stranger)).toEqual([])
  })

  it('when the agent names its storefront and sets a cover, then both are kept; a risky name or another’s picture is refused and nothing changes', async () => {
    const s = await scenario('sf6')
    const cover = (await uploadNamed(t, s.agent)).fileID
    const saved = await t.ok('storefront', 'save', { name: '  小美的好物  ', cover }, s.agent)
    expect(saved).toMatchObject({ name: '小美的好物', cover, coverUrl: expect.stringMatching(/^http/), token: null, items: [] })
    expect(stored(t, s.agent)).toEqual([expect.objectContaining({ name: '小美的好物', cover })])
    const before = stored(t, s.agent)
    expect(await t.call('storefront', 'save', { name: `小店${RISKY}` }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', issues: [{ path: ['name'], message: expect.stringContaining('小店名称') }] },
    })
    const theirs = (await uploadNamed(t, s.a.owner)).fileID
    expect(await t.call('storefront', 'save', { name: '小店', cover: theirs }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await t.call('storefront', 'save', { name: ' ' }, s.agent)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(stored(t, s.agent)).toEqual(before)
    // The cover went to WeChat's picture check; a risky verdict takes it off.
    const [check] = t.db.find('media_checks', { 'item.kind': 'storefront', 'item.id': s.agent }) as Array<{ _id: string; fileId: string }>
    expect(check?.fileId).toBe(cover)
    await fetch(`${t.cloud.url}/_local/media-checks/verdict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ traceId: check?._id, suggest: 'risky' }),
    })
    expect(stored(t, s.agent)).toEqual([expect.objectContaining({ name: '小美的好物', cover: '' })])
    // Removing the cover on purpose: '' is kept.
    expect((await t.ok('storefront', 'save', { name: '小美的好物', cover: '' }, s.agent)).cover).toBe('')
  })
})

describe('storefront.share and storefront.view (the customer view)', () => {
  it('when the agent shares, then one token is kept; the path and code open the view; the same key with another request is refused', async () => {
    const s = await scenario('ss1')
    const first = await t.ok('storefront', 'share', { idempotencyKey: 'share-0001' }, s.agent)
    expect(first.path).toBe(`pages/storefront/view/index?token=${first.token}`)
    expect(first.code).toBeUndefined()
    expect(await t.ok('storefront', 'share', { idempotencyKey: 'share-0001' }, s.agent)).toEqual(first)
    expect(await t.call('storefront', 'share', { idempotencyKey: 'share-0001', code: true }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    const coded = await t.ok('storefront', 'share', { code: true, idempotencyKey: 'share-0002' }, s.agent)
    expect(coded).toMatchObject({ token: first.token, code: { scene: first.token, image: expect.stringMatching(/^http/) } })
    expect(stored(t, s.agent)).toEqual([expect.objectContaining({ token: first.token, shares: 2, sharedAt: expect.any(Number) })])
    expect((await t.ok('storefront', 'mine', {}, s.agent)).token).toBe(first.token)
    // An empty storefront answers its name and no items.
    expect(await t.ok('storefront', 'view', { token: first.token })).toMatchObject({
      name: '小美的小店',
      items: [],
      seller: { nickname: '小美' },
    })
  })

  it('when a customer opens the storefront, then it sees the products at the agent’s retail price and nothing of any supplier', async () => {
    const s = await scenario('ss2')
    await t.ok('storefront', 'addProducts', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    const { token } = await t.ok('storefront', 'share', {}, s.agent)
    const view = await t.ok('storefront', 'view', { token }, 'ss2-customer')
    expect(view.items.map((i) => [i.text, i.price])).toEqual([
      ['碎花连衣裙', { min: 12900, max: 12900 }],
      ['我自己也在穿的开衫', { min: 8900, max: 8900 }],
      ['帆布包', { min: 3900, max: 3900 }],
    ])
    const [dressItem] = view.items
    const page = await t.ok('storefront', 'view', { token, item: dressItem?.item ?? '' })
    expect(page.product).toMatchObject({ text: '碎花连衣裙\n面料柔软', price: { min: 12900, max: 12900 } })
    expect(page.product?.images).toHaveLength(2)

    // The same product in another agent's storefront has an unrelated key.
    const other = `ss2-other`
    await boundAgent(t, other, s.a.supplier._id, '小丽')
    await t.ok('storefront', 'addProducts', { productIds: [s.dress] }, other)
    const otherView = await t.ok('storefront', 'view', { token: (await t.ok('storefront', 'share', {}, other)).token })
    expect(otherView.items[0]?.item).not.toBe(dressItem?.item)

    const secrets = [
      s.a.supplier._id,
      s.b.supplier._id,
      'ss2a秘密供应商',
      'ss2b秘密供应商',
      '13912345678',
      s.a.owner,
      s.b.owner,
      s.dress,
      s.coat,
      s.bag,
      s.agent,
    ]
    const purchasePrices = [5981, 5583, 4511, 2000]
    for (const answer of [view, page, otherView]) {
      const found = leaves(answer).filter((leaf) =>
        typeof leaf === 'number' ? purchasePrices.includes(leaf) : secrets.some((x) => leaf.includes(x)),
      )
      expect(found).toEqual([])
      expect(leaves(answer)).not.toContain('stock')
      expect(leaves(answer)).not.toContain('supplierId')
      expect(leaves(answer)).not.toContain('productId')
    }
  })

  it('when a product is delisted, hidden or its supplier unbinds the agent, then customers no longer see it and the agent sees it off_sale', async () => {
    const s = await scenario('ss3')
    await t.ok('storefront', 'addProducts', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    const { token } = await t.ok('storefront', 'share', {}, s.agent)
    const before = await t.ok('storefront', 'view', { token })
    await t.ok('product', 'delist', { ids: [s.dress] }, s.a.owner)
    await t.ok('network', 'unbind', { agentOpenid: s.agent }, s.b.owner)
    const view = await t.ok('storefront', 'view', { token })
    expect(view.items.map((i) => i.text)).toEqual(['我自己也在穿的开衫'])
    expect(await t.call('storefront', 'view', { token, item: before.items[0]?.item ?? '' })).toEqual(HIDDEN)
    const mine = await t.ok('storefront', 'mine', {}, s.agent)
    expect(mine.items.map((i) => [i.productId, i.state, i.price])).toEqual([
      [s.dress, 'off_sale', null],
      [s.coat, 'on_sale', { min: 8900, max: 8900 }],
      [s.bag, 'off_sale', null],
    ])
    // Nothing of the current text or pictures of a supplier that removed the agent.
    expect(mine.items[2]).toMatchObject({ text: '已不是该供应商的代理', image: '' })
    await t.ok('product', 'delist', { ids: [s.coat] }, s.a.owner)
    expect((await t.ok('storefront', 'view', { token })).items).toEqual([])
    expect(await t.call('storefront', 'view', { token: 'zzzzzzzzzzzzzzzz' })).toEqual(LINK_GONE)
    expect(await t.call('storefront', 'view', { token: 'not a token' })).toEqual(LINK_GONE)
  })

  it('when WeChat finds a product’s picture risky, then customers no longer see it and the agent sees it off_sale without the picture', async () => {
    const shop = await publisher(t, 'ss5-owner')
    const agent = 'ss5-agent'
    await boundAgent(t, agent, shop.supplier._id, '小美')
    const product = await t.ok('product', 'create', productInput(shop.templateId, shop.image), 'ss5-owner')
    await t.ok('storefront', 'addProducts', { productIds: [product._id] }, agent)
    const { token } = await t.ok('storefront', 'share', {}, agent)
    expect((await t.ok('storefront', 'view', { token })).items).toHaveLength(1)
    const [check] = t.db.find('media_checks', { 'item.kind': 'product', 'item.id': product._id }) as Array<{ _id: string }>
    await fetch(`${t.cloud.url}/_local/media-checks/verdict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ traceId: check?._id, suggest: 'risky' }),
    })
    expect((await t.ok('storefront', 'view', { token })).items).toEqual([])
    expect((await t.ok('storefront', 'mine', {}, agent)).items).toEqual([
      { productId: product._id, text: '🔥春季新款碎花连衣裙，显瘦百搭，现货秒发！', image: '', price: null, state: 'off_sale' },
    ])
  })

  it('when the storefront was never shared, then its stored token opens nothing', async () => {
    const s = await scenario('ss4')
    await t.ok('storefront', 'addProducts', { productIds: [s.dress] }, s.agent)
    const [record] = stored(t, s.agent)
    expect(await t.call('storefront', 'view', { token: record?.token ?? '' })).toEqual(LINK_GONE)
  })
})

describe('storefront opens and the insight', () => {
  it('when customers open the storefront and its products, and some retry, then each open counts once, before and after the fold, over 7 and 30 days', async () => {
    const s = await scenario('so1')
    await t.ok('storefront', 'addProducts', { productIds: [s.dress, s.coat] }, s.agent)
    const { token } = await t.ok('storefront', 'share', {}, s.agent)
    const view = await t.ok('storefront', 'view', { token })
    const dressItem = view.items[0]?.item ?? ''
    // An old day: 3 opens and 1 product open, then 20 days later the rest.
    await Promise.all([newKey(), newKey(), newKey()].map((idempotencyKey) => t.ok('storefront', 'view', { token, idempotencyKey })))
    await t.ok('storefront', 'view', { token, item: dressItem, idempotencyKey: 'old-open-01' })
    await advanceClock(t, 20 * 86_400_000)
    await trigger(t, 'expire')
    const keys = Array.from({ length: 5 }, () => newKey())
    await Promise.all(keys.map((idempotencyKey) => t.ok('storefront', 'view', { token, idempotencyKey })))
    await Promise.all(keys.slice(0, 3).map((idempotencyKey) => t.ok('storefront', 'view', { token, idempotencyKey })))
    await t.ok('storefront', 'view', { token, item: dressItem, idempotencyKey: 'new-open-01' })
    await t.ok('storefront', 'view', { token, item: dressItem, idempotencyKey: 'new-open-01' })
    // The same key opening the storefront itself is another opening.
    await t.ok('storefront', 'view', { token, idempotencyKey: 'new-open-01' })

    const expected = {
      // The first view (no key) and the 3 of the old day are 20 days back; the 6 of today are in both windows.
      days7: { opens: 6, productOpens: 1 },
      days30: { opens: 10, productOpens: 2 },
      products: [
        { productId: s.dress, opens7: 1, opens30: 2 },
        { productId: s.coat, opens7: 0, opens30: 0 },
      ],
    }
    expect((await t.ok('storefront', 'mine', {}, s.agent)).insight).toEqual(expected)
    const [record] = stored(t, s.agent)
    expect(t.db.find('storefront_opens', { storefrontId: record?._id })).toHaveLength(7)
    await advanceClock(t, 10 * 60_000 + 1000)
    // The clock's own timer run folds them; the trigger after it finds nothing left.
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { foldedStorefrontOpens: 0 } })
    expect(t.db.find('storefront_opens', { storefrontId: record?._id })).toEqual([])
    const today = shanghaiDay(await cloudNow(t))
    expect(t.db.find('storefront_days', { storefrontId: record?._id, day: today })).toEqual([
      expect.objectContaining({ opens: 6, productOpens: 1, products: [{ productId: s.dress, opens: 1 }] }),
    ])
    expect((await t.ok('storefront', 'mine', {}, s.agent)).insight).toEqual(expected)
    // Past 30 days the old day leaves the insight.
    await advanceClock(t, 11 * 86_400_000)
    expect((await t.ok('storefront', 'mine', {}, s.agent)).insight).toEqual({
      days7: { opens: 0, productOpens: 0 },
      days30: { opens: 6, productOpens: 1 },
      products: [
        { productId: s.dress, opens7: 0, opens30: 1 },
        { productId: s.coat, opens7: 0, opens30: 0 },
      ],
    })
  }, 120_000)
})
