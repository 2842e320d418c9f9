/**
 * WeChat's rules for the values of a subscribe message (订阅消息): each keyword of a template has a
 * kind, named by its key (`thing2`, `character_string4`), and each kind a limit. Descriptive kinds
 * (thing, name, phrase) may be shortened with an ellipsis and still mean the same; every other kind
 * carries a value that must stay whole (order numbers, tracking numbers, amounts, times): such a value
 * is sent as it is or spread over several keywords of the template, never cut.
 */

/** The most characters a value of each kind may hold (code points), as documented by WeChat. */
export const KEYWORD_LIMITS = {
  thing: 20,
  name: 10,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
} as const

export type KeywordKind = keyof typeof KEYWORD_LIMITS

const SHORTENED: ReadonlySet<string> = new Set(['thing', 'name', 'phrase'])

/** The kind of a template keyword (`character_string4` → character_string); null for kinds without a length limit (time, date, amount). */
export function keywordKind(key: string): KeywordKind | null {
  const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1]
  return kind !== undefined && kind in KEYWORD_LIMITS ? (kind as KeywordKind) : null
}

export type FittedValue = { ok: true; value: string } | { ok: false; problem: string }

/** The value as the keyword can carry it: a descriptive one shortened, a whole one unchanged or refused. */
export function fitKeyword(key: string, value: string): FittedValue {
  const kind = keywordKind(key)
  const chars = Array.from(value)
  if (chars.length === 0) return { ok: false, problem: `${key} is empty` }
  if (kind === null || chars.length <= KEYWORD_LIMITS[kind]) return { ok: true, value }
  const max = KEYWORD_LIMITS[kind]
  if (SHORTENED.has(kind)) return { ok: true, value: `${chars.slice(0, max - 1).join('')}…` }
  return { ok: false, problem: `${key} holds at most ${max} characters and its value (${chars.length}) must stay whole` }
}

/** What fills a keyword a whole value did not need (a symbol: character_string takes no Chinese). */
export const UNUSED_PART = '-'

/**
 * A whole value spread in order over keywords of one kind (a 40-character tracking number over
 * 快递单号 and 快递单号（续）): the first keyword holds as much as it can, the next the rest. Keywords
 * the value does not reach carry UNUSED_PART, since WeChat refuses an empty value. Null when the
 * keywords together cannot hold it.
 */
export function spreadWhole(value: string, keys: readonly string[]): Record<string, string> | null {
  const chars = Array.from(value)
  const parts: Record<string, string> = {}
  let at = 0
  for (const key of keys) {
    const kind = keywordKind(key)
    const max = kind === null ? Infinity : KEYWORD_LIMITS[kind]
    const part = chars.slice(at, at + max).join('')
    at += Array.from(part).length
    parts[key] = part === '' ? UNUSED_PART : part
  }
  return at >= chars.length ? parts : null
}
