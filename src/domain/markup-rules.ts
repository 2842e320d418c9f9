/**
 * R16 加价: what an agent adds to its own purchase price (its tier's, R11) to get the retail price it
 * shows, copies and draws. A default per supplier and an optional override per product; or the
 * supplier's 建议零售价. The retail price is always computed from the current purchase price when it
 * is shown — never stored — so a tier change or a price change is followed at once.
 * Zod-free: the 加价 page computes its preview with these without loading zod; the schemas are in markup.ts.
 */
export const MARKUP_KINDS = ['fixed', 'percent', 'suggested'] as const
export type MarkupKind = (typeof MARKUP_KINDS)[number]

/** Percent markups are whole percents up to 1000 % (an agent selling at 11× is a typo). */
export const PERCENT_MAX = 1000

export type Markup = {
  /** fixed: `value` fen added; percent: `value` % added; suggested: the spec's 建议零售价. */
  kind: MarkupKind
  value: number
  /** Round the result up to whole yuan (¥59.80 → ¥60.00). */
  roundUp: boolean
}

/** Until the agent chooses, a retail price is its purchase price + 20 %, rounded up to whole yuan. */
export const DEFAULT_MARKUP: Markup = { kind: 'percent', value: 20, roundUp: true }

/** The markup in force for one product: its own override, else the supplier default, else DEFAULT_MARKUP. */
export function effectiveMarkup(productMarkup: Markup | null | undefined, supplierMarkup: Markup | null | undefined): Markup {
  return productMarkup ?? supplierMarkup ?? DEFAULT_MARKUP
}

function roundUpToYuan(fen: number): number {
  return Math.ceil(fen / 100) * 100
}

function applyMarkup(purchase: number, markup: Markup): number {
  // Integer arithmetic only (R18): a percent is rounded up to the next fen, never down.
  const raw = markup.kind === 'fixed' ? purchase + markup.value : Math.ceil((purchase * (100 + markup.value)) / 100)
  return markup.roundUp ? roundUpToYuan(raw) : raw
}

/**
 * The agent's retail price for a spec, in fen. `suggested` takes the spec's 建议零售价 and, for a spec
 * without one, falls back to DEFAULT_MARKUP. Never below the agent's own purchase price: an agent
 * never sells at a loss by accident.
 */
export function retailPriceOf(spec: { purchasePrice: number; suggestedRetail?: number }, markup: Markup): number {
  const { purchasePrice, suggestedRetail } = spec
  let price: number
  if (markup.kind === 'suggested') {
    price =
      suggestedRetail !== undefined
        ? markup.roundUp
          ? roundUpToYuan(suggestedRetail)
          : suggestedRetail
        : applyMarkup(purchasePrice, DEFAULT_MARKUP)
  } else {
    price = applyMarkup(purchasePrice, markup)
  }
  return Math.max(price, purchasePrice)
}

/** An agent's markups (R16) for one supplier: its default and its overrides per product. */
export interface AgentMarkups {
  supplier: Markup | null
  products: Record<string, Markup>
}

/** An agent that set nothing for a supplier: every product at DEFAULT_MARKUP. */
export const NO_MARKUPS: AgentMarkups = { supplier: null, products: {} }

/** The agent's markup for one product: its own override, else its default for the supplier, else the platform default. */
export function markupForProduct(markups: AgentMarkups, productId: string): Markup {
  return effectiveMarkup(markups.products[productId], markups.supplier)
}

/** How a markup reads in settings: 「加价 20%（取整到元）」「加价 ¥5.00」「按建议零售价」. */
export function describeMarkup(markup: Markup, formatFen: (fen: number) => string): string {
  const round = markup.roundUp ? '，取整到元' : ''
  if (markup.kind === 'suggested') return `按建议零售价${round}`
  if (markup.kind === 'percent') return `加价 ${markup.value}%${round}`
  return `加价 ${formatFen(markup.value)}${round}`
}
