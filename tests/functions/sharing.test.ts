import { describe, expect, it } from 'vitest'
import { shanghaiDay } from '@/domain/time'
import { OPERATOR, testCloudForFile } from './harness'
import { addProduct, advanceClock, boundAgent, cloudNow, DAY, storedSupplier, uploadImage } from './network-fixtures'
import { trigger } from './product-fixtures'

const t = testCloudForFile()

const INVALID = { ok: false, error: { code: 'NOT_FOUND', message: '链接无效或已失效' } }

/**
 * A supplier with tiers 普通 and 金牌, a product with two specs (金牌 has its own price), a second
 * product and a post linking both; a 金牌 agent with an avatar and a WeChat ID, a 普通 agent, and a
 * stranger.
 */
async function scenario(prefix: string) {
  const owner = `${prefix}-owner`
  await t.ok('user', 'login', {}, owner)
  const supplier = await t.ok('supplier', 'register', { name: `${prefix}秘密供应商`, contact: '13912345678', mainCategory: '女装' }, owner)
  await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, OPERATOR)
  const { tiers } = await t.ok(
    'network',
    'saveTiers',
    { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }, { name: '金牌代理' }] },
    owner,
  )
  const gold = tiers[1]?.id ?? ''
  const image = await uploadImage(t, owner, `${prefix}-dress`)
  const now = await cloudNow(t)
  const product = addProduct(t, supplier._id, now - 2000, {
    description: '法式碎花连衣裙',
    specs: [
      { id: 's1', name: '红色 / M', images: [image], price: 5981, tierPrices: { [gold]: 5583 }, retailPrice: 12900, stock: 321 },
      { id: 's2', name: '蓝色 / L', images: [], price: 6187, tierPrices: {}, stock: 17 },
    ],
  })
  const other = addProduct(t, supplier._id, now - 1000, {
    description: '针织开衫',
    specs: [{ id: 'k1', name: '均码', images: [image], price: 4511, tierPrices: {}, stock: 9 }],
  })
  const post = await t.ok('post', 'create', { text: '两款爆款返场', images: [], productIds: [product, other] }, owner)
  const agent = `${prefix}-agent`
  await boundAgent(t, agent, supplier._id, '小美的店')
  const avatar = await uploadImage(t, agent, `${prefix}-avatar`)
  await t.ok('user', 'updateProfile', { avatar, wechatId: 'xiaomei_2026' }, agent)
  await t.ok('network', 'setTier', { agentOpenids: [agent], tierId: gold }, owner)
  await boundAgent(t, `${prefix}-normal`, supplier._id)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  return { owner, supplier, gold, product, other, post: post._id, agent, image }
}

describe('network.setMarkup and network.markup (R16)', () => {
  it('when the agent sets a default and a product override, then the feed and the forward use them, from its own tier price', async () => {
    const s = await scenario('m1')
    expect((await t.ok('network', 'markup', { supplierId: s.supplier._id }, s.agent)).effective).toEqual({
      kind: 'percent',
      value: 20,
      roundUp: true,
    })
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'percent', value: 50 }, s.agent)
    let item = await t.ok('feed', 'product', { id: s.product }, s.agent)
    // 金牌: 5583 × 1.5 = 8374.5 → 8375; 蓝色 has no 金牌 price: 6187 × 1.5 = 9280.5 → 9281.
    expect(item.specs.map((x) => [x.price, x.sellPrice])).toEqual([
      [5583, 8375],
      [6187, 9281],
    ])
    const settings = await t.ok(
      'network',
      'setMarkup',
      { supplierId: s.supplier._id, productId: s.product, kind: 'fixed', value: 1000, roundUp: true },
      s.agent,
    )
    expect(settings).toEqual({
      supplierDefault: { kind: 'percent', value: 50, roundUp: false },
      product: { kind: 'fixed', value: 1000, roundUp: true },
      effective: { kind: 'fixed', value: 1000, roundUp: true },
    })
    item = await t.ok('feed', 'product', { id: s.product }, s.agent)
    expect(item.specs.map((x) => x.sellPrice)).toEqual([6600, 7200])
    // The other product keeps the supplier default.
    expect((await t.ok('feed', 'product', { id: s.other }, s.agent)).specs.map((x) => x.sellPrice)).toEqual([6767])
    // 建议零售价 where the spec has one; the default markup where it has none (蓝色: 6187 × 1.2 → ¥75).
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, productId: s.product, kind: 'suggested' }, s.agent)
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).specs.map((x) => x.sellPrice)).toEqual([12900, 7500])
    await t.ok('network', 'removeMarkup', { supplierId: s.supplier._id, productId: s.product }, s.agent)
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).specs.map((x) => x.sellPrice)).toEqual([8375, 9281])
    // A tier change is followed at once: nothing was stored as text.
    await t.ok('network', 'setTier', { agentOpenids: [s.agent], tierId: s.supplier.tiers[0]?.id ?? '' }, s.owner)
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).specs.map((x) => x.sellPrice)).toEqual([8972, 9281])
  })

  it('when a stranger, the owner or an agent naming another supplier’s product sets a markup, then it is refused and nothing is stored', async () => {
    const s = await scenario('m2')
    const r = await scenario('m3')
    const before = JSON.stringify(t.db.find('markups', {}))
    for (const who of ['m2-stranger', s.owner]) {
      expect(await t.call('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'percent', value: 10 }, who)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    }
    expect(
      await t.call('network', 'setMarkup', { supplierId: s.supplier._id, productId: r.product, kind: 'percent', value: 10 }, s.agent),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await t.call('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'percent', value: 1001 }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(JSON.stringify(t.db.find('markups', {}))).toBe(before)
  })
})

describe('feed.share and feed.forward (R16)', () => {
  it('when the agent forwards a product, then it gets the text, its retail price line and the pictures, and it is counted', async () => {
    const s = await scenario('w1')
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'percent', value: 50 }, s.agent)
    const answer = await t.ok('feed', 'forward', { productId: s.product }, s.agent)
    expect(answer).toMatchObject({ text: '法式碎花连衣裙', priceLine: '💰 ¥83.75 起', token: expect.stringMatching(/^[a-z0-9]{16}$/) })
    expect(answer.path).toBe(`pages/share/index?token=${answer.token}`)
    expect(answer.images).toHaveLength(1)
    expect((await fetch(answer.images[0] ?? '')).status).toBe(200)
    // Sharing the same product again keeps its token (its cards and posters keep working).
    const shared = await t.ok('feed', 'share', { productId: s.product }, s.agent)
    expect(shared.token).toBe(answer.token)
    const [stored] = t.db.find('shares', { token: answer.token }) as Array<Record<string, unknown>>
    expect(stored).toMatchObject({
      agentOpenid: s.agent,
      supplierId: s.supplier._id,
      kind: 'product',
      itemId: s.product,
      forwards: 1,
      shares: 1,
      views: 0,
    })
    const day = shanghaiDay(await cloudNow(t))
    expect(t.db.find('supplier_days', { supplierId: s.supplier._id, day })).toEqual([
      expect.objectContaining({ forwards: 1, shares: 1, views: 0 }),
    ])
    // Made ready for 分享到朋友圈 (which never reports back): the same token, nothing counted.
    const dump = () => JSON.stringify([t.db.find('shares', {}), t.db.find('supplier_days', {}), t.db.find('share_stats', {})])
    const before = dump()
    expect((await t.ok('feed', 'share', { productId: s.product, prepare: true }, s.agent)).token).toBe(answer.token)
    expect(dump()).toBe(before)
    const other = await t.ok('feed', 'share', { productId: s.other, prepare: true }, s.agent)
    expect(t.db.find('shares', { token: other.token })).toEqual([
      expect.objectContaining({ forwards: 0, shares: 0, views: 0, sharedAt: 0 }),
    ])
    // Not in 我的转发 until a customer opens it (then it was shared to Moments).
    expect((await t.ok('feed', 'myShares', {}, s.agent)).items.map((x) => x.itemId)).toEqual([s.product])
    await t.ok('feed', 'shareView', { token: other.token })
    expect((await t.ok('feed', 'myShares', {}, s.agent)).items.map((x) => [x.itemId, x.views])).toEqual([
      [s.other, 1],
      [s.product, 0],
    ])
  })

  it('when the agent forwards a post, then the text is the post’s and the price line covers its on-sale products', async () => {
    const s = await scenario('w2')
    const answer = await t.ok('feed', 'forward', { postId: s.post }, s.agent)
    // Default +20 % rounded up: 5583→6700, 6187→7500, 4511→5500.
    expect(answer).toMatchObject({ text: '两款爆款返场', priceLine: '💰 ¥55.00 起' })
    expect(answer.images).toHaveLength(1)
  })

  it('when a stranger, a removed agent or the owner shares, or the item is off sale, then it is refused and nothing is stored', async () => {
    const s = await scenario('w3')
    await boundAgent(t, 'w3-removed', s.supplier._id)
    await t.ok('network', 'unbind', { agentOpenid: 'w3-removed' }, s.owner)
    const dump = () => JSON.stringify([t.db.find('shares', {}), t.db.find('supplier_days', {}), t.db.find('share_stats', {})])
    const before = dump()
    for (const who of ['w3-stranger', 'w3-removed', s.owner]) {
      expect(await t.call('feed', 'share', { productId: s.product }, who), who).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '商品不存在或已下架' },
      })
      expect(await t.call('feed', 'forward', { postId: s.post }, who), who).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    await t.ok('product', 'delist', { ids: [s.product, s.other] }, s.owner)
    expect(await t.call('feed', 'share', { productId: s.product }, s.agent)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '商品不存在或已下架' },
    })
    expect(await t.call('feed', 'forward', { postId: s.post }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(await t.call('feed', 'share', { productId: s.product })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(dump()).toBe(before)
  })
})

/** Keys the customer view must never carry (R16). */
const FORBIDDEN_KEYS = [
  'supplier',
  'supplierId',
  'tierPrices',
  'tierId',
  'tierName',
  'stock',
  'ownerOpenid',
  'agentOpenid',
  'remark',
  'contact',
  'homeScene',
  'specs',
  '_id',
]

function scan(value: unknown, secrets: string[], numbers: number[], path = '$', found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => scan(v, secrets, numbers, `${path}[${i}]`, found))
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.includes(key)) found.push(`${path}.${key}: forbidden key`)
      scan(v, secrets, numbers, `${path}.${key}`, found)
    }
  } else if (typeof value === 'string') {
    if (value.includes('cloud://')) found.push(`${path}: file ID`)
    for (const secret of secrets) if (value.includes(secret)) found.push(`${path}: ${secret}`)
  } else if (typeof value === 'number' && numbers.includes(value)) found.push(`${path}: ${value}`)
  return found
}

describe('feed.shareView: the customer view (R16)', () => {
  it('when a customer opens a shared product and a shared post, then it sees pictures, text, the retail price and the agent’s card — and nothing of the supplier, purchase prices, stock, tiers or other agents', async () => {
    const s = await scenario('v1')
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'percent', value: 50 }, s.agent)
    const productShare = await t.ok('feed', 'share', { productId: s.product }, s.agent)
    const postShare = await t.ok('feed', 'share', { postId: s.post }, s.agent)
    const productView = await t.call('feed', 'shareView', { token: productShare.token })
    const postView = await t.call('feed', 'shareView', { token: postShare.token }, 'v1-stranger')
    expect(productView).toEqual({
      ok: true,
      data: {
        available: true,
        kind: 'product',
        text: '法式碎花连衣裙',
        images: [expect.stringMatching(/^http/)],
        price: { min: 8375, max: 9281 },
        seller: { nickname: '小美的店', avatarUrl: expect.stringMatching(/^http/), wechatId: 'xiaomei_2026' },
      },
    })
    expect(postView).toMatchObject({
      ok: true,
      data: { available: true, kind: 'post', text: '两款爆款返场', price: { min: 6767, max: 9281 } },
    })
    const stored = storedSupplier(t, s.supplier._id)
    const secrets = [
      s.owner,
      'v1秘密供应商',
      '13912345678',
      stored.homeScene,
      s.supplier._id,
      'v1-normal',
      s.agent,
      '金牌代理',
      '普通代理',
      s.gold,
      s.product,
      s.other,
      s.post,
    ]
    const purchase = [5981, 5583, 6187, 4511, 321, 17, 9, 12900]
    expect(scan([productView, postView], secrets, purchase)).toEqual([])
  })

  it('when a customer opens the card of an agent with an avatar, then the pictures and the avatar are made viewable in one storage call', async () => {
    const s = await scenario('v5')
    const { token } = await t.ok('feed', 'share', { productId: s.product }, s.agent)
    // An open as a phone makes it, with what the gateway counted for its call.
    const body = JSON.stringify({ action: 'shareView', token })
    const reply = await fetch(`${t.cloud.url}/fn/feed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const answer = (await reply.json()) as { ok: boolean; data: { images: string[]; seller: { avatarUrl: string } } }
    expect(answer.ok).toBe(true)
    expect(answer.data.images).toEqual([expect.stringMatching(/^http/)])
    expect(answer.data.seller.avatarUrl).toMatch(/^http/)
    expect(Number(reply.headers.get('x-wegong-storage-ops'))).toBe(1)
  })

  it('when the scan meets a leak, then it reports it', () => {
    expect(scan({ a: { supplier: 1 }, b: ['cloud://x/y', 'xx-secret'], c: 5981 }, ['secret'], [5981])).toHaveLength(4)
  })

  it('when the token is forged or unknown, then the link is invalid; when the product is delisted, deleted or expired, or the agent unbound, then it says off sale', async () => {
    const s = await scenario('v2')
    for (const token of ['abcdefgh23456789', 'nope', 'ABCDEFGH23456789', '../../../x']) {
      expect(await t.call('feed', 'shareView', { token }), token).toEqual(INVALID)
    }
    const a = await t.ok('feed', 'share', { productId: s.product }, s.agent)
    const b = await t.ok('feed', 'share', { productId: s.other }, s.agent)
    const p = await t.ok('feed', 'share', { postId: s.post }, s.agent)
    const gone = { available: false, text: '', images: [], price: null }
    await t.ok('product', 'delist', { ids: [s.product] }, s.owner)
    expect(await t.ok('feed', 'shareView', { token: a.token })).toMatchObject({ ...gone, kind: 'product' })
    expect(await t.ok('feed', 'shareView', { token: p.token })).toMatchObject({ available: true, price: { min: 5500, max: 5500 } })
    await t.ok('product', 'remove', { ids: [s.product] }, s.owner)
    expect(await t.ok('feed', 'shareView', { token: a.token })).toMatchObject(gone)
    expect(await t.ok('feed', 'shareView', { token: b.token })).toMatchObject({ available: true })
    await advanceClock(t, 31 * DAY)
    expect(await t.ok('feed', 'shareView', { token: b.token })).toMatchObject(gone)
    expect(await t.ok('feed', 'shareView', { token: p.token })).toMatchObject(gone)
    const s2 = await scenario('v3')
    const c = await t.ok('feed', 'share', { productId: s2.product }, s2.agent)
    await t.ok('network', 'unbind', { agentOpenid: s2.agent }, s2.owner)
    expect(await t.ok('feed', 'shareView', { token: c.token })).toMatchObject({ ...gone, seller: { nickname: '小美的店' } })
  })
})

describe('feed.myShares and the counts (R16)', () => {
  it('when the agent forwarded and shared, then 我的转发 lists each item once with its live state and counts, and marks what went off sale', async () => {
    const s = await scenario('h1')
    await t.ok('feed', 'forward', { productId: s.product }, s.agent)
    await advanceClock(t, 1000)
    const share = await t.ok('feed', 'share', { postId: s.post }, s.agent)
    await advanceClock(t, 1000)
    await t.ok('feed', 'share', { productId: s.product }, s.agent)
    await t.ok('feed', 'shareView', { token: share.token })
    await t.ok('feed', 'shareView', { token: share.token })
    let mine = await t.ok('feed', 'myShares', {}, s.agent)
    expect(mine.items.map((x) => [x.kind, x.itemId, x.state, x.forwards, x.shares, x.views])).toEqual([
      ['product', s.product, 'on_sale', 1, 1, 0],
      ['post', s.post, 'on_sale', 0, 1, 2],
    ])
    expect(mine.offSale).toBe(0)
    expect(mine.items[0]?.thumbnail).toMatch(/^http/)
    await t.ok('product', 'delist', { ids: [s.product] }, s.owner)
    mine = await t.ok('feed', 'myShares', {}, s.agent)
    expect(mine.items.map((x) => x.state)).toEqual(['off_sale', 'on_sale'])
    expect(mine.offSale).toBe(1)
    const paged = await t.ok('feed', 'myShares', { limit: 1 }, s.agent)
    const next = await t.ok('feed', 'myShares', { limit: 1, cursor: paged.nextCursor ?? '' }, s.agent)
    expect([...paged.items, ...next.items].map((x) => x.itemId)).toEqual([s.product, s.post])
    expect((await t.ok('feed', 'myShares', {}, 'h1-normal')).items).toEqual([])

    // Supplier insight while the opens are still pending (not yet folded into the counters): the
    // owner's counts already add them.
    const day = shanghaiDay(await cloudNow(t))
    expect(t.db.find('supplier_days', { supplierId: s.supplier._id, day })).toEqual([
      expect.objectContaining({ forwards: 1, shares: 2, views: 0 }),
    ])
    // The owner reads them with its lists: 本周转发, and the last 7 / 30 days per product and agent.
    const readInsight = () =>
      t.ok('network', 'shareStats', { productIds: [s.product, s.other, 'not-mine'], agentOpenids: [s.agent, 'h1-normal'] }, s.owner)
    const insight = await readInsight()
    expect(insight.week).toEqual({ forwards: 1, shares: 2, views: 2 })
    expect(insight.products).toEqual([
      { productId: s.product, last7: { forwards: 1, shares: 1, views: 0 }, last30: { forwards: 1, shares: 1, views: 0 } },
      { productId: s.other, last7: { forwards: 0, shares: 0, views: 0 }, last30: { forwards: 0, shares: 0, views: 0 } },
      { productId: 'not-mine', last7: { forwards: 0, shares: 0, views: 0 }, last30: { forwards: 0, shares: 0, views: 0 } },
    ])
    expect(insight.agents[0]).toEqual({
      agentOpenid: s.agent,
      last7: { forwards: 1, shares: 2, views: 2 },
      last30: { forwards: 1, shares: 2, views: 2 },
    })
    // The timer folds the settled opens: the stored counters then add up alone, and the owner reads the same.
    await advanceClock(t, 11 * 60_000)
    await trigger(t, 'expire')
    expect(t.db.find('share_opens', { supplierId: s.supplier._id })).toEqual([])
    expect(t.db.find('supplier_days', { supplierId: s.supplier._id, day })).toEqual([
      expect.objectContaining({ forwards: 1, shares: 2, views: 2 }),
    ])
    const stats = t.db.find('share_stats', { supplierId: s.supplier._id }) as Array<{
      subject: string
      forwards: number
      shares: number
      views: number
    }>
    const bySubject = Object.fromEntries(stats.map((x) => [x.subject, [x.forwards, x.shares, x.views]]))
    expect(bySubject).toEqual({ [`p:${s.product}`]: [1, 1, 0], [`a:${s.agent}`]: [1, 2, 2] })

    expect(await readInsight()).toEqual(insight)
    expect((await t.ok('feed', 'myShares', {}, s.agent)).items.map((x) => x.views)).toEqual([0, 2])
    // Eight days later the 7-day window is empty and the 30-day one still counts.
    await advanceClock(t, 8 * DAY)
    const later = await t.ok('network', 'shareStats', { productIds: [s.product], agentOpenids: [] }, s.owner)
    expect(later.products[0]).toEqual({
      productId: s.product,
      last7: { forwards: 0, shares: 0, views: 0 },
      last30: { forwards: 1, shares: 1, views: 0 },
    })
    expect(await t.call('network', 'shareStats', { productIds: [s.product] }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
  })
})

describe('feed.shareCode (the poster’s code)', () => {
  it('when the agent asks for its share’s code, then it gets a code image with the token as scene; another user gets NOT_FOUND', async () => {
    const s = await scenario('q1')
    const { token } = await t.ok('feed', 'share', { productId: s.product }, s.agent)
    const code = await t.ok('feed', 'shareCode', { token }, s.agent)
    expect(code.scene).toBe(token)
    expect((await fetch(code.image)).status).toBe(200)
    expect(await t.call('feed', 'shareCode', { token }, 'q1-normal')).toEqual(INVALID)
  })
})
