/**
 * The value model of stored documents and the MongoDB ordering rules the WeChat cloud database
 * (a MongoDB service) applies to them.
 */

/** A regular expression stored or queried as a value (`db.RegExp` / JS RegExp on the wire). */
export class RegexValue {
  constructor(
    readonly pattern: string,
    readonly options: string,
  ) {}

  /** A JS RegExp with the same meaning. Flags JS does not share with MongoDB were dropped on decode. */
  toRegExp(): RegExp {
    return new RegExp(this.pattern, this.options)
  }
}

export type Value = null | boolean | number | string | Date | RegexValue | Value[] | Doc
export interface Doc {
  [key: string]: Value
}

export function isDoc(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegexValue)
}

/**
 * Rank of a value's type in MongoDB's comparison/sort order (BSON order): missing and null first,
 * then numbers, strings, objects, arrays, booleans, dates, regular expressions.
 */
export function typeRank(v: Value | undefined): number {
  if (v === undefined || v === null) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  if (v instanceof RegexValue) return 11
  return 4
}

/** Compares strings by Unicode code point, as MongoDB compares UTF-8 bytes (JS `<` uses UTF-16 units). */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (astral code points) sort after every BMP code unit in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs !== ys) return xs ? 1 : -1
    return x < y ? -1 : 1
  }
  return a.length - b.length
}

/** Total order over values (MongoDB BSON order); numbers compare across int/double, NaN lowest. */
export function compareValues(a: Value | undefined, b: Value | undefined): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  if (a === undefined || a === null || b === undefined || b === null) return 0
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1
    return a < b ? -1 : a > b ? 1 : 0
  }
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime())
  if (a instanceof RegexValue && b instanceof RegexValue) {
    return compareStrings(a.pattern, b.pattern) || compareStrings(a.options, b.options)
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i])
      if (c !== 0) return c
    }
    return Math.sign(a.length - b.length)
  }
  if (isDoc(a) && isDoc(b)) {
    // MongoDB compares embedded documents field by field, in stored order: name, then value.
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const c = compareValues(a[ka[i]], b[kb[i]]) || compareStrings(ka[i], kb[i])
      if (c !== 0) return c
    }
    return Math.sign(ka.length - kb.length)
  }
  return 0
}

/** MongoDB equality: numbers by value, documents field by field in order (as MongoDB does). */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (typeRank(a) !== typeRank(b)) return false
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return false
  if (isDoc(a) && isDoc(b) && Object.keys(a).length !== Object.keys(b).length) return false
  return compareValues(a, b) === 0
}

export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => cloneValue(x)) as T
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (isDoc(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k])
    return out as T
  }
  return v
}

export function splitPath(path: string): string[] {
  return path.split('.')
}

export function isIndexSegment(seg: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(seg)
}

/**
 * Every value a dot path reaches, as MongoDB resolves query paths: a path crossing an array
 * continues into each element that is a document (and into element N for a numeric segment).
 * A path that reaches nothing yields `[undefined]`.
 */
export function lookupBranches(root: Value | undefined, parts: string[]): Array<Value | undefined> {
  const out: Array<Value | undefined> = []
  collect(root, parts, 0, out)
  return out.length === 0 ? [undefined] : out
}

function collect(v: Value | undefined, parts: string[], i: number, out: Array<Value | undefined>): void {
  if (i === parts.length) {
    out.push(v)
    return
  }
  const seg = parts[i]
  if (Array.isArray(v)) {
    if (isIndexSegment(seg)) {
      const el = v[Number(seg)]
      if (el !== undefined) collect(el, parts, i + 1, out)
    }
    for (const el of v) if (isDoc(el)) collect(el, parts, i, out)
    return
  }
  if (isDoc(v)) {
    collect(Object.prototype.hasOwnProperty.call(v, seg) ? v[seg] : undefined, parts, i + 1, out)
    return
  }
  out.push(undefined)
}
