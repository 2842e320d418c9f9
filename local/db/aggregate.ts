/**
 * Aggregation pipelines (collection.aggregate()…end()), the stages the functions use, with MongoDB
 * semantics: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.html
 * $match (same matcher as queries), $sort, $skip, $limit, $project, $addFields, $group
 * ($sum/$avg/$min/$max/$first/$last/$push/$addToSet), $count, $unwind, $lookup (localField/foreignField form).
 * Expressions: "$field.path" references, literals, {$literal}, and $add/$subtract/$multiply/$divide/$concat/$ifNull/$size.
 */
import { invalidParam } from './errors'
import { compileQuery } from './matcher'
import { compileProjection } from './projection'
import { parseOrder, sortBy } from './sort'
import { Doc, Value, cloneValue, compareValues, isDoc, lookupBranches, splitPath, valuesEqual } from './values'

export interface Stage {
  key: string
  value: Value
}

/** Reads a whole collection (for the first stage and for $lookup). */
export type CollectionReader = (collection: string, match?: Doc) => Doc[]

function fieldRef(doc: Doc, path: string): Value | undefined {
  if (path === '$ROOT' || path === '$CURRENT') return doc
  if (path.startsWith('$')) throw invalidParam(`aggregation variable $${path} is not supported`)
  const branches = lookupBranches(doc, splitPath(path))
  // "$a.b" through an array of documents yields the array of the values found, as in MongoDB.
  if (branches.length === 1) return branches[0]
  return branches.filter((b): b is Value => b !== undefined)
}

function numbers(vals: Array<Value | undefined>, op: string): number[] | null {
  if (vals.some((v) => v === null || v === undefined)) return null
  return vals.map((v) => {
    if (typeof v !== 'number') throw invalidParam(`${op} only supports numeric arguments`)
    return v
  })
}

function evalExpr(expr: Value, doc: Doc): Value | undefined {
  if (typeof expr === 'string' && expr.startsWith('$')) return fieldRef(doc, expr.slice(1))
  if (Array.isArray(expr)) return expr.map((e) => evalExpr(e, doc) ?? null)
  if (!isDoc(expr)) return expr
  const keys = Object.keys(expr)
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const op = keys[0]
    const arg = expr[op]
    if (op === '$literal') return arg
    const args = (Array.isArray(arg) ? arg : [arg]).map((a) => evalExpr(a, doc))
    switch (op) {
      case '$add':
      case '$multiply': {
        const ns = numbers(args, op)
        if (ns === null) return null
        return op === '$add' ? ns.reduce((a, b) => a + b, 0) : ns.reduce((a, b) => a * b, 1)
      }
      case '$subtract':
      case '$divide': {
        const ns = numbers(args, op)
        if (ns === null) return null
        if (ns.length !== 2) throw invalidParam(`${op} needs two arguments`)
        if (op === '$divide' && ns[1] === 0) throw invalidParam('$divide by zero')
        return op === '$subtract' ? ns[0] - ns[1] : ns[0] / ns[1]
      }
      case '$concat':
        if (args.some((a) => a === null || a === undefined)) return null
        if (args.some((a) => typeof a !== 'string')) throw invalidParam('$concat only supports strings')
        return args.join('')
      case '$ifNull':
        return args.slice(0, -1).find((a) => a !== null && a !== undefined) ?? args[args.length - 1]
      case '$size':
        if (!Array.isArray(args[0])) throw invalidParam('$size needs an array')
        return args[0].length
      default:
        throw invalidParam(`aggregation operator ${op} is not supported`)
    }
  }
  const out: Doc = {}
  for (const k of keys) {
    const v = evalExpr(expr[k], doc)
    if (v !== undefined) out[k] = v
  }
  return out
}

function setPath(doc: Doc, path: string, v: Value): void {
  const parts = splitPath(path)
  let cur = doc
  for (const seg of parts.slice(0, -1)) {
    if (!isDoc(cur[seg])) cur[seg] = {}
    cur = cur[seg] as Doc
  }
  cur[parts[parts.length - 1]] = v
}

function project(docs: Doc[], spec: Value): Doc[] {
  if (!isDoc(spec)) throw invalidParam('$project needs an object')
  const flags: Doc = {}
  const computed: Array<[string, Value]> = []
  for (const k of Object.keys(spec)) {
    const v = spec[k]
    if (typeof v === 'number' || typeof v === 'boolean') flags[k] = v
    else computed.push([k, v])
  }
  const on = Object.entries(flags).filter(([k]) => k !== '_id').map(([, v]) => v === true || (typeof v === 'number' && v !== 0))
  if (on.includes(true) && on.includes(false)) throw invalidParam('$project cannot mix inclusion and exclusion')
  if (computed.length > 0 && on.includes(false)) throw invalidParam('$project cannot mix computed fields and exclusion')
  // Computed fields make it an inclusion projection; `{_id: 0}` alone stays an exclusion.
  const base = compileProjection(flags, on.includes(true) || computed.length > 0)
  return docs.map((d) => {
    const out = base.apply(d)
    for (const [k, e] of computed) {
      const v = evalExpr(e, d)
      if (v !== undefined) setPath(out, k, v)
    }
    return out
  })
}

type Accumulate = (docs: Doc[]) => Value

function accumulator(name: string, spec: Value): Accumulate {
  if (!isDoc(spec) || Object.keys(spec).length !== 1) throw invalidParam(`$group field "${name}" needs one accumulator`)
  const op = Object.keys(spec)[0]
  const e = spec[op]
  const vals = (docs: Doc[]) => docs.map((d) => evalExpr(e, d))
  switch (op) {
    case '$sum':
      return (docs) => vals(docs).reduce<number>((s, v) => (typeof v === 'number' ? s + v : s), 0)
    case '$avg':
      return (docs) => {
        const ns = vals(docs).filter((v): v is number => typeof v === 'number')
        return ns.length === 0 ? null : ns.reduce((a, b) => a + b, 0) / ns.length
      }
    case '$min':
    case '$max':
      return (docs) => {
        const present = vals(docs).filter((v): v is Value => v !== undefined && v !== null)
        if (present.length === 0) return null
        return present.reduce((a, b) => ((op === '$min' ? compareValues(b, a) < 0 : compareValues(b, a) > 0) ? b : a))
      }
    case '$first':
      return (docs) => vals(docs)[0] ?? null
    case '$last':
      return (docs) => vals(docs)[docs.length - 1] ?? null
    case '$push':
      return (docs) => vals(docs).filter((v): v is Value => v !== undefined)
    case '$addToSet':
      return (docs) => {
        const out: Value[] = []
        for (const v of vals(docs)) if (v !== undefined && !out.some((x) => valuesEqual(x, v))) out.push(v)
        return out
      }
    default:
      throw invalidParam(`$group accumulator ${op} is not supported`)
  }
}

function group(docs: Doc[], spec: Value): Doc[] {
  if (!isDoc(spec) || !Object.prototype.hasOwnProperty.call(spec, '_id')) throw invalidParam('$group needs an _id')
  const accs = Object.keys(spec)
    .filter((k) => k !== '_id')
    .map((k) => [k, accumulator(k, spec[k])] as const)
  const groups: Array<{ id: Value; docs: Doc[] }> = []
  for (const d of docs) {
    const id = evalExpr(spec._id, d) ?? null
    let g = groups.find((x) => valuesEqual(x.id, id))
    if (g === undefined) {
      g = { id, docs: [] }
      groups.push(g)
    }
    g.docs.push(d)
  }
  return groups.map((g) => {
    const out: Doc = { _id: g.id }
    for (const [k, acc] of accs) out[k] = acc(g.docs)
    return out
  })
}

function unwind(docs: Doc[], spec: Value): Doc[] {
  const s = typeof spec === 'string' ? { path: spec } : spec
  if (!isDoc(s) || typeof s.path !== 'string' || !s.path.startsWith('$')) throw invalidParam('$unwind needs a "$field" path')
  const path = s.path.slice(1)
  const keepEmpty = s.preserveNullAndEmptyArrays === true
  const indexField = typeof s.includeArrayIndex === 'string' ? s.includeArrayIndex : undefined
  const out: Doc[] = []
  for (const d of docs) {
    const v = lookupBranches(d, splitPath(path))[0]
    if (Array.isArray(v) && v.length > 0) {
      v.forEach((el, i) => {
        const copy = cloneValue(d)
        setPath(copy, path, el)
        if (indexField) copy[indexField] = i
        out.push(copy)
      })
    } else if (v !== undefined && v !== null && !Array.isArray(v)) {
      const copy = cloneValue(d)
      if (indexField) copy[indexField] = null
      out.push(copy)
    } else if (keepEmpty) {
      const copy = cloneValue(d)
      if (indexField) copy[indexField] = null
      out.push(copy)
    }
  }
  return out
}

function lookup(docs: Doc[], spec: Value, read: CollectionReader): Doc[] {
  if (!isDoc(spec) || typeof spec.from !== 'string' || typeof spec.as !== 'string') throw invalidParam('$lookup needs from and as')
  if (typeof spec.localField !== 'string' || typeof spec.foreignField !== 'string') {
    throw invalidParam('$lookup supports only the localField/foreignField form')
  }
  const { from, as, localField, foreignField } = spec
  const foreign = read(from)
  return docs.map((d) => {
    const local = lookupBranches(d, splitPath(localField)).flatMap((v) => (Array.isArray(v) ? v : [v ?? null]))
    // Equality as a query `{foreignField: {$in: local values}}` (missing local matches null/missing).
    const pred = compileQuery({ [foreignField]: { $in: local } })
    return { ...d, [as]: foreign.filter(pred) }
  })
}

function count(docs: Doc[], spec: Value): Doc[] {
  if (typeof spec !== 'string' || spec === '' || spec.startsWith('$') || spec.includes('.')) throw invalidParam('$count needs a field name')
  return docs.length === 0 ? [] : [{ [spec]: docs.length }]
}

function nonNegativeInt(v: Value, stage: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${stage} needs a non-negative integer`)
  return v
}

export function runPipeline(collection: string, stages: Stage[], read: CollectionReader): Doc[] {
  // A leading $match is handed to the store so indexes narrow the scan.
  let rest = stages
  let docs: Doc[]
  if (stages.length > 0 && stages[0].key === '$match') {
    if (!isDoc(stages[0].value)) throw invalidParam('$match needs an object')
    docs = read(collection, stages[0].value)
    rest = stages.slice(1)
  } else {
    docs = read(collection)
  }
  for (const { key, value } of rest) {
    switch (key) {
      case '$match': {
        if (!isDoc(value)) throw invalidParam('$match needs an object')
        docs = docs.filter(compileQuery(value))
        break
      }
      case '$sort':
        if (!isDoc(value)) throw invalidParam('$sort needs an object')
        docs = sortBy(docs, (d) => d, parseOrder(value, '$sort'))
        break
      case '$skip':
        docs = docs.slice(nonNegativeInt(value, '$skip'))
        break
      case '$limit':
        docs = docs.slice(0, nonNegativeInt(value, '$limit'))
        break
      case '$project':
        docs = project(docs, value)
        break
      case '$addFields':
        if (!isDoc(value)) throw invalidParam('$addFields needs an object')
        docs = docs.map((d) => {
          const out = cloneValue(d)
          for (const k of Object.keys(value)) {
            const v = evalExpr(value[k], d)
            if (v !== undefined) setPath(out, k, v)
          }
          return out
        })
        break
      case '$group':
        docs = group(docs, value)
        break
      case '$count':
        docs = count(docs, value)
        break
      case '$unwind':
        docs = unwind(docs, value)
        break
      case '$lookup':
        docs = lookup(docs, value, read)
        break
      default:
        throw invalidParam(`aggregation stage ${key} is not supported`)
    }
  }
  return docs
}
