/**
 * Value encoding. Requests carry canonical Extended JSON strings (docs/cloudbase/wire.md §2.1), decoded with
 * bson's EJSON; `$tcb_server_date` (db.serverDate) is resolved to the local cloud's clock here,
 * so queries, inserts and updates all see one instant per request.
 * Stored documents and response strings use one relaxed EJSON form the SDK accepts (§2.2):
 * plain JSON numbers, `{"$date":{"$numberLong":…}}`, `{"$regularExpression":…}` and
 * `{"$numberDouble":"NaN"}` for non-finite numbers.
 */
import { EJSON } from 'bson'
import { CloudApiError, invalidParam } from './errors'
import { Doc, RegexValue, Value, isDoc } from './values'

/** Regex flags MongoDB and JS share. The SDK passes JS flags through verbatim (e.g. "g"). */
const KEPT_REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])
/** Flags with no effect on a single match (g, y) or without a JS equivalent worth refusing for (l). */
const DROPPED_REGEX_FLAGS = new Set(['g', 'y', 'l', 'd'])

function regexOptions(options: string): string {
  let kept = ''
  for (const f of options) {
    if (KEPT_REGEX_FLAGS.has(f)) {
      if (!kept.includes(f)) kept += f
    } else if (!DROPPED_REGEX_FLAGS.has(f)) {
      throw invalidParam(`regular expression option "${f}" is not supported`)
    }
  }
  return [...kept].sort().join('')
}

function checkRegex(pattern: string, options: string): RegexValue {
  const r = new RegexValue(pattern, options)
  try {
    r.toRegExp()
  } catch (e) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${(e as Error).message}`)
  }
  return r
}

/**
 * bson refuses regex options it does not know (e.g. the "g" of a JS RegExp), so options are
 * normalised on the raw JSON tree before EJSON sees it.
 */
function normaliseRegexOptions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) normaliseRegexOptions(x)
  } else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>
    const re = o.$regularExpression
    if (typeof re === 'object' && re !== null && typeof (re as Record<string, unknown>).options === 'string') {
      const r = re as Record<string, unknown>
      r.options = regexOptions(r.options as string)
    }
    for (const k of Object.keys(o)) normaliseRegexOptions(o[k])
  }
}

/** Converts what EJSON.parse produced into a Value, resolving serverDate against `now`. */
function fromEjson(v: unknown, now: number, where: string): Value {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw invalidParam(`invalid date at ${where}`)
    return v
  }
  if (Array.isArray(v)) return v.map((x, i) => fromEjson(x, now, `${where}.${i}`))
  if (typeof v === 'object') {
    const bsonType = (v as { _bsontype?: unknown })._bsontype
    if (bsonType === 'BSONRegExp') {
      const r = v as { pattern: string; options: string }
      return checkRegex(r.pattern, r.options)
    }
    if (bsonType === 'Long') return (v as { toNumber(): number }).toNumber()
    if (bsonType === 'Int32' || bsonType === 'Double') return (v as { valueOf(): number }).valueOf()
    if (bsonType !== undefined) throw invalidParam(`unsupported value type ${String(bsonType)} at ${where}`)
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = o.$tcb_server_date
      const offset = isDoc(spec) ? spec.offset : undefined
      if (offset !== undefined && typeof offset !== 'number') throw invalidParam(`invalid serverDate offset at ${where}`)
      return new Date(now + (offset ?? 0))
    }
    const out: Doc = {}
    for (const k of keys) {
      if (k === '__proto__') throw invalidParam(`field name "__proto__" is not allowed`)
      out[k] = fromEjson(o[k], now, where === '' ? k : `${where}.${k}`)
    }
    return out
  }
  throw invalidParam(`unsupported value at ${where}`)
}

/** Decodes one EJSON string field of a request body. */
export function decodeEjson(text: unknown, field: string, now: number): Value {
  if (typeof text !== 'string') throw invalidParam(`${field} must be an EJSON string`)
  let parsed: unknown
  try {
    if (text.includes('$regularExpression')) {
      const raw: unknown = JSON.parse(text)
      normaliseRegexOptions(raw)
      parsed = EJSON.deserialize(raw as Record<string, unknown>, { relaxed: true })
    } else {
      parsed = EJSON.parse(text, { relaxed: true })
    }
  } catch (e) {
    if (e instanceof CloudApiError) throw e
    throw invalidParam(`${field} is not valid EJSON: ${(e as Error).message}`)
  }
  return fromEjson(parsed, now, '')
}

export function decodeEjsonDoc(text: unknown, field: string, now: number): Doc {
  const v = decodeEjson(text, field, now)
  if (!isDoc(v)) throw invalidParam(`${field} must be an object`)
  return v
}

/** Plain JS values (seeding and tests): Date and RegExp allowed, undefined fields dropped as the SDK does. */
export function fromPlain(v: unknown, where = ''): Value {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v
  if (v instanceof Date) return new Date(v.getTime())
  if (v instanceof RegExp) return checkRegex(v.source, regexOptions(v.flags))
  if (v instanceof RegexValue) return v
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : fromPlain(x, `${where}.${i}`)))
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Doc = {}
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x !== undefined) out[k] = fromPlain(x, where === '' ? k : `${where}.${k}`)
    }
    return out
  }
  throw invalidParam(`unsupported value at ${where || 'top level'}`)
}

/** JSON.stringify replacer: `this[key]` is the raw value, before Date#toJSON ran. */
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key]
  if (raw instanceof Date) return { $date: { $numberLong: String(raw.getTime()) } }
  if (raw instanceof RegexValue) return { $regularExpression: { pattern: raw.pattern, options: raw.options } }
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $numberDouble: String(raw) }
  return value
}

/** The stored and answered form of a document (relaxed EJSON, §2.2). */
export function encodeDoc(doc: Doc): string {
  return JSON.stringify(doc, replacer)
}

function revive(v: unknown): Value {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i])
    return v as Value[]
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
    if (keys.length === 1) {
      const d = o.$date as Record<string, unknown> | undefined
      if (d !== undefined) return new Date(Number(d.$numberLong))
      const re = o.$regularExpression as { pattern: string; options: string } | undefined
      if (re !== undefined) return new RegexValue(re.pattern, re.options)
      if (typeof o.$numberDouble === 'string') return Number(o.$numberDouble)
    }
    for (const k of keys) o[k] = revive(o[k])
    return o as Doc
  }
  return v as Value
}

/** Inverse of encodeDoc. Documents without `{"$` (no dates, regexes or NaN) skip the revive walk. */
export function decodeStoredDoc(text: string): Doc {
  const parsed: unknown = JSON.parse(text)
  return (text.includes('{"$') ? revive(parsed) : parsed) as Doc
}
