import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { binding, shop, spec, withReads } from './binding-copies-fixtures'
import { addProduct, boundAgent, cloudNow, registered, sceneOf, storedSupplier, uploadImage } from './network-fixtures'
import { trigger } from './product-fixtures'

/** Bindings made before they carried copies are migrated once; with the copies, an agent page reads the bindings alone. */

const t = testCloudForFile()

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
    expect(binding(t, l1.supplier._id, l1.agent)).not.toHaveProperty('markups')
    // A change reaching an old binding before the migration is kept by it.
    await t.ok('supplier', 'updateProfile', { name: 'l3新名', contact: '13800138000', mainCategory: '童装' }, l3.owner)
    expect(binding(t, l3.supplier._id, l3.agent).supplier).toEqual({ name: 'l3新名', mainCategory: '童装' })

    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { bindingCopies: { migratedBindings: 4, done: true } } })
    expect(t.db.find('migrations', { _id: 'binding-copies' })).toEqual([expect.objectContaining({ doneAt: expect.any(Number) })])
    expect(binding(t, l1.supplier._id, l1.agent)).toMatchObject({
      supplier: { name: 'l1供应商', mainCategory: '女装', avatar: l1.avatar },
      tiers: storedSupplier(t, l1.supplier._id).tiers,
      markups: {
        supplier: { kind: 'fixed', value: 1000, roundUp: false },
        products: { [l1.product]: { kind: 'fixed', value: 2000, roundUp: false } },
      },
    })
    expect(binding(t, l3.supplier._id, l3.agent)).toMatchObject({
      supplier: { name: 'l3新名', mainCategory: '童装', avatar: l3.avatar },
      markups: { supplier: null, products: {} },
    })
    expect(binding(t, 'gone-supplier', l1.agent)).toEqual(expect.not.objectContaining({ markups: expect.anything() }))

    // Done: the next run reads its mark and nothing else.
    const before = JSON.stringify(t.db.find('bindings', {}))
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { bindingCopies: { migratedBindings: 0, done: true } } })
    expect(JSON.stringify(t.db.find('bindings', {}))).toBe(before)

    // The first read after it costs what every read costs, and shows the old card, tier price and markups.
    const first = await withReads(t, 'feed', { action: 'products' }, l1.agent)
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
    expect(binding(t, l2.supplier._id, l2.agent).markups).toEqual({
      supplier: { kind: 'fixed', value: 1000, roundUp: false },
      products: { [l2.product]: { kind: 'fixed', value: 3000, roundUp: false } },
    })
    expect((await t.ok('feed', 'product', { id: l2.product }, l2.agent)).specs[0]?.sellPrice).toBe(7000)
  })

  it('when a bind was cut off before its copies were written, then its retry completes them', async () => {
    const s = await shop(t, 'l4')
    const agent = 'l4-late'
    await t.ok('user', 'login', {}, agent)
    t.db.insertMany('bindings', [
      { supplierId: s.supplier._id, agentOpenid: agent, tierId: s.supplier.tiers[0]?.id, remark: '', createdAt: 1 },
    ])
    expect((await t.ok('feed', 'products', {}, agent)).items).toEqual([])
    expect(await t.ok('network', 'bind', { scene: sceneOf(t, s.supplier._id) }, agent)).toMatchObject({ alreadyBound: true })
    expect(binding(t, s.supplier._id, agent)).toMatchObject({
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
      const s = await shop(t, prefix)
      await boundAgent(t, agent, s.supplier._id)
      const now = await cloudNow(t)
      for (let i = 0; i < 3; i += 1) addProduct(t, s.supplier._id, now - 2000 - i)
      shops.push(s)
    }
    const first = await withReads(t, 'feed', { action: 'products', limit: 5 }, agent)
    const page = first.data as { items: unknown[]; nextCursor: string }
    expect(page.items).toHaveLength(5)
    const deeper = await withReads(t, 'feed', { action: 'products', limit: 5, cursor: page.nextCursor }, agent)
    const one = await withReads(t, 'feed', { action: 'products', limit: 1 }, agent)
    const filtered = await withReads(t, 'feed', { action: 'products', supplierId: shops[1]?.supplier._id }, agent)
    expect([first.reads, deeper.reads, one.reads, filtered.reads]).toEqual([2, 2, 2, 2])
    expect((await withReads(t, 'feed', { action: 'product', id: shops[2]?.product }, agent)).reads).toBe(2)
    expect((await withReads(t, 'feed', { action: 'posts' }, agent)).reads).toBe(3)
    expect((await withReads(t, 'network', { action: 'mySuppliers' }, agent)).reads).toBe(2)
  })
})
