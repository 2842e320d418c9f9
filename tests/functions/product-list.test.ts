import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { DAY, publisher, specInput, productMakers, type Publisher, magicOf } from './product-fixtures'

let main: Publisher
let other: Publisher
const t = testCloudForFile(async () => {
  main = await publisher(t, 'p-main')
  other = await publisher(t, 'p-other')
})

const { created, stored, insertOnSale } = productMakers(t, () => main)

describe('product.listMine (R10)', () => {
  it('when the owner pages through on-sale products, then every one appears once, newest first, with summaries', async () => {
    const lister = await publisher(t, 'p-lister')
    const ids: string[] = []
    for (let i = 0; i < 5; i += 1) {
      ids.push(
        (
          await created(
            { specs: [specInput(lister.image, { price: 1000 + i }), specInput(lister.image, { name: '大码', price: 2000, images: [] })] },
            lister,
            'p-lister',
          )
        )._id,
      )
    }
    await created({}, other, 'p-other')
    const seen: Array<{ _id: string; publishedAt: number }> = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await t.ok('product', 'listMine', { status: 'on_sale', limit: 2, ...(cursor ? { cursor } : {}) }, 'p-lister')
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items)
      cursor = page.nextCursor ?? undefined
      pages += 1
    } while (cursor && pages < 10)
    expect(seen.map((p) => p._id).sort()).toEqual([...ids].sort())
    const order = seen.map((p) => p.publishedAt)
    expect(order).toEqual([...order].sort((a, b) => b - a))
    const page = await t.ok('product', 'listMine', { status: 'on_sale', limit: 1 }, 'p-lister')
    expect(page.items[0]).toMatchObject({
      _id: ids[4],
      status: 'on_sale',
      minPrice: 1004,
      maxPrice: 2000,
      stock: 200,
      daysLeft: 30,
      expiringSoon: false,
    })
    expect(page.items[0]?.thumbnail).toMatch(/^http/)
    expect((await t.ok('product', 'listMine', { status: 'off_shelf' }, 'p-lister')).items).toEqual([])
  })

  it('when a stored on-sale product is past its expiry, then it is listed under off_shelf, not on_sale (R8)', async () => {
    const now = Date.now()
    const id = insertOnSale({
      description: '过期未处理',
      publishedAt: now + DAY, // newest, so it is on the first page either way
      expiresAt: now - 1000,
    })
    const onSale = await t.ok('product', 'listMine', { status: 'on_sale', limit: 100 }, 'p-main')
    expect(onSale.items.map((p) => p._id)).not.toContain(id)
    const offShelf = await t.ok('product', 'listMine', { status: 'off_shelf', limit: 100 }, 'p-main')
    expect(offShelf.items.find((p) => p._id === id)).toMatchObject({ status: 'off_shelf', daysLeft: 0, expiringSoon: false, thumbnail: '' })
  })
})

describe('product.delist / relist / remove (R10)', () => {
  it('when the owner delists, relists and removes a batch, then the stored products follow and counts are answered', async () => {
    const a = await created()
    const b = await created()
    expect(await t.ok('product', 'delist', { ids: [a._id, b._id, a._id] }, 'p-main')).toEqual({ updated: 2 })
    expect(stored(a._id)).toMatchObject({ status: 'off_shelf', delistedReason: 'manual' })
    const offShelf = await t.ok('product', 'listMine', { status: 'off_shelf', limit: 100 }, 'p-main')
    expect(offShelf.items.map((p) => p._id)).toEqual(expect.arrayContaining([a._id, b._id]))
    expect(await t.ok('product', 'relist', { ids: [a._id] }, 'p-main')).toEqual({ updated: 1 })
    expect(stored(a._id)).toMatchObject({ status: 'on_sale', publishedAt: a.publishedAt })
    expect(stored(a._id)?.delistedReason).toBeUndefined()
    expect(await t.ok('product', 'remove', { ids: [a._id, b._id] }, 'p-main')).toEqual({ removed: 2 })
    expect(t.db.find('products', { _id: a._id })).toEqual([])
    expect(t.db.find('products', { _id: b._id })).toEqual([])
  })

  it.each(['delist', 'relist', 'remove'] as const)(
    'when a %s batch includes another supplier’s product, then NOT_FOUND and nothing changes',
    async (action) => {
      const mine = await created()
      await t.ok('product', 'delist', { ids: [mine._id] }, 'p-main')
      const theirs = await created({}, other, 'p-other')
      const before = [stored(mine._id), stored(theirs._id)]
      const answer = await t.call('product', action, { ids: [mine._id, theirs._id] }, 'p-main')
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect([stored(mine._id), stored(theirs._id)]).toEqual(before)
    },
  )

  it('when a batch is empty or over 100, then INVALID_ARGUMENT', async () => {
    expect(await t.call('product', 'remove', { ids: [] }, 'p-main')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`)
    expect(await t.call('product', 'delist', { ids }, 'p-main')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('when a supplier that lost eligibility relists, then FAILED_PRECONDITION and the product stays off the shelf', async () => {
    const lapsed = await publisher(t, 'p-lapsed')
    const product = await created({}, lapsed, 'p-lapsed')
    await t.ok('product', 'delist', { ids: [product._id] }, 'p-lapsed')
    await t.ok('supplier', 'verify', { supplierId: lapsed.supplier._id, verifiedMember: false, buyerProtection: true }, 'op-1')
    const answer = await t.call('product', 'relist', { ids: [product._id] }, 'p-lapsed')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    if (!answer.ok) expect(answer.error.message).toContain('诚信通')
    expect(stored(product._id)).toMatchObject({ status: 'off_shelf' })
  })
})

describe('product.code', () => {
  it('when the owner asks for a product code, then it is a PNG whose scene is the product id, made once', async () => {
    const product = await created()
    const code = await t.ok('product', 'code', { id: product._id }, 'p-main')
    expect(code.scene).toBe(product._id)
    expect(code.scene.length).toBeLessThanOrEqual(32)
    expect(await magicOf(code.image)).toBe('89504e47')
    const fileId = stored(product._id)?.codeFileId
    expect(fileId).toMatch(/^cloud:\/\/.*codes\/product\//)
    await t.ok('product', 'code', { id: product._id }, 'p-main')
    expect(stored(product._id)?.codeFileId).toBe(fileId)
  })

  it('when another supplier asks for my product’s code, then NOT_FOUND and no code is made', async () => {
    const product = await created()
    expect(await t.call('product', 'code', { id: product._id }, 'p-other')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(stored(product._id)?.codeFileId).toBeUndefined()
  })
})
