import { formatFen } from './money'
import { pagePath, route } from './routes'

/**
 * R16: what 一键转发 copies and a share card shows. The text is the item's own text plus one price
 * line with the agent's retail price (which the agent may switch off); never a purchase price.
 * Zod-free, as the feed's cards and 一键转发 use these in the main package, which zod would outgrow.
 */

/** 「💰 ¥129.00」, or 「💰 ¥59.00 起」 when the specs (or a post's products) differ. */
export function priceLine(prices: readonly number[]): string | null {
  if (prices.length === 0) return null
  const min = Math.min(...prices)
  const max = Math.max(...prices)
  return min === max ? `💰 ${formatFen(min)}` : `💰 ${formatFen(min)} 起`
}

export function shareText(text: string, line: string | null, withPrice: boolean): string {
  const body = text.trimEnd()
  if (!withPrice || !line) return body
  return body ? `${body}\n${line}` : line
}

/** The token is the share's only key (a scene of ≤ 32 characters, R12). */
export const SHARE_TOKEN_LENGTH = 16

/** The customer view of a share, as the API answers it (`path`, without the leading slash). */
export function sharePath(token: string): string {
  return pagePath(route('pages/share/index', { token }))
}

/** Moments' single-page mode and the poster code carry the token as `scene`. */
export function isShareToken(value: string): boolean {
  return /^[a-z0-9]{16}$/.test(value)
}

/** 我的转发: an item's live state for the agent (在售 / 即将下架 / 已下架). */
export type ShareState = 'on_sale' | 'expiring' | 'off_sale'

export const shareStateText: Record<ShareState, string> = { on_sale: '在售', expiring: '即将下架', off_sale: '已下架' }

/** The state of a card of several products (a post, a selection): on sale while any is, else expiring while any is. */
export function combinedState(states: readonly ShareState[]): ShareState {
  return states.includes('on_sale') ? 'on_sale' : states.includes('expiring') ? 'expiring' : 'off_sale'
}
