import { describe, expect, it } from 'vitest'
import { OrderLinesSchema, quoteTotals } from './order-quote'

const base = { firstFee: 800, additionalFee: 200 }
const remote = {
  firstFee: 1000,
  additionalFee: 500,
  regions: [{ provinces: ['新疆' as const], firstFee: 2000, additionalFee: 1000 }],
  freeOver: 10_000,
}
const templates = new Map([
  ['base', base],
  ['remote', remote],
])

describe('quoteTotals (R7 for several products)', () => {
  it.each([
    ['one line, base fees', [{ unitPrice: 3980, qty: 1, shippingTemplateId: 'base' }], '浙江省', 3980, 800],
    ['three pieces of one template: first + 2 additional', [{ unitPrice: 1000, qty: 3, shippingTemplateId: 'base' }], '浙江省', 3000, 1200],
    [
      'two lines of one template form one parcel',
      [
        { unitPrice: 1000, qty: 1, shippingTemplateId: 'base' },
        { unitPrice: 2000, qty: 2, shippingTemplateId: 'base' },
      ],
      '上海市',
      5000,
      1200,
    ],
    [
      'a region override applies by the province',
      [{ unitPrice: 1000, qty: 2, shippingTemplateId: 'remote' }],
      '新疆维吾尔自治区',
      2000,
      3000,
    ],
    [
      'free once that template reaches its threshold',
      [{ unitPrice: 5000, qty: 2, shippingTemplateId: 'remote' }],
      '新疆维吾尔自治区',
      10_000,
      0,
    ],
    ['one fen under the threshold still pays', [{ unitPrice: 9999, qty: 1, shippingTemplateId: 'remote' }], '浙江省', 9999, 1000],
    [
      'two templates: each parcel charged on its own',
      [
        { unitPrice: 1000, qty: 1, shippingTemplateId: 'base' },
        { unitPrice: 1000, qty: 1, shippingTemplateId: 'remote' },
      ],
      '新疆',
      2000,
      2800,
    ],
    ['no province yet: base fees', [{ unitPrice: 1000, qty: 2, shippingTemplateId: 'remote' }], null, 2000, 1500],
  ])('%s', (_name, lines, province, goods, shipping) => {
    expect(quoteTotals(lines, templates, province)).toEqual({ goodsTotal: goods, shippingFee: shipping, total: goods + shipping })
  })

  it('when a template is missing, then it throws (the server refuses such data)', () => {
    expect(() => quoteTotals([{ unitPrice: 1, qty: 1, shippingTemplateId: 'gone' }], templates, null)).toThrow()
  })
})

describe('OrderLinesSchema', () => {
  it('when a spec appears twice, when qty is 0 or above 9999, then the lines are refused', () => {
    expect(
      OrderLinesSchema.safeParse([
        { productId: 'p', specId: 's', qty: 1 },
        { productId: 'p', specId: 's', qty: 2 },
      ]).success,
    ).toBe(false)
    expect(OrderLinesSchema.safeParse([{ productId: 'p', specId: 's', qty: 0 }]).success).toBe(false)
    expect(OrderLinesSchema.safeParse([{ productId: 'p', specId: 's', qty: 10_000 }]).success).toBe(false)
    expect(OrderLinesSchema.safeParse([]).success).toBe(false)
  })
})
