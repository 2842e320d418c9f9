import { formatFen } from './money'
import { pagePath, route } from './routes'
import { excerpt } from './post-rules'
import { truncate } from './text-rules'

/**
 * The agent's own words and forwarding many (R16 extended): zod-free and pure, for the cloud and for
 * subpackage pages alike.
 */

/** An agent's own text is published to customers like a description or a post. */
export const MY_TEXT_MAX = 500
/** One Moments post holds nine pictures: one per product. */
export const SELECTION_MAX = 9
/** A product's line in the combined text: its first line, this many code points. */
export const SELECTION_LINE_MAX = 24

/** What the agent chooses when the supplier has rewritten the text its own words were based on. */
export type MergeChoice = 'keep' | 'theirs' | 'merge'

/** The text after the agent's choice: keep its own, take the supplier's, or its own with the supplier's new text appended. */
export function mergeTexts(mine: string, theirs: string, choice: MergeChoice): string {
  if (choice === 'keep') return mine
  if (choice === 'theirs') return theirs
  const own = mine.trimEnd()
  const added = theirs.trim()
  if (!added || own.includes(added)) return own
  return own ? `${own}\n\n${added}` : added
}

/** 「¥129.00」, 「¥59.00 起」 when its specs differ, 「」 with no price to show. */
function priceText(prices: readonly number[]): string {
  if (prices.length === 0) return ''
  const min = Math.min(...prices)
  return prices.some((p) => p !== min) ? `${formatFen(min)} 起` : formatFen(min)
}

export interface SelectionLine {
  /** The text the agent forwards for this product (its own words, or the description). */
  text: string
  /** The agent's retail prices of the product's on-sale specs; never a purchase price. */
  retail: readonly number[]
}

/**
 * 多选转发's one text: a numbered short line per product (its first line and the agent's retail
 * price), in the pictures' order, so 「3」 in the text is the third picture of the grid.
 */
export function combinedText(lines: readonly SelectionLine[]): string {
  const numbered = lines.length > 1
  return lines
    .map((line, i) => {
      const title = excerpt(line.text, SELECTION_LINE_MAX) || '好物'
      const price = priceText(line.retail)
      const body = price ? `${title} 💰 ${price}` : title
      return numbered ? `${i + 1}. ${body}` : body
    })
    .join('\n')
}

/** The selection as the agent picked it: each id once, first pick first (the schema caps it at nine). */
export function selectionOrder(ids: readonly string[]): string[] {
  return [...new Set(ids)]
}

/** The title of a selection's card: 「精选 3 件好物」, or the one product's first line. */
export function selectionTitle(texts: readonly string[]): string {
  if (texts.length === 1) return truncate(excerpt(texts[0] ?? ''), SELECTION_LINE_MAX)
  return `精选 ${texts.length} 件好物`
}

/**
 * 我的转发's title of a selection: its card's title over the products customers still see, or, once
 * none is left, how many it was shared with.
 */
export function selectionRowTitle(shown: readonly string[], shared: number): string {
  return shown.length > 0 ? selectionTitle(shown) : `精选 ${shared} 件好物`
}

/** The customer view of a shared selection, as the API answers it (without the leading slash). */
export function selectionPath(token: string): string {
  return pagePath(route('pages/selection/index', { token }))
}
