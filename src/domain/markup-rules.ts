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

/** What the markup itself makes of the spec, before the rule that a retail price never shows the purchase price. */
function markedUp(spec: { purchasePrice: number; suggestedRetail?: number }, markup: Markup): number {
  if (markup.kind !== 'suggested') return applyMarkup(spec.purchasePrice, markup)
  if (spec.suggestedRetail === undefined) return applyMarkup(spec.purchasePrice, DEFAULT_MARKUP)
  return markup.roundUp ? roundUpToYuan(spec.suggestedRetail) : spec.suggestedRetail
}

/**
 * Whether the default markup prices this spec instead of the agent's: the agent's own markup would
 * give the purchase price or less (a 建议零售价 at or below it, a 0 markup). A customer then would see
 * exactly what the agent pays (R16), and the agent would sell at a loss or at cost by accident.
 */
export function retailShowsDefault(spec: { purchasePrice: number; suggestedRetail?: number }, markup: Markup): boolean {
  return markedUp(spec, markup) <= spec.purchasePrice
}

/** The 加价 page's hint, shown when `retailShowsDefault` applies to the spec it previews. */
export const RETAIL_FLOOR_HINT =
  '零售价总会高于你的拿货价：加价后不高于拿货价时（如建议零售价低于拿货价，或加价为 0），按拿货价加价 20% 并取整到元，顾客看不到你的拿货价'

/**
 * The agent's retail price for a spec, in fen. `suggested` takes the spec's 建议零售价 and, for a spec
 * without one, falls back to DEFAULT_MARKUP. Always above the agent's own purchase price: where the
 * markup would not be, DEFAULT_MARKUP applies (`retailShowsDefault`), so the price never reveals what
 * the agent pays.
 */
export function retailPriceOf(spec: { purchasePrice: number; suggestedRetail?: number }, markup: Markup): number {
  return retailShowsDefault(spec, markup) ? applyMarkup(spec.purchasePrice, DEFAULT_MARKUP) : markedUp(spec, markup)
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
