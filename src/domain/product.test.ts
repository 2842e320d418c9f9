import { describe, expect, it } from 'vitest'
import {
  daysLeft,
  DESCRIPTION_MAX,
  effectiveStatus,
  expiresAtFor,
  isExpiringSoon,
  isOnSale,
  priceRange,
  ProductInputSchema,
  SpecInputSchema,
} from './product'
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time'

const spec = { name: '红色 / M', images: [], price: 1280, stock: 10 }
const product = { category: '女装', description: '新款连衣裙', specs: [spec], shippingTemplateId: 'ship-1' }

describe('product description (R4)', () => {
  it('when it has exactly 500 code points (emoji count as one), then it is accepted', () => {
    const text = '🔥'.repeat(100) + '好'.repeat(DESCRIPTION_MAX - 100)
    expect(ProductInputSchema.safeParse({ ...product, description: text }).success).toBe(true)
  })

  it('when it has 501 code points, then it is refused', () => {
    const result = ProductInputSchema.safeParse({ ...product, description: '好'.repeat(DESCRIPTION_MAX + 1) })
    expect(result.error?.issues[0]).toMatchObject({ path: ['description'], message: '商品描述最多 500 个字' })
  })

  it.each(['', '   '])('when it is %j, then it is refused', (description) => {
    expect(ProductInputSchema.safeParse({ ...product, description }).success).toBe(false)
  })
})

describe('specs (R5)', () => {
  it('when there is no spec, then publishing is refused', () => {
    const result = ProductInputSchema.safeParse({ ...product, specs: [] })
    expect(result.error?.issues[0]?.message).toBe('请至少填写一个产品规格')
  })

  it('when a spec has 9 images, then it is accepted; 10 are refused', () => {
    const images = Array.from({ length: 10 }, (_, i) => `cloud://env.bucket/p/${i}.jpg`)
    expect(SpecInputSchema.safeParse({ ...spec, images: images.slice(0, 9) }).success).toBe(true)
    expect(SpecInputSchema.safeParse({ ...spec, images }).success).toBe(false)
  })

  it.each([
    [{ price: 12.8 }, '价格以分为单位，必须是整数'],
    [{ price: 0 }, '价格必须大于 0'],
    [{ stock: -1 }, '库存不能为负'],
    [{ images: ['https://elsewhere.example/a.jpg'] }, '文件地址无效，请重新上传'],
    [{ tierPrices: { gold: 0 } }, '价格必须大于 0'],
  ])('when the spec has %j, then it is refused with %s', (change, message) => {
    expect(SpecInputSchema.safeParse({ ...spec, ...change }).error?.issues[0]?.message).toBe(message)
  })

  it('when two specs share a name, then the second is refused', () => {
    const result = ProductInputSchema.safeParse({ ...product, specs: [spec, spec] })
    expect(result.error?.issues[0]).toMatchObject({ path: ['specs', 1, 'name'], message: '规格名称不能重复' })
  })

  it('when tier prices are omitted, then they default to none', () => {
    expect(SpecInputSchema.parse(spec).tierPrices).toEqual({})
  })
})

describe('category (R3)', () => {
  it('when the category is closed, then the product is refused', () => {
    expect(ProductInputSchema.safeParse({ ...product, category: '汽车用品' }).error?.issues[0]?.message).toBe('该类目暂未开放')
  })
})

describe('validity (R8)', () => {
  const publishedAt = Date.UTC(2026, 10, 1, 4, 0)
  const p = { status: 'on_sale' as const, expiresAt: expiresAtFor(publishedAt) }

  it('when 29 days 23 hours 59 minutes have passed, then it is still on sale with 1 day left', () => {
    const now = publishedAt + 29 * DAY_MS + 23 * HOUR_MS + 59 * MINUTE_MS
    expect(isOnSale(p, now)).toBe(true)
    expect(daysLeft(p.expiresAt, now)).toBe(1)
  })

  it('when exactly 30 days have passed, then it is off the shelf even if the timer has not run', () => {
    const now = publishedAt + 30 * DAY_MS
    expect(isOnSale(p, now)).toBe(false)
    expect(effectiveStatus(p, now)).toBe('off_shelf')
    expect(daysLeft(p.expiresAt, now)).toBe(0)
  })

  it('when it is delisted, then it is not on sale whatever its expiry', () => {
    expect(isOnSale({ ...p, status: 'off_shelf' }, publishedAt)).toBe(false)
  })

  it('when 3 days or less are left, then it is expiring soon; with more, not', () => {
    expect(isExpiringSoon(p, p.expiresAt - 3 * DAY_MS)).toBe(true)
    expect(isExpiringSoon(p, p.expiresAt - 3 * DAY_MS - 1)).toBe(false)
    expect(isExpiringSoon(p, p.expiresAt)).toBe(false)
  })
})

describe('price range', () => {
  it('when specs differ in price, then the range spans them', () => {
    expect(priceRange([{ price: 1990 }, { price: 1280 }, { price: 1500 }])).toEqual({ min: 1280, max: 1990 })
  })
})
