import { describe, expect, it } from 'vitest'
import { shippingFee, ShippingInputSchema } from './shipping'

const template = {
  firstFee: 800,
  additionalFee: 200,
  regions: [{ provinces: ['新疆' as const, '西藏' as const], firstFee: 2000, additionalFee: 1000 }],
  freeOver: 9900,
}

describe('shippingFee (R7)', () => {
  it.each([
    ['浙江', 1, 5000, 800],
    ['浙江', 3, 5000, 1200],
    ['新疆', 1, 5000, 2000],
    ['新疆', 2, 5000, 3000],
    ['浙江', 3, 9899, 1200],
    ['新疆', 3, 9900, 0],
    ['浙江', 0, 0, 0],
  ])('when shipping to %s, %i pieces, goods %i fen, then the fee is %i fen', (province, pieces, goods, fee) => {
    expect(shippingFee(template, province, pieces, goods)).toBe(fee)
  })

  it('when there is no free-shipping threshold, then big orders still pay', () => {
    expect(shippingFee({ firstFee: 500, additionalFee: 100 }, '上海', 2, 10_000_000)).toBe(600)
  })
})

describe('ShippingInputSchema', () => {
  it('when a province appears in two regions, then it is refused', () => {
    const result = ShippingInputSchema.safeParse({
      name: '模板',
      firstFee: 800,
      additionalFee: 200,
      regions: [
        { provinces: ['新疆'], firstFee: 1, additionalFee: 1 },
        { provinces: ['新疆'], firstFee: 2, additionalFee: 2 },
      ],
    })
    expect(result.error?.issues[0]?.message).toBe('新疆已在其他地区设置')
  })

  it('when the province is not a mainland province, then it is refused', () => {
    expect(
      ShippingInputSchema.safeParse({
        name: 'x',
        firstFee: 1,
        additionalFee: 1,
        regions: [{ provinces: ['火星'], firstFee: 1, additionalFee: 1 }],
      }).success,
    ).toBe(false)
  })
})
