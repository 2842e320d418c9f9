import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Spec } from '@/domain/product'
import { startTestCloud, type TestCloud } from './harness'
import { addProduct, boundAgent, cloudNow, registered, sceneOf, storedSupplier, uploadImage } from './network-fixtures'
import { trigger } from './product-fixtures'

/**
 * Each binding carries what its agent's pages show of the supplier (card, tiers) and the
 * agent's markups, so a feed page reads the bindings and the products only. These tests prove the
 * copies follow every change, that bindings made before the copies are migrated once, and the cost.
 */

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.close()
})

/** An action's answer with the DB reads the local cloud counted for it (as WeChat bills them). */
async function withReads(fn: string, event: Record<string, unknown>, openid: string) {
  const response = await fetch(`${t.cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify(event),
  })
  const answer = (await response.json()) as { ok: boolean; data: unknown }
  expect(answer.ok).toBe(true)
  return { data: answer.data, reads: Number(response.headers.get('x-wegong-db-reads')) }
}

interface StoredBinding {
  supplier?: { name?: string; mainCategory?: string; avatar?: string }
  tiers?: Array<{ id: string; name: string; rank: number }>
  markups?: { supplier: unknown; products: Record<string, unknown> }
}

function binding(supplierId: string, agentOpenid: string): StoredBinding {
  const [row] = t.db.find('bindings', { supplierId, agentOpenid })
  if (!row) throw new Error(`no binding of ${agentOpenid} to ${supplierId}`)
  return row as StoredBinding
}

const spec = (price: number, tierPrices: Record<string, number> = {}): Spec[] => [
  { id: 's1', name: '均码', images: [], price, tierPrices, stock: 10 },
]

/** A supplier with one on-sale product (¥50.00) and a post linking it, and one bound agent. */
async function shop(prefix: string) {
  const supplier = await registered(t, `${prefix}-owner`, `${prefix}供应商`)
  await boundAgent(t, `${prefix}-agent`, supplier._id)
  const now = await cloudNow(t)
  const product = addProduct(t, supplier._id, now - 1000, { specs: spec(5000) })
  t.db.insertMany('posts', [{ supplierId: supplier._id, text: '上新', images: [], productIds: [product], createdAt: now - 500 }])
  return { supplier, product, owner: `${prefix}-owner`, agent: `${prefix}-agent` }
}

async function feedCard(agent: string) {
  const { items } = await t.ok('feed', 'products', {}, agent)
  const { items: posts } = await t.ok('feed', 'posts', {}, agent)
  const { items: suppliers } = await t.ok('network', 'mySuppliers', {}, agent)
  // Temporary URLs are signed per request: the same file, not the same string.
  const cards = [items[0]?.supplier, posts[0]?.supplier, suppliers[0]?.supplier].map(
    (card) => card && { ...card, avatarUrl: card.avatarUrl.split('?')[0] ?? '' },
  )
  expect(cards[1]).toEqual(cards[0])
  expect(cards[2]).toEqual(cards[0])
  return cards[0]
}

describe("the binding's copies follow every change", () => {
  it('when the supplier renames itself and changes category, then its agents see the new card at once', async () => {
    const s = await shop('c1')
    expect(await feedCard(s.agent)).toMatchObject({ name: 'c1供应商', mainCategory: '女装' })
    const updated = await t.ok('supplier', 'updateProfile', { name: 'c1新名字', contact: '13900139000', mainCategory: '童装' }, s.owner)
    expect(updated).toMatchObject({ name: 'c1新名字', contact: '13900139000', mainCategory: '童装' })
    expect(await feedCard(s.agent)).toMatchObject({ name: 'c1新名字', mainCategory: '童装' })
    expect(binding(s.supplier._id, s.agent).supplier).toMatchObject({ name: 'c1新名字', mainCategory: '童装' })
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).supplier.name).toBe('c1新名字')
    const [stored] = t.db.find('suppliers', { _id: s.supplier._id })
    expect(stored).toMatchObject({ name: 'c1新名字', contact: '13900139000', mainCategory: '童装' })
  })

  it('when a profile edit is refused, then nothing changes, on the supplier or on any binding', async () => {
    const s = await shop('c2')
    const refused = await t.call('supplier', 'updateProfile', { name: '', contact: '13900139000', mainCategory: '童装' }, s.owner)
    expect(refused.ok).toBe(false)
    const notOwner = await t.call('supplier', 'updateProfile', { name: '冒名', contact: '13900139000', mainCategory: '童装' }, s.agent)
    expect(notOwner).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(binding(s.supplier._id, s.agent).supplier).toMatchObject({ name: 'c2供应商', mainCategory: '女装' })
    expect(storedSupplier(t, s.supplier._id)).toMatchObject({ name: 'c2供应商' })
  })

  it("when the owner changes its avatar, then its agents' cards show it; its nickname alone changes nothing", async () => {
    const s = await shop('c3')
    expect((await feedCard(s.agent))?.avatarUrl).toBe('')
    const avatar = await uploadImage(t, s.owner, 'c3-avatar')
    await t.ok('user', 'updateProfile', { avatar }, s.owner)
    expect(binding(s.supplier._id, s.agent).supplier?.avatar).toBe(avatar)
    expect((await feedCard(s.agent))?.avatarUrl).toMatch(/^http.*c3-avatar\.png$/)
    const { items } = await t.ok('feed', 'products', {}, s.agent)
    expect((await fetch(items[0]?.supplier.avatarUrl ?? '')).status).toBe(200)
    await t.ok('user', 'updateProfile', { nickname: '新昵称' }, s.owner)
    expect(binding(s.supplier._id, s.agent).supplier?.avatar).toBe(avatar)
    // An agent's own avatar is not a supplier's card.
    const agentAvatar = await uploadImage(t, s.agent, 'c3-agent-avatar')
    await t.ok('user', 'updateProfile', { avatar: agentAvatar }, s.agent)
    expect(binding(s.supplier._id, s.agent).supplier?.avatar).toBe(avatar)
  })

  it("when the tiers are saved, then every binding carries the new list and the agent's price follows", async () => {
    const s = await shop('c4')
    const saved = await t.ok('network', 'saveTiers', { tiers: [{ name: '普通代理' }, { name: '金牌代理' }] }, s.owner)
    const [normal, gold] = saved.tiers
    if (!normal || !gold) throw new Error('two tiers')
    expect(binding(s.supplier._id, s.agent).tiers).toEqual(storedSupplier(t, s.supplier._id).tiers)
    const now = await cloudNow(t)
    const priced = addProduct(t, s.supplier._id, now, { specs: spec(5000, { [normal.id]: 4500, [gold.id]: 4000 }) })
    const price = async () => (await t.ok('feed', 'product', { id: priced }, s.agent)).specs[0]?.price
    expect(await price()).toBe(4500)
    await t.ok('network', 'setTier', { agentOpenids: [s.agent], tierId: gold.id }, s.owner)
    expect(await price()).toBe(4000)
    // Deleting 金牌 moves the agent to the new rank 1; the deleted tier's price never applies.
    await t.ok('network', 'saveTiers', { tiers: [{ id: normal.id, name: '普通代理' }] }, s.owner)
    expect(binding(s.supplier._id, s.agent).tiers).toEqual([{ id: normal.id, name: '普通代理', rank: 1 }])
    expect(await price()).toBe(4500)
  })

  it('when the agent sets and removes markups, then its feeds, product page and forward follow, and the binding holds them', async () => {
    const s = await shop('c5')
    const now = await cloudNow(t)
    const other = addProduct(t, s.supplier._id, now, { specs: spec(10000) })
    const sell = async () => {
      const { items } = await t.ok('feed', 'products', {}, s.agent)
      return Object.fromEntries(items.map((p) => [p._id, p.specs[0]?.sellPrice]))
    }
    // The platform default: +20 %, whole yuan up.
    expect(await sell()).toEqual({ [s.product]: 6000, [other]: 12000 })
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'fixed', value: 1000, roundUp: false }, s.agent)
    expect(await sell()).toEqual({ [s.product]: 6000, [other]: 11000 })
    const settings = await t.ok(
      'network',
      'setMarkup',
      { supplierId: s.supplier._id, productId: s.product, kind: 'percent', value: 50, roundUp: false },
      s.agent,
    )
    expect(settings).toEqual({
      supplierDefault: { kind: 'fixed', value: 1000, roundUp: false },
      product: { kind: 'percent', value: 50, roundUp: false },
      effective: { kind: 'percent', value: 50, roundUp: false },
    })
    expect(await sell()).toEqual({ [s.product]: 7500, [other]: 11000 })
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).specs[0]?.sellPrice).toBe(7500)
    const { items: posts } = await t.ok('feed', 'posts', {}, s.agent)
    expect(posts[0]?.products[0]).toMatchObject({ _id: s.product, minRetail: 7500 })
    expect((await t.ok('feed', 'forward', { productId: s.product }, s.agent)).priceLine).toContain('75.00')
    expect(binding(s.supplier._id, s.agent).markups).toEqual({
      supplier: { kind: 'fixed', value: 1000, roundUp: false },
      products: { [s.product]: { kind: 'percent', value: 50, roundUp: false } },
    })
    const removed = await t.ok('network', 'removeMarkup', { supplierId: s.supplier._id, productId: s.product }, s.agent)
    expect(removed.product).toBeNull()
    expect(removed.effective).toEqual({ kind: 'fixed', value: 1000, roundUp: false })
    expect(await sell()).toEqual({ [s.product]: 6000, [other]: 11000 })
    expect(binding(s.supplier._id, s.agent).markups?.products).toEqual({})
    // Another agent of the same supplier keeps its own (none).
    await boundAgent(t, 'c5-other-agent', s.supplier._id)
    expect((await t.ok('feed', 'product', { id: other }, 'c5-other-agent')).specs[0]?.sellPrice).toBe(12000)
  })

  it('when the agent saves the markup it already has, or removes one it never set, then it is answered ok and nothing changes', async () => {
    const s = await shop('c7')
    const input = { supplierId: s.supplier._id, productId: s.product, kind: 'fixed', value: 500, roundUp: false } as const
    await t.ok('network', 'setMarkup', input, s.agent)
    const before = binding(s.supplier._id, s.agent).markups
    expect((await t.ok('network', 'setMarkup', input, s.agent)).product).toEqual({ kind: 'fixed', value: 500, roundUp: false })
    const now = await cloudNow(t)
    const other = addProduct(t, s.supplier._id, now)
    expect((await t.ok('network', 'removeMarkup', { supplierId: s.supplier._id, productId: other }, s.agent)).product).toBeNull()
    expect(binding(s.supplier._id, s.agent).markups).toEqual(before)
  })

  it('when the agent is removed, then it sees nothing; bound again, it starts afresh with the current card', async () => {
    const s = await shop('c6')
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'fixed', value: 1000, roundUp: false }, s.agent)
    await t.ok('network', 'unbind', { agentOpenid: s.agent }, s.owner)
    expect((await t.ok('feed', 'products', {}, s.agent)).items).toEqual([])
    expect((await t.ok('feed', 'posts', {}, s.agent)).items).toEqual([])
    expect(await t.call('feed', 'product', { id: s.product }, s.agent)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Changes while it is away reach nobody's binding but come with the new one.
    await t.ok('supplier', 'updateProfile', { name: 'c6改名', contact: '13800138000', mainCategory: '女装' }, s.owner)
    await t.ok('network', 'bind', { scene: sceneOf(t, s.supplier._id) }, s.agent)
    expect(binding(s.supplier._id, s.agent)).toMatchObject({
      supplier: { name: 'c6改名', mainCategory: '女装', avatar: '' },
      tiers: storedSupplier(t, s.supplier._id).tiers,
      markups: { supplier: null, products: {} },
    })
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).specs[0]?.sellPrice).toBe(6000)
  })
})

describe('markups per binding stay bounded (R16)', () => {
  /** A shop whose agent has its own markup on 200 products, set through the function. */
  async function crowded(prefix: string) {
    const s = await shop(prefix)
    const now = await cloudNow(t)
    const ids = t.db.insertMany(
      'products',
      Array.from({ length: 200 }, (_, i) => ({
        ...t.db.find('products', { _id: s.product })[0],
        _id: `${prefix}-p${i}`,
        publishedAt: now - i,
      })),
    )
    for (const id of ids) {
      await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, productId: id, kind: 'fixed', value: 100, roundUp: false }, s.agent)
    }
    return { ...s, ids }
  }

  it('when 200 products have their own markup, then a 201st is refused and nothing changes; one of a product that is gone makes room', async () => {
    const full = await crowded('m1')
    const before = binding(full.supplier._id, full.agent).markups
    expect(Object.keys(before?.products ?? {})).toHaveLength(200)
    const refused = await t.call(
      'network',
      'setMarkup',
      { supplierId: full.supplier._id, productId: full.product, kind: 'fixed', value: 100, roundUp: false },
      full.agent,
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(binding(full.supplier._id, full.agent).markups).toEqual(before)
    // Changing one already set is no new override.
    const [first] = full.ids
    await t.ok(
      'network',
      'setMarkup',
      { supplierId: full.supplier._id, productId: first ?? '', kind: 'fixed', value: 300, roundUp: false },
      full.agent,
    )
    // The supplier deletes two of them: the next override takes the room of the ones gone.
    const [a, b] = full.ids.slice(1)
    await t.ok('product', 'remove', { ids: [a ?? '', b ?? ''] }, full.owner)
    await t.ok(
      'network',
      'setMarkup',
      { supplierId: full.supplier._id, productId: full.product, kind: 'fixed', value: 500, roundUp: false },
      full.agent,
    )
    const after = binding(full.supplier._id, full.agent).markups?.products ?? {}
    expect(Object.keys(after)).toHaveLength(199)
    expect(after[full.product]).toEqual({ kind: 'fixed', value: 500, roundUp: false })
    expect(after[first ?? '']).toEqual({ kind: 'fixed', value: 300, roundUp: false })
    expect(after[a ?? '']).toBeUndefined()
  })
})

describe('bindings made before they carried copies: their one-off migration', () => {
  /** A supplier with tiers 普通 and 金牌, an owner avatar, a product priced per tier; an agent bound the old way. */
  async function legacy(prefix: string, markups: Array<{ productId: string; value: number }>) {
    const owner = `${prefix}-owner`
    const agent = `${prefix}-agent`
    const supplier = await registered(t, owner, `${prefix}供应商`)
    const avatar = await uploadImage(t, owner, `${prefix}-avatar`)
    await t.ok('user', 'updateProfile', { avatar }, owner)
    const saved = await t.ok(
      'network',
      'saveTiers',
      { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }, { name: '金牌代理' }] },
      owner,
    )
    const gold = saved.tiers[1]?.id ?? ''
    await t.ok('user', 'login', {}, agent)
    const now = await cloudNow(t)
    const product = addProduct(t, supplier._id, now - 1000, { specs: spec(5000, { [gold]: 4000 }) })
    t.db.insertMany('bindings', [{ supplierId: supplier._id, agentOpenid: agent, tierId: gold, remark: '', createdAt: now }])
    t.db.insertMany(
      'markups',
      markups.map((m) => ({
        _id: `${agent}:${supplier._id}:${m.productId || '*'}`,
        agentOpenid: agent,
        supplierId: supplier._id,
        productId: m.productId === 'product' ? product : m.productId,
        kind: 'fixed',
        value: m.value,
        roundUp: false,
        updatedAt: now,
      })),
    )
    return { supplier, owner, agent, avatar, gold, product }
  }

  it('when the timer runs the migration, then every old binding gets its card, tiers and markups once, changes made meanwhile are kept, and it marks itself done', async () => {
    const l1 = await legacy('l1', [
      { productId: '', value: 1000 },
      { productId: 'product', value: 2000 },
    ])
    const l2 = await legacy('l2', [{ productId: '', value: 1000 }])
    const l3 = await legacy('l3', [])
    // A supplier that is gone: its old binding is passed over and never blocks the migration.
    t.db.insertMany('bindings', [{ supplierId: 'gone-supplier', agentOpenid: l1.agent, tierId: 'x', remark: '', createdAt: 1 }])

    // Before the migration an old binding shows nothing rather than a guessed price, and readers write nothing.
    expect((await t.ok('feed', 'products', {}, l1.agent)).items).toEqual([])
    expect(
      await t.call('network', 'setMarkup', { supplierId: l2.supplier._id, kind: 'fixed', value: 1, roundUp: false }, l2.agent),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(binding(l1.supplier._id, l1.agent)).not.toHaveProperty('markups')
    // A change reaching an old binding before the migration is kept by it.
    await t.ok('supplier', 'updateProfile', { name: 'l3新名', contact: '13800138000', mainCategory: '童装' }, l3.owner)
    expect(binding(l3.supplier._id, l3.agent).supplier).toEqual({ name: 'l3新名', mainCategory: '童装' })

    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { bindingCopies: { migratedBindings: 4, done: true } } })
    expect(t.db.find('migrations', {})).toEqual([expect.objectContaining({ _id: 'binding-copies', doneAt: expect.any(Number) })])
    expect(binding(l1.supplier._id, l1.agent)).toMatchObject({
      supplier: { name: 'l1供应商', mainCategory: '女装', avatar: l1.avatar },
      tiers: storedSupplier(t, l1.supplier._id).tiers,
      markups: {
        supplier: { kind: 'fixed', value: 1000, roundUp: false },
        products: { [l1.product]: { kind: 'fixed', value: 2000, roundUp: false } },
      },
    })
    expect(binding(l3.supplier._id, l3.agent)).toMatchObject({
      supplier: { name: 'l3新名', mainCategory: '童装', avatar: l3.avatar },
      markups: { supplier: null, products: {} },
    })
    expect(binding('gone-supplier', l1.agent)).toEqual(expect.not.objectContaining({ markups: expect.anything() }))

    // Done: the next run reads its mark and nothing else.
    const before = JSON.stringify(t.db.find('bindings', {}))
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { bindingCopies: { migratedBindings: 0, done: true } } })
    expect(JSON.stringify(t.db.find('bindings', {}))).toBe(before)

    // The first read after it costs what every read costs, and shows the old card, tier price and markups.
    const first = await withReads('feed', { action: 'products' }, l1.agent)
    const { items } = first.data as {
      items: Array<{ supplier: { name: string; avatarUrl: string }; specs: Array<{ price: number; sellPrice: number }> }>
    }
    expect(first.reads).toBe(2)
    expect(items[0]?.supplier).toMatchObject({ name: 'l1供应商', avatarUrl: expect.stringMatching(/^http/) })
    expect(items[0]?.specs[0]).toMatchObject({ price: 4000, sellPrice: 6000 })
    const l3Items = (await t.ok('feed', 'products', {}, l3.agent)).items
    expect(l3Items[0]?.supplier).toMatchObject({ name: 'l3新名', mainCategory: '童装', avatarUrl: expect.stringMatching(/^http/) })
    const settings = await t.ok('network', 'markup', { supplierId: l1.supplier._id, productId: l1.product }, l1.agent)
    expect(settings.product).toEqual({ kind: 'fixed', value: 2000, roundUp: false })

    // Markups now live on the binding: a change keeps the earlier ones beside it.
    await t.ok(
      'network',
      'setMarkup',
      { supplierId: l2.supplier._id, productId: l2.product, kind: 'fixed', value: 3000, roundUp: false },
      l2.agent,
    )
    expect(binding(l2.supplier._id, l2.agent).markups).toEqual({
      supplier: { kind: 'fixed', value: 1000, roundUp: false },
      products: { [l2.product]: { kind: 'fixed', value: 3000, roundUp: false } },
    })
    expect((await t.ok('feed', 'product', { id: l2.product }, l2.agent)).specs[0]?.sellPrice).toBe(7000)
  })

  it('when a bind was cut off before its copies were written, then its retry completes them', async () => {
    const s = await shop('l4')
    const agent = 'l4-late'
    await t.ok('user', 'login', {}, agent)
    t.db.insertMany('bindings', [
      { supplierId: s.supplier._id, agentOpenid: agent, tierId: s.supplier.tiers[0]?.id, remark: '', createdAt: 1 },
    ])
    expect((await t.ok('feed', 'products', {}, agent)).items).toEqual([])
    expect(await t.ok('network', 'bind', { scene: sceneOf(t, s.supplier._id) }, agent)).toMatchObject({ alreadyBound: true })
    expect(binding(s.supplier._id, agent)).toMatchObject({
      supplier: { name: 'l4供应商', mainCategory: '女装', avatar: '' },
      tiers: storedSupplier(t, s.supplier._id).tiers,
      markups: { supplier: null, products: {} },
    })
    expect((await t.ok('feed', 'products', {}, agent)).items.map((p) => p._id)).toEqual([s.product])
  })
})

describe('what an agent page costs', () => {
  it('when an agent of three suppliers reads its feeds, then a product page costs two reads at any depth and size, a post page three', async () => {
    const agent = 'k-agent'
    const shops = []
    for (const prefix of ['k1', 'k2', 'k3']) {
      const s = await shop(prefix)
      await boundAgent(t, agent, s.supplier._id)
      const now = await cloudNow(t)
      for (let i = 0; i < 3; i += 1) addProduct(t, s.supplier._id, now - 2000 - i)
      shops.push(s)
    }
    const first = await withReads('feed', { action: 'products', limit: 5 }, agent)
    const page = first.data as { items: unknown[]; nextCursor: string }
    expect(page.items).toHaveLength(5)
    const deeper = await withReads('feed', { action: 'products', limit: 5, cursor: page.nextCursor }, agent)
    const one = await withReads('feed', { action: 'products', limit: 1 }, agent)
    const filtered = await withReads('feed', { action: 'products', supplierId: shops[1]?.supplier._id }, agent)
    expect([first.reads, deeper.reads, one.reads, filtered.reads]).toEqual([2, 2, 2, 2])
    expect((await withReads('feed', { action: 'product', id: shops[2]?.product }, agent)).reads).toBe(2)
    expect((await withReads('feed', { action: 'posts' }, agent)).reads).toBe(3)
    expect((await withReads('network', { action: 'mySuppliers' }, agent)).reads).toBe(2)
  })
})
