/**
 * Query matching with MongoDB semantics, which the WeChat cloud database follows:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.html
 * A query is compiled once per request into a predicate. Nested `where` objects arrive flattened
 * into dot paths and field-level `.and/.or/.nor` arrive hoisted (docs/cloudbase/database.md §3.1); a condition on a
 * path that holds an array matches when any element matches, as in MongoDB.
 *
 * Hand-written rather than mingo's Query, which differs from MongoDB on documented operators
 * (docs/decisions/local-db-mingo.md); `$expr` (db.command.expr) is evaluated by mingo and
 * `$jsonSchema` (db.command.jsonSchema) by Ajv (jsonschema.ts).
 */
import type { Options } from 'mingo/types'
import { invalidParam } from './errors'
import { jsonSchemaPredicate } from './jsonschema'
import { exprPredicate } from './mingo'
import { Doc, RegexValue, Value, compareValues, isDoc, lookupBranches, splitPath, typeRank, valuesEqual } from './values'

export type Predicate = (doc: Doc) => boolean
/** A condition on the value(s) one path reaches. */
type BranchTest = (branches: Array<Value | undefined>) => boolean
/** A condition on one candidate value (a branch, or an element of an array branch). */
type ValueTest = (v: Value | undefined) => boolean

function isOperatorObject(v: Value): v is Doc {
  if (!isDoc(v)) return false
  const keys = Object.keys(v)
  if (keys.length === 0 || !keys[0].startsWith('$')) return false
  for (const k of keys) {
    if (!k.startsWith('$')) throw invalidParam(`unknown operator in condition: cannot mix "${k}" with operators`)
  }
  return true
}

export function hasOperatorKeys(v: Value): boolean {
  return isDoc(v) && Object.keys(v).some((k) => k.startsWith('$'))
}

/** True when `test` holds for a branch or, for an array branch, for one of its elements. */
function anyExpanded(branches: Array<Value | undefined>, test: ValueTest): boolean {
  for (const b of branches) {
    if (test(b)) return true
    if (Array.isArray(b) && b.some((el) => test(el))) return true
  }
  return false
}

function equalsTest(target: Value): ValueTest {
  // `{f: null}` matches a missing field too.
  if (target === null) return (v) => v === null || v === undefined
  return (v) => v !== undefined && valuesEqual(v, target)
}

function regexTest(re: RegexValue): ValueTest {
  const rx = re.toRegExp()
  return (v) => typeof v === 'string' && rx.test(v)
}

/** `$in` members: regexes match by pattern (as MongoDB does), other values by equality. */
function memberTest(target: Value): ValueTest {
  return target instanceof RegexValue ? regexTest(target) : equalsTest(target)
}

function comparisonTest(op: string, target: Value): ValueTest {
  const rank = typeRank(target)
  const ok: (c: number) => boolean =
    op === '$lt' ? (c) => c < 0 : op === '$lte' ? (c) => c <= 0 : op === '$gt' ? (c) => c > 0 : (c) => c >= 0
  // Comparisons only match values of the same type bracket: `{$lt: 5}` never matches a string.
  return (v) => typeRank(v) === rank && ok(compareValues(v, target))
}

function numberArg(v: Value, what: string): number {
  if (typeof v !== 'number') throw invalidParam(`${what} needs a number`)
  return v
}

function arrayArg(v: Value, what: string): Value[] {
  if (!Array.isArray(v)) throw invalidParam(`${what} needs an array`)
  return v
}

function elemMatchTest(spec: Value): BranchTest {
  if (!isDoc(spec)) throw invalidParam('$elemMatch needs an object')
  const valueLevel =
    Object.keys(spec).length > 0 && Object.keys(spec).every((k) => k.startsWith('$') && !['$and', '$or', '$nor'].includes(k))
  if (valueLevel) {
    // `{$elemMatch: {$gte: 80, $lt: 85}}`: every operator applies to the same element.
    const test = operatorsTest(spec)
    return (branches) => branches.some((b) => Array.isArray(b) && b.some((el) => test([el])))
  }
  const pred = compile(spec, undefined, false)
  return (branches) => branches.some((b) => Array.isArray(b) && b.some((el) => isDoc(el) && pred(el)))
}

function operatorTest(op: string, arg: Value, siblings: Doc): BranchTest {
  switch (op) {
    case '$eq':
      return (b) => anyExpanded(b, equalsTest(arg))
    case '$ne': {
      const t = equalsTest(arg)
      return (b) => !anyExpanded(b, t)
    }
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte':
      return (b) => anyExpanded(b, comparisonTest(op, arg))
    case '$in': {
      const tests = arrayArg(arg, '$in').map(memberTest)
      return (b) => anyExpanded(b, (v) => tests.some((t) => t(v)))
    }
    case '$nin': {
      const tests = arrayArg(arg, '$nin').map(memberTest)
      return (b) => !anyExpanded(b, (v) => tests.some((t) => t(v)))
    }
    case '$exists': {
      const want = Boolean(arg)
      return (b) => b.some((v) => v !== undefined) === want
    }
    case '$size': {
      const n = numberArg(arg, '$size')
      return (b) => b.some((v) => Array.isArray(v) && v.length === n)
    }
    case '$all': {
      const list = arrayArg(arg, '$all')
      const isElemMatch = (v: Value) => isDoc(v) && Object.keys(v).length === 1 && Object.prototype.hasOwnProperty.call(v, '$elemMatch')
      if (list.some(isElemMatch)) {
        // `_.all([_.elemMatch(a), _.elemMatch(b)])`: some element matches a and some element matches b.
        if (!list.every(isElemMatch)) throw invalidParam('$all cannot mix $elemMatch with values')
        const tests = list.map((v) => elemMatchTest((v as Doc).$elemMatch))
        return (b) => tests.every((t) => t(b))
      }
      const tests = list.map(memberTest)
      // `$all: [a, b]` is `$and: [{f: a}, {f: b}]`; an empty list matches nothing.
      return (b) => tests.length > 0 && tests.every((t) => anyExpanded(b, t))
    }
    case '$elemMatch':
      return elemMatchTest(arg)
    case '$mod': {
      const [d, r] = arrayArg(arg, '$mod')
      if (typeof d !== 'number' || typeof r !== 'number' || Math.trunc(d) === 0) {
        throw invalidParam('$mod needs [divisor, remainder] with a non-zero divisor')
      }
      const div = Math.trunc(d)
      const rem = Math.trunc(r)
      return (b) => anyExpanded(b, (v) => typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) % div === rem)
    }
    case '$regex': {
      const options = siblings.$options
      if (options !== undefined && typeof options !== 'string') throw invalidParam('$options needs a string')
      let re: RegexValue
      if (arg instanceof RegexValue) re = options === undefined ? arg : new RegexValue(arg.pattern, options)
      else if (typeof arg === 'string') re = new RegexValue(arg, options ?? '')
      else throw invalidParam('$regex needs a string or regular expression')
      try {
        re.toRegExp()
      } catch (e) {
        throw invalidParam(`invalid regular expression: ${(e as Error).message}`)
      }
      return (b) => anyExpanded(b, regexTest(re))
    }
    case '$options':
      if (siblings.$regex === undefined) throw invalidParam('$options without $regex')
      return () => true
    case '$not': {
      const inner =
        arg instanceof RegexValue ? (b: Array<Value | undefined>) => anyExpanded(b, regexTest(arg)) : isDoc(arg) ? operatorsTest(arg) : null
      if (inner === null) throw invalidParam('$not needs an operator object or a regular expression')
      return (b) => !inner(b)
    }
    default:
      throw invalidParam(`query operator ${op} is not supported`)
  }
}

function operatorsTest(ops: Doc): BranchTest {
  const tests = Object.keys(ops).map((op) => operatorTest(op, ops[op], ops))
  return (b) => tests.every((t) => t(b))
}

/** The condition a query puts on one path: operators, a regex (pattern match) or a value (equality). */
function fieldTest(cond: Value): BranchTest {
  if (cond instanceof RegexValue) {
    const t = regexTest(cond)
    return (b) => anyExpanded(b, t)
  }
  if (isOperatorObject(cond)) return operatorsTest(cond)
  const t = equalsTest(cond)
  return (b) => anyExpanded(b, t)
}

/** A predicate over one value (for `$pull` conditions): `{$gte: 5}`, a regex or a plain value. */
export function compileValueCondition(cond: Value): (v: Value) => boolean {
  if (isDoc(cond) && !hasOperatorKeys(cond)) {
    // `$pull: {f: {a: 1}}` removes element documents that match `{a: 1}` as a query.
    const pred = compile(cond, undefined, false)
    return (v) => isDoc(v) && pred(v)
  }
  const test = fieldTest(cond)
  return (v) => test([v])
}

function logical(op: string, arg: Value, options: Options | undefined, topLevel: boolean): Predicate {
  if (!Array.isArray(arg) || arg.length === 0) throw invalidParam(`${op} needs a non-empty array of conditions`)
  const preds = arg.map((q) => {
    if (!isDoc(q)) throw invalidParam(`${op} needs an array of objects`)
    return compile(q, options, topLevel)
  })
  if (op === '$and') return (d) => preds.every((p) => p(d))
  if (op === '$or') return (d) => preds.some((p) => p(d))
  return (d) => !preds.some((p) => p(d))
}

/** `options` are mingo's for a `$expr` (an aggregation's, with `$lookup`'s `let` variables). */
export function compileQuery(query: Doc, options?: Options): Predicate {
  return compile(query, options, true)
}

/** `topLevel` is false inside `$elemMatch` and `$pull`, where MongoDB refuses `$expr`. */
function compile(query: Doc, options: Options | undefined, topLevel: boolean): Predicate {
  const preds: Predicate[] = []
  for (const key of Object.keys(query)) {
    const cond = query[key]
    if (key === '$and' || key === '$or' || key === '$nor') {
      preds.push(logical(key, cond, options, topLevel))
    } else if (key === '$expr' && topLevel) {
      preds.push(exprPredicate(cond, options))
    } else if (key === '$jsonSchema' && topLevel) {
      preds.push(jsonSchemaPredicate(cond))
    } else if (key.startsWith('$')) {
      throw invalidParam(`query operator ${key} is not supported`)
    } else {
      const parts = splitPath(key)
      const test = fieldTest(cond)
      preds.push((d) => test(lookupBranches(d, parts)))
    }
  }
  if (preds.length === 0) return () => true
  if (preds.length === 1) return preds[0]
  return (d) => preds.every((p) => p(d))
}
