import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { placeOrder } from './order-fixtures'
import { DAY, productInput, publisher, specInput, upload, productMakers, type Input, type Publisher } from './product-fixtures'

let main: Publisher
let other: Publisher
const t = testCloudForFile(async () => {
  main = await publisher(t, 'p-main')
  other = await publisher(t, 'p-other')
})

const { create, created, stored, insertOnSale } = productMakers(t, () => main)

describe('product.create (R2–R7)', () => {
  it('when an eligible supplier publishes, then the product is on sale for 30 days with R6 trade defaults and server-made spec ids', async () => {
    const product = await t.ok(
      'product',
      'create',
      productInput(main.templateId, main.image, {
        specs: [specInput(main.image, { tierPrices: { [main.tierId]: 3500 } }), specInput(main.image, { name: '蓝色 / L', images: [] })],
      }),
      'p-main',
    )
    expect(product).toMatchObject({
      supplierId: main.supplier._id,
      category: '女装',
      status: 'on_sale',
      source: 'new',
      shippingTemplateId: main.templateId,
    })
    expect(product.expiresAt - product.publishedAt).toBe(30 * DAY)
    expect(product.specs).toHaveLength(2)
    expect(product.specs[0]).toMatchObject({
      name: '红色 / M',
      price: 3980,
      tierPrices: { [main.tierId]: 3500 },
      retailPrice: 6900,
      stock: 100,
    })
    expect(product.specs[0]?.id).toMatch(/^[a-z0-9]{10}$/)
    expect(product.specs[0]?.id).not.toBe(product.specs[1]?.id)
    const url = product.imageUrls[main.image]
    expect(url).toMatch(/^http/)
    expect((await fetch(url ?? '')).status).toBe(200)
    expect(stored(product._id)).toMatchObject({
      supplierId: main.supplier._id,
      status: 'on_sale',
      publishedAt: product.publishedAt,
      expiresAt: product.expiresAt,
      source: 'new',
      trade: { onlineOrdering: true, minOrderQty: 1 },
      specs: product.specs,
    })
  })

  it('when the client sends its own spec id, then the server makes a fresh one', async () => {
    const product = await created({ specs: [specInput(main.image, { id: 'client-chosen' })] })
    expect(product.specs[0]?.id).not.toBe('client-chosen')
  })

  it('when the description is exactly 500 characters of emoji, then it is accepted (code points, R4)', async () => {
    const product = await created({ description: '👗'.repeat(500) })
    expect(stored(product._id)?.description).toBe('👗'.repeat(500))
  })

  it('when the supplier misses buyer protection (R2), then FAILED_PRECONDITION says so and nothing is stored', async () => {
    const pending = await publisher(t, 'p-pending', { eligible: false })
    const before = t.db.count('products')
    const answer = await create(productInput(pending.templateId, pending.image), 'p-pending')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    if (!answer.ok) expect(answer.error.message).toContain('基础买家保障')
    expect(t.db.count('products')).toBe(before)
  })

  it('when the caller has no supplier, then FAILED_PRECONDITION; without identity, UNAUTHENTICATED', async () => {
    const ownImage = (await upload(t, 'p-nobody', 'products/mine.png')).fileID
    expect(await create(productInput(main.templateId, ownImage), 'p-nobody')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(await t.raw('product', { action: 'create', ...productInput(main.templateId, main.image) })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  const invalid: Array<[string, () => Input, Array<string | number> | (() => Array<string | number>)]> = [
    ['a closed category (R3)', () => ({ category: '汽车用品' }), ['category']],
    ['501 characters of description (R4)', () => ({ description: '好'.repeat(501) }), ['description']],
    ['no spec (R5)', () => ({ specs: [] }), ['specs']],
    [
      '10 images on a spec (R5)',
      () => ({ specs: [specInput(main.image, { images: Array(10).fill(main.image) })] }),
      ['specs', 0, 'images'],
    ],
    ['a price of 0', () => ({ specs: [specInput(main.image, { price: 0 })] }), ['specs', 0, 'price']],
    ['another supplier’s shipping template (R7)', () => ({ shippingTemplateId: other.templateId }), ['shippingTemplateId']],
    ['a template that does not exist', () => ({ shippingTemplateId: 'nope' }), ['shippingTemplateId']],
    [
      'a tier price for another supplier’s tier',
      () => ({ specs: [specInput(main.image, { tierPrices: { [other.tierId]: 3000 } })] }),
      () => ['specs', 0, 'tierPrices', other.tierId],
    ],
    ['an image that is not a cloud file', () => ({ specs: [specInput('https://example.com/a.png')] }), ['specs', 0, 'images', 0]],
    [
      'a shop item of another supplier',
      () => ({
        shopItemId: t.db.insertMany('shop_catalog', [
          {
            supplierId: other.supplier._id,
            externalId: `X-${t.db.count('shop_catalog')}`,
            title: '别家的',
            description: '',
            category: '',
            specs: [],
            importedAt: 1,
            createdAt: 1,
          },
        ])[0],
      }),
      ['shopItemId'],
    ],
    ['two specs with the same name', () => ({ specs: [specInput(main.image), specInput(main.image)] }), ['specs', 1, 'name']],
  ]
  it.each(invalid)(
    'when the input has %s, then INVALID_ARGUMENT naming the field and nothing is stored',
    async (_name, overrides, path) => {
      const before = t.db.count('products')
      const answer = await create(productInput(main.templateId, main.image, overrides()))
      expect(answer.ok).toBe(false)
      if (answer.ok) return
      expect(answer.error.code).toBe('INVALID_ARGUMENT')
      expect(answer.error.issues?.map((issue) => issue.path)).toContainEqual(typeof path === 'function' ? path() : path)
      expect(t.db.count('products')).toBe(before)
    },
  )

  it('when prefilled from the supplier’s own shop item, then the source is import', async () => {
    const [shopItemId] = t.db.insertMany('shop_catalog', [
      {
        supplierId: main.supplier._id,
        externalId: 'SKU-1',
        title: '碎花裙',
        description: '',
        category: '女装',
        specs: [],
        importedAt: 1,
        createdAt: 1,
      },
    ])
    const product = await t.ok('product', 'create', { ...productInput(main.templateId, main.image), shopItemId }, 'p-main')
    expect(product.source).toBe('import')
    expect(stored(product._id)).toMatchObject({ source: 'import', shopItemId })
  })
})

describe('product.update (R8, R10)', () => {
  it('when the owner edits, then content changes, known spec ids stay, new specs get fresh ids, and status and expiry stay', async () => {
    const original = await created({ specs: [specInput(main.image), specInput(main.image, { name: '蓝色 / L' })] })
    const [red, blue] = original.specs
    const foreign = await created({}, other, 'p-other')
    const updated = await t.ok(
      'product',
      'update',
      {
        ...productInput(main.templateId, main.image, { description: '改过的文案 ✨', category: '童装' }),
        id: original._id,
        specs: [
          specInput(main.image, { id: blue?.id, name: '蓝色 / XL', price: 4200 }),
          specInput(main.image, { name: '黑色 / S' }),
          specInput(main.image, { id: foreign.specs[0]?.id, name: '白色 / M' }),
        ],
      },
      'p-main',
    )
    expect(updated.description).toBe('改过的文案 ✨')
    expect(updated.specs.map((s) => s.name)).toEqual(['蓝色 / XL', '黑色 / S', '白色 / M'])
    expect(updated.specs[0]?.id).toBe(blue?.id)
    expect(updated.specs[1]?.id).not.toBe(red?.id)
    expect(updated.specs[2]?.id).not.toBe(foreign.specs[0]?.id)
    expect(stored(original._id)).toMatchObject({
      description: '改过的文案 ✨',
      category: '童装',
      status: 'on_sale',
      publishedAt: original.publishedAt,
      expiresAt: original.expiresAt,
      specs: updated.specs,
    })
  })

  it('when agents order while the edit form is open, then saving moves the stock by what the supplier typed and the ordered pieces stay sold (R17)', async () => {
    const mine = await created({
      specs: [specInput(main.image, { name: '红色 / M', stock: 20 }), specInput(main.image, { name: '蓝色 / L', stock: 20 })],
    })
    const loaded = await t.ok('product', 'get', { id: mine._id }, 'p-main')
    await boundAgent(t, 'p-agent', main.supplier._id)
    await placeOrder(t, 'p-agent', [
      { productId: mine._id, specId: loaded.specs[0]?.id ?? '', qty: 3 },
      { productId: mine._id, specId: loaded.specs[1]?.id ?? '', qty: 3 },
    ])
    const [red, blue] = loaded.specs.map((spec) => ({ ...specInput(main.image, { name: spec.name }), id: spec.id }))
    const saved = await t.ok(
      'product',
      'update',
      {
        ...productInput(main.templateId, main.image),
        id: mine._id,
        // Five more red pieces typed on the loaded 20; blue sent without what it was loaded with (an old draft).
        specs: [
          { ...red, stock: 25, stockBefore: 20 },
          { ...blue, stock: 20 },
        ],
      },
      'p-main',
    )
    expect(saved.specs.map((spec) => spec.stock)).toEqual([22, 20])
    expect((stored(mine._id)?.specs as Array<{ stock: number }>).map((spec) => spec.stock)).toEqual([22, 20])
    // Taking away more than is left empties the spec, never below zero.
    await t.ok(
      'product',
      'update',
      {
        ...productInput(main.templateId, main.image),
        id: mine._id,
        specs: [
          { ...red, stock: 0, stockBefore: 25 },
          { ...blue, stock: 20 },
        ],
      },
      'p-main',
    )
    expect((stored(mine._id)?.specs as Array<{ stock: number }>).map((spec) => spec.stock)).toEqual([0, 20])
  })

  it('when another supplier edits my product, then NOT_FOUND and nothing changes', async () => {
    const mine = await created()
    const before = stored(mine._id)
    const answer = await t.call('product', 'update', { ...productInput(other.templateId, other.image), id: mine._id }, 'p-other')
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(stored(mine._id)).toEqual(before)
  })

  it('when an edit names another supplier’s template, then INVALID_ARGUMENT and nothing changes', async () => {
    const mine = await created()
    const before = stored(mine._id)
    const answer = await t.call('product', 'update', { ...productInput(other.templateId, main.image), id: mine._id }, 'p-main')
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(stored(mine._id)).toEqual(before)
  })
})

describe('product.get', () => {
  it('when the owner reads, then it gets the product; another supplier gets NOT_FOUND', async () => {
    const mine = await created()
    expect((await t.ok('product', 'get', { id: mine._id }, 'p-main'))._id).toBe(mine._id)
    expect(await t.call('product', 'get', { id: mine._id }, 'p-other')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('product', 'get', { id: 'does-not-exist' }, 'p-main')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('when a spec has a price for a tier the supplier has since deleted, then that price is not answered', async () => {
    const now = Date.now()
    const id = insertOnSale({
      description: '旧商品',
      specs: [{ id: 's1', name: '均码', images: [], price: 1000, tierPrices: { [main.tierId]: 900, 'tier-gone': 800 }, stock: 1 }],
      publishedAt: now,
      expiresAt: now + DAY,
    })
    const product = await t.ok('product', 'get', { id }, 'p-main')
    expect(product.specs[0]?.tierPrices).toEqual({ [main.tierId]: 900 })
  })
})
