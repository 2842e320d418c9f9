/**
 * `orderBy` as MongoDB sorts: BSON type order, and an array field sorts by its smallest element
 * ascending and by its largest element descending.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.orderBy.html
 */
import { invalidParam } from './errors'
import { Doc, Value, compareValues, lookupBranches, splitPath } from './values'

export interface SortKey {
  parts: string[]
  direction: 1 | -1
}

export function parseOrder(order: Doc, what = 'order'): SortKey[] {
  return Object.keys(order).map((field) => {
    const d = order[field]
    // The SDK turns orderBy's 'asc'/'desc' into 1/-1; MongoDB's $sort takes numbers only.
    const direction = d === 1 ? 1 : d === -1 ? -1 : null
    if (direction === null) throw invalidParam(`${what}: direction of "${field}" must be 1 or -1`)
    return { parts: splitPath(field), direction }
  })
}

function sortValue(v: Value | undefined, key: SortKey): Value | undefined {
  let best: Value | undefined
  let first = true
  for (const b of lookupBranches(v, key.parts)) {
    const candidates = Array.isArray(b) ? (b.length === 0 ? [undefined] : b) : [b]
    for (const c of candidates) {
      if (first || compareValues(c, best) * key.direction < 0) best = c
      first = false
    }
  }
  return best
}

/** Stable sort (ties keep the incoming order, i.e. insertion order). Sort keys are computed once per item. */
export function sortBy<T>(items: T[], valueOf: (item: T) => Value, keys: SortKey[]): T[] {
  if (keys.length === 0) return items
  const decorated = items.map((item) => {
    const v = valueOf(item)
    return { item, k: keys.map((key) => sortValue(v, key)) }
  })
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.k[i], b.k[i])
      if (c !== 0) return c * keys[i].direction
    }
    return 0
  })
  return decorated.map((d) => d.item)
}
