/**
 * The seam to mingo (MongoDB's aggregation language over in-memory documents), used for aggregation
 * expressions, accumulators and pipeline stages, and for `$expr` in queries.
 *
 * Only operators CloudBase documents are registered: the ones wx-server-sdk's `db.command.aggregate`
 * builds (@cloudbase/database 1.4.3, `command.aggregate.*`), so anything else fails loudly as an
 * unknown operator (INVALID_PARAM) instead of running with semantics CloudBase does not promise.
 * Scripts (`$function`, `$accumulator`, `$where`) are off. Errors mingo raises for a malformed
 * request (`MingoError`) become INVALID_PARAM; any other error stays a loud internal error.
 */
import { Context, OpType, ProcessingMode, evalExpr } from 'mingo/core'
import * as accumulators from 'mingo/operators/accumulator'
import * as expressions from 'mingo/operators/expression'
import type { Options } from 'mingo/types'
import { MingoError } from 'mingo/util'
import { $dateToString, $isoWeekYear, $week } from './date-operators'
import { invalidParam } from './errors'
import { Doc, Value, compareValues, isDoc } from './values'

/**
 * `db.command.aggregate.*` of the SDK, by group, as mingo has them. This module's own, below:
 * `$indexOfCP` (mingo lacks it), `$indexOfBytes` (mingo counts UTF-16 units, not bytes),
 * `$mergeObjects` (mingo's expression form shadows its accumulator) and `$substrBytes`/`$substr` (mingo
 * refuses a negative length); date-operators.ts's: `$week`, `$isoWeekYear` and `$dateToString` (mingo
 * numbers weeks unlike MongoDB). `$meta` is refused as unknown: it reads the
 * score of a `$text` search, which does not exist here (nor geo).
 */
const EXPRESSION_OPERATORS = [
  'abs add ceil divide exp floor ln log log10 mod multiply pow sqrt subtract trunc',
  'arrayElemAt arrayToObject concatArrays filter in indexOfArray isArray map range reduce reverseArray size slice zip',
  'and not or cmp eq gt gte lt lte ne cond ifNull switch',
  'dateFromParts dateFromString dateToString dayOfMonth dayOfWeek dayOfYear isoDayOfWeek isoWeek isoWeekYear',
  'millisecond second minute hour week month year',
  'literal objectToArray let',
  'allElementsTrue anyElementTrue setDifference setEquals setIntersection setIsSubset setUnion',
  'concat split strLenBytes strLenCP strcasecmp substr substrBytes substrCP toLower toUpper',
  // Also accumulators; as expressions they take the first/last element of an array.
  'first last',
]
/** `$group` accumulators of the SDK; in expressions `$sum: [..]`, `$max: "$arr"`, … use these too. */
const ACCUMULATOR_OPERATORS = ['addToSet avg first last max mergeObjects min push stdDevPop stdDevSamp sum']

function pick<T>(all: Record<string, T>, groups: string[]): Record<`$${string}`, T> {
  const out: Record<`$${string}`, T> = {}
  for (const name of groups.flatMap((g) => g.split(' ').map((n) => `$${n}` as const))) {
    // A mingo upgrade that drops an operator must not silently shrink the supported set.
    if (all[name] === undefined) throw new Error(`mingo has no operator ${name}`)
    out[name] = all[name]
  }
  return out
}

type Operator = (obj: unknown, expr: unknown, options: Options) => unknown

/** Integer arguments 3 and 4 of `$indexOfCP`/`$indexOfBytes` (start and end), as MongoDB checks them. */
function bounds(op: string, start: unknown, end: unknown, length: number): [number, number] {
  const s = start ?? 0
  const e = end ?? length
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) throw invalidParam(`${op} needs a non-negative integer start`)
  if (typeof e !== 'number' || !Number.isInteger(e) || e < 0) throw invalidParam(`${op} needs a non-negative integer end`)
  return [s, Math.min(e, length)]
}

function indexOfArgs(op: string, obj: unknown, expr: unknown, options: Options): [string, string, unknown, unknown] | null {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw invalidParam(`${op} needs [string, substring, start?, end?]`)
  const [str, search, start, end] = evalExpr(obj as object, expr, options) as unknown[]
  if (str === null || str === undefined) return null
  if (typeof str !== 'string' || typeof search !== 'string') throw invalidParam(`${op} needs a string and a substring`)
  return [str, search, start, end]
}

/** `$indexOfCP`: the code point index of the first occurrence, or -1 (MongoDB's definition). */
const $indexOfCP: Operator = (obj, expr, options) => {
  const args = indexOfArgs('$indexOfCP', obj, expr, options)
  if (args === null) return null
  const str = [...args[0]]
  const search = [...args[1]]
  const [start, end] = bounds('$indexOfCP', args[2], args[3], str.length)
  for (let i = start; i + search.length <= end; i++) {
    if (search.every((c, j) => str[i + j] === c)) return i
  }
  return -1
}

/** `$indexOfBytes`: the UTF-8 byte index of the first occurrence, or -1. */
const $indexOfBytes: Operator = (obj, expr, options) => {
  const args = indexOfArgs('$indexOfBytes', obj, expr, options)
  if (args === null) return null
  const bytes = Buffer.from(args[0], 'utf8')
  const [start, end] = bounds('$indexOfBytes', args[2], args[3], bytes.length)
  if (start > end) return -1
  const at = bytes.subarray(start, end).indexOf(Buffer.from(args[1], 'utf8'))
  return at < 0 ? -1 : at + start
}

/** A UTF-8 continuation byte (10xxxxxx): no character starts there. */
const continuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80

/**
 * `$substrBytes` and its alias `$substr`, as MongoDB's server answers: a negative length takes the
 * rest of the string (CloudBase's own SDK tests send `$.substr(['$birthday', 8, -1])`), an end past
 * the string stops at its end and a start at or past it gives ''; mingo refused all three. A negative
 * start, or a start or end inside a UTF-8 character, is refused as MongoDB refuses it.
 */
const $substrBytes: Operator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) throw invalidParam('$substrBytes needs [string, start, length]')
  const [str, start, length] = evalExpr(obj as object, expr, options) as unknown[]
  if (typeof start !== 'number' || !Number.isInteger(start)) throw invalidParam('$substrBytes needs an integer start')
  if (typeof length !== 'number' || !Number.isInteger(length)) throw invalidParam('$substrBytes needs an integer length')
  if (start < 0) throw invalidParam('$substrBytes: starting index must be non-negative')
  if (str === null || str === undefined) return ''
  if (typeof str !== 'string') throw invalidParam('$substrBytes needs a string')
  const bytes = Buffer.from(str, 'utf8')
  if (continuation(bytes[start])) throw invalidParam('$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  const end = length < 0 ? bytes.length : Math.min(bytes.length, start + length)
  if (continuation(bytes[end])) throw invalidParam('$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  return start >= bytes.length ? '' : bytes.subarray(start, end).toString('utf8')
}

/**
 * `$mergeObjects`: in `$group` the accumulator (each document's value of the expression, merged in
 * order: `{$mergeObjects: {k: '$x'}}` or `'$field'`), elsewhere the expression over its list.
 * mingo registers one name for both and its accumulator ignores the expression.
 */
const $mergeObjects: Operator = (obj, expr, options) => {
  const local = (options as { local?: { root?: unknown; groupId?: unknown } }).local
  const inGroup = Array.isArray(obj) && local !== undefined && local.root === obj && Object.prototype.hasOwnProperty.call(local, 'groupId')
  if (inGroup) {
    const values = (accumulators.$push as Operator)(obj, expr, options)
    return (accumulators.$mergeObjects as Operator)(values, null, options)
  }
  return (expressions.$mergeObjects as Operator)(obj, expr, options)
}

/**
 * `$stdDevPop` / `$stdDevSamp` over the numbers among the values: null without numbers (or with one,
 * for the sample deviation), as MongoDB answers; mingo answers NaN there.
 */
function deviation(sampled: boolean): Operator {
  const op = sampled ? accumulators.$stdDevSamp : accumulators.$stdDevPop
  return (coll, expr, options) => {
    const numbers = ((accumulators.$push as Operator)(coll, expr, options) as unknown[]).filter((v) => typeof v === 'number')
    return numbers.length < (sampled ? 2 : 1) ? null : (op as Operator)(numbers, null, options)
  }
}

/** Aggregation order: a missing value sorts below null, then BSON type order (values.ts). */
function exprCompare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  return compareValues(a as Value, b as Value)
}

/**
 * `$cmp`, `$eq`, `$ne`, `$gt`, … as MongoDB evaluates them in expressions: both arguments compared
 * whole in BSON order across types (`$gt: [3, '$missing']` is true, an array is not searched for an
 * element). mingo's versions use query semantics (same type only, any array element).
 */
function comparison(op: string, test: (c: number) => boolean | number): Operator {
  return (obj, expr, options) => {
    if (!Array.isArray(expr) || expr.length !== 2) throw invalidParam(`${op} needs an array of two expressions`)
    const [a, b] = evalExpr(obj as object, expr, options) as unknown[]
    return test(exprCompare(a, b))
  }
}
const comparisons = {
  $cmp: comparison('$cmp', (c) => c),
  $eq: comparison('$eq', (c) => c === 0),
  $ne: comparison('$ne', (c) => c !== 0),
  // The SDK's `$.neq` sends `$neq`, CloudBase's name for MongoDB's `$ne`.
  $neq: comparison('$neq', (c) => c !== 0),
  $gt: comparison('$gt', (c) => c > 0),
  $gte: comparison('$gte', (c) => c >= 0),
  $lt: comparison('$lt', (c) => c < 0),
  $lte: comparison('$lte', (c) => c <= 0),
}

/** Expressions and accumulators; aggregate.ts adds the pipeline stages on top of it. */
export const expressionContext = Context.init({
  expression: {
    ...pick(expressions as unknown as Record<string, never>, EXPRESSION_OPERATORS),
    ...comparisons,
    $indexOfCP,
    $indexOfBytes,
    $mergeObjects,
    $substr: $substrBytes,
    $substrBytes,
    $week,
    $isoWeekYear,
    $dateToString,
  } as never,
  accumulator: {
    ...pick(accumulators as unknown as Record<string, never>, ACCUMULATOR_OPERATORS),
    $stdDevPop: deviation(false),
    $stdDevSamp: deviation(true),
  } as never,
})

export function mingoOptions(context: Context, extra: Partial<Options> = {}): Options {
  return {
    context,
    idKey: '_id',
    scriptEnabled: false,
    useStrictMode: true,
    failOnError: true,
    processingMode: ProcessingMode.CLONE_OFF,
    ...extra,
  }
}

/**
 * Refuses `$$NOW`: mingo would read the host's clock, not the local cloud's (which tests move), and
 * CloudBase does not document it.
 */
export function checkNoNow(v: Value): void {
  if (typeof v === 'string' && v.startsWith('$$NOW')) throw invalidParam('the variable $$NOW is not supported')
  if (Array.isArray(v)) for (const x of v) checkNoNow(x)
  else if (isDoc(v)) for (const k of Object.keys(v)) checkNoNow(v[k])
}

/** Runs mingo, turning its refusals of a malformed request into INVALID_PARAM. */
export function viaMingo<T>(run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (e instanceof MingoError) throw invalidParam(e.message)
    throw e
  }
}

/**
 * Refuses an unknown operator anywhere in an expression up front, so a request fails the same way
 * whether or not some document reaches the operator (mingo only looks operators up when evaluating).
 */
export function checkExpression(expr: Value, context: Context = expressionContext): void {
  if (Array.isArray(expr)) {
    for (const x of expr) checkExpression(x, context)
    return
  }
  if (!isDoc(expr)) return
  const keys = Object.keys(expr)
  if (keys.length > 0 && keys[0].startsWith('$')) {
    const op = keys[0]
    if (keys.length !== 1) throw invalidParam(`an expression object must hold one operator, got ${keys.join(', ')}`)
    if (context.getOperator(OpType.EXPRESSION, op) === null && context.getOperator(OpType.ACCUMULATOR, op) === null) {
      throw invalidParam(`aggregation operator ${op} is not supported`)
    }
    if (op !== '$literal') checkExpression(expr[op], context)
    return
  }
  for (const k of keys) checkExpression(expr[k], context)
}

/** MongoDB truthiness of an expression's result: false, null, missing and 0 are false. */
function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0)
}

/** `{$expr: …}` in a query (`db.command.expr`): the document matches when the expression is truthy. */
export function exprPredicate(expr: Value, options?: Options): (doc: Doc) => boolean {
  checkExpression(expr, options?.context ?? expressionContext)
  checkNoNow(expr)
  const opts = options ?? mingoOptions(expressionContext)
  return (doc) => truthy(viaMingo(() => evalExpr(doc, expr, opts)))
}
