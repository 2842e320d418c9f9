import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { productInput, publisher } from './product-fixtures'

/**
 * R7: a shipping template removed at the same moment as a product naming it is published
 * (or edited to name it). Exactly one may win: never a product whose template is gone.
 */

let owner: Awaited<ReturnType<typeof publisher>>
const t = testCloudForFile(async () => {
  owner = await publisher(t, 'race-owner')
})

const TRIES = 30

/** Every stored product names a template that exists. */
const orphans = () => {
  const templates = new Set(t.db.find('shipping_templates', {}).map((doc) => doc._id as string))
  return t.db.find('products', {}).filter((product) => !templates.has(product.shippingTemplateId as string))
}

describe('removing a template while a product takes it', () => {
  it(`when removal and publishing race (${TRIES} tries), then never both succeed and no product is left without its template`, async () => {
    let bothOk = 0
    const outcomes = new Map<string, number>()
    for (let i = 0; i < TRIES; i++) {
      const template = await t.ok('shipping', 'save', { name: `竞速${i}`, firstFee: 800, additionalFee: 200 }, 'race-owner')
      const [removed, created] = await Promise.all([
        t.call('shipping', 'remove', { id: template._id }, 'race-owner'),
        t.call('product', 'create', productInput(template._id, owner.image), 'race-owner'),
      ])
      if (removed.ok && created.ok) bothOk++
      const key = `remove:${removed.ok ? 'ok' : removed.error.code} create:${created.ok ? 'ok' : created.error.code}`
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
      for (const answer of [removed, created]) if (!answer.ok) expect(answer.error.code, JSON.stringify(answer)).not.toBe('INTERNAL')
    }
    expect(bothOk, JSON.stringify([...outcomes])).toBe(0)
    expect(orphans()).toEqual([])
  })

  it(`when removal and an edit moving a product onto the template race (${TRIES} tries), then never both succeed`, async () => {
    const product = await t.ok('product', 'create', productInput(owner.templateId, owner.image), 'race-owner')
    let bothOk = 0
    for (let i = 0; i < TRIES; i++) {
      const template = await t.ok('shipping', 'save', { name: `改模板${i}`, firstFee: 800, additionalFee: 200 }, 'race-owner')
      const [removed, updated] = await Promise.all([
        t.call('shipping', 'remove', { id: template._id }, 'race-owner'),
        t.call('product', 'update', { id: product._id, ...productInput(template._id, owner.image) }, 'race-owner'),
      ])
      if (removed.ok && updated.ok) bothOk++
      // Put the product back on the default template so the next try's template can go.
      if (updated.ok) await t.ok('product', 'update', { id: product._id, ...productInput(owner.templateId, owner.image) }, 'race-owner')
      if (!removed.ok && updated.ok) await t.ok('shipping', 'remove', { id: template._id }, 'race-owner')
    }
    expect(bothOk).toBe(0)
    expect(orphans()).toEqual([])
  })
})
