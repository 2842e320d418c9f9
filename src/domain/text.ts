import { z } from './zod'

/**
 * Text rules (R4 and every name field): lengths count Unicode code points, so one Chinese character
 * or one emoji code point is one; "filled" means at least one visible character, so a text of
 * spaces, zero-width characters or direction marks is empty.
 */

/** Whitespace and characters that render as nothing: zero-width spaces and joiners, direction marks, BOM, soft hyphen, fillers, variation selectors. */
const INVISIBLE =
  /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/u
/** The same at the edges, except variation selectors, which belong to the emoji before them (❤️). */
const EDGE_INVISIBLE =
  /^[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]+|[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]+$/gu

export function codePointLength(text: string): number {
  return Array.from(text).length
}

export function hasVisibleText(text: string): boolean {
  return Array.from(text).some((char) => !INVISIBLE.test(char))
}

/** Trims whitespace and invisible characters from both ends. */
export function trimText(text: string): string {
  return text.replace(EDGE_INVISIBLE, '')
}

/**
 * A text people must fill: 1–`max` code points with something visible. `trim` (names) removes
 * invisible edges before storing; long texts (a description) are kept as typed.
 */
export function requiredText(
  label: string,
  max: number,
  { trim = true, empty = `请填写${label}` }: { trim?: boolean; empty?: string } = {},
) {
  const base = trim ? z.string().transform(trimText) : z.string()
  return base.refine(hasVisibleText, empty).refine((text) => codePointLength(text) <= max, `${label}最多 ${max} 个字`)
}

/** A text people may leave empty (a remark): trimmed; nothing visible means empty. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .transform((text) => (hasVisibleText(text) ? trimText(text) : ''))
    .refine((text) => codePointLength(text) <= max, `${label}最多 ${max} 个字`)
}
