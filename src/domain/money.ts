/**
 * R18: money is integer fen everywhere; people read and type yuan. This is the one parser and the
 * one formatter of yuan, used by the forms, the import and the lists alike.
 */

/** Yuan as people write it: digits with at most two decimals (「12」「12.8」「12.80」). */
const YUAN_PATTERN = /^\d{1,12}(\.\d{1,2})?$/

function split(fen: number): { sign: string; yuan: string } {
  const abs = Math.abs(Math.trunc(fen))
  return { sign: fen < 0 ? '-' : '', yuan: `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` }
}

/** Fen → 「¥12.80」. */
export function formatFen(fen: number): string {
  const { sign, yuan } = split(fen)
  return `${sign}¥${yuan}`
}

/** Fen → 「12.80」, for a place that prints the ¥ (or 元) itself. */
export function formatYuan(fen: number): string {
  const { sign, yuan } = split(fen)
  return `${sign}${yuan}`
}

/** The lowest and highest of some amounts; null for none. */
export function priceSpan(prices: readonly number[]): { min: number; max: number } | null {
  if (prices.length === 0) return null
  return { min: Math.min(...prices), max: Math.max(...prices) }
}

/** Prices → 「¥12.80」, or 「¥9.90–¥12.80」 (lowest–highest) when they differ; '' for none. */
export function formatFenRange(prices: readonly number[]): string {
  const span = priceSpan(prices)
  if (!span) return ''
  return span.min === span.max ? formatFen(span.min) : `${formatFen(span.min)}–${formatFen(span.max)}`
}

/** Yuan text → integer fen, or null when it is not yuan (「12.345」「1e3」「-1」「¥12」). Exact: no float arithmetic. */
export function parseYuan(text: string): number | null {
  const trimmed = text.trim()
  if (!YUAN_PATTERN.test(trimmed)) return null
  const [yuan = '0', cents = ''] = trimmed.split('.')
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
}

/** Fen → the text a money input shows (1280 → 「12.80」, 1200 → 「12」, 1250 → 「12.50」). */
export function fenToYuanText(fen: number): string {
  const yuan = Math.floor(fen / 100)
  const cents = fen % 100
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`
}
