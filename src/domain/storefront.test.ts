import { describe, expect, it } from 'vitest'
import {
  addToStorefront,
  defaultStorefrontName,
  removeFromStorefront,
  reorderStorefront,
  storefrontItemState,
  storefrontInsight,
  storefrontItemText,
  storefrontPath,
  STOREFRONT_MAX,
  STOREFRONT_TEXT_MAX,
} from './storefront'
import { SaveStorefrontInput, AddStorefrontProductsInput, RemoveStorefrontProductsInput } from './storefront-schemas'

const ids = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

describe('addToStorefront', () => {
  it.each([
    ['when the storefront is empty, then the added come in the order given', [], ['a', 'b'], ['a', 'b']],
    ['when new ones are added, then they go first, in the order given', ['x', 'y'], ['a', 'b'], ['a', 'b', 'x', 'y']],
    ['when an id is already in, then it stays where it is', ['x', 'a', 'y'], ['a', 'b'], ['b', 'x', 'a', 'y']],
    ['when an id is given twice, then it is added once', [], ['a', 'a', 'b'], ['a', 'b']],
    ['when every id is already in, then nothing moves', ['x', 'y'], ['y'], ['x', 'y']],
  ])('%s', (_, current, added, next) => {
    expect(addToStorefront(current, added)).toEqual(next)
  })

  it('when the result holds exactly the limit, then it is kept; one more and it is refused', () => {
    expect(addToStorefront(ids(STOREFRONT_MAX - 1), ['new'])).toHaveLength(STOREFRONT_MAX)
    expect(addToStorefront(ids(STOREFRONT_MAX), ['new'])).toBeNull()
    expect(addToStorefront(ids(STOREFRONT_MAX), ['p1'])).toEqual(ids(STOREFRONT_MAX))
  })
})

describe('removeFromStorefront', () => {
  it.each([
    ['when ids are in, then they leave and the rest keep their order', ['a', 'b', 'c'], ['b'], ['a', 'c']],
    ['when an id is not there, then nothing changes', ['a', 'b'], ['z'], ['a', 'b']],
    ['when every id is removed, then the list is empty', ['a', 'b'], ['b', 'a'], []],
  ])('%s', (_, current, removed, next) => {
    expect(removeFromStorefront(current, removed)).toEqual(next)
  })
})

describe('reorderStorefront', () => {
  it.each([
    ['when it is the same list rearranged, then it is the new order', ['a', 'b', 'c'], ['c', 'a', 'b'], ['c', 'a', 'b']],
    ['when both are empty, then the order is empty', [], [], []],
    ['when an id is missing, then it is refused', ['a', 'b', 'c'], ['c', 'a'], null],
    ['when an id is not in the list, then it is refused', ['a', 'b'], ['a', 'z'], null],
    ['when an id is given twice, then it is refused', ['a', 'b'], ['a', 'a'], null],
    ['when an id is added, then it is refused', ['a'], ['a', 'b'], null],
  ])('%s', (_, current, next, result) => {
    expect(reorderStorefront(current, next)).toEqual(result)
  })
})

describe('storefrontItemState', () => {
  it.each([
    [{ exists: true, shown: true, bound: true }, 'on_sale'],
    [{ exists: false, shown: false, bound: true }, 'off_sale'],
    [{ exists: true, shown: false, bound: true }, 'off_sale'],
    [{ exists: true, shown: true, bound: false }, 'off_sale'],
  ] as const)('when %o, then %s', (facts, state) => {
    expect(storefrontItemState(facts)).toBe(state)
  })
})

describe('storefrontItemText', () => {
  it.each([
    ['when the text is short, then it is its first line', '碎花连衣裙\n面料柔软', '碎花连衣裙'],
    ['when it starts with blank lines, then the first line with something', '\n  \n新款 ', '新款'],
    ['when the first line is exactly the limit, then it is kept whole', '一'.repeat(STOREFRONT_TEXT_MAX), '一'.repeat(STOREFRONT_TEXT_MAX)],
    [
      'when it is one over, then it is cut with 「…」 counted in the limit',
      '一'.repeat(STOREFRONT_TEXT_MAX + 1),
      `${'一'.repeat(STOREFRONT_TEXT_MAX - 1)}…`,
    ],
    [
      'when an emoji sits at the cut, then it is never split',
      `${'一'.repeat(STOREFRONT_TEXT_MAX - 2)}😀😀😀`,
      `${'一'.repeat(STOREFRONT_TEXT_MAX - 2)}😀…`,
    ],
  ])('%s', (_, text, line) => {
    expect(storefrontItemText(text)).toBe(line)
    expect(Array.from(storefrontItemText(text)).length).toBeLessThanOrEqual(STOREFRONT_TEXT_MAX)
  })
})

describe('storefront names and paths', () => {
  it('when the agent has not named it, then it is 「<nickname>的小店」', () => {
    expect(defaultStorefrontName('小美')).toBe('小美的小店')
  })

  it('when shared, then the path opens the customer view with the token', () => {
    expect(storefrontPath('abcdefgh12345678')).toBe('pages/storefront/view/index?token=abcdefgh12345678')
  })
})

describe('storefront inputs', () => {
  it.each([
    ['小店', true],
    ['  小店  ', true],
    ['一'.repeat(20), true],
    ['一'.repeat(21), false],
    ['   ', false],
    ['\u200b', false],
  ])('when the name is %j, then save accepts it: %s', (name, ok) => {
    expect(SaveStorefrontInput.safeParse({ name }).success).toBe(ok)
  })

  it('when the name has spaces at its edges, then they are trimmed', () => {
    expect(SaveStorefrontInput.parse({ name: ' 小美的店 ' }).name).toBe('小美的店')
  })

  it('when a cover is given, then it is a cloud file ID or empty', () => {
    expect(SaveStorefrontInput.safeParse({ name: 'a', cover: '' }).success).toBe(true)
    expect(SaveStorefrontInput.safeParse({ name: 'a', cover: 'cloud://env.bucket/uploads/x.jpg' }).success).toBe(true)
    expect(SaveStorefrontInput.safeParse({ name: 'a', cover: 'https://evil.example/x.jpg' }).success).toBe(false)
  })

  it('when products are added, then 1–20 at a time; removed, 1–100', () => {
    expect(AddStorefrontProductsInput.safeParse({ productIds: ids(20) }).success).toBe(true)
    expect(AddStorefrontProductsInput.safeParse({ productIds: ids(21) }).success).toBe(false)
    expect(AddStorefrontProductsInput.safeParse({ productIds: [] }).success).toBe(false)
    expect(RemoveStorefrontProductsInput.safeParse({ productIds: ids(100) }).success).toBe(true)
    expect(RemoveStorefrontProductsInput.safeParse({ productIds: ids(101) }).success).toBe(false)
  })
})

describe('storefrontInsight', () => {
  const from7 = '2026-12-01'
  const from30 = '2026-11-08'
  const day = (d: string, opens: number, products: Array<[string, number]> = []) => ({
    day: d,
    opens,
    products: products.map(([productId, n]) => ({ productId, opens: n })),
  })

  it('when there are no opens, then every figure is zero and each product has its row', () => {
    expect(storefrontInsight([], ['a', 'b'], from7, from30)).toEqual({
      days7: { opens: 0, productOpens: 0 },
      days30: { opens: 0, productOpens: 0 },
      products: [
        { productId: 'a', opens7: 0, opens30: 0 },
        { productId: 'b', opens7: 0, opens30: 0 },
      ],
    })
  })

  it.each([
    ['when a day is the first of the 7, then it counts in both', from7, { opens7: 2, opens30: 2, days7: 3 }],
    ['when a day is the one before the 7, then it counts in the 30 only', '2026-11-30', { opens7: 0, opens30: 2, days7: 0 }],
    ['when a day is the first of the 30, then it counts in the 30', from30, { opens7: 0, opens30: 2, days7: 0 }],
    ['when a day is before the 30, then it counts nowhere', '2026-11-07', { opens7: 0, opens30: 0, days7: 0 }],
  ])('%s', (_, d, want) => {
    const insight = storefrontInsight([day(d, 3, [['a', 2]])], ['a'], from7, from30)
    expect(insight.products).toEqual([{ productId: 'a', opens7: want.opens7, opens30: want.opens30 }])
    expect(insight.days7).toEqual({ opens: want.days7, productOpens: want.opens7 })
  })

  it('when a day appears twice (stored and pending), then both add up; a product no longer in the storefront counts in the totals only', () => {
    const insight = storefrontInsight(
      [day('2026-12-03', 4, [['a', 1]]), day('2026-12-03', 1, [['gone', 5]]), day('2026-11-20', 2, [['a', 3]])],
      ['a'],
      from7,
      from30,
    )
    expect(insight).toEqual({
      days7: { opens: 5, productOpens: 6 },
      days30: { opens: 7, productOpens: 9 },
      products: [{ productId: 'a', opens7: 1, opens30: 4 }],
    })
  })
})
