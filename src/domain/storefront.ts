import type { Page } from './routes'
import { firstLine } from './text-rules'

/**
 * 我的小店 (the agent's storefront): its limits, the state of an item and the arithmetic of its
 * list. Zod-free and pure, for the cloud and for subpackage pages alike.
 */

/** A storefront's name: 1–20 code points after trimming. */
export const STOREFRONT_NAME_MAX = 20
/** Products one storefront shows. */
export const STOREFRONT_MAX = 100
/** Products one 「加入小店」 adds. */
export const STOREFRONT_ADD_MAX = 20
/** An item's text in the agent's list and the customer's grid: its first line, at most this many code points. */
export const STOREFRONT_TEXT_MAX = 60

export const STOREFRONT_FULL = `小店最多 ${STOREFRONT_MAX} 件商品`
export const STOREFRONT_CHANGED = '小店商品已变化，请刷新后重试'
export const STOREFRONT_LINK_INVALID = '链接已失效'

/** on_sale: customers see it; off_sale: only the agent sees it, marked 已下架. */
export type StorefrontItemState = 'on_sale' | 'off_sale'

/** The name a storefront has until its agent saves one: 「<nickname>的小店」. */
export function defaultStorefrontName(nickname: string): string {
  return `${nickname}的小店`
}

/** An item's one line: the first line with something on it, cut to STOREFRONT_TEXT_MAX with 「…」 counted in. */
export function storefrontItemText(text: string): string {
  const chars = Array.from(firstLine(text))
  return chars.length > STOREFRONT_TEXT_MAX ? `${chars.slice(0, STOREFRONT_TEXT_MAX - 1).join('')}…` : chars.join('')
}

/** What makes a product sellable from the storefront: each fact is one reason it goes off sale. */
export interface StorefrontItemFacts {
  /** The product still exists. */
  exists: boolean
  /** On sale, not expired and not hidden by WeChat's image check. */
  shown: boolean
  /** Its supplier still binds the agent. */
  bound: boolean
}

export function storefrontItemState(facts: StorefrontItemFacts): StorefrontItemState {
  return facts.exists && facts.shown && facts.bound ? 'on_sale' : 'off_sale'
}

/**
 * 加入小店: ids already in stay where they are; new ones go first, in the order given (each once).
 * Null when the result would hold more than STOREFRONT_MAX products.
 */
export function addToStorefront(current: readonly string[], added: readonly string[]): string[] | null {
  const have = new Set(current)
  const fresh = [...new Set(added)].filter((id) => !have.has(id))
  const next = [...fresh, ...current]
  return next.length > STOREFRONT_MAX ? null : next
}

/** 移出小店: removing what is not there changes nothing. */
export function removeFromStorefront(current: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed)
  return current.filter((id) => !gone.has(id))
}

/** 排序: the new order when it is the whole current list rearranged (each id once), else null. */
export function reorderStorefront(current: readonly string[], next: readonly string[]): string[] | null {
  if (next.length !== current.length || new Set(next).size !== next.length) return null
  const have = new Set(current)
  return next.every((id) => have.has(id)) ? [...next] : null
}

/** The customer view of a storefront (a route of src/domain/routes.ts). */
const STOREFRONT_VIEW_PAGE: Page = 'pages/storefront/view/index'

/** The customer view of a storefront, as `storefront.share` answers it (without the leading slash). */
export function storefrontPath(token: string): string {
  return `${STOREFRONT_VIEW_PAGE}?token=${encodeURIComponent(token)}`
}

/** Opens counted on one Shanghai day: of the storefront, and of each product opened from it. */
export interface StorefrontOpenDay {
  day: string
  opens: number
  products: ReadonlyArray<{ productId: string; opens: number }>
}

export interface StorefrontOpenInsight {
  days7: { opens: number; productOpens: number }
  days30: { opens: number; productOpens: number }
  products: Array<{ productId: string; opens7: number; opens30: number }>
}

/**
 * The agent's insight from its counted days (a day may appear more than once: stored and pending):
 * the last 7 days are `from7` on, the last 30 `from30` on ('YYYY-MM-DD', today included); one row
 * per product still in the storefront, in its order.
 */
export function storefrontInsight(
  days: readonly StorefrontOpenDay[],
  productIds: readonly string[],
  from7: string,
  from30: string,
): StorefrontOpenInsight {
  const days7 = { opens: 0, productOpens: 0 }
  const days30 = { opens: 0, productOpens: 0 }
  const per = new Map(productIds.map((id) => [id, { opens7: 0, opens30: 0 }]))
  for (const day of days) {
    if (day.day < from30) continue
    const recent = day.day >= from7
    const productOpens = day.products.reduce((sum, p) => sum + p.opens, 0)
    days30.opens += day.opens
    days30.productOpens += productOpens
    if (recent) {
      days7.opens += day.opens
      days7.productOpens += productOpens
    }
    for (const p of day.products) {
      const row = per.get(p.productId)
      if (!row) continue
      row.opens30 += p.opens
      if (recent) row.opens7 += p.opens
    }
  }
  return { days7, days30, products: productIds.map((productId) => ({ productId, ...(per.get(productId) ?? { opens7: 0, opens30: 0 }) })) }
}
