import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { binding, feedCard, shop, spec } from './binding-copies-fixtures'
import { addProduct, boundAgent, cloudNow, sceneOf, storedSupplier, uploadImage } from './network-fixtures'

/**
 * Each binding carries what its agent's pages show of the supplier (card, tiers) and the
 * agent's markups, so a feed page reads the bindings and the products only. These tests prove the
 * copies follow every change and stay bounded; binding-copies-migration.test.ts proves that bindings
 * made before the copies are migrated once, and what an agent page costs.
 */

const t = testCloudForFile()

describe("the binding's copies follow every change", () => {
  it('when the supplier renames itself and changes category, then its agents see the new card at once', async () => {
    const s = await shop(t, 'c1')
    expect(await feedCard(t, s.agent)).toMatchObject({ name: 'c1供应商', mainCategory: '女装' })
    const updated = await t.ok('supplier', 'updateProfile', { name: 'c1新名字', contact: '13900139000', mainCategory: '童装' }, s.owner)
    expect(updated).toMatchObject({ name: 'c1新名字', contact: '13900139000', mainCategory: '童装' })
    expect(await feedCard(t, s.agent)).toMatchObject({ name: 'c1新名字', mainCategory: '童装' })
    expect(binding(t, s.supplier._id, s.agent).supplier).toMatchObject({ name: 'c1新名字', mainCategory: '童装' })
    expect((await t.ok('feed', 'product', { id: s.product }, s.agent)).supplier.name).toBe('c1新名字')
    const [stored] = t.db.find('suppliers', { _id: s.supplier._id })
    expect(stored).toMatchObject({ name: 'c1新名字', contact: '13900139000', mainCategory: '童装' })
  })

  it('when a profile edit is refused, then nothing changes, on the supplier or on any binding', async () => {
    const s = await shop(t, 'c2')
    const refused = await t.call('supplier', 'updateProfile', { name: '', contact: '13900139000', mainCategory: '童装' }, s.owner)
    expect(refused.ok).toBe(false)
    const notOwner = await t.call('supplier', 'updateProfile', { name: '冒名', contact: '13900139000', mainCategory: '童装' }, s.agent)
    expect(notOwner).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(binding(t, s.supplier._id, s.agent).supplier).toMatchObject({ name: 'c2供应商', mainCategory: '女装' })
    expect(storedSupplier(t, s.supplier._id)).toMatchObject({ name: 'c2供应商' })
  })

  it("when the owner changes its avatar, then its agents' cards show it; its nickname alone changes nothing", async () => {
    const s = await shop(t, 'c3')
    expect((await feedCard(t, s.agent))?.avatarUrl).toBe('')
    const avatar = await uploadImage(t, s.owner, 'c3-avatar')
    await t.ok('user', 'updateProfile', { avatar }, s.owner)
    expect(binding(t, s.supplier._id, s.agent).supplier?.avatar).toBe(avatar)
    // The URL names the stored file by the name the server gave it, not by what the owner called it.
    expect((await feedCard(t, s.agent))?.avatarUrl).toMatch(new RegExp(`^http.*/${avatar.split('/').pop() ?? '-'}$`))
    const { items } = await t.ok('feed', 'products', {}, s.agent)
    expect((await fetch(items[0]?.supplier.avatarUrl ?? '')).status).toBe(200)
    await t.ok('user', 'updateProfile', { nickname: '新昵称' }, s.owner)
    expect(binding(t, s.supplier._id, s.agent).supplier?.avatar).toBe(avatar)
    // An agent's own avatar is not a supplier's card.
    const agentAvatar = await uploadImage(t, s.agent, 'c3-agent-avatar')
    await t.ok('user', 'updateProfile', { avatar: agentAvatar }, s.agent)
    expect(binding(t, s.supplier._id, s.agent).supplier?.avatar).toBe(avatar)
  })

  it("when the tiers are saved, then every binding carries the new list and the agent's price follows", async () => {
    const s = await shop(t, 'c4')
    const saved = await t.ok('network', 'saveTiers', { tiers: [{ name: '普通代理' }, { name: '金牌代理' }] }, s.owner)
    const [normal, gold] = saved.tiers
    if (!normal || !gold) throw new Error('two tiers')
    expect(binding(t, s.supplier._id, s.agent).tiers).toEqual(storedSupplier(t, s.supplier._id).tiers)
    const now = await cloudNow(t)
    const priced = addProduct(t, s.supplier._id, now, { specs: spec(5000, { [normal.id]: 4500, [gold.id]: 4000 }) })
    const price = async () => (await t.ok('feed', 'product', { id: priced }, s.agent)).specs[0]?.price
    expect(await price()).toBe(4500)
    await t.ok('network', 'setTier', { agentOpenids: [s.agent], tierId: gold.id }, s.owner)
    expect(await price()).toBe(4000)
    // Deleting 金牌 moves the agent to the new rank 1; the deleted tier's price never applies.
    await t.ok('network', 'saveTiers', { tiers: [{ id: normal.id, name: '普通代理' }] }, s.owner)
    expect(binding(t, s.supplier._id, s.agent).tiers).toEqual([{ id: normal.id, name: '普通代理', rank: 1 }])
    expect(await price()).toBe(4500)
  })

  it('when the agent sets and removes markups, then its feeds, product page and forward follow, and the binding holds them', async () => {
    const s = await shop(t, 'c5')
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
    expect(binding(t, s.supplier._id, s.agent).markups).toEqual({
      supplier: { kind: 'fixed', value: 1000, roundUp: false },
      products: { [s.product]: { kind: 'percent', value: 50, roundUp: false } },
    })
    const removed = await t.ok('network', 'removeMarkup', { supplierId: s.supplier._id, productId: s.product }, s.agent)
    expect(removed.product).toBeNull()
    expect(removed.effective).toEqual({ kind: 'fixed', value: 1000, roundUp: false })
    expect(await sell()).toEqual({ [s.product]: 6000, [other]: 11000 })
    expect(binding(t, s.supplier._id, s.agent).markups?.products).toEqual({})
    // Another agent of the same supplier keeps its own (none).
    await boundAgent(t, 'c5-other-agent', s.supplier._id)
    expect((await t.ok('feed', 'product', { id: other }, 'c5-other-agent')).specs[0]?.sellPrice).toBe(12000)
  })

  it('when the agent saves the markup it already has, or removes one it never set, then it is answered ok and nothing changes', async () => {
    const s = await shop(t, 'c7')
    const input = { supplierId: s.supplier._id, productId: s.product, kind: 'fixed', value: 500, roundUp: false } as const
    await t.ok('network', 'setMarkup', input, s.agent)
    const before = binding(t, s.supplier._id, s.agent).markups
    expect((await t.ok('network', 'setMarkup', input, s.agent)).product).toEqual({ kind: 'fixed', value: 500, roundUp: false })
    const now = await cloudNow(t)
    const other = addProduct(t, s.supplier._id, now)
    expect((await t.ok('network', 'removeMarkup', { supplierId: s.supplier._id, productId: other }, s.agent)).product).toBeNull()
    expect(binding(t, s.supplier._id, s.agent).markups).toEqual(before)
  })

  it('when the agent is removed, then it sees nothing; bound again, it starts afresh with the current card', async () => {
    const s = await shop(t, 'c6')
    await t.ok('network', 'setMarkup', { supplierId: s.supplier._id, kind: 'fixed', value: 1000, roundUp: false }, s.agent)
    await t.ok('network', 'unbind', { agentOpenid: s.agent }, s.owner)
    expect((await t.ok('feed', 'products', {}, s.agent)).items).toEqual([])
    expect((await t.ok('feed', 'posts', {}, s.agent)).items).toEqual([])
    expect(await t.call('feed', 'product', { id: s.product }, s.agent)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Changes while it is away reach nobody's binding but come with the new one.
    await t.ok('supplier', 'updateProfile', { name: 'c6改名', contact: '13800138000', mainCategory: '女装' }, s.owner)
    await t.ok('network', 'bind', { scene: sceneOf(t, s.supplier._id) }, s.agent)
    expect(binding(t, s.supplier._id, s.agent)).toMatchObject({
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
    const s = await shop(t, prefix)
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
    const before = binding(t, full.supplier._id, full.agent).markups
    expect(Object.keys(before?.products ?? {})).toHaveLength(200)
    const refused = await t.call(
      'network',
      'setMarkup',
      { supplierId: full.supplier._id, productId: full.product, kind: 'fixed', value: 100, roundUp: false },
      full.agent,
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(binding(t, full.supplier._id, full.agent).markups).toEqual(before)
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
    const after = binding(t, full.supplier._id, full.agent).markups?.products ?? {}
    expect(Object.keys(after)).toHaveLength(199)
    expect(after[full.product]).toEqual({ kind: 'fixed', value: 500, roundUp: false })
    expect(after[first ?? '']).toEqual({ kind: 'fixed', value: 300, roundUp: false })
    expect(after[a ?? '']).toBeUndefined()
  })
})
