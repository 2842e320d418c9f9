import { describe, expect, it } from 'vitest'
import { inPriceRange, lowestPrice, publishedSince, rememberQuery } from './search-rules'

// 2026-12-07 10:30 in Shanghai = 02:30 UTC.
const NOW = Date.UTC(2026, 11, 7, 2, 30)

describe('publishedSince', () => {
  it.each([
    ['today', Date.UTC(2026, 11, 6, 16, 0)],
    ['3d', Date.UTC(2026, 11, 4, 16, 0)],
    ['7d', Date.UTC(2026, 10, 30, 16, 0)],
  ] as const)('%s starts at Shanghai midnight: %i', (window, since) => {
    expect(publishedSince(window, NOW)).toBe(since)
  })

  it('just after Shanghai midnight, today starts at that midnight', () => {
    expect(publishedSince('today', Date.UTC(2026, 11, 6, 16, 0, 1))).toBe(Date.UTC(2026, 11, 6, 16, 0))
  })
})

describe('price range', () => {
  it.each([
    [1000, {}, true],
    [1000, { minPrice: 1000 }, true],
    [999, { minPrice: 1000 }, false],
    [2000, { maxPrice: 2000 }, true],
    [2001, { minPrice: 1000, maxPrice: 2000 }, false],
  ])('%i in %j: %s', (price, range, inside) => {
    expect(inPriceRange(price, range)).toBe(inside)
  })

  it('a product is priced by its lowest spec', () => {
    expect(lowestPrice([3000, 1990, 2500])).toBe(1990)
  })
})

describe('rememberQuery', () => {
  it.each<[string[], string, string[]]>([
    [[], '碎花', ['碎花']],
    [['连衣裙', '碎花'], '碎花', ['碎花', '连衣裙']],
    [['碎花'], '  ', ['碎花']],
    [['碎花'], ' 衬衫 ', ['衬衫', '碎花']],
    [Array.from({ length: 10 }, (_, i) => `q${i}`), 'new', ['new', ...Array.from({ length: 9 }, (_, i) => `q${i}`)]],
  ])('history %j after %j is %j', (history, query, after) => {
    expect(rememberQuery(history, query)).toEqual(after)
  })
})
