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
