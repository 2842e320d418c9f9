/**
 * How the store narrows a find in SQL before the matcher decides: the conditions pushed down to the
 * table's expression indexes, and a sorted, limited find read in index order.
 */
import type Database from 'better-sqlite3'
import { decodeStoredDoc } from './ejson'
import { hasOperatorKeys, Predicate } from './matcher'
import { SortKey, sortBy } from './sort'
import type { IndexDeclaration, Row } from './store'
import { Doc, Value, compareValues, isDoc } from './values'

export type SqlValue = string | number
export type Stmt = Database.Statement<unknown[]>

export interface Collection {
  name: string
  table: string
  indexes: Map<string, IndexDeclaration>
  /** Index fields eligible for SQL pushdown. */
  indexFields: Set<string>
  /** Index fields some document holds an array on (or under): SQL cannot match them element-wise. */
  arrayFields: Set<string>
  /** Index fields some document holds a boolean on: SQLite's JSON reads it as 0/1, so its index order is not MongoDB's. */
  boolFields: Set<string>
  insert: Stmt
  update: Stmt
  remove: Stmt
  byId: Stmt
  revById: Stmt
  count: Stmt
}

/** The store's statement caches, which the index-order read iterates through. */
export interface Statements {
  statement(sql: string): Stmt
  /** A statement iterates one cursor at a time: the i-th stream of a merge gets its own copy. */
  streamStatement(sql: string, i: number): Stmt
}

/** Largest `$in` list pushed down to SQL (SQLite's bound-parameter limit is far above). */
const MAX_IN_PUSHDOWN = 500

/**
 * The SQL expression an index stores and a pushed-down condition compares. A missing field and
 * null both become x'00' so that, as in MongoDB, a unique index admits only one document lacking
 * the field (SQLite would otherwise treat every NULL as distinct).
 */
export function keyExpr(field: string): string {
  return `ifnull(json_extract(doc, '$.${field}'), x'00')`
}

function isSqlScalar(v: Value | undefined): v is SqlValue {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
}

/** The conditions of `query` SQL can check on the table's columns and indexes (a superset of the matches). */
export function pushdown(
  c: Collection,
  query: Doc,
): { where: string[]; params: SqlValue[]; split?: { at: number; param: number; expr: string; values: SqlValue[] } } {
  const where: string[] = []
  const params: SqlValue[] = []
  let split: { at: number; param: number; expr: string; values: SqlValue[] } | undefined
  const add = (expr: string, cond: Value) => {
    if (isSqlScalar(cond)) {
      where.push(`${expr} = ?`)
      params.push(cond)
      return
    }
    if (!isDoc(cond) || !Object.keys(cond).every((k) => k.startsWith('$'))) return
    for (const [op, arg] of Object.entries(cond)) {
      const sqlOp = op === '$eq' ? '=' : op === '$gt' ? '>' : op === '$gte' ? '>=' : op === '$lt' ? '<' : op === '$lte' ? '<=' : null
      if (sqlOp !== null && isSqlScalar(arg)) {
        where.push(`${expr} ${sqlOp} ?`)
        params.push(arg)
      } else if (op === '$in' && Array.isArray(arg) && arg.length > 0 && arg.length <= MAX_IN_PUSHDOWN && arg.every(isSqlScalar)) {
        if (split === undefined && expr !== 'id') split = { at: where.length, param: params.length, expr, values: arg as SqlValue[] }
        where.push(`${expr} IN (${arg.map(() => '?').join(', ')})`)
        params.push(...(arg as SqlValue[]))
      }
    }
  }
  const visit = (q: Doc) => {
    for (const key of Object.keys(q)) {
      const cond = q[key]
      if (key === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isDoc(sub)) visit(sub)
      } else if (key === '_id') {
        // `_id` is always a string: a non-string equality cannot match, which the matcher decides.
        if (typeof cond === 'string' || (isDoc(cond) && hasOperatorKeys(cond))) add('id', cond)
      } else if (c.indexFields.has(key) && !c.arrayFields.has(key)) {
        add(keyExpr(key), cond)
      }
    }
  }
  visit(query)
  return { where, params, split }
}

/**
 * A sorted, limited find read in the order of an index instead of decoding every candidate and
 * sorting them: the first sort key must be an indexed field that no document holds an array on,
 * optionally followed by `_id`. An `$in` on an indexed field becomes one ordered range per value,
 * merged here (SQLite would otherwise read every value's rows and sort them in a temp B-tree), and
 * the scan stops once `want` documents matched. Only numbers are read in index order (SQLite's
 * order of numbers is MongoDB's); documents with any other value there (strings, null, missing,
 * dates, objects) are read whole and sorted with the rest, so the answer is exactly the full sort's.
 * Answers undefined when the query does not fit; the caller then takes the general path.
 */
export function findInIndexOrder(
  statements: Statements,
  c: Collection,
  query: Doc,
  pred: Predicate,
  order: SortKey[],
  want: number,
): Row[] | undefined {
  const [first, ...rest] = order
  const field = first.parts.join('.')
  if (field === '_id' || !c.indexFields.has(field) || c.arrayFields.has(field) || c.boolFields.has(field)) return undefined
  if (rest.length > 1 || (rest.length === 1 && rest[0].parts.join('.') !== '_id')) return undefined
  if (want <= 0) return []
  const { where, params, split } = pushdown(c, query)
  const key = keyExpr(field)
  const dir = first.direction === -1 ? 'DESC' : 'ASC'
  const tie = rest.length === 1 ? `id ${rest[0].direction === -1 ? 'DESC' : 'ASC'}` : 'rowid ASC'
  const tieDir = rest.length === 1 ? rest[0].direction : 1
  type Raw = { id: string; rev: number; doc: string; k: number; r: number }
  const rows: Array<Row & { r: number }> = []
  // One ordered stream per `$in` value (or a single stream).
  const streams: Array<{ where: string[]; params: SqlValue[] }> = []
  if (split === undefined) streams.push({ where, params })
  else {
    for (const value of new Set(split.values)) {
      const w = [...where]
      const p = [...params]
      w[split.at] = `${split.expr} = ?`
      p.splice(split.param, split.values.length, value)
      streams.push({ where: w, params: p })
    }
  }
  // Everything whose sort value is not a number (normally an empty range of the index), per stream
  // and ordered by the sort field, so that SQLite reads it from the same index as the stream.
  for (const s of streams) {
    const others = statements.statement(
      `SELECT id, rev, doc, rowid AS r FROM ${c.table} WHERE ${[...s.where, `${key} >= ''`].join(' AND ')} ORDER BY ${key} ${dir}`,
    )
    for (const r of others.iterate(...s.params) as IterableIterator<Raw>) {
      const doc = decodeStoredDoc(r.doc)
      if (pred(doc)) rows.push({ id: r.id, rev: r.rev, doc, r: r.r })
    }
  }
  const sql = (w: string[]) =>
    `SELECT id, rev, doc, ${key} AS k, rowid AS r FROM ${c.table} WHERE ${[...w, `${key} < ''`].join(' AND ')} ORDER BY ${key} ${dir}, ${tie}`
  const iterators: Array<Iterator<Raw>> = []
  const heads: Array<Raw | undefined> = []
  const before = (a: Raw, b: Raw): boolean => {
    if (a.k !== b.k) return a.k < b.k === (first.direction === 1)
    if (rest.length === 1) return compareValues(a.id, b.id) * tieDir < 0
    return a.r < b.r
  }
  let matched = 0
  try {
    for (const [i, s] of streams.entries()) {
      const it = statements.streamStatement(sql(s.where), i).iterate(...s.params) as Iterator<Raw>
      iterators.push(it)
      const next = it.next()
      heads.push(next.done ? undefined : next.value)
    }
    while (matched < want) {
      let best = -1
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i]
        if (h !== undefined && (best === -1 || before(h, heads[best] as Raw))) best = i
      }
      if (best === -1) break
      const r = heads[best] as Raw
      const next = iterators[best].next()
      heads[best] = next.done ? undefined : next.value
      const doc = decodeStoredDoc(r.doc)
      // Only numbers belong in this stream (booleans are kept out by boolFields).
      if (typeof first.parts.reduce<Value | undefined>((v, seg) => (isDoc(v) ? v[seg] : undefined), doc) !== 'number') return undefined
      if (!pred(doc)) continue
      rows.push({ id: r.id, rev: r.rev, doc, r: r.r })
      matched++
    }
  } finally {
    for (const it of iterators) it.return?.()
  }
  rows.sort((a, b) => a.r - b.r)
  return sortBy(rows, (r) => r.doc, order).map(({ id, rev, doc }) => ({ id, rev, doc }))
}
