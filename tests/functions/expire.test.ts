import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { advanceClock, clockNow, DAY, MINUTE, productInput, publisher, trigger } from './product-fixtures'

let shop: Awaited<ReturnType<typeof publisher>>
const t = testCloudForFile(async () => {
  shop = await publisher(t, 'e-main')
})

const stored = (id: string) => t.db.find('products', { _id: id })[0]
const TEN_MINUTES = 10 * MINUTE

async function publish(description = '限时特惠 🔥 30 天有效') {
  return t.ok('product', 'create', productInput(shop.templateId, shop.image, { description }), 'e-main')
}

async function listed(status: 'on_sale' | 'off_shelf'): Promise<string[]> {
  return (await t.ok('product', 'listMine', { status, limit: 100 }, 'e-main')).items.map((p) => p._id)
}

function expiredRecord(now: number, i: number) {
  return {
    supplierId: shop.supplier._id,
    category: '女装',
    description: `过期商品 ${i}`,
    specs: [{ id: `s${i}`, name: '均码', images: [], price: 1000, tierPrices: {}, stock: 1 }],
    shippingTemplateId: shop.templateId,
    status: 'on_sale',
    publishedAt: now - 31 * DAY,
    expiresAt: now - 1000,
    source: 'new',
  }
}

describe('expiry at the instant (R8)', () => {
  it('when 29d 23h 59m have passed it is on sale; at 30d it is off the shelf before the timer runs; the timer then stores it', async () => {
    // Publish five minutes after a ten-minute mark, so the timer (every ten minutes) cannot fire
    // between 29d 23h 59m and 30d: the R8 check must hold on its own.
    const now = await clockNow(t)
    await advanceClock(t, Math.ceil(now / TEN_MINUTES) * TEN_MINUTES + 5 * MINUTE - now)
    const product = await publish()
    expect(product.expiresAt).toBe(product.publishedAt + 30 * DAY)

    await advanceClock(t, 30 * DAY - MINUTE)
    expect(await listed('on_sale')).toContain(product._id)
    expect(await listed('off_shelf')).not.toContain(product._id)
    expect((await t.ok('supplier', 'me', {}, 'e-main')).stats).toMatchObject({ onSaleProducts: 1, expiringSoon: 1 })

    const at = await advanceClock(t, MINUTE)
    expect(at).toBeGreaterThanOrEqual(product.expiresAt)
    expect(await listed('on_sale')).not.toContain(product._id)
    expect(await listed('off_shelf')).toContain(product._id)
    expect((await t.ok('product', 'get', { id: product._id }, 'e-main')).status).toBe('off_shelf')
    expect((await t.ok('supplier', 'me', {}, 'e-main')).stats).toMatchObject({ onSaleProducts: 0, expiringSoon: 0 })
    expect(stored(product._id)).toMatchObject({ status: 'on_sale' })

    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { delistedProducts: 1, complete: true } })
    expect(stored(product._id)).toMatchObject({ status: 'off_shelf', delistedReason: 'expired' })
    // Idempotent: a second run finds nothing to do.
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { delistedProducts: 0 } })
  })

  it('when an expired product is relisted, then it is on sale for a fresh 30 days from now', async () => {
    const product = await publish('会过期再上架的商品')
    await advanceClock(t, 30 * DAY)
    await trigger(t, 'expire')
    expect(stored(product._id)).toMatchObject({ status: 'off_shelf', delistedReason: 'expired' })
    const before = await clockNow(t)
    expect(await t.ok('product', 'relist', { ids: [product._id] }, 'e-main')).toEqual({ updated: 1 })
    const after = await clockNow(t)
    const record = stored(product._id)
    expect(record).toMatchObject({ status: 'on_sale', publishedAt: product.publishedAt })
    expect(record?.delistedReason).toBeUndefined()
    expect(record?.expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY)
    expect(record?.expiresAt).toBeLessThanOrEqual(after + 30 * DAY)
    expect(await listed('on_sale')).toContain(product._id)
  })

  it('when a product is edited later, then its expiry stays where it was', async () => {
    const product = await publish('编辑不延长有效期')
    await advanceClock(t, 10 * DAY)
    const updated = await t.ok(
      'product',
      'update',
      { ...productInput(shop.templateId, shop.image, { description: '改了文案' }), id: product._id },
      'e-main',
    )
    expect(updated.expiresAt).toBe(product.expiresAt)
    expect(stored(product._id)).toMatchObject({ description: '改了文案', publishedAt: product.publishedAt, expiresAt: product.expiresAt })
  })
})

describe('expire timer', () => {
  it('when 150 products are past expiry, then one run delists them all in batches and leaves other suppliers’ live products alone', async () => {
    const now = await clockNow(t)
    const ids = t.db.insertMany(
      'products',
      Array.from({ length: 150 }, (_, i) => expiredRecord(now, i)),
    )
    const [live] = t.db.insertMany('products', [{ ...expiredRecord(now, 999), supplierId: 'someone-else', expiresAt: now + DAY }])
    const answer = await trigger(t, 'expire')
    expect(answer).toMatchObject({ ok: true, data: { delistedProducts: 150, complete: true } })
    expect(t.db.find('products', { _id: { $in: ids }, status: 'off_shelf', delistedReason: 'expired' })).toHaveLength(150)
    expect(stored(live ?? '')).toMatchObject({ status: 'on_sale' })
  })

  it('when the clock passes a ten-minute mark, then the timer trigger runs by itself', async () => {
    const now = await clockNow(t)
    const [id] = t.db.insertMany('products', [expiredRecord(now, 1000)])
    const moved = await fetch(`${t.cloud.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: TEN_MINUTES }),
    })
    expect(((await moved.json()) as { fired: Array<{ functionName: string }> }).fired).toContainEqual(
      expect.objectContaining({ functionName: 'expire' }),
    )
    expect(stored(id ?? '')).toMatchObject({ status: 'off_shelf', delistedReason: 'expired' })
  })

  it('when a user calls expire, or anyone sends a non-timer event, then FORBIDDEN and nothing changes', async () => {
    const now = await clockNow(t)
    const [id] = t.db.insertMany('products', [expiredRecord(now, 2000)])
    expect(await t.raw('expire', { Type: 'Timer', TriggerName: 'expire', Time: new Date(now).toISOString() }, 'e-main')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await t.raw('expire', { action: 'run' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(stored(id ?? '')).toMatchObject({ status: 'on_sale' })
  })
})
