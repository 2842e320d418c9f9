import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'

const t = testCloudForFile(undefined, { seed: 'demo' })

const OWNER = 'demo-supplier'

describe('demo catalogue (demo/seed.ts)', () => {
  it('when the demo supplier opens its lists, then it sees seven products on sale (one leaving soon) and one delisted, with images', async () => {
    const onSale = await t.ok('product', 'listMine', { status: 'on_sale', limit: 100 }, OWNER)
    const offShelf = await t.ok('product', 'listMine', { status: 'off_shelf', limit: 100 }, OWNER)
    expect(onSale.items).toHaveLength(7)
    expect(offShelf.items.map((p) => p._id)).toEqual(['demo-p-storage'])
    expect(onSale.items.filter((p) => p.expiringSoon).map((p) => p._id)).toEqual(['demo-p-bedding'])
    expect(new Set(onSale.items.map((p) => p.category)).size).toBeGreaterThanOrEqual(5)
    const image = await fetch(onSale.items[0]?.thumbnail ?? '')
    expect(image.status).toBe(200)
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 8)
        .toString('hex'),
    ).toBe('89504e470d0a1a0a')
    expect((await t.ok('supplier', 'me', {}, OWNER)).stats).toMatchObject({ onSaleProducts: 7, expiringSoon: 1 })
  })

  it('when the demo supplier edits a seeded product as the form sends it back, then it saves (seeded images are its own uploads)', async () => {
    const product = await t.ok('product', 'get', { id: 'demo-p-dress' }, OWNER)
    const { _id, category, description, specs, shippingTemplateId } = product
    const updated = await t.ok(
      'product',
      'update',
      { id: _id, category, description: `${description}\n🎉 新到货`, specs, shippingTemplateId },
      OWNER,
    )
    expect(updated.specs.map((s) => s.id)).toEqual(specs.map((s) => s.id))
    expect(updated.specs[0]?.tierPrices).toEqual({ 'tier-gold': 5580, 'tier-diamond': 5280 })
  })

  it('when the demo supplier opens the import dialog, then its shop items are there', async () => {
    const page = await t.ok('catalog', 'listShop', { limit: 100 }, OWNER)
    expect(page.items.length).toBeGreaterThanOrEqual(4)
    expect((await t.ok('shipping', 'list', {}, OWNER)).items).toHaveLength(1)
  })
})
