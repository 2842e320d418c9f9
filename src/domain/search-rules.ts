/**
 * The search's filters and sorting (docs/decisions/search.md), zod-free for the search page.
 */
import { DAY_MS, HOUR_MS } from './time'

/** 新上架: today, the last 3 or the last 7 days (today included), by Shanghai calendar days. */
export const NEW_WINDOWS = ['today', '3d', '7d'] as const
export type NewWindow = (typeof NEW_WINDOWS)[number]
export const newWindowLabel: Record<NewWindow, string> = { today: '今天', '3d': '3天内', '7d': '7天内' }

/** 最新 (publishing time, newest first) or 价格 (my price, lowest first). */
export const SEARCH_SORTS = ['newest', 'price'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

const SHANGHAI_OFFSET_MS = 8 * HOUR_MS
const WINDOW_DAYS: Record<NewWindow, number> = { today: 1, '3d': 3, '7d': 7 }

/** The first instant the window admits: Shanghai midnight of today, or of 2 or 6 days before. */
export function publishedSince(window: NewWindow, now: number): number {
  const midnight = now - ((now + SHANGHAI_OFFSET_MS) % DAY_MS)
  return midnight - (WINDOW_DAYS[window] - 1) * DAY_MS
}

/** A product's price for the viewer in a search: its lowest spec price (what 「¥x起」 shows). */
export function lowestPrice(prices: readonly number[]): number {
  return prices.length === 0 ? 0 : Math.min(...prices)
}

/** Whether a price lies in the range, either end open. */
export function inPriceRange(price: number, range: { minPrice?: number; maxPrice?: number }): boolean {
  return (range.minPrice === undefined || price >= range.minPrice) && (range.maxPrice === undefined || price <= range.maxPrice)
}

/** Searches kept in the search box's history. */
/** A category filter's name is at most this long. */
export const CATEGORY_FILTER_MAX = 20

export const HISTORY_MAX = 10

/** The history after searching `query`: it comes first, once; blank queries are not kept. */
export function rememberQuery(history: readonly string[], query: string): string[] {
  const q = query.trim()
  if (q === '') return [...history]
  return [q, ...history.filter((h) => h !== q)].slice(0, HISTORY_MAX)
}

/** 价格 chips of the search page: my price ranges in fen, either end open. */
export const PRICE_CHIPS = [
  { value: 'any', label: '不限' },
  { value: 'lt50', label: '¥50以下', maxPrice: 4999 },
  { value: '50to100', label: '¥50-100', minPrice: 5000, maxPrice: 9999 },
  { value: '100to200', label: '¥100-200', minPrice: 10000, maxPrice: 19999 },
  { value: 'ge200', label: '¥200以上', minPrice: 20000 },
] as const
