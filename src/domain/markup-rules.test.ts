import { describe, expect, it } from 'vitest'
import { DEFAULT_MARKUP, describeMarkup, effectiveMarkup, retailPriceOf, retailShowsDefault, type Markup } from './markup-rules'
import { formatFen } from './money'
import { api } from './api'

const pct = (value: number, roundUp = false): Markup => ({ kind: 'percent', value, roundUp })
const fixed = (value: number, roundUp = false): Markup => ({ kind: 'fixed', value, roundUp })
const suggested = (roundUp = false): Markup => ({ kind: 'suggested', value: 0, roundUp })

describe('retail price under a markup (R16)', () => {
  it.each([
    ['50 % of ¥55.80', 5580, undefined, pct(50), 8370],
    ['50 % rounded up to whole yuan', 5580, undefined, pct(50, true), 8400],
    ['a percent that lands between fen rounds up one fen', 999, undefined, pct(15), 1149], // 1148.85
    ['0 % would show the purchase price: the default markup instead', 5580, undefined, pct(0), 6700],
    ['a fixed ¥0 would show the purchase price: the default markup instead', 5580, undefined, fixed(0), 6700],
    ['0 % rounded to whole yuan above the purchase price is shown', 5580, undefined, pct(0, true), 5600],
    ['0 % of a whole-yuan purchase price would show it: the default markup instead', 5500, undefined, pct(0, true), 6600],
    ['1000 % is eleven times', 100, undefined, pct(1000), 1100],
    ['fixed ¥10 added', 5580, undefined, fixed(1000), 6580],
    ['fixed with rounding', 5580, undefined, fixed(1000, true), 6600],
    ['a whole-yuan result stays when rounding', 5500, undefined, fixed(500, true), 6000],
    ['the suggested retail price', 5580, 12900, suggested(), 12900],
    ['suggested, rounded up', 5580, 12950, suggested(true), 13000],
    ['suggested without a retail price falls back to the default markup', 5580, undefined, suggested(), 6700],
    ['a suggested price below the purchase price: the default markup, never the purchase price', 5580, 5000, suggested(), 6700],
    ['a suggested price equal to the purchase price: the default markup', 5580, 5580, suggested(), 6700],
    ['a suggested price one fen above the purchase price is shown', 5580, 5581, suggested(), 5581],
    ['a suggested price that rounds up above the purchase price is shown', 5580, 5550, suggested(true), 5600],
    ['a suggested price that rounds up to the purchase price: the default markup', 5600, 5550, suggested(true), 6800],
  ])('when %s, then the retail price is right', (_case, purchasePrice, suggestedRetail, markup, expected) => {
    expect(retailPriceOf({ purchasePrice, ...(suggestedRetail !== undefined ? { suggestedRetail } : {}) }, markup)).toBe(expected)
  })

  it.each([
    ['a fixed markup', fixed(0)],
    ['a percent', pct(0)],
    ['the suggested retail price', suggested()],
  ])('when %s would give at most the purchase price, then the retail price is always above it (R16)', (_case, markup) => {
    for (const purchasePrice of [1, 99, 100, 5580, 5600, 999_999]) {
      for (const suggestedRetail of [1, purchasePrice - 1, purchasePrice]) {
        const spec = { purchasePrice, suggestedRetail }
        expect(retailPriceOf(spec, markup)).toBeGreaterThan(purchasePrice)
        expect(retailShowsDefault(spec, markup)).toBe(true)
      }
    }
  })

  it('when the markup itself lands above the purchase price, then it is not replaced', () => {
    expect(retailShowsDefault({ purchasePrice: 5580 }, fixed(1))).toBe(false)
    expect(retailShowsDefault({ purchasePrice: 5580, suggestedRetail: 5581 }, suggested())).toBe(false)
    expect(retailShowsDefault({ purchasePrice: 5580 }, DEFAULT_MARKUP)).toBe(false)
  })

  it('when the tier changes (another purchase price), then the same markup follows it', () => {
    const markup = pct(50)
    expect(retailPriceOf({ purchasePrice: 5980 }, markup)).toBe(8970)
    expect(retailPriceOf({ purchasePrice: 5580 }, markup)).toBe(8370)
    expect(retailPriceOf({ purchasePrice: 5280 }, markup)).toBe(7920)
  })

  it('when the supplier changes the price, then the retail price follows it (nothing is stored)', () => {
    expect(retailPriceOf({ purchasePrice: 3000 }, fixed(1000))).toBe(4000)
    expect(retailPriceOf({ purchasePrice: 3500 }, fixed(1000))).toBe(4500)
  })

  it('when nothing is set, then the default applies; a product override beats the supplier default', () => {
    expect(effectiveMarkup(null, null)).toEqual(DEFAULT_MARKUP)
    expect(effectiveMarkup(null, pct(30))).toEqual(pct(30))
    expect(effectiveMarkup(fixed(100), pct(30))).toEqual(fixed(100))
    expect(retailPriceOf({ purchasePrice: 5580 }, DEFAULT_MARKUP)).toBe(6700)
  })

  it('when described, then it reads in Chinese', () => {
    expect(describeMarkup(pct(20, true), formatFen)).toBe('加价 20%，取整到元')
    expect(describeMarkup(fixed(500), formatFen)).toBe('加价 ¥5.00')
    expect(describeMarkup(suggested(), formatFen)).toBe('按建议零售价')
  })
})

describe('network.setMarkup input', () => {
  const input = api.network.setMarkup.input
  it.each([
    [{ supplierId: 's', kind: 'percent', value: 50 }, true],
    [{ supplierId: 's', kind: 'percent', value: 1000 }, true],
    [{ supplierId: 's', kind: 'percent', value: 1001 }, false],
    [{ supplierId: 's', kind: 'percent', value: 12.5 }, false],
    [{ supplierId: 's', kind: 'fixed', value: -1 }, false],
    [{ supplierId: 's', kind: 'suggested' }, true],
    [{ supplierId: 's', kind: 'cost', value: 1 }, false],
    [{ kind: 'fixed', value: 1 }, false],
  ])('when %j, then valid is %s', (value, valid) => {
    expect(input.safeParse(value).success).toBe(valid)
  })
})
