/**
 * A search carried in a page's URL (搜索 → 多选转发): the words and filters of `feed.search` as route
 * parameters and back. Zod-free and imported only by subpackage pages (search, pick).
 */
import {
  CATEGORY_FILTER_MAX,
  NEW_WINDOWS,
  PRICE_CHIPS,
  SEARCH_SORTS,
  newWindowLabel,
  type NewWindow,
  type SearchSort,
} from './search-rules'
import { QUERY_MAX } from './search-tokens'

/** The words and filters of a search as `feed.search` takes them (without its cursor). */
export interface SearchFilters {
  q?: string
  supplierId?: string
  category?: string
  newWithin?: NewWindow
  minPrice?: number
  maxPrice?: number
  sort: SearchSort
}

/** The keys a search adds to a page's parameters. */
const SEARCH_KEYS = ['q', 'supplierId', 'category', 'newWithin', 'minPrice', 'maxPrice', 'sort'] as const

/**
 * A route parameter as the page reads it: the platform may hand it still URL-encoded or already
 * decoded, and a decoded 「%」 must not throw.
 */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return values.find((v) => v === value)
}

function fen(value: string): number | undefined {
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined
}

/**
 * The search a page was opened on, or null when its parameters carry none. Unknown windows or
 * sorts and malformed prices are left out (the search then runs without them); a reversed price
 * range is dropped whole, as the search refuses it.
 */
export function searchOfParams(params: Partial<Record<string, string | undefined>>): SearchFilters | null {
  if (!SEARCH_KEYS.some((key) => params[key] !== undefined)) return null
  const read = (key: (typeof SEARCH_KEYS)[number]) => {
    const value = params[key]
    return value === undefined ? '' : decoded(value).trim()
  }
  const q = read('q').slice(0, QUERY_MAX)
  const supplierId = read('supplierId')
  const category = read('category').slice(0, CATEGORY_FILTER_MAX)
  const newWithin = oneOf(NEW_WINDOWS, read('newWithin'))
  let minPrice = fen(read('minPrice'))
  let maxPrice = fen(read('maxPrice'))
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    minPrice = undefined
    maxPrice = undefined
  }
  return {
    ...(q ? { q } : {}),
    ...(supplierId ? { supplierId } : {}),
    ...(category ? { category } : {}),
    ...(newWithin ? { newWithin } : {}),
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
    sort: oneOf(SEARCH_SORTS, read('sort')) ?? 'newest',
  }
}

/**
 * What the pick page's header says was searched: 「搜索：碎花」, with the time window, the price chip
 * and a price sort when chosen (「搜索：碎花 · 3天内 · ¥50-100 · 价格从低到高」); without words
 * 「搜索：全部商品」.
 */
export function searchSummary(search: SearchFilters): string {
  const parts = [
    search.q ?? '全部商品',
    search.category ?? '',
    search.newWithin ? newWindowLabel[search.newWithin] : '',
    priceLabel(search.minPrice, search.maxPrice),
    search.sort === 'price' ? '价格从低到高' : '',
  ]
  return `搜索：${parts.filter(Boolean).join(' · ')}`
}

/** A price filter as the search page's chip names it, or in yuan when no chip matches; '' without one. */
function priceLabel(min: number | undefined, max: number | undefined): string {
  const chip = PRICE_CHIPS.find(
    (c) => c.value !== 'any' && ('minPrice' in c ? c.minPrice : undefined) === min && ('maxPrice' in c ? c.maxPrice : undefined) === max,
  )
  if (chip) return chip.label
  const yuan = (price: number) => price / 100
  if (min !== undefined && max !== undefined) return `¥${yuan(min)}-${yuan(max)}`
  if (min !== undefined) return `¥${yuan(min)}以上`
  if (max !== undefined) return `¥${yuan(max)}以下`
  return ''
}
