import { describe, expect, it } from 'vitest'
import { route } from './routes'
import { searchOfParams, searchSummary, type SearchFilters } from './search-route'
import { QUERY_MAX } from './search-tokens'

/** The parameters of a URL as a page receives them: still encoded, as WeChat hands them over. */
function paramsOf(url: string): Record<string, string> {
  const query = url.split('?')[1] ?? ''
  return Object.fromEntries(
    query
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  )
}

describe('searchOfParams', () => {
  it.each<[Record<string, string>, SearchFilters | null]>([
    [{}, null],
    [{ mode: 'storefront' }, null],
    [{ q: '%E7%A2%8E%E8%8A%B1' }, { q: '碎花', sort: 'newest' }],
    [{ q: '碎花' }, { q: '碎花', sort: 'newest' }],
    [{ q: '100%' }, { q: '100%', sort: 'newest' }],
    [{ q: '%20%20' }, { sort: 'newest' }],
    [{ q: 'x'.repeat(QUERY_MAX + 5) }, { q: 'x'.repeat(QUERY_MAX), sort: 'newest' }],
    [{ supplierId: 'sup%2F1' }, { supplierId: 'sup/1', sort: 'newest' }],
    [{ category: '%E5%A5%B3%E8%A3%85' }, { category: '女装', sort: 'newest' }],
    [{ category: '  ' }, { sort: 'newest' }],
    [{ sort: 'price' }, { sort: 'price' }],
    [{ sort: 'cheapest', newWithin: '2d' }, { sort: 'newest' }],
    [{ newWithin: '3d' }, { newWithin: '3d', sort: 'newest' }],
    [
      { minPrice: '5000', maxPrice: '9999' },
      { minPrice: 5000, maxPrice: 9999, sort: 'newest' },
    ],
    [{ minPrice: '20000' }, { minPrice: 20000, sort: 'newest' }],
    [{ minPrice: 'abc', maxPrice: '-1' }, { sort: 'newest' }],
    [{ minPrice: '49.9' }, { sort: 'newest' }],
    [{ minPrice: '9999', maxPrice: '5000' }, { sort: 'newest' }],
  ])('when a page is opened with %j, then its search is %j', (params, search) => {
    expect(searchOfParams(params)).toEqual(search)
  })

  it.each<[SearchFilters]>([
    [{ sort: 'newest' }],
    [{ q: '碎花连衣裙', sort: 'newest' }],
    [{ q: '碎花 & 条纹?', supplierId: 'demo-supplier', category: '女装', newWithin: '7d', minPrice: 5000, maxPrice: 9999, sort: 'price' }],
    [{ q: '100%', maxPrice: 4999, sort: 'newest' }],
  ])('when %j goes into the pick page’s route and is read back, then it is the same search', (search) => {
    const url = route('pages/pick/index', search)
    expect(url.startsWith('/pages/pick/index?')).toBe(true)
    expect(searchOfParams(paramsOf(url))).toEqual(search)
    // The storefront's pick keeps its mode beside the search.
    expect(searchOfParams(paramsOf(route('pages/pick/index', { ...search, mode: 'storefront' })))).toEqual(search)
  })
})

describe('searchSummary', () => {
  it.each<[SearchFilters, string]>([
    [{ q: '碎花', sort: 'newest' }, '搜索：碎花'],
    [{ sort: 'newest' }, '搜索：全部商品'],
    [{ q: '碎花', supplierId: 's1', sort: 'newest' }, '搜索：碎花'],
    [{ q: '碎花', category: '女装', sort: 'newest' }, '搜索：碎花 · 女装'],
    [{ q: '碎花', newWithin: '3d', minPrice: 5000, maxPrice: 9999, sort: 'price' }, '搜索：碎花 · 3天内 · ¥50-100 · 价格从低到高'],
    [{ newWithin: 'today', maxPrice: 4999, sort: 'newest' }, '搜索：全部商品 · 今天 · ¥50以下'],
    [{ q: '裙', minPrice: 20000, sort: 'newest' }, '搜索：裙 · ¥200以上'],
    [{ q: '裙', minPrice: 1000, maxPrice: 3000, sort: 'newest' }, '搜索：裙 · ¥10-30'],
    [{ q: '裙', minPrice: 1000, sort: 'newest' }, '搜索：裙 · ¥10以上'],
    [{ q: '裙', maxPrice: 2550, sort: 'newest' }, '搜索：裙 · ¥25.5以下'],
  ])('when the search is %j, then the header says %s', (search, summary) => {
    expect(searchSummary(search)).toBe(summary)
  })
})
